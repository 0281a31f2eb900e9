"""Relevance measures over a ranked list of result keys and the graded judgements of a query.

Both take ``ranked``, the keys (titles) of the results in the order the engine gave them, and
``grades``, a dict key -> grade: 2 = must be among the first three, 1 = relevant. Keys that
are not judged have grade 0. Pure Python, no Django: the unit tests compute them by hand.
"""

import math

MUST = 2
HIT_DEPTH = 3
NDCG_DEPTH = 10


def must_items(grades):
    """The items a query must show first: those with the highest grade (``MUST``)."""
    return {key for key, grade in grades.items() if grade >= MUST}


def hit_at_3(ranked, grades):
    """Top-3 hit for one query: True when at least one must-item (grade 2) is among the first
    three results. A query without must-items counts as a miss (the judgements forbid it).

    The top-3 hit rate of a set of queries is the share of its queries with a top-3 hit
    (``mean`` of these booleans), between 0 and 1.
    """
    must = must_items(grades)
    return any(key in must for key in ranked[:HIT_DEPTH])


def dcg(gains):
    """Discounted cumulative gain of gains in rank order: sum of gain_i / log2(i + 1), i from 1."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_10(ranked, grades):
    """nDCG@10 for one query: the DCG of the first ten results, with the grade as the gain
    (linear gains, unjudged results gain 0; a key counted once even if repeated), divided by
    the ideal DCG: the judged grades sorted high to low, first ten. 1.0 is a perfect order,
    0.0 nothing relevant on the first page. Without judged items the ideal is 0 and so is nDCG.
    """
    seen, gains = set(), []
    for key in ranked[:NDCG_DEPTH]:
        gains.append(0 if key in seen else grades.get(key, 0))
        seen.add(key)
    ideal = dcg(sorted(grades.values(), reverse=True)[:NDCG_DEPTH])
    return dcg(gains) / ideal if ideal else 0.0


def mean(values):
    values = [float(value) for value in values]
    return sum(values) / len(values) if values else 0.0
