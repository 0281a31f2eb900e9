""" "Did you mean" on the database engine: cost per query at a 50,000-word vocabulary
(not part of the test suite).

Compares the bounded lookup of ``search.spelling`` (trigram candidates, at most MAX_CANDIDATES
difflib comparisons per unknown word) with what it replaced (difflib over the whole vocabulary
for every unknown word), on the same synthetic vocabulary and misspellings, and prints the
latency percentiles of both, the build time of the index, and how often both give the same
suggestion. Needs no database or Elasticsearch::

    .venv/bin/python tests/benchmarks/spelling_bench.py [--words 50000] [--queries 200]

The machine is shared (2 cores): figures depend on what else runs.
"""

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search.spelling import CUTOFF, Vocabulary, suggest
from search.text import stem, words

SYLLABLES = (
    "ver",
    "re",
    "ken",
    "be",
    "stuur",
    "ge",
    "meen",
    "schap",
    "ambt",
    "fu",
    "sie",
    "sa",
    "men",
    "wer",
    "king",
    "or",
    "ga",
    "ni",
    "sa",
    "tie",
    "raad",
    "voor",
    "stel",
    "dienst",
    "ver",
    "le",
    "ning",
    "fi",
    "nan",
    "cien",
    "per",
    "so",
    "neel",
    "on",
    "der",
    "zoek",
    "e",
    "va",
    "lu",
    "a",
    "bes",
    "luit",
    "kracht",
    "ont",
    "wik",
    "ke",
    "ling",
    "in",
    "rich",
    "ting",
    "par",
    "ti",
    "ci",
    "pa",
    "bur",
    "ger",
    "ten",
    "sten",
)


def synthetic_vocabulary(size, seed):
    rng = random.Random(seed)
    vocabulary = {"verrekenmodel", "gemeenschappelijke", "bestuurskrachtonderzoek"}
    while len(vocabulary) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 6)))
        if len(word) > 3:
            vocabulary.add(word)
    return sorted(vocabulary)


def misspell(word, rng):
    position = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "swap", "replace"))
    if kind == "drop":
        return word[:position] + word[position + 1 :]
    if kind == "double":
        return word[:position] + word[position] + word[position:]
    if kind == "swap":
        return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]
    return word[:position] + rng.choice("aeiounrst") + word[position + 1 :]


def full_scan_suggest(query, vocabulary, known_stems):
    """The previous implementation: difflib against every word for each unknown word."""
    corrected, changed = [], False
    for word in words(query):
        if len(word) > 3 and stem(word) not in known_stems:
            match = difflib.get_close_matches(word, vocabulary, n=1, cutoff=CUTOFF)
            if match:
                corrected.append(match[0])
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else ""


def percentiles(timings):
    ordered = sorted(timings)
    pick = lambda share: ordered[min(len(ordered) - 1, int(share * len(ordered)))]  # noqa: E731
    return f"p50 {pick(0.5) * 1000:8.1f} ms   p95 {pick(0.95) * 1000:8.1f} ms   max {ordered[-1] * 1000:8.1f} ms"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    word_list = synthetic_vocabulary(args.words, args.seed)
    started = time.perf_counter()
    vocabulary = Vocabulary(word_list)
    build = time.perf_counter() - started
    known_stems = frozenset(stem(word) for word in word_list)
    # Queries of one to three words, each misspelt (some beyond repair, some not at all).
    queries = [
        " ".join(misspell(rng.choice(word_list), rng) for _ in range(rng.randint(1, 3))) for _ in range(args.queries)
    ]
    new_times, old_times, same = [], [], 0
    for query in queries:
        started = time.perf_counter()
        new = suggest(query, vocabulary)
        new_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        old = full_scan_suggest(query, word_list, known_stems)
        old_times.append(time.perf_counter() - started)
        same += new == old
    print(f'"Did you mean" (database engine), {len(word_list):,} words, {len(queries)} misspelt queries of 1-3 words')
    print(f"  trigram index built once per vocabulary in {build * 1000:.0f} ms")
    print(f"  bounded (search.spelling):   {percentiles(new_times)}")
    print(f"  full difflib scan (before):  {percentiles(old_times)}")
    print(f"  same suggestion as the full scan: {same}/{len(queries)} ({100 * same / len(queries):.0f}%)")
    print(f"  mean speed-up: {statistics.mean(old_times) / statistics.mean(new_times):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
