"""Runs the judged set (``judgements.json``) through ``KnowledgeSearch`` on the engine that
answers now, and measures it: per query the ranks of the judged items and the two measures,
over all queries the top-3 hit rate and the mean nDCG@10 (see ``metrics``).

Used by the floor test (tests/search/test_relevance_floor.py) and so by ``make relevance``.
"""

import json
from pathlib import Path

from django.db import connection
from django.http import QueryDict

from search.query import SearchRequest
from search.service import KnowledgeSearch

from .metrics import NDCG_DEPTH, hit_at_3, mean, must_items, ndcg_at_10

JUDGEMENTS = Path(__file__).with_name("judgements.json")


def load_queries(path=JUDGEMENTS):
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def engine_name(results):
    """ "elasticsearch", or the database engine named by its database: "postgresql", "sqlite"."""
    return results.engine if results.engine != "database" else connection.vendor


def request_for(query):
    """The request the search page would make for a judged query (URL parameters and all)."""
    params = QueryDict(mutable=True)
    if query.get("q"):
        params["q"] = query["q"]
    for name, values in query.get("filters", {}).items():
        params.setlist(name, values)
    request = SearchRequest.from_querydict(params)
    request.page_size = NDCG_DEPTH
    return request


def run_query(query):
    """One judged query: what came back and how it measures."""
    results = KnowledgeSearch().search(request_for(query))
    if results.fallback:
        raise RuntimeError("Elasticsearch is configured but did not answer: the figures would be the database's")
    ranked = [hit.title for hit in results.hits]
    grades = query["relevant"]
    return {
        "id": query["id"],
        "category": query["category"],
        "q": query.get("q", ""),
        "filters": query.get("filters", {}),
        "engine": engine_name(results),
        "total": results.total,
        "top": ranked,
        # 1-based rank on the first page of every judged item, None when it is not there
        "ranks": {key: ranked.index(key) + 1 if key in ranked else None for key in grades},
        "missing_must": sorted(key for key in must_items(grades) if key not in ranked[:3]),
        "hit_at_3": hit_at_3(ranked, grades),
        "ndcg_at_10": round(ndcg_at_10(ranked, grades), 4),
    }


def evaluate(queries=None):
    """Every judged query on the engine that answers now; the summary and the per-query rows."""
    rows = [run_query(query) for query in (load_queries() if queries is None else queries)]
    engines = {row["engine"] for row in rows}
    return {
        "engine": engines.pop() if len(engines) == 1 else "mixed",
        "queries": len(rows),
        "top3_hit_rate": round(mean(row["hit_at_3"] for row in rows), 4),
        "ndcg_at_10": round(mean(row["ndcg_at_10"] for row in rows), 4),
        "failing": [row["id"] for row in rows if not row["hit_at_3"]],
        "per_query": rows,
    }


def describe_failures(report):
    """One line per query without a top-3 hit: what was asked, what came first instead."""
    lines = []
    for row in report["per_query"]:
        if not row["hit_at_3"]:
            asked = row["q"] or json.dumps(row["filters"], ensure_ascii=False)
            lines.append(f"  [{row['category']}] {row['id']} ({asked!r}): top 3 {row['top'][:3]}")
    return "\n".join(lines)
