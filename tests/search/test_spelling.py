""" "Did you mean" on the database engine stays cheap at a large vocabulary and keeps finding
the right word (security review #10, item 11). Timings are in tests/benchmarks/spelling_bench.py."""

import difflib
import random

import pytest

from search import spelling
from search.spelling import MAX_CANDIDATES, MAX_WORDS, Vocabulary, suggest

from .helpers import run

SYLLABLES = (
    "ver",
    "re",
    "ken",
    "be",
    "stuur",
    "ge",
    "meen",
    "schap",
    "fu",
    "sie",
    "sa",
    "men",
    "wer",
    "king",
    "raad",
    "voor",
    "stel",
    "dienst",
    "le",
    "ning",
    "fi",
    "nan",
    "cien",
    "on",
    "der",
    "zoek",
    "ont",
    "ling",
)


@pytest.fixture(scope="module")
def large_vocabulary():
    """50,000 made-up Dutch-looking words plus the real ones the assertions look for."""
    rng = random.Random(2026)
    vocabulary = {"verrekenmodel", "gemeenschappelijke", "bestuurskrachtonderzoek", "regeling"}
    while len(vocabulary) < 50_000:
        vocabulary.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 6))))
    return Vocabulary(vocabulary)


@pytest.fixture
def comparisons(monkeypatch):
    """Counts the words difflib compares a query word with."""
    compared = []
    original = difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        compared.append(len(possibilities))
        return original(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(spelling.difflib, "get_close_matches", counting)
    return compared


@pytest.mark.parametrize(
    "typo,meant",
    [
        ("verekenmodel", "verrekenmodel"),  # a letter dropped
        ("gerrekenmodel", "verrekenmodel"),  # the first letter wrong
        ("verrekenmdoel", "verrekenmodel"),  # two letters swapped
        ("gemeenschapelijke", "gemeenschappelijke"),
        ("bestuurskrachtonderzeok", "bestuurskrachtonderzoek"),
    ],
)
def test_suggests_the_right_word_comparing_only_a_few_candidates(large_vocabulary, comparisons, typo, meant):
    assert suggest(f"{typo} regeling", large_vocabulary) == f"{meant} regeling"
    assert comparisons and max(comparisons) <= MAX_CANDIDATES
    assert len(large_vocabulary) == 50_000


def test_the_same_suggestion_as_comparing_with_every_word(large_vocabulary):
    rng = random.Random(7)
    for word in rng.sample(large_vocabulary.words, 8):
        typo = word[:3] + word[4:] if len(word) > 6 else word + "x"
        full_scan = difflib.get_close_matches(typo, large_vocabulary.words, n=1, cutoff=spelling.CUTOFF)
        if not large_vocabulary.is_known(typo):
            assert large_vocabulary.closest(typo) == (full_scan[0] if full_scan else None), typo


def test_only_the_first_few_unknown_words_are_looked_up(large_vocabulary, comparisons):
    query = " ".join(f"onbekendwoord{letter}xq" for letter in "abcdefghijklmnopqrstuvwxyz")
    suggest(query, large_vocabulary)
    assert len(comparisons) == MAX_WORDS


def test_known_and_short_words_are_left_alone(large_vocabulary, comparisons):
    assert suggest("verrekenmodel gr", large_vocabulary) == ""
    assert comparisons == []


def test_the_database_engine_suggests_through_the_bounded_lookup(database_engine, comparisons):
    results = run("q=verekenmodel")
    assert results.corrected_query == "verrekenmodel"
    assert comparisons and max(comparisons) <= MAX_CANDIDATES
