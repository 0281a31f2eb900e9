"""The relevance floor: the judged set (tests/relevance/judgements.json) on every engine of
this run must keep at least the top-3 hit rate and nDCG@10 below, so a ranking regression
fails the suite. ``make relevance`` runs this module to print and save the figures.

With RELEVANCE_REPORT_DIR set, each engine's full report is written there as <engine>.json
before the floor is checked.
"""

import json
import os
from pathlib import Path

from tests.relevance.evaluate import describe_failures, evaluate

# What each engine achieves (68 queries). When the set was written, before the file text,
# Snowball stems, compounds, fuzziness and FTS5: 0.706/0.696 on Elasticsearch, 0.721/0.691 on
# PostgreSQL, 0.662/0.655 on SQLite. After that work (2026-11-26): 0.956/0.958, 1.000/0.956
# and 0.971/0.962; the floors are those rounded down to 0.05 (PostgreSQL's top-3 rate kept at
# 0.95, one query of slack). Raise them in the change that earns it (`make relevance` prints
# the figures); never lower them to make a change pass.
FLOORS = {
    "elasticsearch": {"top3_hit_rate": 0.95, "ndcg_at_10": 0.95},
    "postgresql": {"top3_hit_rate": 0.95, "ndcg_at_10": 0.95},
    "sqlite": {"top3_hit_rate": 0.95, "ndcg_at_10": 0.95},
}


def save_report(report):
    folder = os.environ.get("RELEVANCE_REPORT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        path = Path(folder) / f"{report['engine']}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def test_judged_queries_stay_above_the_floor(engine):
    report = evaluate()
    save_report(report)
    floor = FLOORS[report["engine"]]
    below = {
        measure: f"{report[measure]:.3f} < {minimum:.2f}"
        for measure, minimum in floor.items()
        if report[measure] < minimum
    }
    assert not below, (
        f"Relevance on {report['engine']} fell below its floor: {below}. "
        f"Queries without a must-item in the top 3:\n{describe_failures(report)}"
    )
