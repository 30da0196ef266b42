"""Strict / lax precision, recall and F1 (Sennrich & Volk 2010, Vecalign's scorer)."""

from __future__ import annotations

import pytest

from compare.align.base import Alignment, Link
from compare.align.evaluate import (
    MatchCounts,
    count_matches,
    score_alignment,
    score_corpus,
)
from compare.errors import ConfigurationError

GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3, 4), (3,)), ((), (4,))]


def test_identical_alignments_score_one():
    for conv in ("vecalign", "count", "ignore"):
        s = score_alignment(GOLD, GOLD, null_links=conv)
        assert (s.precision_strict, s.recall_strict, s.f1_strict) == (1.0, 1.0, 1.0)
        assert (s.precision_lax, s.recall_lax, s.f1_lax) == (1.0, 1.0, 1.0)


def test_accepts_links_and_alignment():
    links = [Link(s, t, score=0.3) for s, t in GOLD]
    assert score_alignment(Alignment(links=links), GOLD).f1_strict == 1.0


# Prediction against GOLD, hand-checked link by link:
#   [0]:[0]       strict (and lax)
#   [1]:[1]       lax only: overlaps gold [1]:[1,2] on both sides
#   []:[2]        wrong null link: no match (null links never match laxly)
#   [2]:[]        strict
#   [3]:[3]       lax only: overlaps gold [3,4]:[3]
#   [4]:[4]       no match: gold has 4 in [3,4]:[3] and [4] in []:[4]
TEST = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ()), ((3,), (3,)), ((4,), (4,))]


@pytest.mark.parametrize(
    "conv, counts",
    [
        # precision over 6 predicted links: strict 2 ([0]:[0], [2]:[]), lax 4.
        # recall over the 3 non-null gold links, against non-null predictions:
        #   [0]:[0] strict; [1]:[1,2] lax (with [1]:[1]); [3,4]:[3] lax.
        ("vecalign", MatchCounts(6, 2, 4, 3, 1, 3)),
        # recall over all 5 gold links: [2]:[] strict as well; []:[4] missed.
        ("count", MatchCounts(6, 2, 4, 5, 2, 4)),
        # null links dropped everywhere: 4 predictions (1 strict, 3 lax), 3 gold.
        ("ignore", MatchCounts(4, 1, 3, 3, 1, 3)),
    ],
)
def test_counts_by_convention(conv, counts):
    assert count_matches(GOLD, TEST, null_links=conv) == counts


@pytest.mark.parametrize(
    "conv, p_s, r_s, p_l, r_l",
    [
        ("vecalign", 2 / 6, 1 / 3, 4 / 6, 3 / 3),
        ("count", 2 / 6, 2 / 5, 4 / 6, 4 / 5),
        ("ignore", 1 / 4, 1 / 3, 3 / 4, 3 / 3),
    ],
)
def test_scores_by_convention(conv, p_s, r_s, p_l, r_l):
    s = score_alignment(GOLD, TEST, null_links=conv)
    assert s.precision_strict == pytest.approx(p_s)
    assert s.recall_strict == pytest.approx(r_s)
    assert s.f1_strict == pytest.approx(2 * p_s * r_s / (p_s + r_s))
    assert s.precision_lax == pytest.approx(p_l)
    assert s.recall_lax == pytest.approx(r_l)
    assert s.f1_lax == pytest.approx(2 * p_l * r_l / (p_l + r_l))
    assert s.null_links == conv


@pytest.mark.parametrize(
    "gold, test, expected",
    [
        # (P strict, R strict, P lax, R lax)
        ([((0,), (0,))], [((0,), (0,))], (1.0, 1.0, 1.0, 1.0)),
        # index order and duplicates do not matter
        ([((0, 1), (0,))], [((1, 0), (0,)), ((0, 1), (0,))], (1.0, 1.0, 1.0, 1.0)),
        # a 2-1 gold predicted as 1-1 + 1-0: the 1-1 is a lax hit, the 1-0 nothing
        ([((0, 1), (0,))], [((0,), (0,)), ((1,), ())], (0.0, 0.0, 0.5, 1.0)),
        # a 1-0 gold not predicted costs no recall under the Vecalign convention
        ([((0,), (0,)), ((1,), ())], [((0, 1), (0,))], (0.0, 0.0, 1.0, 1.0)),
        # overlap on one side only is not a lax match
        ([((0,), (0,)), ((1,), (1,))], [((0,), (1,)), ((1,), (0,))], (0.0, 0.0, 0.0, 0.0)),
        # links empty on both sides are ignored
        ([((0,), (0,)), ((), ())], [((0,), (0,)), ((), ())], (1.0, 1.0, 1.0, 1.0)),
        # nothing to divide by: 0.0, as in Vecalign
        ([], [], (0.0, 0.0, 0.0, 0.0)),
        ([((0,), (0,))], [], (0.0, 0.0, 0.0, 0.0)),
    ],
)
def test_small_cases(gold, test, expected):
    s = score_alignment(gold, test)
    assert (s.precision_strict, s.recall_strict, s.precision_lax, s.recall_lax) == pytest.approx(
        expected
    )


def test_corpus_pools_counts():
    doc1 = ([((0,), (0,)), ((1,), (1,))], [((0,), (0,)), ((1,), (1,))])  # 2/2
    doc2 = ([((0,), (0,)), ((1,), (1,))], [((0, 1), (0, 1))])  # 0/1 strict
    s = score_corpus([doc1, doc2])
    assert s.counts == MatchCounts(3, 2, 3, 4, 2, 4)
    assert s.precision_strict == pytest.approx(2 / 3)  # micro, not (1 + 0) / 2
    assert s.recall_strict == pytest.approx(2 / 4)
    assert s.f1_lax == pytest.approx(1.0)


def test_counts_add():
    assert MatchCounts(1, 2, 3, 4, 5, 6) + MatchCounts(1, 1, 1, 1, 1, 1) == MatchCounts(
        2, 3, 4, 5, 6, 7
    )


def test_unknown_convention():
    with pytest.raises(ConfigurationError):
        score_alignment(GOLD, GOLD, null_links="sometimes")
    with pytest.raises(ConfigurationError):
        score_corpus([], null_links="sometimes")


def test_as_dict_is_json_ready():
    import json

    d = score_alignment(GOLD, TEST).as_dict()
    assert json.loads(json.dumps(d))["counts"]["n_test"] == 6
