"""Text extraction benchmark (``make bench-search``; not part of the test suite).

How fast a worker reads the text of uploaded files, and how much memory it needs for a long
PDF: the files are made with the demo's own makers (``cms.demo.files``) from realistic Dutch
text (``cms.demo.synthetic_text``), and read with ``cms.document_text.extract_text`` under the
limits of the settings (``cms.file_text.limits_from_settings``), exactly as the background task
reads an upload.

* throughput: a PDF of ``--pages`` (200) A4 pages, and DOCX, ODT, XLSX and PPTX files holding
  the same paragraphs, each read ``--repeat`` (3) times; the median time gives pages/s (for the
  formats without pages: pages of the PDF with the same text per second) and MB of text per s;
* peak memory: a fresh worker process (Django set up, as ``manage.py db_worker`` would be)
  reads the 200-page PDF once and exits. Reported as its peak resident set size, measured by
  the parent with ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after it exited (the first
  and only child waited for at that point), next to the same process's peak before reading
  (Django and the readers imported), and the Python allocation peak of the read alone
  (``tracemalloc``, in a second child: tracing slows the read down).

Run::

    .venv/bin/python tests/benchmarks/extraction_bench.py [--pages 200] [--repeat 3]

Writes ``.bench/extraction.json`` (``BENCH_EXTRACTION_OUTPUT``) and the PDF it read
(``.bench/extraction-<pages>.pdf``). The machine is shared (2 cores): figures depend on what
else runs.
"""

import argparse
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BENCH_DIR = PROJECT / ".bench"
FORMATS = ("pdf", "docx", "odt", "xlsx", "pptx")


def setup_django():
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.dev")
    import django

    django.setup()


def paragraphs_for(pages):
    """Realistic paragraphs, and the PDF made of them, with exactly ``pages`` pages."""
    from pypdf import PdfReader

    from cms.demo.files import make_pdf
    from cms.demo.synthetic import SENTENCES, SUBJECTS
    from cms.demo.synthetic_text import file_text

    title = "Evaluatie van de ambtelijke samenwerking"
    collaborations = [("BAR-organisatie", "BAR", ["Barendrecht", "Albrandswaard", "Ridderkerk"])]

    def page_count(count):
        return len(PdfReader(io.BytesIO(make_pdf(title, paragraphs[:count]))).pages)

    paragraphs, number = [], 0
    while not paragraphs or page_count(len(paragraphs)) < pages:
        for _ in range(max(pages // 10, 1)):  # about 6 pages of text per file
            number += 1
            text, _ = file_text(number, SUBJECTS, SENTENCES, collaborations)
            paragraphs += text.replace("\n\n", "\n").split("\n")
    # The fewest paragraphs that fill ``pages`` pages (binary search).
    low, high = 1, len(paragraphs)
    while low < high:
        middle = (low + high) // 2
        if page_count(middle) >= pages:
            high = middle
        else:
            low = middle + 1
    paragraphs = paragraphs[:low]
    return paragraphs, make_pdf(title, paragraphs)


def throughput(paragraphs, pdf, pages, repeat):
    from cms.demo.files import make_document
    from cms.document_text import extract_text
    from cms.file_text import limits_from_settings

    limits = limits_from_settings()
    rows = []
    for extension in FORMATS:
        data = pdf if extension == "pdf" else make_document(extension, "Evaluatie", paragraphs)
        timings, result = [], None
        for _ in range(repeat):
            started = time.perf_counter()
            result = extract_text(data, extension, limits)
            timings.append(time.perf_counter() - started)
        seconds = statistics.median(timings)
        rows.append(
            {
                "format": extension,
                "file_kb": round(len(data) / 1024),
                "pages": pages if extension == "pdf" else None,
                "text_chars": len(result.text),
                "status": result.status,
                "reason": result.reason,
                "seconds": [round(value, 3) for value in timings],
                "median_seconds": round(seconds, 3),
                # Formats without pages: PDF pages of the same text per second.
                "pages_per_second": round(pages / seconds, 1),
                "text_mb_per_second": round(len(result.text) / 1e6 / seconds, 2),
            }
        )
        print(f"  {extension}: {rows[-1]['pages_per_second']} pages/s ({result.status})", flush=True)
    return rows, limits


def child_read(path, trace):
    """In a fresh worker: read the PDF at ``path`` once; print JSON about it."""
    setup_django()
    import pypdf  # noqa: F401  (imported before the baseline, as in a warm worker)

    from cms.document_text import extract_text
    from cms.file_text import limits_from_settings

    data = Path(path).read_bytes()
    before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    result = extract_text(data, "pdf", limits_from_settings())
    seconds = time.perf_counter() - started
    out = {"before_read_mb": before_kb / 1024, "seconds": seconds, "status": result.status, "chars": len(result.text)}
    if trace:
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    print(json.dumps(out))


def run_child(path, trace):
    done = subprocess.run(
        [sys.executable, __file__, "_read", str(path), "trace" if trace else "plain"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    BENCH_DIR.mkdir(exist_ok=True)
    started = datetime.now().isoformat(timespec="seconds")
    load_before = os.getloadavg()
    setup_django()
    print(f"Building a {args.pages}-page PDF of Dutch text...", flush=True)
    paragraphs, pdf = paragraphs_for(args.pages)
    path = BENCH_DIR / f"extraction-{args.pages}.pdf"
    path.write_bytes(pdf)

    # Memory first: RUSAGE_CHILDREN is the peak of the largest child waited for so far, and
    # this is the first child.
    print("Peak memory of a worker reading it...", flush=True)
    plain = run_child(path, trace=False)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    traced = run_child(path, trace=True)
    memory = {
        "pdf_pages": args.pages,
        "pdf_kb": round(len(pdf) / 1024),
        "worker_peak_rss_mb": round(peak_mb, 1),
        "worker_rss_before_read_mb": round(plain["before_read_mb"], 1),
        "read_seconds": round(plain["seconds"], 2),
        "tracemalloc_peak_mb": round(traced["tracemalloc_peak_mb"], 1),
        "status": plain["status"],
        "method": "peak RSS: resource.getrusage(RUSAGE_CHILDREN).ru_maxrss of a child process that "
        "set up Django and read the PDF once; tracemalloc: Python allocations during the read, second child",
    }
    print("Throughput...", flush=True)
    rows, limits = throughput(paragraphs, pdf, args.pages, args.repeat)
    report = {
        "started": started,
        "machine": f"{platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_before": " ".join(f"{value:.2f}" for value in load_before),
        "load_after": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "limits": vars(limits) if hasattr(limits, "__dict__") else str(limits),
        "paragraphs": len(paragraphs),
        "throughput": rows,
        "memory": memory,
    }
    print_report(report)
    output = Path(os.environ.get("BENCH_EXTRACTION_OUTPUT") or BENCH_DIR / "extraction.json")
    output.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nResults: {output}")


def print_report(report):
    print(f"\nText extraction, {report['started']} on {report['machine']}")
    print(f"Load average before: {report['load_before']}, after: {report['load_after']}")
    header = ("format", "file KB", "text chars", "median s", "pages/s", "text MB/s", "status")
    table = [header] + [
        (
            row["format"],
            f"{row['file_kb']:,}",
            f"{row['text_chars']:,}",
            f"{row['median_seconds']:.3f}",
            f"{row['pages_per_second']:,.1f}",
            f"{row['text_mb_per_second']:.2f}",
            row["status"],
        )
        for row in report["throughput"]
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print()
    for number, line in enumerate(table):
        cells = zip(line, widths, strict=True)
        print("  ".join(cell.rjust(w) if 0 < i < 6 else cell.ljust(w) for i, (cell, w) in enumerate(cells)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    memory = report["memory"]
    print(
        f"\npages/s for DOCX, ODT, XLSX and PPTX: pages of the PDF with the same text "
        f"({report['paragraphs']} paragraphs) per second.\n"
        f"Worker reading the {memory['pdf_pages']}-page PDF ({memory['pdf_kb']:,} KB) once: peak RSS "
        f"{memory['worker_peak_rss_mb']:.0f} MB (of which {memory['worker_rss_before_read_mb']:.0f} MB before the "
        f"read: Python, Django, pypdf), read in {memory['read_seconds']:.1f} s; Python allocations during the read "
        f"(tracemalloc) peak at {memory['tracemalloc_peak_mb']:.1f} MB."
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "_read":
        child_read(sys.argv[2], sys.argv[3] == "trace")
    else:
        main()
