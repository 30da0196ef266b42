"""The second pass of the DP aligner: real embeddings of joined spans (``refine``)."""

import numpy as np

from compare.align.base import AlignInput, Link
from compare.align.dp import DPAligner, DPSettings, _neighbour_similarity, _path_windows

DIM = 48


def _unit(v):
    return v / np.linalg.norm(v)


class FakeSpanEncoder:
    """Joined texts -> vectors: a fixed vector for chosen spans, the normalised sum of the parts elsewhere."""

    def __init__(self, sentence_vectors: dict[str, np.ndarray], special: dict[str, np.ndarray]):
        self.sentence_vectors = sentence_vectors
        self.special = special
        self.seen: list[str] = []

    def __call__(self, texts):
        self.seen.extend(texts)
        out = []
        for text in texts:
            if text in self.special:
                out.append(self.special[text])
            else:
                parts = text.split(" ")
                out.append(_unit(sum(self.sentence_vectors[p] for p in parts)))
        return np.array(out, dtype=np.float32)


def _pair(seed=0, n=12, split_at=5):
    """n source sentences, n + 1 target: all 1-1 except source ``split_at`` -> two target sentences.

    The two target halves' vectors resemble the neighbouring sentences, not the
    source (think of a sentence cut in the middle of a phrase): only the
    embedding of their joined text shows they translate it.
    """
    rng = np.random.default_rng(seed)
    common = _unit(rng.normal(size=DIM)) * 2.0
    meanings = [rng.normal(size=DIM) / np.sqrt(DIM) for _ in range(n)]
    src = [(f"s{k}", _unit(meanings[k] + common + rng.normal(scale=0.02, size=DIM))) for k in range(n)]
    tgt, gold = [], []
    for k in range(n):
        if k == split_at:
            # each half looks a little like the sentence next to it
            halves = [(f"t{k}a", _unit(0.8 * meanings[k - 1] + common)),
                      (f"t{k}b", _unit(0.8 * meanings[k + 1] + common))]
            gold.append(((k,), (len(tgt), len(tgt) + 1)))
            tgt.extend(halves)
        else:
            gold.append(((k,), (len(tgt),)))
            tgt.append((f"t{k}", _unit(meanings[k] + common + rng.normal(scale=0.02, size=DIM))))
    vectors = dict(src + tgt)
    joined = f"t{split_at}a t{split_at}b"
    encoder = FakeSpanEncoder(vectors, {joined: src[split_at][1]})

    def inp(side):
        return AlignInput([t for t, _ in side], [0] * len(side), np.array([v for _, v in side], dtype=np.float32))

    return inp(src), inp(tgt), gold, encoder


def _pairs(alignment):
    return [(link.src, link.tgt) for link in alignment.links]


def test_real_span_embedding_finds_a_split_the_sentence_vectors_miss():
    src, tgt, gold, encoder = _pair()
    first_only = DPAligner(DPSettings(refine=False), span_encoder=encoder).align(src, tgt)
    assert _pairs(first_only) != gold  # the summed halves do not look like the source
    refined = DPAligner(span_encoder=encoder).align(src, tgt)
    assert _pairs(refined) == gold
    assert refined.stats["span_encoder_calls"] > 0


def test_without_span_encoder_refine_changes_nothing():
    src, tgt, _, encoder = _pair(seed=1)
    plain = DPAligner(DPSettings(refine=False)).align(src, tgt)
    no_encoder = DPAligner().align(src, tgt)
    assert _pairs(plain) == _pairs(no_encoder)
    assert "span_encoder_calls" not in no_encoder.stats


def test_band_mode_embeds_every_2_and_3_span_once_except_across_paragraphs():
    src, tgt, _, encoder = _pair(seed=2, n=6, split_at=2)
    # target paragraphs: sentences 0-3 | 4-6
    tgt = AlignInput(tgt.sentences, [0, 0, 0, 0, 1, 1, 1], tgt.vectors)
    alignment = DPAligner(DPSettings(refine_spans="band", refine_max_span=3), span_encoder=encoder).align(src, tgt)
    n, m = 6, 7
    # source: every span of 2 and 3 (one paragraph); target: those inside a paragraph
    expected_src = (n - 1) + (n - 2)
    expected_tgt = (3 + 2) + (2 + 1)  # paragraph of 4: three 2-spans, two 3-spans; of 3: two and one
    assert alignment.stats["span_encoder_calls"] == expected_src + expected_tgt
    assert len(encoder.seen) == len(set(encoder.seen)) == expected_src + expected_tgt
    assert "t2b t3" not in encoder.seen and "t3 t4" in encoder.seen and "t0 t1 t2a" in encoder.seen


def test_default_embeds_spans_only_around_links_the_first_pass_did_not_make_1_1():
    src, tgt, _, encoder = _pair(seed=3, n=12, split_at=6)
    DPAligner(span_encoder=encoder).align(src, tgt)
    assert encoder.seen and all(text.startswith(("s4", "s5", "s6", "s7", "t4", "t5", "t6", "t7")) for text in encoder.seen)
    assert "t6a t6b" in encoder.seen


def test_spans_longer_than_two_stay_within_the_unsure_links():
    # the first pass links s5 to t5 + t6a: the unsure sentences are s5 and t5, t6a
    src, tgt, _, encoder = _pair(seed=3, n=12, split_at=6)
    assert ((5,), (5, 6)) in _pairs(DPAligner(DPSettings(refine=False)).align(src, tgt))
    stats = DPAligner(span_encoder=encoder).align(src, tgt).stats
    assert sorted(encoder.seen) == ["s4 s5", "s5 s6", "t4 t5", "t5 t6a", "t6a t6b"]
    assert stats["span_encoder_calls"] == 5 and stats["span_encoder_chars"] == sum(map(len, encoder.seen))
    # allowed to reach into the neighbouring links, spans of 3 and 4 sentences come in
    src, tgt, _, wide = _pair(seed=3, n=12, split_at=6)
    DPAligner(DPSettings(refine_context_max_span=4), span_encoder=wide).align(src, tgt)
    assert {"s4 s5 s6", "t5 t6a t6b", "t4 t5 t6a t6b"} <= set(wide.seen)
    assert set(encoder.seen) < set(wide.seen)


def test_a_sentence_the_first_pass_left_out_stays_out():
    src, tgt, gold, encoder = _pair(seed=4, n=10, split_at=4)
    # insert an unrelated target sentence after target 7; it overlaps both neighbours a little
    rng = np.random.default_rng(9)
    noise = _unit(0.3 * tgt.vectors[7] + 0.3 * tgt.vectors[8] + rng.normal(size=DIM) / np.sqrt(DIM) + 2.0 * _unit(tgt.vectors.mean(axis=0)))
    sentences = list(tgt.sentences[:8]) + ["junk"] + list(tgt.sentences[8:])
    vectors = np.vstack([tgt.vectors[:8], noise[None, :].astype(np.float32), tgt.vectors[8:]])
    tgt = AlignInput(sentences, [0] * len(sentences), vectors)
    encoder.sentence_vectors["junk"] = noise
    first = _pairs(DPAligner(DPSettings(refine=False)).align(src, tgt))
    assert ((), (8,)) in first
    without = _pairs(DPAligner(DPSettings(refine_null_bonus=0.0, refine_skip_gain=-0.2), span_encoder=encoder).align(src, tgt))
    assert ((), (8,)) not in without  # an expensive skip: the junk is merged into a neighbour
    refined = _pairs(DPAligner(DPSettings(refine_skip_gain=-0.2, refine_null_bonus=0.2), span_encoder=encoder).align(src, tgt))
    assert ((), (8,)) in refined


def test_path_windows_cover_the_path_and_its_margin_monotonically():
    links = [Link((0,), (0,)), Link((1, 2), (1,)), Link((), (2,)), Link((3,), (3, 4)), Link((4,), ())]
    windows = _path_windows(links, 5, 5, 1)
    assert windows[0][0] == 0 and windows[-1][1] == 5
    i = j = 0
    for link in links:  # every cell the path visits is inside its row's window
        for r in range(i, i + len(link.src) + 1):
            for c in range(j, j + len(link.tgt) + 1):
                if r == i + len(link.src) or c == j:
                    assert windows[r][0] <= c <= windows[r][1], (r, c, windows[r])
        i, j = i + len(link.src), j + len(link.tgt)
    los, his = [w[0] for w in windows], [w[1] for w in windows]
    assert los == sorted(los) and his == sorted(his)
    assert windows[0] == (0, 2) and windows[2] == (0, 3)  # row 2: path at column 1, margin 1


def test_neighbour_similarity_averages_the_sentences_next_to_the_other_span():
    eye = np.eye(4)
    s_units, t_units = eye[:3], eye[:4]
    sv = np.array([1.0, 0.0, 0.0, 0.0])  # source span [0, 1)
    tv = np.array([[0.0, 1.0, 0.0, 0.0]])  # target span [1, 2): row jj = 2
    # source span's target neighbours: t0 (sim 1) and t2 (0); target span's source neighbours: s1 (1) only
    near = _neighbour_similarity(1, 1, 1, np.array([2]), sv, tv, s_units, t_units)
    assert np.allclose(near, [(1.0 + 0.0 + 1.0) / 3])


def test_second_pass_on_a_banded_long_document_searches_a_narrow_window():
    src, tgt, gold, encoder = _pair(seed=5, n=200, split_at=120)
    alignment = DPAligner(DPSettings(full_search_cells=2000), span_encoder=encoder).align(src, tgt)
    assert alignment.stats["search"] == "banded"
    assert alignment.stats["refine_cells"] < 201 * 202 / 5  # 2 x 8 cells around the path, not the whole matrix
    assert _pairs(alignment) == gold


# ---------------------------------------------------------------- letterless segments (both passes)
import pytest  # noqa: E402

from compare.align.dp import _letterless  # noqa: E402


@pytest.mark.parametrize("text, noise", [
    (".....", True), ("- _-", True), (".:-- , .", True), ("24 a !", True), ("* * *", True), ("1. 1950 :", True),
    ("Oh !", False), ("\" Ah !", False), ("I.", False), ("II", False), ("Indeed.", False), ("Il pleut.", False),
])
def test_letterless_means_no_letter_or_letters_under_a_third(text, noise):
    assert _letterless(text) is noise


@pytest.mark.parametrize("refine", [False, True])
def test_a_letterless_segment_is_not_merged_but_a_short_sentence_may_be(refine):
    src, tgt, _, encoder = _pair(seed=4, n=10, split_at=4)
    # a target segment after target 7 (the translation of source 6) whose vector is close to it
    near = _unit(0.9 * tgt.vectors[7] + 0.1 * tgt.vectors[8])
    found = {}
    for text in (".....", "Indeed."):  # no spaces: the fake encoder splits joined texts on them
        sentences = list(tgt.sentences[:8]) + [text] + list(tgt.sentences[8:])
        vectors = np.vstack([tgt.vectors[:8], near[None, :].astype(np.float32), tgt.vectors[8:]])
        encoder.sentence_vectors[text] = near
        inp = AlignInput(sentences, [0] * len(sentences), vectors)
        for penalty in (0.0, 1.0):
            links = _pairs(DPAligner(DPSettings(refine=refine, noise_merge_penalty=penalty),
                                     span_encoder=encoder).align(src, inp))
            found[text, penalty] = [link for link in links if 8 in link[1]]
    assert found[".....", 0.0] == [((6,), (7, 8))]  # without the rule the debris joins its neighbour
    assert found[".....", 1.0] == [((), (8,))]  # with it, it stays unaligned
    assert found["Indeed.", 1.0] == found["Indeed.", 0.0]  # the rule leaves a real sentence alone
    if not refine:
        assert found["Indeed.", 1.0] == [((6,), (7, 8))]
