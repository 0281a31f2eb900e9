"""``make relevance``'s last step: the per-engine reports of the floor test runs (one JSON file
per engine in a folder) as one table on the terminal and one JSON file.

    python -m tests.relevance.summary .reports/relevance .reports/relevance.json
"""

import json
import sys
from pathlib import Path

ENGINES = ("elasticsearch", "postgresql", "sqlite")


def read_reports(folder):
    reports = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in Path(folder).glob("*.json")}
    return {name: reports[name] for name in sorted(reports, key=lambda n: (ENGINES + (n,)).index(n))}


def table(reports):
    lines = [f"{'engine':<14} {'queries':>7} {'top-3 hit rate':>15} {'nDCG@10':>8}  failing (no must-item in top 3)"]
    for name, report in reports.items():
        lines.append(
            f"{name:<14} {report['queries']:>7} {report['top3_hit_rate']:>15.3f} {report['ndcg_at_10']:>8.3f}"
            f"  {len(report['failing'])}"
        )
    for name, report in reports.items():
        lines.append(f"\n{name}: {len(report['failing'])} failing")
        for row in report["per_query"]:
            if not row["hit_at_3"]:
                asked = row["q"] or json.dumps(row["filters"], ensure_ascii=False)
                lines.append(f"  {row['category']:<10} {row['id']:<42} {asked}")
    return "\n".join(lines)


def main(folder, output):
    reports = read_reports(folder)
    if not reports:
        print(f"No relevance reports in {folder}: did the test runs fail to start?", file=sys.stderr)
        return 1
    print(table(reports))
    missing = [name for name in ENGINES if name not in reports]
    if missing:
        print(f"\nNot measured: {', '.join(missing)}", file=sys.stderr)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(json.dumps(reports, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nWritten to {output}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
