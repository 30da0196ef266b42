"""Many-to-many sentence alignment by dynamic programming over a search band, in two passes.

First pass, per bead (a source span of ``a`` sentences against a target span
of ``b`` sentences):

* semantic: the cosine between the two spans' vectors, where a span's vector
  is the normalised sum of its sentence vectors (so only one encoder call per
  sentence is needed, never one per candidate span), minus a *background*:
  the span's mean cosine with the whole other document. Multilingual encoders
  put all cosines in a narrow high band; the background makes the score a
  margin over chance for this document, as Vecalign's normalisation does.
* length: Gale and Church's (1993) length model on character counts, with the
  length ratio estimated from the document itself.
* anchors: numbers shared (or conspicuously not shared) by the two spans.
* paragraphs: a penalty when one side's span crosses a paragraph break and the
  other's does not, a bonus when both spans open a paragraph.
* debris: a segment that is mostly not letters (OCR residue such as "- _-",
  separators, page furniture) is never merged into a bead of several
  sentences; it may still be a 1-1 link or stay unaligned (both passes).

Omitted (1-0) and added (0-1) sentences get a fixed gain per sentence: a
sentence is left unaligned when no candidate beats that margin.

Second pass (``DPSettings.refine``, on by default when the aligner has a span
encoder): the joined text of candidate spans of 2-4 sentences around every
link the first pass did not make 1-1 is embedded (real span vectors separate
a true merge from a false one far better than summed sentence vectors), and
the DP runs again within ``refine_window`` cells of the first path with
Bertalign-style bead scores (Liu & Zhu 2022): one score per bead, the cosine
minus a background half from the document and half from the sentences next
to the other span, times log2(1 + short/long) of the two lengths; sentences
the first pass left unaligned keep a bonus for staying so (the per-bead score
alone absorbs them into merges). ``refine_spans="band"`` embeds every span of
up to ``refine_max_span`` sentences instead (more encoder calls, no better on
the dev gold).

Cost grows linearly with the number of cells searched. Beyond
``full_search_cells`` the search is restricted to a band around a coarse
alignment of blocks of ``pool_factor`` sentences, itself found the same way
(banded again while still too large), as in Vecalign's recursive
coarse-to-fine search. The band has a fixed width around the projected coarse
path, so time and memory grow linearly with document length
(benchmarks/band.py compares banded and full search on a long pair).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np

from compare.align.base import AlignInput, Aligner, Alignment, Link, ProgressFn

BEADS_DEFAULT = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2))
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class DPSettings:
    beads: tuple[tuple[int, int], ...] = BEADS_DEFAULT
    skip_gain: float = 0.005  # gain per unaligned sentence (margin units)
    merge_penalty: float = 0.012  # per extra sentence in a many-to-one bead
    many_to_many_penalty: float = 0.02  # extra, for beads with two or more sentences on both sides
    length_weight: float = 0.012  # weight of the Gale-Church cost
    gc_variance: float = 6.8  # Gale-Church s^2 for characters
    anchor_weight: float = 0.03
    paragraph_cross_penalty: float = 0.15
    paragraph_start_bonus: float = 0.01
    # A segment that is mostly not letters ("....", "- _-", ".:-- , .": OCR debris, separators,
    # page furniture) carries no meaning its embedding could match; merged into a bead it only
    # looks aligned. Each such segment inside a bead of several sentences on its side costs this
    # (1.0: more than any bead earns, so in effect such a segment is never merged; it can still
    # be a 1-1 link or stay unaligned). 0 turns the rule off. On the dev gold, any value from
    # 0.1 to 1.0 gives the same links (README, "Sentence alignment").
    noise_merge_penalty: float = 1.0
    full_search_cells: int = 4_000_000  # up to this many cells, search everything
    pool_factor: int = 4  # sentences per block at each coarse level
    band_margin: int = 12  # extra sentences searched around the coarse path
    span_weight_power: float = 0.5  # a span's vector weights sentences by length**power
    # Second pass (``refine``, on by default; needs a span encoder): embed the
    # real joined text of candidate spans (of 2 to 4 sentences) around every
    # link the first pass did not make 1-1, then align again within
    # refine_window cells of the first path, each bead scored once (not per
    # sentence): its cosine (real span vectors where embedded) minus a
    # background that is half the document's chance level and half the
    # similarity to the sentences next to the other span (Bertalign's margin),
    # times log2(1 + short/long) of the two lengths (Bertalign's length
    # penalty); a sentence the first pass left unaligned keeps a bonus for
    # staying so. Weights chosen on two TransRead novels (Alice, Jane Eyre),
    # the null bonus on perturbed news (README, "Sentence alignment").
    refine: bool = True
    refine_spans: str = "unsure"  # "unsure": around non-1-1 links; "band": every span up to refine_max_span
    refine_context: int = 1  # "unsure": links on each side of an unsure link whose spans are embedded
    # "unsure": longest span that may take in sentences of those context links; longer spans
    # are embedded only within the unsure links themselves (same links on the dev gold as
    # embedding them all, 41% fewer span characters: README, "Sentence alignment")
    refine_context_max_span: int = 2
    refine_max_span: int = 3  # "band": largest span embedded whole
    refine_window: int = 8  # second DP searches this many cells around the first path (0: the first pass's cells)
    neighbour_weight: float = 0.5  # share of the background taken from the sentences next to the other span
    refine_size_power: float = 0.0  # a bead earns its margin times (a + b) ** this (first pass: 1)
    refine_length_factor: bool = True  # margin times log2(1 + short/long)
    refine_merge_penalty: float | None = 0.0  # None: merge_penalty
    refine_many_to_many_penalty: float | None = 0.01  # None: many_to_many_penalty
    refine_gc_weight: float | None = 0.0  # Gale-Church weight; None: length_weight
    refine_skip_gain: float | None = -0.03  # gain per unaligned sentence; None: skip_gain
    refine_null_bonus: float = 0.025  # extra gain for leaving unaligned a sentence the first pass left unaligned

    def as_dict(self) -> dict:
        d = asdict(self)
        d["beads"] = [f"{a}-{b}" for a, b in self.beads]
        return d


@dataclass
class _Side:
    vectors: np.ndarray  # (n, d) unit rows
    lengths: np.ndarray  # (n,) characters
    para: np.ndarray  # (n,) paragraph index
    numbers: list[frozenset[str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # real embeddings of multi-sentence spans, keyed by (start, end): unit vectors
    spans: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    # second pass: per sentence, the gain for leaving it unaligned
    skip: np.ndarray | None = None
    # per sentence: mostly not letters (see DPSettings.noise_merge_penalty)
    noise: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.lengths)


def _numbers(text: str) -> frozenset[str]:
    return frozenset(re.sub(r"[.,]", "", m) for m in _NUMBER.findall(text) if len(m) > 0)


def _side(inp: AlignInput, power: float) -> _Side:
    lengths = np.array([max(1, len(s)) for s in inp.sentences], dtype=np.float64)
    para = np.asarray(list(inp.paragraph_of) or [0] * len(lengths), dtype=np.int64)
    # A span's vector is the sum of its sentences' vectors weighted by length**power:
    # a long sentence carries more of a joined span's meaning than a short one.
    weights = (lengths / max(1.0, float(np.median(lengths)))) ** power if len(lengths) else lengths
    vectors = np.asarray(inp.vectors, dtype=np.float32) * weights[:, None].astype(np.float32)
    noise = np.array([_letterless(s) for s in inp.sentences], dtype=bool)
    return _Side(vectors, lengths, para, [_numbers(s) for s in inp.sentences], list(inp.sentences), noise=noise)


def _letterless(text: str) -> bool:
    """No letter, or letters under a third of the non-space characters ("Oh !" is not noise)."""
    chars = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in chars)
    return letters == 0 or letters < len(chars) / 3


class _SpanTables:
    """Prefix sums that give any span's vector norm, background, length, paragraph facts."""

    def __init__(self, side: _Side, other_mean: np.ndarray, max_span: int) -> None:
        n = side.n
        d = side.vectors.shape[1] if side.vectors.ndim == 2 else 0
        prefix = np.zeros((n + 1, d), dtype=np.float64)
        np.cumsum(side.vectors, axis=0, out=prefix[1:])
        self.prefix = prefix
        self.other_mean = other_mean
        self.len_prefix = np.concatenate([[0.0], np.cumsum(side.lengths)])
        self.norm = np.ones((max_span + 1, n + 1))
        self.background = np.zeros((max_span + 1, n + 1))
        for k in range(1, max_span + 1):
            if k > n:
                break
            sums = prefix[k:] - prefix[:-k]  # span ending at index i (exclusive) for i = k..n
            norms = np.linalg.norm(sums, axis=1)
            norms[norms == 0] = 1.0
            self.norm[k, k:] = norms
            self.background[k, k:] = (sums @ other_mean) / norms
        # Spans embedded whole, per size: their vectors and backgrounds, stacked,
        # and per end position the row of that stack (-1: none, use the sum).
        self.real: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for k in sorted({b - a for a, b in side.spans}):
            if k > max_span or k > n:
                continue
            ends = sorted(b for a, b in side.spans if b - a == k)
            vecs = np.array([side.spans[(b - k, b)] for b in ends], dtype=np.float64)
            row = np.full(n + 1, -1, dtype=np.int64)
            row[ends] = np.arange(len(ends))
            self.real[k] = (row, vecs, vecs @ other_mean)
        self._vectors = side.vectors
        self._units: np.ndarray | None = None
        noise = side.noise if side.noise is not None else np.zeros(n, dtype=bool)
        self.noise_prefix = np.concatenate([[0], np.cumsum(noise)]).astype(np.int64)
        # crosses[k, i]: span [i-k, i) contains a paragraph break
        self.crosses = np.zeros((max_span + 1, n + 1), dtype=bool)
        for k in range(2, max_span + 1):
            if k > n:
                break
            self.crosses[k, k:] = side.para[k - 1 :] != side.para[: n - k + 1]
        starts = np.ones(n, dtype=bool)
        if n:
            starts[1:] = side.para[1:] != side.para[:-1]
        # opens[i]: sentence i (a span starting at i) opens a paragraph; index n = False
        self.opens = np.concatenate([starts, [False]])

    def length(self, k: int, i: np.ndarray | int) -> np.ndarray:
        return self.len_prefix[i] - self.len_prefix[np.asarray(i) - k]

    @property
    def units(self) -> np.ndarray:
        """(n, d) unit sentence vectors (computed on first use)."""
        if self._units is None:
            units = np.asarray(self._vectors, dtype=np.float64)
            norms = np.linalg.norm(units, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            self._units = units / norms
        return self._units

    def unit(self, k: int, ends: np.ndarray | int) -> np.ndarray:
        """Unit vectors of the spans of ``k`` sentences ending (exclusive) at ``ends``: the
        embedding of the joined text where there is one, the normalised sum elsewhere."""
        out = (self.prefix[ends] - self.prefix[np.asarray(ends) - k]) / np.asarray(self.norm[k, ends])[..., None]
        return self._with_real(k, ends, out, 1)

    def bg(self, k: int, ends: np.ndarray | int) -> np.ndarray:
        """Background (mean similarity to the other document) of the same spans."""
        return self._with_real(k, ends, np.array(self.background[k, ends], dtype=np.float64), 2)

    def _with_real(self, k: int, ends: np.ndarray | int, out: np.ndarray, part: int) -> np.ndarray:
        """``out`` with the entries of spans embedded whole taken from ``self.real[k][part]``."""
        if k not in self.real:
            return out
        row, values = self.real[k][0], self.real[k][part]
        r = row[ends]
        has = r >= 0
        if np.ndim(has) == 0:
            return values[r] if has else out
        out[has] = values[r[has]]
        return out


class DPAligner(Aligner):
    name = "compare-dp"

    def __init__(self, settings: DPSettings | None = None, span_encoder: Callable | None = None) -> None:
        """``span_encoder(texts) -> unit vectors`` enables the refinement pass."""
        self.cfg = settings or DPSettings()
        self.span_encoder = span_encoder

    def settings(self) -> dict:
        return {"name": self.name, **self.cfg.as_dict()}

    # ------------------------------------------------------------------ public
    def align(self, src: AlignInput, tgt: AlignInput, progress: ProgressFn | None = None) -> Alignment:
        s, t = _side(src, self.cfg.span_weight_power), _side(tgt, self.cfg.span_weight_power)
        n, m = s.n, t.n
        stats: dict = {"src_sentences": n, "tgt_sentences": m}
        if n == 0 or m == 0:
            links = [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]
            return Alignment(links, self.settings(), stats)
        windows, levels = self._search_windows(s, t)
        stats["search"] = "full" if levels == 0 else "banded"
        stats["coarse_levels"] = levels
        stats["cells"] = int(sum(hi - lo + 1 for lo, hi in windows))
        links = self._dp(s, t, windows, self.cfg.beads, progress)
        if self.cfg.refine and self.span_encoder is not None:
            if self.cfg.refine_window > 0:
                windows = _path_windows(links, n, m, self.cfg.refine_window)
                stats["refine_cells"] = int(sum(hi - lo + 1 for lo, hi in windows))
            if self.cfg.refine_spans == "band":
                embedded = self._embed_all_spans(s, t)
            else:
                embedded = self._embed_unsure_spans(links, s, t)
            stats["span_encoder_calls"], stats["span_encoder_chars"] = embedded
            for side, unaligned in ((s, [i for l in links if not l.tgt for i in l.src]),
                                    (t, [j for l in links if not l.src for j in l.tgt])):
                side.skip = np.full(side.n, self._skip_gain(True))
                side.skip[unaligned] += self.cfg.refine_null_bonus
            links = self._dp(s, t, windows, self.cfg.beads, None, second=True)
        stats["link_types"] = _histogram(links)
        return Alignment(links, self.settings(), stats)

    # ------------------------------------------------------------ refinement
    def _embed_all_spans(self, s: _Side, t: _Side) -> tuple[int, int]:
        """Embed the joined text of every span of 2..``refine_max_span`` sentences on both sides.

        A span that crosses a paragraph break is left to the sum of its
        sentence vectors: the paragraph penalty already keeps it out of most
        beads. Returns the number of spans and characters embedded.
        """
        total = (0, 0)
        for side in (s, t):
            keys = [
                (a, a + k)
                for k in range(2, self.cfg.refine_max_span + 1)
                for a in range(side.n - k + 1)
                if side.para[a] == side.para[a + k - 1] and (a, a + k) not in side.spans
            ]
            n, chars = self._embed(side, keys)
            total = (total[0] + n, total[1] + chars)
        return total

    def _embed(self, side: _Side, keys: list[tuple[int, int]]) -> tuple[int, int]:
        """Embed the joined text of each span; returns how many spans and characters."""
        if not keys:
            return 0, 0
        texts = [" ".join(side.texts[a:b]) for a, b in keys]
        vecs = np.asarray(self.span_encoder(texts), dtype=np.float64)
        vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        side.spans.update(zip(keys, vecs, strict=True))
        return len(keys), sum(map(len, texts))

    def _embed_unsure_spans(self, links: list[Link], s: _Side, t: _Side) -> tuple[int, int]:
        """Embed the joined text of candidate spans around links that are not 1-1.

        Summed sentence vectors approximate a span's meaning; where the first
        pass chose a merge, a split or a gap, the real embedding of the joined
        sentences decides better. A span may take in sentences of the
        ``refine_context`` links either side only if it has at most
        ``refine_context_max_span`` sentences; longer spans lie within the
        unsure links (on a side where a link is empty, the sentences either
        side of the gap count as unsure). Returns the number of spans and characters embedded.
        """
        max_a = max(a for a, _ in self.cfg.beads)
        max_b = max(b for _, b in self.cfg.beads)
        starts_s, starts_t = [0], [0]
        for link in links:
            starts_s.append(starts_s[-1] + len(link.src))
            starts_t.append(starts_t[-1] + len(link.tgt))
        unsure_s = np.zeros(s.n, dtype=np.int64)
        unsure_t = np.zeros(t.n, dtype=np.int64)
        for k, link in enumerate(links):
            if link.kind == "1-1":
                continue
            for unsure, idx, start in ((unsure_s, link.src, starts_s[k]), (unsure_t, link.tgt, starts_t[k])):
                if idx:
                    unsure[list(idx)] = 1
                else:
                    unsure[[x for x in (start - 1, start) if 0 <= x < len(unsure)]] = 1
        # prefix counts: unsure sentences in [a, b) = pre[b] - pre[a]
        pre_s = np.concatenate([[0], np.cumsum(unsure_s)])
        pre_t = np.concatenate([[0], np.cumsum(unsure_t)])
        want_s: set[tuple[int, int]] = set()
        want_t: set[tuple[int, int]] = set()
        c = self.cfg.refine_context
        wide = self.cfg.refine_context_max_span
        for k, link in enumerate(links):
            if link.kind == "1-1":
                continue
            lo, hi = max(0, k - c), min(len(links), k + c + 1)
            for side, starts, want, max_k, pre in ((s, starts_s, want_s, max_a, pre_s), (t, starts_t, want_t, max_b, pre_t)):
                r0, r1 = starts[lo], starts[hi]
                for start in range(r0, r1):
                    for size in range(2, min(max_k, r1 - start) + 1):
                        key = (start, start + size)
                        if key in side.spans or (size > wide and pre[start + size] - pre[start] < size):
                            continue
                        want.add(key)
        (ns, cs), (nt, ct) = self._embed(s, sorted(want_s)), self._embed(t, sorted(want_t))
        return ns + nt, cs + ct

    # ------------------------------------------------------------- coarse pass
    def _search_windows(self, s: _Side, t: _Side) -> tuple[list[tuple[int, int]], int]:
        """Per source row, the target range to search; and how many coarse levels made it."""
        n, m = s.n, t.n
        if n * m <= self.cfg.full_search_cells:
            return [(0, m)] * (n + 1), 0
        factor = self.cfg.pool_factor
        # Pooling blocks of sentences averages away what distinguishes them and
        # leaves the component all vectors share; remove it first.
        shared = 0.5 * (_unit_mean(s.vectors) + _unit_mean(t.vectors))
        cs, ct = _pool(s, factor, shared), _pool(t, factor, shared)
        coarse_beads = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
        # the coarse problem is aligned the same way: banded again if still large
        coarse_windows, levels = self._search_windows(cs, ct)
        coarse_links = self._dp(cs, ct, coarse_windows, coarse_beads, None)
        # Project the coarse path: each coarse bead covers a rectangle of fine cells.
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        ci = cj = 0
        margin = self.cfg.band_margin + factor
        for link in coarse_links:
            i0, j0 = ci * factor, cj * factor
            ci += len(link.src)
            cj += len(link.tgt)
            i1, j1 = min(n, ci * factor), min(m, cj * factor)
            rows = slice(max(0, i0 - margin), min(n, i1 + margin) + 1)
            lo[rows] = np.minimum(lo[rows], max(0, j0 - margin))
            hi[rows] = np.maximum(hi[rows], min(m, j1 + margin))
        lo[0], hi[n] = 0, m
        # Make windows monotone so every cell can be reached.
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        return [(int(a), int(b)) for a, b in zip(lo, hi, strict=True)], levels + 1

    # --------------------------------------------------------------------- DP
    def _dp(self, s: _Side, t: _Side, windows, beads, progress: ProgressFn | None, second: bool = False) -> list[Link]:
        cfg = self.cfg
        n, m = s.n, t.n
        max_a = max(a for a, _ in beads)
        max_b = max(b for _, b in beads)
        src_mean = _unit_mean(s.vectors)
        tgt_mean = _unit_mean(t.vectors)
        st = _SpanTables(s, tgt_mean, max_a)
        tt = _SpanTables(t, src_mean, max_b)
        ratio = float(t.lengths.sum() / s.lengths.sum())

        # Row data: for each source sentence p, prefix sums over the columns that
        # any bead ending in rows p+1..p+max_a may read.
        row_cols: list[tuple[int, np.ndarray, np.ndarray]] = []
        for p in range(n):
            c0 = max(0, windows[p + 1][0] - max_b)
            c1 = windows[min(n, p + max_a)][1]
            sims = t.vectors[c0:c1] @ s.vectors[p]
            anchors = np.zeros(c1 - c0)
            if s.numbers[p]:
                for q in range(c0, c1):
                    if t.numbers[q]:
                        anchors[q - c0] = 1.0 if s.numbers[p] & t.numbers[q] else -0.5
            row_cols.append(
                (
                    c0,
                    np.concatenate([[0.0], np.cumsum(sims, dtype=np.float64)]),
                    np.concatenate([[0.0], np.cumsum(anchors)]),
                )
            )

        neg = -1e18
        score_rows: list[np.ndarray] = []
        back_rows: list[np.ndarray] = []
        bead_index = {bead: k for k, bead in enumerate(beads)}
        skip_t = bead_index.get((0, 1))
        # gain of leaving target sentences j0..j-1 unaligned: skip_cum[j] - skip_cum[j0]
        skip_each = t.skip if second and t.skip is not None else np.full(m, self._skip_gain(second))
        skip_cum = np.concatenate([[0.0], np.cumsum(skip_each)])
        for i in range(n + 1):
            lo, hi = windows[i]
            js = np.arange(lo, hi + 1)
            best = np.full(len(js), neg)
            back = np.full(len(js), -1, dtype=np.int64)
            if i == 0:
                best[js == 0] = 0.0
            for k, (a, b) in enumerate(beads):
                if a == 0 or a > i:
                    continue
                plo, phi = windows[i - a]
                jp = js - b
                ok = (jp >= plo) & (jp <= phi) & (jp >= 0)
                if not ok.any():
                    continue
                prev = np.full(len(js), neg)
                prev[ok] = score_rows[i - a][jp[ok] - plo]
                gain = self._gain(a, b, i, js, ok, s, t, st, tt, row_cols, ratio, second)
                cand = prev + gain
                better = cand > best
                best[better] = cand[better]
                back[better] = k
            if skip_t is not None:
                # 0-1 beads stay on this row: a max-plus prefix scan.
                shifted = best - skip_cum[js]
                run = np.maximum.accumulate(shifted)
                from_skip = run > shifted + 1e-12
                best = run + skip_cum[js]
                back[from_skip] = skip_t
            score_rows.append(best)
            back_rows.append(back)
            if progress and (i % 200 == 0 or i == n):
                progress("align", i, n)

        # Backtrack from (n, m).
        links: list[Link] = []
        i, j = n, m
        while i > 0 or j > 0:
            lo = windows[i][0]
            k = int(back_rows[i][j - lo])
            if k < 0:
                raise RuntimeError("alignment backtrack failed: unreachable cell")  # pragma: no cover
            a, b = beads[k]
            src_idx = tuple(range(i - a, i))
            tgt_idx = tuple(range(j - b, j))
            links.append(self._make_link(src_idx, tgt_idx, s, t, st, tt))
            i, j = i - a, j - b
        links.reverse()
        return links

    def _setting(self, name: str, second: bool) -> float:
        """``cfg.<name>``, or in the second pass ``cfg.refine_<name>`` unless that is None."""
        refined = getattr(self.cfg, f"refine_{name}") if second else None
        return getattr(self.cfg, name) if refined is None else refined

    def _skip_gain(self, second: bool) -> float:
        return self._setting("skip_gain", second)

    def _gain(self, a, b, i, js, ok, s, t, st, tt, row_cols, ratio, second=False) -> np.ndarray:
        cfg = self.cfg
        gain = np.full(len(js), -1e18)
        jj = js[ok]
        if b == 0:
            if second and s.skip is not None:
                gain[ok] = s.skip[i - a : i].sum()
            else:
                gain[ok] = self._skip_gain(second) * a
            return gain
        # Sum of sentence-level cosines over the block [i-a, i) x [j-b, j).
        dot = np.zeros(len(jj))
        anchor = np.zeros(len(jj))
        for p in range(i - a, i):
            c0, pre, apre = row_cols[p]
            dot += pre[jj - c0] - pre[jj - b - c0]
            anchor += apre[jj - c0] - apre[jj - b - c0]
        cos = dot / (st.norm[a, i] * tt.norm[b, jj])
        background = 0.5 * (st.background[a, i] + tt.background[b, jj])
        sv = tv = None
        if a in st.real or b in tt.real:
            sv, tv = st.unit(a, i), tt.unit(b, jj)
            cos = tv @ sv
            background = 0.5 * (st.bg(a, i) + tt.bg(b, jj))
        if second and cfg.neighbour_weight:
            if sv is None:
                sv, tv = st.unit(a, i), tt.unit(b, jj)
            near = _neighbour_similarity(a, b, i, jj, sv, tv, st.units, tt.units)
            background = (1.0 - cfg.neighbour_weight) * background + cfg.neighbour_weight * near
        margin = cos - background
        ls = st.length(a, i)
        lt = tt.length(b, jj)
        if second and cfg.refine_length_factor:
            x, y = ls * ratio, lt
            margin = margin * np.log2(1.0 + np.minimum(x, y) / np.maximum(np.maximum(x, y), 1.0))
        # each sentence of the bead earns its margin; extra sentences pay a merge penalty
        size = (a + b) ** cfg.refine_size_power if second else (a + b)
        g = size * (margin - self._setting("merge_penalty", second) * (a + b - 2))
        if a > 1 and b > 1:
            g -= self._setting("many_to_many_penalty", second)
        if cfg.noise_merge_penalty and (a > 1 or b > 1):
            count = np.zeros(len(jj))
            if a > 1:
                count += st.noise_prefix[i] - st.noise_prefix[i - a]
            if b > 1:
                count += tt.noise_prefix[jj] - tt.noise_prefix[jj - b]
            g -= cfg.noise_merge_penalty * count
        # Gale-Church length cost.
        mean = (ls + lt / ratio) / 2.0
        delta = (lt / ratio - ls) / np.sqrt(cfg.gc_variance * np.maximum(mean, 1.0))
        gc_weight = cfg.refine_gc_weight if second and cfg.refine_gc_weight is not None else cfg.length_weight
        g -= gc_weight * _gc_cost(delta)
        g += cfg.anchor_weight * np.clip(anchor, -1.0, 1.0)
        src_cross = bool(st.crosses[a, i])
        tgt_cross = tt.crosses[b, jj]
        g -= cfg.paragraph_cross_penalty * (src_cross != tgt_cross)
        both_open = st.opens[i - a] & tt.opens[jj - b]
        g += cfg.paragraph_start_bonus * both_open
        gain[ok] = g
        return gain

    @staticmethod
    def _make_link(src_idx, tgt_idx, s, t, st, tt) -> Link:
        if not src_idx or not tgt_idx:
            return Link(src_idx, tgt_idx, 0.0, None)
        sv = s.vectors[list(src_idx)].sum(axis=0)
        tv = t.vectors[list(tgt_idx)].sum(axis=0)
        cos = float(sv @ tv / (np.linalg.norm(sv) * np.linalg.norm(tv) or 1.0))
        bg = 0.5 * (st.background[len(src_idx), src_idx[-1] + 1] + tt.background[len(tgt_idx), tgt_idx[-1] + 1])
        score = float(np.clip((cos - bg) / max(1e-6, 1.0 - bg), 0.0, 1.0))
        return Link(src_idx, tgt_idx, round(score, 4), round(cos, 4))


def _neighbour_similarity(a, b, i, jj, sv, tv, s_units, t_units) -> np.ndarray:
    """Mean similarity of each span to the sentences just before and after the other span.

    Bertalign's margin (Liu & Zhu 2022): a true pair stands out from the
    other side's sentences next to it. Neighbours past either end are left out.
    """
    n, m = len(s_units), len(t_units)
    total = np.zeros(len(jj))
    count = np.zeros(len(jj))
    for col in (jj - b - 1, jj):
        valid = (col >= 0) & (col < m)
        total[valid] += t_units[col[valid]] @ sv
        count += valid
    for row in (i - a - 1, i):
        if 0 <= row < n:
            total += tv @ s_units[row]
            count += 1
    return total / np.maximum(count, 1.0)


def _path_windows(links: list[Link], n: int, m: int, width: int) -> list[tuple[int, int]]:
    """Per source row, the target range within ``width`` cells of the path of ``links``."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    i = j = 0
    for link in links:
        i1, j1 = i + len(link.src), j + len(link.tgt)
        lo[i : i1 + 1] = np.minimum(lo[i : i1 + 1], j)
        hi[i : i1 + 1] = np.maximum(hi[i : i1 + 1], j1)
        i, j = i1, j1
    lo = np.maximum(0, lo - width)
    hi = np.minimum(m, hi + width)
    lo[0], hi[n] = 0, m
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    return [(int(x), int(y)) for x, y in zip(lo, hi, strict=True)]


def _unit_mean(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).mean(axis=0).astype(np.float64)


def _gc_cost(delta: np.ndarray) -> np.ndarray:
    """-log P(|delta|) under a standard normal, two-sided (Gale & Church 1993)."""
    x = np.abs(delta) / math.sqrt(2.0)
    # erfc via numpy-only approximation (Abramowitz & Stegun 7.1.26).
    tt = 1.0 / (1.0 + 0.3275911 * x)
    poly = tt * (0.254829592 + tt * (-0.284496736 + tt * (1.421413741 + tt * (-1.453152027 + tt * 1.061405429))))
    p = np.maximum(poly * np.exp(-x * x), 1e-12)
    return -np.log(p)


def _pool(side: _Side, factor: int, shared: np.ndarray) -> _Side:
    n = side.n
    groups = [slice(k, min(n, k + factor)) for k in range(0, n, factor)]
    norms = np.linalg.norm(side.vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    centred = side.vectors / norms - shared.astype(np.float32)
    vecs = np.vstack([centred[g].sum(axis=0) for g in groups])
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return _Side(
        (vecs / norms).astype(np.float32),
        np.array([side.lengths[g].sum() for g in groups]),
        np.zeros(len(groups), dtype=np.int64),
        [frozenset().union(*side.numbers[g]) for g in groups],
    )


def _histogram(links: list[Link]) -> dict[str, int]:
    out: dict[str, int] = {}
    for link in links:
        out[link.kind] = out.get(link.kind, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))
