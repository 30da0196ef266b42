"""Strict and lax precision / recall / F1 of an alignment against gold links.

The measures are those of Sennrich & Volk (2010), as computed by Vecalign's
``score.py`` and reused by Bertalign, so that our numbers can be set next to the
published ones:

* **strict**: a link counts as correct only if the same link (same source
  indices, same target indices) is in the other alignment;
* **lax**: a link counts as correct if some link of the other alignment shares
  at least one source sentence *and* at least one target sentence with it.

Precision looks at each predicted link against the gold links; recall at each
gold link against the predicted links. Links are compared as sets (a duplicate
counts once) and index order inside a link does not matter.

Links with an empty side (1-0 omissions, 0-1 additions) need a convention,
chosen with ``null_links``:

``"vecalign"`` (default)
    What Vecalign's ``score.py`` does. Precision is computed over *all*
    predicted links against *all* gold links; recall over the gold links with
    both sides non-empty, against the predicted links with both sides
    non-empty. So a wrong 1-0/0-1 prediction costs precision, but a missed gold
    1-0/0-1 costs no recall. Use it to compare with published figures.
``"count"``
    Null links count on both sides: recall is computed over all gold links too.
    Use it when omissions and additions are what you are after (they are, for
    divergence detection): a missed gold 1-0 lowers recall.
``"ignore"``
    Null links are removed from both alignments before scoring.

Under every convention a null link can only match strictly: it has no sentence
on one side, so it cannot overlap anything there, and its lax match equals its
strict match.

For several documents, :func:`score_corpus` pools the counts before dividing
(micro-average), as Vecalign does. A ratio with a zero denominator is 0.0
(Vecalign's default), so scoring two empty alignments gives 0.0, not 1.0.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Iterable, Literal, Sequence, Union

from compare.align.base import Alignment, Link
from compare.errors import ConfigurationError

__all__ = [
    "NULL_LINK_CONVENTIONS",
    "MatchCounts",
    "AlignmentScore",
    "count_matches",
    "scores_from_counts",
    "score_alignment",
    "score_corpus",
]

NullLinks = Literal["vecalign", "count", "ignore"]
NULL_LINK_CONVENTIONS: tuple[str, ...] = ("vecalign", "count", "ignore")

LinkLike = Union[Link, tuple[Sequence[int], Sequence[int]]]
Links = Union[Alignment, Iterable[LinkLike]]
_Key = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class MatchCounts:
    """Raw counts behind the scores; add them up across documents with ``+``.

    ``n_test`` / ``n_gold`` are the links that precision / recall divide by
    (after deduplication and the null-link convention).
    """

    n_test: int = 0
    test_strict: int = 0  # predicted links identical to a gold link
    test_lax: int = 0  # predicted links overlapping a gold link on both sides
    n_gold: int = 0
    gold_strict: int = 0  # gold links identical to a predicted link
    gold_lax: int = 0  # gold links overlapping a predicted link on both sides

    def __add__(self, other: "MatchCounts") -> "MatchCounts":
        if not isinstance(other, MatchCounts):
            return NotImplemented
        return MatchCounts(*(a + b for a, b in zip(asdict(self).values(), asdict(other).values(), strict=True)))


@dataclass(frozen=True)
class AlignmentScore:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    counts: MatchCounts
    null_links: str = "vecalign"

    def as_dict(self) -> dict:
        """Plain dict (counts nested), e.g. for JSON output."""
        return asdict(self)


def _key(link: LinkLike) -> _Key:
    if isinstance(link, Link):
        src, tgt = link.src, link.tgt
    else:
        src, tgt = link
    return tuple(sorted(src)), tuple(sorted(tgt))


def _keys(links: Links) -> set[_Key]:
    items = links.links if isinstance(links, Alignment) else links
    # A link empty on both sides carries nothing; every scorer drops it.
    return {k for k in map(_key, items) if k[0] or k[1]}


def _is_null(key: _Key) -> bool:
    return not key[0] or not key[1]


def _matches(candidates: set[_Key], reference: set[_Key]) -> tuple[int, int]:
    """How many candidate links match a reference link strictly / laxly."""
    by_src: dict[int, set[int]] = defaultdict(set)
    by_tgt: dict[int, set[int]] = defaultdict(set)
    for n, (src, tgt) in enumerate(reference):
        for i in src:
            by_src[i].add(n)
        for j in tgt:
            by_tgt[j].add(n)

    strict = lax = 0
    for cand in candidates:
        if cand in reference:
            strict += 1
            lax += 1
            continue
        src, tgt = cand
        on_src = set().union(*(by_src.get(i, ()) for i in src)) if src else set()
        if not on_src or not tgt:
            continue
        if any(by_tgt.get(j, set()) & on_src for j in tgt):
            lax += 1
    return strict, lax


def _check_convention(null_links: str) -> None:
    if null_links not in NULL_LINK_CONVENTIONS:
        raise ConfigurationError(
            f"unknown null_links convention {null_links!r}; "
            f"choose one of {', '.join(NULL_LINK_CONVENTIONS)}"
        )


def count_matches(gold: Links, test: Links, null_links: NullLinks = "vecalign") -> MatchCounts:
    """Count strict and lax matches of one predicted alignment against gold.

    ``gold`` and ``test`` are ``Alignment`` objects or iterables of ``Link`` or
    ``(src_indices, tgt_indices)`` pairs.
    """
    _check_convention(null_links)
    gold_keys, test_keys = _keys(gold), _keys(test)
    if null_links == "ignore":
        gold_keys = {k for k in gold_keys if not _is_null(k)}
        test_keys = {k for k in test_keys if not _is_null(k)}

    p_strict, p_lax = _matches(test_keys, gold_keys)

    if null_links == "vecalign":
        recall_gold = {k for k in gold_keys if not _is_null(k)}
        recall_test = {k for k in test_keys if not _is_null(k)}
    else:
        recall_gold, recall_test = gold_keys, test_keys
    r_strict, r_lax = _matches(recall_gold, recall_test)

    return MatchCounts(
        n_test=len(test_keys),
        test_strict=p_strict,
        test_lax=p_lax,
        n_gold=len(recall_gold),
        gold_strict=r_strict,
        gold_lax=r_lax,
    )


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores_from_counts(counts: MatchCounts, null_links: NullLinks = "vecalign") -> AlignmentScore:
    """Turn (possibly pooled) counts into precision / recall / F1."""
    ps = _ratio(counts.test_strict, counts.n_test)
    pl = _ratio(counts.test_lax, counts.n_test)
    rs = _ratio(counts.gold_strict, counts.n_gold)
    rl = _ratio(counts.gold_lax, counts.n_gold)
    return AlignmentScore(
        precision_strict=ps,
        recall_strict=rs,
        f1_strict=_f1(ps, rs),
        precision_lax=pl,
        recall_lax=rl,
        f1_lax=_f1(pl, rl),
        counts=counts,
        null_links=null_links,
    )


def score_alignment(gold: Links, test: Links, null_links: NullLinks = "vecalign") -> AlignmentScore:
    """Strict and lax P/R/F1 of ``test`` against ``gold`` for one document."""
    return scores_from_counts(count_matches(gold, test, null_links), null_links)


def score_corpus(
    pairs: Iterable[tuple[Links, Links]], null_links: NullLinks = "vecalign"
) -> AlignmentScore:
    """Micro-averaged scores over ``(gold, test)`` pairs, one per document."""
    _check_convention(null_links)
    total = MatchCounts()
    for gold, test in pairs:
        total = total + count_matches(gold, test, null_links)
    return scores_from_counts(total, null_links)
