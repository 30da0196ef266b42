"""Structural checks: whole sentences without counterpart, and pairs whose
length departs from the document's norm (partial omission / addition).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from compare.diverge._common import (
    WORD_RE,
    Configurable,
    count_words,
    quote,
    robust_location_scale,
    similarity_gains,
    strip_bounds,
)
from compare.lang import get_resources
from compare.diverge.base import ADDITION, OMISSION, SIDE_LABELS, Check, CheckContext, Finding, Pair, side_spans

if TYPE_CHECKING:
    from compare.diverge.coverage import Gap


def _sentence_list(indices: tuple[int, ...]) -> str:
    nums = [i + 1 for i in indices]
    if len(nums) == 1:
        return f"sentence {nums[0]}"
    return f"sentences {nums[0]}-{nums[-1]}"


# Features of one side of a pair for the partial check's removed-clause model (``PartialCheck.features``):
# the length z-score toward the side, the similarity's shortfall, the side's longest run of words left
# unlinked by word coverage and its deletion probe, the same for the other side, unlinked words and
# negative similarity mass (side minus other side), the length the run explains, the share of the side's
# content words left unlinked, and three products.
CLAUSE_FEATURES = ("toward", "similarity_shortfall", "run", "run_other", "probe", "probe_other",
                   "unlinked_diff", "negative_mass_diff", "run_explains", "unlinked_share",
                   "toward_x_run", "toward_x_probe", "run_x_probe", "longer_than_usual")

# Logistic regression on CLAUSE_FEATURES (standardised), fitted on the calibration set by
# ``benchmarks/clause_model.py`` (the 109 dev news documents, clause removals of 2 seeds against the
# undamaged pairs, both sides): (bias, means, scales, weights). The score is the log-odds.
CLAUSE_MODEL: tuple[float, tuple[float, ...], tuple[float, ...], tuple[float, ...]] | None = (
    -4.2509,
    (0.1551, 0.1108, 0.9886, 0.7907, 0.0917, 0.0015, 0.2943, 0.0231, 0.1515, 0.1229, 0.8513, 0.193, 0.335, 0.2803),
    (0.952, 0.7687, 1.0254, 0.7404, 0.5037, 0.2976, 2.1844, 0.1842, 0.4685, 0.1304, 2.6353, 1.0282, 1.8275, 0.4492),
    (1.6671, 0.1606, 1.2275, -0.2306, 0.5334, -0.0331, -0.2426, 0.1099, 0.239, 0.2036, -1.0294, 0.1437, -0.0526,
     0.0809),
)


class _UnalignedCheck(Configurable, Check):
    """Sentences of one side with no counterpart; subclasses pick the side.

    A 1-0 (omission) or 0-1 (addition) link is one such finding. So is one
    sentence of a pair's side that holds several (a 1-2 / 2-1 link, or one
    segment of pre-segmented input holding two sentences: "... accusations.
    Does the truth offend you?") when the other side does not say it: the
    pair is closer in meaning without it (cosine gain of at least
    ``min_gain`` with the sentence encoder) and at least ``min_unmatched`` of
    its content words have no match on the other side (word coverage). Such
    a sentence needs ``min_words`` words; without the encoder only whole
    unaligned sentences are found.

    Score: the number of words in the text without counterpart, so a
    two-word fragment stays minor and a full sentence is major.
    """

    options: dict = {"merged": True, "min_gain": 0.005, "min_unmatched": 0.5, "min_words": 3}
    side: str  # "src" (omission) or "tgt" (addition)
    category: str

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        src_side = self.side == "src"
        text = pair.src_text if src_side else pair.tgt_text
        indices = pair.link.src if src_side else pair.link.tgt
        other = pair.link.tgt if src_side else pair.link.src
        if not text.strip():
            return []
        if other:
            return self._merged(pair, ctx) if self.opts["merged"] else []
        start, end = strip_bounds(text)
        words = count_words(text)
        here, there = SIDE_LABELS[self.side]
        span = pair.side_span(self.side, start, end)
        return [
            Finding(
                check=self.name,
                category=self.category,
                pair=pair.index,
                score=float(words),
                message=(
                    f"{_sentence_list(indices)} of the {here} ({words} words) has no "
                    f"counterpart in the {there}: {quote(text)}"
                ),
                **side_spans(self.side, [span]),
                details={"words": words, "chars": end - start, f"{self.side}_sentences": list(indices)},
            )
        ]

    def _pieces(self, pair: Pair, ctx: CheckContext) -> list[tuple[int, int]]:
        """Local (start, end) of the sentences of this side of the pair: the
        link's sentences, each split again by the segmenter (a pre-segmented
        line may hold two)."""
        from compare.segment import segment_text

        src_side = self.side == "src"
        doc = ctx.source if src_side else ctx.target
        base = pair.src_start if src_side else pair.tgt_start
        lang = ctx.src_lang if src_side else ctx.tgt_lang
        out = []
        for k in pair.link.src if src_side else pair.link.tgt:
            sent = doc.sentences[k]
            try:
                spans = segment_text(sent.text, lang)
            except Exception:  # noqa: BLE001 - a segmenter failure must not lose the pair
                spans = [(0, len(sent.text))]
            out += [(sent.start - base + a, sent.start - base + b) for a, b in spans or [(0, len(sent.text))]]
        return [(a, b) for a, b in out if b > a]

    def _merged(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if ctx.encoder is None:
            return []
        o = self.opts
        pieces = self._pieces(pair, ctx)
        if len(pieces) < 2:
            return []
        src_side = self.side == "src"
        text, anchor = (pair.src_text, pair.tgt_text) if src_side else (pair.tgt_text, pair.src_text)
        if not anchor.strip():
            return []
        candidates = [(a, b) for a, b in pieces if count_words(text[a:b]) >= o["min_words"]]
        if not candidates:
            return []
        variants = [" ".join((text[:a] + " " + text[b:]).split()) for a, b in candidates]
        gains = similarity_gains(ctx.encoder, anchor, text, variants)
        from compare.diverge.coverage import aligner

        found = aligner(ctx)
        cov = found.cover(pair) if found is not None else None
        words_of, matched_of = (cov.src, cov.src_matched) if src_side else (cov.tgt, cov.tgt_matched)
        findings = []
        for (a, b), gain in zip(candidates, gains, strict=True):
            if gain < o["min_gain"]:
                continue
            inside = [ok for w, ok in zip(words_of, matched_of, strict=True) if w.content and a <= w.start < b]
            if not inside or sum(not ok for ok in inside) / len(inside) < o["min_unmatched"]:
                continue
            a, b = a + strip_bounds(text[a:b])[0], a + strip_bounds(text[a:b])[1]
            piece = text[a:b]
            words = count_words(piece)
            here, there = SIDE_LABELS[self.side]
            findings.append(
                Finding(
                    check=self.name,
                    category=self.category,
                    pair=pair.index,
                    score=float(words),
                    message=(
                        f"a sentence of the {here} ({words} words) has no counterpart in the {there}, "
                        f"though it shares a pair with one that has: {quote(piece)}"
                    ),
                    **side_spans(self.side, [pair.side_span(self.side, a, b)]),
                    details={"words": words, "chars": b - a, "merged": True, "gain": round(gain, 4),
                             "unmatched": round(sum(not ok for ok in inside) / len(inside), 3)},
                )
            )
        return findings


class OmissionCheck(_UnalignedCheck):
    """A source sentence aligned to nothing (a 1-0 link)."""

    name = "omission"
    side = "src"
    category = OMISSION


class AdditionCheck(_UnalignedCheck):
    """A target sentence aligned to nothing (a 0-1 link)."""

    name = "addition"
    side = "tgt"
    category = ADDITION


_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–—-]\s")


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of ``text`` between clause punctuation,
    trimmed of spaces (the punctuation stays outside)."""
    out, start = [], 0
    for m in [*_CLAUSE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text.rstrip().rstrip(".!?…"))
        a, b = start, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        if m is None:
            break
        start = m.end()
    return out


class PartialCheck(Configurable, Check):
    """A pair whose target is much shorter (part omitted) or longer (part added).

    Length deviation, in the spirit of Gale & Church (1993):
    ``d = (l_t - c * l_s) / sqrt((l_s + l_t / c) / 2)`` where ``l`` are
    non-space character counts and ``c`` the document's own target/source
    length ratio (median over its pairs, so the language pair needs no table).
    Dividing by the square root of the length makes short and long pairs
    comparable, which a plain log ratio does not. ``d`` is turned into a robust
    z-score with the document's median and MAD (floored so a very regular
    document does not flag tiny differences).

    If the pair has a similarity, its robust z-score against the document
    (``z_sim``, negative = less similar than usual) adjusts the score:
    ``score = |z_len| + sim_weight * clip(-z_sim, -1, 3)``.
    With the sentence encoder, the longer side's longest run of content words
    left without counterpart by word coverage (``diverge.coverage``) adds
    ``gap_weight`` per word, up to ``gap_cap`` words, and is named and pointed
    at; numbers and names the shorter side lacks add ``anchor_bonus``; one
    sentence of a 1-2 / 2-1 link that explains the excess, ``sentence_bonus``.
    Score: that value (0 = typical pair). Findings are emitted only when
    ``|z_len| >= min_z``; the thresholds decide the rest.

    With word coverage (the default encoder), a removed-clause model replaces
    the sum of the length, similarity, run and run-probe terms: a logistic
    regression on ``CLAUSE_FEATURES`` fitted on the calibration set
    (``benchmarks/clause_model.py``), its log-odds plus ``model_offset``,
    never below ``|z_len|`` and the similarity term alone (a model fitted on
    removed clauses gives a long missing stretch less than its length does);
    numbers and names, an extra sentence and the clause probe still add their
    bonuses. Pairs of about the usual length are scored by the model too when
    a side has a run of ``gap_min_words``.
    """

    name = "partial"
    options = {
        "min_pairs": 8,  # fewer pairs than this: use the prior ratio/scale below
        "prior_ratio": 1.0,
        "prior_scale": 2.6,  # sqrt(6.8), Gale & Church's variance per character
        "min_scale": 1.5,
        "min_z": 0.5,  # findings from here (at 1.0: 0.014 fewer removed clauses found at equal noise, seed 0)
        "sim_weight": 0.5,
        "min_sim_scale": 0.02,
        "sentence_bonus": 1.5,  # added when one sentence of the longer side explains the excess
        "anchor_bonus": 1.0,  # added when the longer side has numbers or names the other lacks
        "rest_z": 1.0,  # ... that is, without it the pair's |z| falls below this
        # embedding probe for the clause a shorter side lacks (or a longer side adds): off by
        # default; on the injection benchmark it found +0.03 of removed clauses at equal noise
        # for about 45% more sentence embeddings (docs/divergence.md)
        "probe": False,
        "probe_min_words": 3,  # a clause the probe may take out has at least this many words
        "probe_max_clauses": 8,
        "probe_weight": 100.0,  # score added per unit of cosine gained without the clause ...
        "probe_cap": 2.0,  # ... at most
        "probe_min_gain": 0.002,  # below this gain the clause is not named
        # words of the longer side with no counterpart on the other (diverge.coverage, with the
        # sentence encoder's word vectors): each content word of the longest such run adds
        # gap_weight, up to gap_cap words; the run is named and pointed at
        "gap_weight": 0.5,
        "gap_cap": 5,
        "gap_min_words": 2,  # shorter runs are not named
        # deletion probe of that run: the pair's cosine with the run taken out minus its own,
        # times this. A pair of about the usual length (|z| < min_z) is scored from its run
        # alone: its length z-score toward the run's side, the run's words, and the probe's
        # gain even when negative (the run carries meaning the other side has: free
        # translation) (benchmarks/clause_features.py, docs/divergence.md)
        "gap_probe_weight": 100.0,
        # at most this much added to a pair longer or shorter than usual (never taken away),
        # from this gain on: on the calibration subset removed clauses 0.658 -> 0.722 with the
        # same 17 undamaged pairs flagged by the check; every gain, up to 2.0: 0.785 for 27
        # (docs/divergence.md)
        "gap_probe_cap": 1.0,
        "gap_probe_min_gain": 0.015,
        "gap_probe_cap_usual": 2.0,  # at most this much added to a pair of about the usual length
        # the removed-clause model (CLAUSE_MODEL) scores a pair from its features instead of the
        # sum above: log-odds plus this offset (numbers, names and a whole extra sentence still add
        # their bonuses)
        "model": True,
        "model_offset": 3.2,
    }

    def prepare(self, ctx: CheckContext) -> None:
        lengths = [
            (self._len(p.src_text), self._len(p.tgt_text))
            for p in ctx.pairs
            if p.link.src and p.link.tgt and self._len(p.src_text) and self._len(p.tgt_text)
        ]
        o = self.opts
        if len(lengths) >= o["min_pairs"]:
            ratio = math.exp(sorted(math.log(t / s) for s, t in lengths)[len(lengths) // 2])
            devs = [self._dev(s, t, ratio) for s, t in lengths]
            center, scale = robust_location_scale(devs, o["min_scale"])
        else:
            ratio, center, scale = o["prior_ratio"], 0.0, o["prior_scale"]
        sims = [p.similarity for p in ctx.pairs if p.similarity is not None and p.kind == "1-1"]
        if len(sims) < o["min_pairs"]:
            sims = [p.similarity for p in ctx.pairs if p.similarity is not None]
        self.sim_stats = (
            robust_location_scale(sims, o["min_sim_scale"]) if len(sims) >= o["min_pairs"] else None
        )
        self.ratio, self.center, self.scale = ratio, center, scale
        self._vocab: dict[str, set[str]] = {}
        self._gap_items = self._gap_probes(ctx)
        self._gap_gain_cache: dict[tuple[int, str], tuple[Gap, float]] | None = None
        ctx.stats["partial"] = {
            "length_ratio": round(ratio, 4),
            "deviation_median": round(center, 4),
            "deviation_scale": round(scale, 4),
            "pairs": len(lengths),
        }

    @staticmethod
    def _len(text: str) -> int:
        return sum(1 for ch in text if not ch.isspace())

    @staticmethod
    def _dev(ls: int, lt: int, ratio: float) -> float:
        return (lt - ratio * ls) / math.sqrt(max((ls + lt / ratio) / 2, 1.0))

    def _z(self, ls: int, lt: int) -> float:
        """The pair's length deviation as a robust z-score against the document (after ``prepare``)."""
        return (self._dev(ls, lt, self.ratio) - self.center) / self.scale

    def features(self, pair: Pair, ctx: CheckContext, side: str) -> list[float] | None:
        """CLAUSE_FEATURES of ``side`` of ``pair`` (after ``prepare``); None without word coverage
        or for a pair with an empty side."""
        from compare.diverge.coverage import aligner

        ls, lt = self._len(pair.src_text), self._len(pair.tgt_text)
        found = aligner(ctx)
        if found is None or not (pair.link.src and pair.link.tgt and ls and lt):
            return None
        cov = found.cover(pair)
        other = "tgt" if side == "src" else "src"
        texts = {"src": pair.src_text, "tgt": pair.tgt_text}
        z = self._z(ls, lt)
        toward = -z if side == "src" else z
        shortfall = 0.0
        if pair.similarity is not None and self.sim_stats is not None:
            med, sd = self.sim_stats
            shortfall = min(max(-(pair.similarity - med) / sd, -1.0), 3.0)
        gains = self._gap_gains(ctx)
        run, probe, unlinked, mass, content = {}, {}, {}, {}, {}
        for s in ("src", "tgt"):
            gaps = cov.gaps(s, texts[s])
            run[s] = gaps[0] if gaps else None
            probe[s] = min(max(100.0 * gains[pair.index, s][1], -3.0), 3.0) if (pair.index, s) in gains else 0.0
            words, linked = cov._side(s, linked=True)
            unlinked[s] = sum(1 for w, c in zip(words, linked, strict=True) if w.content and not c)
            best = [b for b in ((cov.src_best if s == "src" else cov.tgt_best) or []) if b is not None]
            mass[s] = sum(-b for b in best if b < 0)
            content[s] = len(best)
        gap = run[side]
        words = min(gap.words, 6) if gap is not None else 0
        explains = 0.0
        if gap is not None and gap.words >= 2:  # how much of the deviation the run's characters account for
            cut = self._len(texts[side][gap.start:gap.end])
            rest = self._z(ls - cut, lt) if side == "src" else self._z(ls, lt - cut)
            explains = max(0.0, toward - max(-rest if side == "src" else rest, 0.0))
        toward = min(max(toward, -3.0), 8.0)
        return [toward, shortfall, words, min(run[other].words, 6) if run[other] else 0, probe[side], probe[other],
                unlinked[side] - unlinked[other], mass[side] - mass[other], explains,
                unlinked[side] / max(content[side], 1), max(toward, 0.0) * words, max(toward, 0.0) * probe[side],
                words * probe[side], float(toward > 0.5)]

    def _model_score(self, pair: Pair, ctx: CheckContext, side: str) -> float | None:
        """The removed-clause model's score of ``side`` (log-odds + ``model_offset``), None when
        the model is off (``model`` false, or ``gap_weight`` 0: no word coverage), when word
        coverage is not in context (an encoder without token states), or without features."""
        from compare.diverge.coverage import aligner

        if CLAUSE_MODEL is None or not (self.opts["model"] and self.opts["gap_weight"]):
            return None
        found = aligner(ctx)
        if found is None or not found.contextual:
            return None  # fitted on word coverage in context: word vectors embedded alone differ
        x = self.features(pair, ctx, side)
        if x is None:
            return None
        bias, means, scales, weights = CLAUSE_MODEL
        logit = bias + sum(w * (v - m) / s for v, m, s, w in zip(x, means, scales, weights, strict=True))
        return logit + self.opts["model_offset"]

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        ls, lt = self._len(pair.src_text), self._len(pair.tgt_text)
        if not (pair.link.src and pair.link.tgt and ls and lt):
            return []
        z_len = self._z(ls, lt)
        if abs(z_len) < self.opts["min_z"]:
            return self._usual_length(pair, ctx, z_len, ls, lt)
        z_sim = None
        score = abs(z_len)
        if pair.similarity is not None and self.sim_stats is not None:
            med, sd = self.sim_stats
            z_sim = (pair.similarity - med) / sd
            score += self.opts["sim_weight"] * min(max(-z_sim, -1.0), 3.0)
        expected = round(self.ratio * ls)
        shorter = z_len < 0
        s0, s1 = strip_bounds(pair.src_text)
        t0, t1 = strip_bounds(pair.tgt_text)
        what = "shorter" if shorter else "longer"
        consequence = "part of the original may be missing" if shorter else "the translation may add content"
        message = (
            f"the translation is much {what} than usual ({lt} characters for {ls} in the original, "
            f"about {expected} expected): {consequence}"
        )
        src_spans, tgt_spans = [pair.src_span(s0, s1)], [pair.tgt_span(t0, t1)]
        extra = self._extra_sentence(pair, ctx, ls, lt, shorter)
        located = None if extra is not None else self._locate(pair, ctx, shorter)
        probed = self._probe(pair, ctx, shorter) if extra is None and located is None else None
        if probed is not None:
            gain, clause_text, clause_span = probed
            score += min(self.opts["probe_cap"], self.opts["probe_weight"] * gain)
        anchors = self._anchors(pair, ctx, shorter) if extra is None and located is None else []
        gap = self._gap(pair, ctx, shorter) if extra is None and located is None else None
        modelled = self._model_score(pair, ctx, "src" if shorter else "tgt") if extra is None and located is None else None
        if gap is not None:
            probed_gap = self._gap_gains(ctx).get((pair.index, "src" if shorter else "tgt"))
            gain = None if probed_gap is None else probed_gap[1]
        if modelled is not None:
            # the model's score replaces the run's words and probe; it never falls below what the
            # length and similarity say alone (fitted on removed clauses, it gives a long missing
            # stretch less than the length does: a dropped sentence the aligner merged)
            score = max(score, modelled + (min(self.opts["probe_cap"], self.opts["probe_weight"] * probed[0])
                                           if probed else 0.0))
        elif gap is not None:
            score += self.opts["gap_weight"] * min(gap.words, self.opts["gap_cap"])
            if gain is not None and gain >= self.opts["gap_probe_min_gain"]:  # only ever raises the score
                score += min(self.opts["gap_probe_cap"], max(0.0, self.opts["gap_probe_weight"] * gain))
        if anchors:
            score += self.opts["anchor_bonus"]
            label = "not in the translation" if shorter else "not in the original"
            message += f"; {label}: " + ", ".join(f"'{text}'" for text, _ in anchors[:4])
            if shorter:
                src_spans = [span for _, span in anchors]
            else:
                tgt_spans = [span for _, span in anchors]
        if gap is not None:  # spans: the gap, then the numbers and names if any (no longer the whole pair)
            label = "no counterpart in the translation" if shorter else "no counterpart in the original"
            message += f"; {label}: {quote(gap.text, 70)}"
            if shorter:
                src_spans = [pair.src_span(gap.start, gap.end)] + (src_spans if anchors else [])
            else:
                tgt_spans = [pair.tgt_span(gap.start, gap.end)] + (tgt_spans if anchors else [])
        if probed is not None and not anchors and gap is None:
            here = "original" if shorter else "translation"
            message += (f"; without {quote(clause_text, 60)} the {here} is closer in meaning to the other side"
                        + (": probably the missing part" if shorter else ": probably the added part"))
            if shorter:
                src_spans = [clause_span]
            else:
                tgt_spans = [clause_span]
        if z_sim is not None and z_sim <= -1.0:
            message += "; the meaning is also less close than in most pairs of the document"
        if extra is not None:
            side, number, sentence = extra
            here, there = SIDE_LABELS[side]
            score += self.opts["sentence_bonus"]
            message = (
                f"sentence {number} of the {here} has no counterpart in the {there}: without it the pair has "
                f"the usual length ({lt} characters for {ls} in the original, about {expected} expected): "
                f"{quote(sentence.text)}"
            )
            if side == "src":
                src_spans = [sentence.span]
            else:
                tgt_spans = [sentence.span]
        if located is not None:
            words, spans = located
            if shorter:
                src_spans = spans
            else:
                tgt_spans = spans
            message += "; " + ("missing: " if shorter else "added: ") + ", ".join(quote(w, 50) for w in words[:3])
        return [
            Finding(
                check=self.name,
                category=OMISSION if shorter else ADDITION,
                pair=pair.index,
                score=round(score, 4),
                message=message,
                src_spans=src_spans,
                tgt_spans=tgt_spans,
                details={
                    "located_by_mt": located is not None,
                    "probe": None if probed is None else {"gain": round(probed[0], 4), "clause": probed[1]},
                    "anchors": [text for text, _ in anchors],
                    "gap": None if gap is None else {"text": gap.text, "words": gap.words, "probe_gain": gain},
                    "extra_sentence": None if extra is None else {"side": extra[0], "sentence": extra[1]},
                    "src_chars": ls,
                    "tgt_chars": lt,
                    "expected_tgt_chars": expected,
                    "length_ratio": round(self.ratio, 4),
                    "z_length": round(z_len, 3),
                    "z_similarity": None if z_sim is None else round(z_sim, 3),
                    "model_score": None if modelled is None else round(modelled, 4),
                    "similarity": pair.similarity,
                },
            )
        ]

    def _gap_probes(self, ctx: CheckContext) -> list[tuple]:
        """Per (pair, side) whose longest unlinked run has ``gap_min_words`` words or
        more: the run, the side without it, the side and the other side; their texts
        asked for (``CheckContext.want``). Empty without an encoder."""
        from compare.diverge.coverage import aligner

        o = self.opts
        found = aligner(ctx) if o["gap_probe_weight"] and o["gap_weight"] else None
        if found is None:
            return []
        items = []
        for p in ctx.pairs:
            ls, lt = self._len(p.src_text), self._len(p.tgt_text)
            if not (p.link.src and p.link.tgt and ls and lt):
                continue
            z = self._z(ls, lt)
            if not o["gap_probe_cap"] and abs(z) >= o["min_z"]:
                continue  # the gain would not be used
            cov = found.cover(p)
            for side, text, other in (("src", p.src_text, p.tgt_text), ("tgt", p.tgt_text, p.src_text)):
                gaps = cov.gaps(side, text)
                if gaps and gaps[0].words >= o["gap_min_words"]:
                    cut = " ".join((text[: gaps[0].start] + " " + text[gaps[0].end :]).split())
                    items.append(((p.index, side), gaps[0], cut, text, other))
        ctx.want(t for *_, cut, text, other in items for t in (cut, text, other))
        return items

    def _gap_gains(self, ctx: CheckContext) -> dict[tuple[int, str], tuple[Gap, float]]:
        """Per (pair, side) of :meth:`_gap_probes`: the run, and the cosine of the side
        without it to the other side minus the side's own (vectors embedded by then,
        with the other checks' texts)."""
        if self._gap_gain_cache is None:
            items = self._gap_items
            texts = list(dict.fromkeys(t for *_, cut, text, other in items for t in (cut, text, other)))
            vecs = dict(zip(texts, ctx.encode(texts), strict=True)) if texts else {}
            self._gap_gain_cache = {key: (gap, float(vecs[cut] @ vecs[other] - vecs[text] @ vecs[other]))
                                    for key, gap, cut, text, other in items}
        return self._gap_gain_cache

    def _usual_length(self, pair: Pair, ctx: CheckContext, z_len: float, ls: int, lt: int) -> list[Finding]:
        """A pair of about the usual length: a run of words one side has and the other
        does not account for (a clause dropped and the pair padded or rephrased
        elsewhere, or replaced), scored as in ``run`` from its length z-score toward
        that side, the run's words and the deletion probe's gain."""
        o = self.opts
        best = None
        for side in ("src", "tgt"):
            if (pair.index, side) not in self._gap_gains(ctx):
                continue
            gap, gain = self._gap_gains(ctx)[pair.index, side]
            toward = -z_len if side == "src" else z_len
            modelled = score = self._model_score(pair, ctx, side)
            if score is None:
                score = toward + o["gap_weight"] * min(gap.words, o["gap_cap"]) \
                    + min(o["gap_probe_cap_usual"], o["gap_probe_weight"] * gain)
            if best is None or score > best[0]:
                best = (score, side, gap, gain, modelled)
        if best is None:
            return []
        score, side, gap, gain, modelled = best
        here, there = SIDE_LABELS[side]
        return [
            Finding(
                check=self.name,
                category=OMISSION if side == "src" else ADDITION,
                pair=pair.index,
                score=round(score, 4),
                message=(f"{quote(gap.text, 70)} in the {here} has no counterpart in the {there}"
                         + (f"; without it the {here} is closer in meaning to the {there}" if gain > 0 else "")
                         + f" (the pair has about the usual length: {lt} characters for {ls} in the original)"),
                **side_spans(side, [pair.side_span(side, gap.start, gap.end)]),
                details={"gap": {"text": gap.text, "words": gap.words}, "probe_gain": round(gain, 4),
                         "model_score": None if modelled is None else round(modelled, 4),
                         "z_length": round(z_len, 3), "src_chars": ls, "tgt_chars": lt,
                         "similarity": pair.similarity},
            )
        ]

    def _probe(self, pair: Pair, ctx: CheckContext, shorter: bool):
        """Without MT: the clause of the longer side whose removal brings it
        closest in meaning to the other side, as (cosine gained, clause text,
        span); None without an encoder, with fewer than two clauses, or when
        no removal gains ``probe_min_gain``. Clauses are the stretches between
        , ; : ( ) and dashes with at least ``probe_min_words`` words; each
        candidate costs one sentence embedding (cached like all others)."""
        o = self.opts
        if ctx.encoder is None or not o["probe"]:
            return None
        side = "src" if shorter else "tgt"
        long_text, short_text = (pair.src_text, pair.tgt_text) if shorter else (pair.tgt_text, pair.src_text)
        clauses = [(a, b) for a, b in clause_bounds(long_text) if len(WORD_RE.findall(long_text[a:b])) >= o["probe_min_words"]]
        if len(clauses) < 2 or len(clauses) > o["probe_max_clauses"]:
            return None
        variants = [" ".join((long_text[:a] + " " + long_text[b:]).split()) for a, b in clauses]
        gains = similarity_gains(ctx.encoder, short_text, long_text, variants)
        k = max(range(len(gains)), key=gains.__getitem__)
        if gains[k] < o["probe_min_gain"]:
            return None
        a, b = clauses[k]
        return gains[k], long_text[a:b].strip(" ,;:()–—-"), pair.side_span(side, a, b)

    def _gap(self, pair: Pair, ctx: CheckContext, shorter: bool):
        """The longest run of content words of the longer side that the other side
        does not cover (``diverge.coverage.Gap``); None without an encoder or when
        shorter than ``gap_min_words``."""
        from compare.diverge.coverage import aligner

        if not self.opts["gap_weight"]:
            return None
        found = aligner(ctx)
        if found is None:
            return None
        side = "src" if shorter else "tgt"
        gaps = found.cover(pair).gaps(side, pair.src_text if shorter else pair.tgt_text)
        if not gaps or gaps[0].words < self.opts["gap_min_words"]:
            return None
        return gaps[0]

    def _anchors(self, pair: Pair, ctx: CheckContext, shorter: bool) -> list[tuple[str, object]]:
        """Numbers and names of the longer side that the other side lacks, as (text, span):
        what a shorter translation probably left out, or a longer one added."""
        from compare.diverge.names import capitalised_tokens, expanded
        from compare.diverge.numbers import _match, extract_values
        from compare.diverge._common import fold
        from rapidfuzz import fuzz

        side = "src" if shorter else "tgt"
        long_text, short_text = (pair.src_text, pair.tgt_text) if shorter else (pair.tgt_text, pair.src_text)
        long_lang, short_lang = (ctx.src_lang, ctx.tgt_lang) if shorter else (ctx.tgt_lang, ctx.src_lang)
        left, _ = _match(extract_values(long_text, long_lang), extract_values(short_text, short_lang))
        out = [(v.text, pair.side_span(side, v.start, v.end)) for v in left if not v.ambiguous and not v.word]
        long_res, short_res = get_resources(long_lang), get_resources(short_lang)
        if not long_res.capitalises_nouns:
            other = expanded({fold(w) for w in WORD_RE.findall(short_text)}, short_res)
            for tok in capitalised_tokens(long_text, long_res):
                f = tok.folded
                low = tok.text.lower()
                if tok.initial or len(f) < 3 or f in long_res.demonyms or low in long_res.weekdays \
                        or low in long_res.months:
                    continue
                forms = {f} | {w for alt in long_res.exonyms.get(f, "").split("|") for w in alt.split()}
                if forms & other or any(fuzz.ratio(f, o) >= 80 for o in other):
                    continue
                if forms & self._vocabulary(ctx, "tgt" if shorter else "src"):
                    continue  # named elsewhere in the other document: "lui" made explicit as "Tehran"
                out.append((tok.text, pair.side_span(side, tok.start, tok.end)))
        out.sort(key=lambda item: item[1].start)
        return out

    def _vocabulary(self, ctx: CheckContext, side: str) -> set[str]:
        """Folded words of one whole document, with their English forms (cached per run)."""
        from compare.diverge._common import fold
        from compare.diverge.names import expanded

        cache = self._vocab
        if side not in cache:
            doc, lang = (ctx.source, ctx.src_lang) if side == "src" else (ctx.target, ctx.tgt_lang)
            cache[side] = expanded({fold(w) for w in WORD_RE.findall(doc.text)}, get_resources(lang))
        return cache[side]

    def _extra_sentence(self, pair: Pair, ctx: CheckContext, ls: int, lt: int, shorter: bool):
        """In a link with several sentences on the longer side: the one sentence
        whose removal brings the pair back to the usual length, as (side,
        1-based number, Sentence); None if no single sentence does."""
        side = "src" if shorter else "tgt"
        indices = pair.link.src if shorter else pair.link.tgt
        if len(indices) < 2:
            return None
        doc = ctx.source if shorter else ctx.target
        found = []
        for k in indices:
            sentence = doc.sentences[k]
            n = self._len(sentence.text)
            rest_s, rest_t = (ls - n, lt) if shorter else (ls, lt - n)
            if rest_s <= 0 or rest_t <= 0:
                continue
            z = self._z(rest_s, rest_t)
            if abs(z) < self.opts["rest_z"]:
                found.append((abs(z), k, sentence))
        if len(found) != 1:
            return None  # none, or several candidates: do not guess
        _, k, sentence = found[0]
        return side, k + 1, sentence

    def _locate(self, pair: Pair, ctx: CheckContext, shorter: bool):
        """With machine translation: the words that are missing (original side,
        needs a back-translation) or added (translation side), as (texts, spans).
        None when MT is off or finds no run of at least two content words."""
        if ctx.mt is None:
            return None
        from compare.diverge.mt import runs, tokens, unsupported

        if shorter:
            back = ctx.mt.backward.get(pair.index)
            if back is None:
                return None
            text, lang, side, reference = pair.src_text, ctx.src_lang, "src", back
        else:
            machine = ctx.mt.forward.get(pair.index)
            if machine is None:
                return None
            text, lang, side, reference = pair.tgt_text, ctx.tgt_lang, "tgt", machine
        toks, ref = tokens(text, lang, 6), tokens(reference, lang, 6)
        found = [r for r in runs(toks, unsupported(toks, ref)) if r[2] >= 2]
        if not found:
            return None
        return (
            [text[toks[a].start : toks[b].end] for a, b, _ in found],
            [pair.side_span(side, toks[a].start, toks[b].end) for a, b, _ in found],
        )
