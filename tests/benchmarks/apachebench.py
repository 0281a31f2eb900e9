"""ApacheBench (``ab``, Debian package apache2-utils) as the page benchmark's load generator:
one run against one URL, and its figures read from ab's report and its ``-e`` percentile CSV.

ab is a small C program, so on this 2-core machine it takes far less CPU from the server it
measures than a Python client would.
"""

import re
import shutil
import subprocess
import tempfile

INSTALL_HINT = "ApacheBench (ab) is missing: install it with `apt-get install apache2-utils`."
FIGURES = {
    "complete": re.compile(r"^Complete requests:\s+(\d+)", re.M),
    "failed": re.compile(r"^Failed requests:\s+(\d+)", re.M),
    "non_2xx": re.compile(r"^Non-2xx responses:\s+(\d+)", re.M),
    "rps": re.compile(r"^Requests per second:\s+([\d.]+)", re.M),
    "seconds": re.compile(r"^Time taken for tests:\s+([\d.]+)", re.M),
}
# "Failed requests" also counts answers whose length differs from the first one (-l keeps
# those out, a CSRF token differs per answer); what is left are real failures.
FAILURE_KINDS = re.compile(r"\(Connect: (\d+), Receive: (\d+), Length: (\d+), Exceptions: (\d+)\)")


class BenchError(RuntimeError):
    """A measurement that must not be reported as a figure: an error answer or a failed run."""


def ab_path():
    """The ab executable, or None."""
    return shutil.which("ab")


def parse_report(report):
    """The figures of ab's text report: complete, failed, non_2xx, rps, seconds."""
    figures = {name: pattern.search(report) for name, pattern in FIGURES.items()}
    if figures["complete"] is None or figures["rps"] is None:
        raise BenchError(f"ab printed no figures:\n{report}")
    out = {name: float(match.group(1)) if match else 0.0 for name, match in figures.items()}
    for name in ("complete", "failed", "non_2xx"):
        out[name] = int(out[name])
    kinds = FAILURE_KINDS.search(report)
    if kinds:
        connect, receive, _length, exceptions = (int(value) for value in kinds.groups())
        out["failed"] = connect + receive + exceptions
    return out


def parse_percentiles(csv_text):
    """{percentage: milliseconds} from ab's ``-e`` file ("Percentage served,Time in ms")."""
    percentiles = {}
    for line in csv_text.splitlines()[1:]:
        percentage, _, milliseconds = line.partition(",")
        if percentage.strip().isdigit():
            percentiles[int(percentage)] = float(milliseconds)
    # On a few requests ab rounds a high percentile's rank up to one past its last timing and
    # prints what lies there (0): that rank is the slowest request.
    slowest = percentiles.get(100, 0.0)
    for percentage in range(1, 100):
        value = percentiles.get(percentage)
        if value is not None and not percentiles.get(percentage - 1, 0.0) <= value <= slowest:
            percentiles[percentage] = slowest
    return percentiles


def run(url, requests, concurrency, seconds, cookie=None):
    """ab against ``url``: at most ``requests`` requests and at most ``seconds`` seconds, with
    ``concurrency`` at a time. Returns rps, p50, p95 (ms), complete and the failure counts;
    raises BenchError when any answer was not a 2xx or a request failed."""
    command = [ab_path() or "ab", "-q", "-l", "-t", str(seconds), "-n", str(requests), "-c", str(concurrency)]
    if cookie:
        command += ["-C", cookie]
    with tempfile.NamedTemporaryFile("r", suffix=".csv") as percentiles_file:
        command += ["-e", percentiles_file.name, url]
        process = subprocess.run(command, capture_output=True, text=True)
        if process.returncode != 0:
            raise BenchError(f"ab failed on {url}: {process.stderr.strip() or process.stdout.strip()}")
        figures = parse_report(process.stdout)
        percentiles = parse_percentiles(percentiles_file.read())
    figures.update(p50=percentiles.get(50), p95=percentiles.get(95), concurrency=concurrency)
    if figures["non_2xx"] or figures["failed"]:
        raise BenchError(
            f"{url} at c={concurrency}: {figures['non_2xx']} non-2xx answers and {figures['failed']} "
            f"failed requests of {figures['complete']}"
        )
    return figures
