"""The DP aligner on synthetic vectors with known answers (no encoder needed)."""

import numpy as np
import pytest

from compare.align.base import AlignInput
from compare.align.dp import DPAligner, DPSettings

DIM = 64


def _unit(v):
    return v / np.linalg.norm(v)


def build(spec, seed=0):
    """spec: list of link kinds like "1-1", "1-2", "2-1", "1-0", "0-1".

    Each link gets its own random "meanings"; a side with two sentences splits
    the meaning into two parts whose sum is the other side's vector.
    """
    rng = np.random.default_rng(seed)
    # Real multilingual encoders put every cosine in a high band; a shared
    # component reproduces that (random pairs ~0.8, translations ~0.95).
    common = _unit(rng.normal(size=DIM)) * 2.0
    src, tgt, gold = [], [], []
    for kind in spec:
        a, b = map(int, kind.split("-"))
        parts = [rng.normal(size=DIM) / np.sqrt(DIM) for _ in range(max(a + b - 1, 1))]
        whole = _unit(sum(parts) + common)
        s_idx = tuple(range(len(src), len(src) + a))
        t_idx = tuple(range(len(tgt), len(tgt) + b))
        for side, k, flip in ((src, a, False), (tgt, b, True)):
            if k == 1:
                side.append(("x" * 80, _unit(whole + rng.normal(scale=0.01, size=DIM))))
            elif k > 1:
                # the two sides split the meaning at different points (so 2-2 is not two 1-1)
                order = np.arange(len(parts))[::-1] if flip else np.arange(len(parts))
                for c in np.array_split(order, k):
                    side.append(("x" * (80 // k), _unit(sum(parts[i] for i in c) + common / k)))
        gold.append((s_idx, t_idx))
    def inp(side):
        return AlignInput([t for t, _ in side], [0] * len(side), np.array([v for _, v in side], dtype=np.float32))
    return inp(src), inp(tgt), gold


@pytest.mark.parametrize(
    "spec",
    [
        ["1-1"] * 12,
        ["1-1"] * 5 + ["1-2"] + ["1-1"] * 5,
        ["1-1"] * 5 + ["2-1"] + ["1-1"] * 5,
        ["1-1"] * 6 + ["1-0"] + ["1-1"] * 6,
        ["1-1"] * 6 + ["0-1"] + ["1-1"] * 6,
        ["1-1"] * 4 + ["1-3"] + ["1-1"] * 3 + ["3-1"] + ["1-1"] * 4,
        ["1-1"] * 4 + ["2-2"] + ["1-1"] * 4,
    ],
    ids=["all-1-1", "1-2", "2-1", "omission", "addition", "1-3 and 3-1", "2-2"],
)
def test_recovers_known_links(spec):
    src, tgt, gold = build(spec)
    alignment = DPAligner().align(src, tgt)
    got = [(link.src, link.tgt) for link in alignment.links]
    assert got == gold


def test_links_cover_every_sentence_once_in_order():
    src, tgt, _ = build(["1-1", "1-2", "1-0", "1-1", "0-1", "2-1", "1-1"], seed=3)
    links = DPAligner().align(src, tgt).links
    assert [i for link in links for i in link.src] == list(range(len(src.sentences)))
    assert [j for link in links for j in link.tgt] == list(range(len(tgt.sentences)))


def test_banded_search_matches_full_search_on_long_document():
    spec = (["1-1"] * 40 + ["1-2"] + ["1-1"] * 30 + ["1-0"]) * 6
    src, tgt, gold = build(spec, seed=7)
    full = DPAligner().align(src, tgt)
    banded = DPAligner(DPSettings(full_search_cells=1000)).align(src, tgt)
    assert full.stats["search"] == "full" and banded.stats["search"] == "banded"
    assert banded.stats["coarse_levels"] >= 2  # 432 x 432 cells, pooled by 4 twice before 1,000 cells
    assert banded.stats["cells"] < full.stats["cells"] / 3
    assert [(l.src, l.tgt) for l in banded.links] == [(l.src, l.tgt) for l in full.links]
    assert [(l.src, l.tgt) for l in full.links] == gold


def test_empty_side_gives_only_null_links():
    src, _, _ = build(["1-1"] * 3)
    empty = AlignInput([], [], np.zeros((0, DIM), dtype=np.float32))
    links = DPAligner().align(src, empty).links
    assert [(l.src, l.tgt) for l in links] == [((0,), ()), ((1,), ()), ((2,), ())]


def test_scores_are_in_unit_interval_and_similarity_set_for_linked_pairs():
    src, tgt, _ = build(["1-1", "1-2", "1-0", "1-1"], seed=5)
    for link in DPAligner().align(src, tgt).links:
        assert 0.0 <= link.score <= 1.0
        assert (link.similarity is None) == (not link.src or not link.tgt)
