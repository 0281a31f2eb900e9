"""The search benchmark's report: the scenarios, the targets of the search issue, percentiles,
and the table printed next to those targets (see search_bench.py)."""

SCENARIOS = ("text", "text+3 facets", "facets only", "file text")


TARGETS = {
    # (engine, layer or "index") -> (bound, unit, scale the target is set for)
    ("elasticsearch", "engine"): (50, "p95 ms", 100_000),
    ("elasticsearch", "page"): (150, "p95 ms", 100_000),
    ("database", "page"): (300, "p95 ms", 10_000),
    ("elasticsearch", "index"): (2000, "items/s", 100_000),
}


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def judge(engine, layer, value, corpus_items):
    target = TARGETS.get((engine, layer))
    if target is None:
        return "", ""
    bound, unit, scale = target
    met = value >= bound if unit == "items/s" else value <= bound
    text = f"{'≥' if unit == 'items/s' else '≤'} {bound:,} {unit.split()[-1]}"
    verdict = "met" if met else "NOT MET"
    if corpus_items < scale * 0.95:
        verdict += f" (corpus < {scale:,})"
    return text, verdict


def summarise(corpus):
    rows = []
    items = corpus["prepare"]["items"]
    for layer, source in (("engine", corpus.get("engine_latency", {})), ("page", corpus.get("page_latency", {}))):
        for name in SCENARIOS:
            if name not in source:
                continue
            timings = source[name]["ms"]
            stats = {f"p{p}": round(percentile(timings, p), 1) for p in (50, 95, 99)}
            target, verdict = judge(corpus["engine"], layer, stats["p95"], items)
            wrong = len(source[name].get("not_matching_engine", []))
            if wrong:
                verdict += f" ({wrong} pages without the engine's first hit!)"
            rows.append(
                {
                    "corpus_items": items,
                    "engine": corpus.get("label", corpus["engine"]),
                    "layer": layer,
                    "scenario": name,
                    "n": len(timings),
                    **stats,
                    "mean": round(sum(timings) / len(timings), 1),
                    "mean_hits": round(source[name].get("mean_total", float("nan")), 1),
                    "target": target,
                    "verdict": verdict,
                }
            )
    return rows


def print_report(report):
    print()
    print(f"Search benchmarks, {report['started']} on {report['machine']}")
    print(f"Load average before: {report['load_before']}, after: {report['load_after']}")
    for corpus in report["corpora"]:
        prep = corpus["prepare"]
        print(
            f"\n{corpus.get('label', corpus['engine'])}: {prep['items']:,} items "
            f"({prep['pages']:,} searchable pages: demo content + "
            f"{corpus['scale']:,} synthetic), {corpus['database']}"
            + (
                f", index {prep['index']['index']} "
                f"({'Dutch analysis' if prep['index']['dutch_analysis'] else 'standard analyzer'})"
                if "index" in prep
                else ""
            )
        )
        seed, first = prep["seed"], prep.get("first_run", {})
        if seed["added"]:
            print(
                f"  seed_demo --scale {corpus['scale']}: {seed['added']:,} pages added in {seed['seconds']:.1f} s "
                f"({seed['added'] / seed['seconds']:.0f} pages/s)"
            )
        else:
            print(
                f"  seed_demo --scale {corpus['scale']}: already seeded (checked in {seed['seconds']:.1f} s)"
                + (
                    f"; first run added {first['seed']['added']:,} pages in {first['seed']['seconds']:.0f} s "
                    f"({first['seed']['added'] / first['seed']['seconds']:.0f} pages/s, {first['seed']['measured']})"
                    if "seed" in first
                    else ""
                )
            )
        derive = prep["derive"]
        if derive.get("skipped"):
            last = first.get("derive")
            print(
                "  derive items: skipped, items present (BENCH_REDERIVE=1 to time it)"
                + (
                    f"; last full derivation {last['items']:,} items in {last['seconds']:.0f} s "
                    f"({last['items'] / last['seconds']:.0f} items/s, {last['measured']})"
                    if last
                    else ""
                )
            )
        else:
            print(
                f"  derive items ({derive['mode']}): {derive['items']:,} in {derive['seconds']:.1f} s "
                f"({derive['items'] / derive['seconds']:.0f} items/s)"
            )
        files = prep.get("file_text")
        if files:
            print(
                f"  file text: {files['items']:,} items ({files['share']:.0%}), {files['total_mb']:,.0f} MB, "
                f"{files['mean_kb']:.1f} KB and {files['mean_pages']:.1f} pages per file on average; "
                f"full-text index: {prep['fulltext']}"
            )
        if "index" in prep:
            index = prep["index"]
            rate = index["documents"] / index["seconds"]
            target, verdict = judge("elasticsearch", "index", rate, prep["items"])
            print(
                f"  Elasticsearch index build (rebuild_index): {index['documents']:,} items "
                f"in {index['seconds']:.1f} s = "
                f"{rate:,.0f} items/s (bulk phase {index['documents'] / index['bulk_seconds']:,.0f} items/s); "
                f"target {target}: {verdict}"
            )
    rows = [row for corpus in report["corpora"] for row in corpus["rows"]]
    if not rows:
        return
    header = ("items", "engine", "layer", "scenario", "n", "hits", "p50 ms", "p95 ms", "p99 ms", "target p95", "")
    table = [header] + [
        (
            f"{row['corpus_items']:,}",
            row["engine"],
            row["layer"],
            row["scenario"],
            str(row["n"]),
            f"{row['mean_hits']:,.0f}" if row["mean_hits"] == row["mean_hits"] else "",
            f"{row['p50']:.1f}",
            f"{row['p95']:.1f}",
            f"{row['p99']:.1f}",
            row["target"],
            row["verdict"],
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print()
    for number, line in enumerate(table):
        print(
            "  ".join(
                cell.rjust(width) if i in (0, 4, 5, 6, 7, 8) else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=False))
            ).rstrip()
        )
        if number == 0:
            print("  ".join("-" * width for width in widths))
    print(
        "\nengine = KnowledgeSearch().search() in one process; page = HTTP GET /zoeken/ on gunicorn "
        f"({report['gunicorn_workers']} workers, production settings, DEBUG off), one request at a time; "
        "hits = mean number of results (engine layer); file text = words found only inside files."
    )
