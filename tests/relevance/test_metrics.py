"""The relevance measures on examples worked out by hand."""

import pytest

from tests.relevance.metrics import dcg, hit_at_3, mean, ndcg_at_10

GRADES = {"A": 2, "B": 1, "C": 1}


def test_hit_at_3_needs_a_must_item_in_the_first_three():
    assert hit_at_3(["X", "Y", "A", "B"], GRADES)
    assert not hit_at_3(["X", "Y", "Z", "A"], GRADES)  # fourth is too late
    assert not hit_at_3(["B", "C", "X"], GRADES)  # relevant, but no must-item
    assert not hit_at_3([], GRADES)


def test_hit_rate_is_the_share_of_queries_with_a_hit():
    assert mean([True, False, True, True]) == 0.75
    assert mean([]) == 0.0


def test_dcg_uses_the_log2_discount():
    # 2/log2(2) + 0/log2(3) + 1/log2(4) = 2 + 0 + 0.5
    assert dcg([2, 0, 1]) == pytest.approx(2.5)


def test_ndcg_of_a_worked_example():
    # DCG:   X=0, A=2/log2(3)=1.26186, B=1/log2(4)=0.5, Y=0, C=1/log2(6)=0.38685 -> 2.14871
    # ideal: 2/log2(2)=2, 1/log2(3)=0.63093, 1/log2(4)=0.5                       -> 3.13093
    assert ndcg_at_10(["X", "A", "B", "Y", "C"], GRADES) == pytest.approx(2.14871 / 3.13093, abs=1e-4)


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_relevant_results():
    assert ndcg_at_10(["A", "B", "C", "X"], GRADES) == pytest.approx(1.0)
    # Reversed: 1/log2(2) + 1/log2(3) + 2/log2(4) = 1 + 0.63093 + 1 = 2.63093, over 3.13093
    assert ndcg_at_10(["C", "B", "A"], GRADES) == pytest.approx(0.84030, abs=1e-4)
    assert ndcg_at_10(["X", "Y"], GRADES) == 0.0
    assert ndcg_at_10(["A"], {}) == 0.0


def test_ndcg_counts_only_the_first_ten_and_each_key_once():
    ranked = [f"X{i}" for i in range(10)] + ["A"]
    assert ndcg_at_10(ranked, GRADES) == 0.0
    # A repeated must-item gains once: 2/log2(2) only -> 2 / 3.13093
    assert ndcg_at_10(["A", "A"], GRADES) == pytest.approx(2 / 3.13093, abs=1e-4)
