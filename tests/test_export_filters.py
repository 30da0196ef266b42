"""Filters: each decision on its own, their order, their counts, and bad settings."""

from __future__ import annotations

import math

import pytest

from compare.errors import ConfigurationError
from compare.export.filters import FilterChain, FilterSettings, length_ratio
from compare.export.records import FlagRecord, PairRecord


def pair(index, src=None, tgt=None, score=0.9, kind="1-1", severity=None, checks=True):
    src = f"Phrase numéro {index}." if src is None else src
    tgt = f"Sentence number {index}." if tgt is None else tgt
    flags = (FlagRecord("numbers", "c", severity, 1.0, "m"),) if severity else ()
    src_idx = () if kind == "0-1" else (index,)
    tgt_idx = () if kind == "1-0" else (index,)
    return PairRecord("d", index, kind, src_idx, tgt_idx, score, None, (0, len(src)), (0, len(tgt)), src, tgt,
                      flags if checks else None)


PAIRS = [
    pair(0),                                           # clean
    pair(1, tgt="", kind="1-0", score=0.0),            # omission
    pair(2, score=0.2),                                # low score
    pair(3, severity="minor"),
    pair(4, severity="major"),
    pair(5, src="Court.", tgt="A much, much longer sentence than its source."),  # ratio 7.5
    pair(6, src="Phrase  numéro 0.", tgt="Sentence\nnumber 0. "),  # pair 0 once whitespace is normalised
]


@pytest.mark.parametrize(
    "settings, kept, removed",
    [
        (FilterSettings(), [0, 1, 2, 3, 4, 5, 6], {}),
        (FilterSettings(drop_unaligned=True), [0, 2, 3, 4, 5, 6], {"unaligned": 1}),
        (FilterSettings(min_score=0.5), [0, 3, 4, 5, 6], {"min_score": 2}),
        (FilterSettings(drop_flagged="major"), [0, 1, 2, 3, 5, 6], {"flagged": 1}),
        (FilterSettings(drop_flagged="minor"), [0, 1, 2, 5, 6], {"flagged": 2}),
        (FilterSettings(max_length_ratio=2.0), [0, 1, 2, 3, 4, 6], {"length_ratio": 1}),
        (FilterSettings(min_length_ratio=0.5), [0, 2, 3, 4, 5, 6], {"length_ratio": 1}),  # the omission's ratio is 0
        (FilterSettings(min_length_ratio=0.5, max_length_ratio=2.0), [0, 2, 3, 4, 6], {"length_ratio": 2}),
        (FilterSettings(dedup=True), [0, 1, 2, 3, 4, 5], {"duplicate": 1}),
        # in order, each pair counted once against the first filter that drops it
        (
            FilterSettings(drop_unaligned=True, min_score=0.5, drop_flagged="major", max_length_ratio=2.0, dedup=True),
            [0, 3],
            {"unaligned": 1, "min_score": 1, "flagged": 1, "length_ratio": 1, "duplicate": 1},
        ),
    ],
)
def test_filters_keep_and_count(settings, kept, removed):
    chain = FilterChain(settings)
    result = chain.apply(PAIRS)
    assert [p.index for p in result] == kept
    assert {k: v for k, v in chain.removed.items() if v} == removed
    assert chain.counts() == {"pairs": len(PAIRS), "kept": len(kept), "removed": chain.removed}


def test_dedup_keeps_the_first_clean_copy_across_documents():
    chain = FilterChain(FilterSettings(min_score=0.5, dedup=True))
    first = chain.apply([pair(1, score=0.1), pair(0)])  # the low-score copy must not hide the good one
    second = chain.apply([pair(1), pair(0)])  # pair 1's first clean copy; pair 0 again
    assert [p.index for p in first] == [0] and [p.index for p in second] == [1]
    assert chain.removed == {"min_score": 1, "duplicate": 1}


@pytest.mark.parametrize(
    "src, tgt, ratio",
    [("abcd", "ab", 0.5), ("a  b", "a b c", 5 / 3), ("", "x", math.inf), ("x", "", 0.0)],
)
def test_length_ratio_counts_characters_with_whitespace_runs_as_one(src, tgt, ratio):
    assert length_ratio(pair(0, src=src, tgt=tgt)) == pytest.approx(ratio)


def test_drop_flagged_without_checks_is_a_configuration_error():
    chain = FilterChain(FilterSettings(drop_flagged="major"))
    with pytest.raises(ConfigurationError, match="--no-checks"):
        chain.apply([pair(0, checks=False)])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"min_score": 1.5}, "--min-score"),
        ({"min_score": -0.1}, "--min-score"),
        ({"drop_flagged": "severe"}, "--drop-flagged"),
        ({"max_length_ratio": 0}, "--max-length-ratio"),
        ({"min_length_ratio": float("nan")}, "--min-length-ratio"),
        ({"min_length_ratio": 3.0, "max_length_ratio": 2.0}, "above"),
    ],
)
def test_bad_filter_settings_are_refused(kwargs, message):
    with pytest.raises(ConfigurationError, match=message):
        FilterSettings(**kwargs)
