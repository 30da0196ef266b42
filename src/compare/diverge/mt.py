"""Where the human translation departs from what a machine would say.

For each aligned pair with both sides, the pipeline provides a machine
translation of the original (``ctx.mt.forward``) and, optionally, a
back-translation of the human translation into the original's language
(``ctx.mt.backward``). This check compares them:

1. **How far.** chrF (Popović 2015, via sacrebleu) between the machine and the
   human translation. Human translations never match MT exactly, and how far
   they stray depends on the translator and the text, so the pair is measured
   against its own document: a robust z-score of the chrF shortfall
   (``z = (median - chrF) / scale``, median and MAD over the document's pairs).
   With a back-translation, the same is computed between the original and
   the back-translation, and the larger z counts.
2. **Which words.** A word-level diff (rapidfuzz ``Indel.opcodes``, the
   difflib-compatible opcodes) between the human and the machine
   translation. Words of the human translation in inserted/replaced blocks
   whose stem appears nowhere in the MT are *unsupported* (addition
   candidates, highlighted in the translation). Words of the MT missing from
   the human translation are omission candidates; with a back-translation,
   words of the original missing from it are highlighted in the original.
   Runs of unsupported words are joined across one function word.

Score: the content words (not function words) of the longest unsupported
run, on either side, plus ``z_weight * max(0, z)``: a long clause with no
counterpart in the MT, in a pair whose wording is unusually far from the MT
for this document, scores highest; a two-word paraphrase in an otherwise
typical pair stays below the thresholds. Runs shorter than ``min_run_words``
content words are ignored. chrF weighs recall over precision (beta = 2), so
it is computed both ways and the lower value counts: an omission lowers it
as much as an addition. Category: addition when only the translation has
unsupported content, omission when only the original (or the MT) has, else
mistranslation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.diverge._common import Configurable, fold, folded_function_words, quote, robust_location_scale
from compare.diverge.base import ADDITION, MISTRANSLATION, OMISSION, Check, CheckContext, Finding, Pair

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Token:
    key: str  # folded stem used for matching
    start: int  # local offsets in the text
    end: int
    content: bool  # not a function word


def tokens(text: str, lang: str, stem: int) -> list[Token]:
    function_words = folded_function_words(lang)
    out = []
    for m in _TOKEN.finditer(text):
        folded = fold(m.group())
        content = len(folded) > 1 and folded not in function_words and not folded.isdigit()
        out.append(Token(folded[:stem], m.start(), m.end(), content))
    return out


def unsupported(a: list[Token], b: list[Token]) -> list[bool]:
    """For each token of ``a``: True if ``b`` has nothing for it (diff block and absent elsewhere)."""
    from rapidfuzz.distance import Indel

    keys_b = {t.key for t in b}
    flags = [False] * len(a)
    for tag, i1, i2, _j1, _j2 in Indel.opcodes([t.key for t in a], [t.key for t in b]):
        if tag in ("delete", "replace"):
            for i in range(i1, i2):
                flags[i] = a[i].key not in keys_b
    return flags


def runs(toks: list[Token], flags: list[bool]) -> list[tuple[int, int, int]]:
    """(first, last, content words) of each run of unsupported tokens.

    One supported function word between two unsupported tokens does not
    break a run ("Guards of the Revolution" stays one run).
    """
    out: list[tuple[int, int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        first = last = i
        j = i + 1
        while j < n:
            if flags[j]:
                last = j
                j += 1
            elif j + 1 < n and flags[j + 1] and not toks[j].content:
                j += 1
            else:
                break
        content = sum(1 for k in range(first, last + 1) if flags[k] and toks[k].content)
        out.append((first, last, content))
        i = last + 1
    return out


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence chrF in [0, 1], the lower of both directions (chrF favours recall)."""
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    return min(
        metric.sentence_score(hypothesis, [reference]).score,
        metric.sentence_score(reference, [hypothesis]).score,
    ) / 100.0


class MTCheck(Configurable, Check):
    """Human wording far from the machine translation, with the words that differ."""

    name = "mt"
    options = {
        "min_pairs": 8,  # fewer pairs with MT than this: use the priors below
        "prior_median": 0.55,
        "prior_scale": 0.15,
        "min_scale": 0.05,
        "z_weight": 1.0,
        "min_run_words": 2,
        "stem": 6,  # characters of a folded word used to match it (mobilised ~ mobilized)
    }

    def prepare(self, ctx: CheckContext) -> None:
        self.active = ctx.mt is not None
        if not self.active:
            return
        o = self.opts
        self.forward: dict[int, float] = {}
        self.backward: dict[int, float] = {}
        for pair in ctx.pairs:
            if not (pair.src_text.strip() and pair.tgt_text.strip()):
                continue
            if pair.index in ctx.mt.forward:
                self.forward[pair.index] = chrf(ctx.mt.forward[pair.index], pair.tgt_text)
            if pair.index in ctx.mt.backward:
                self.backward[pair.index] = chrf(ctx.mt.backward[pair.index], pair.src_text)
        self.norms = {}
        for side, scores in (("forward", self.forward), ("backward", self.backward)):
            if len(scores) >= o["min_pairs"]:
                self.norms[side] = robust_location_scale(scores.values(), o["min_scale"])
            else:
                self.norms[side] = (o["prior_median"], o["prior_scale"])
        ctx.stats["mt"] = {
            side: {"pairs": len(scores), "chrf_median": round(self.norms[side][0], 4),
                   "chrf_scale": round(self.norms[side][1], 4)}
            for side, scores in (("forward", self.forward), ("backward", self.backward)) if scores
        }

    def _z(self, side: str, index: int) -> float | None:
        scores = self.forward if side == "forward" else self.backward
        if index not in scores:
            return None
        median, scale = self.norms[side]
        return (median - scores[index]) / scale

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if not self.active or pair.index not in self.forward:
            return []
        o = self.opts
        z_fwd = self._z("forward", pair.index)
        z_back = self._z("backward", pair.index)
        z = max(v for v in (z_fwd, z_back) if v is not None)
        mt_text = ctx.mt.forward[pair.index]
        human = tokens(pair.tgt_text, ctx.tgt_lang, o["stem"])
        machine = tokens(mt_text, ctx.tgt_lang, o["stem"])
        added = [r for r in runs(human, unsupported(human, machine)) if r[2] >= o["min_run_words"]]
        missing_mt = [r for r in runs(machine, unsupported(machine, human)) if r[2] >= o["min_run_words"]]
        missing_src: list[tuple[int, int, int]] = []
        source: list[Token] = []
        back_text = ctx.mt.backward.get(pair.index)
        if back_text is not None:
            source = tokens(pair.src_text, ctx.src_lang, o["stem"])
            back = tokens(back_text, ctx.src_lang, o["stem"])
            missing_src = [r for r in runs(source, unsupported(source, back)) if r[2] >= o["min_run_words"]]
        omitted = missing_src if back_text is not None else missing_mt
        if not added and not omitted:
            return []
        longest = max(r[2] for r in added + omitted)
        score = longest + o["z_weight"] * max(0.0, z)
        if added and omitted:
            category = MISTRANSLATION
        elif added:
            category = ADDITION
        else:
            category = OMISSION

        def text_of(toks, run, text):
            return text[toks[run[0]].start : toks[run[1]].end]

        tgt_spans = [pair.tgt_span(human[a].start, human[b].end) for a, b, _ in added]
        src_spans = [pair.src_span(source[a].start, source[b].end) for a, b, _ in missing_src]
        median = self.norms["forward"][0]
        parts = [
            f"wording departs from the machine translation (chrF {self.forward[pair.index]:.2f}, "
            f"document median {median:.2f})"
        ]
        if added:
            parts.append(
                "in the translation without counterpart in the MT: "
                + ", ".join(quote(text_of(human, r, pair.tgt_text), 60) for r in added[:3])
            )
        if missing_src:
            parts.append(
                "in the original but not in the back-translation: "
                + ", ".join(quote(text_of(source, r, pair.src_text), 60) for r in missing_src[:3])
            )
        elif missing_mt:
            parts.append(
                "the MT says "
                + ", ".join(quote(text_of(machine, r, mt_text), 60) for r in missing_mt[:3])
                + ", missing from the translation"
            )
        return [
            Finding(
                check=self.name,
                category=category,
                pair=pair.index,
                score=round(score, 4),
                message="; ".join(parts),
                src_spans=src_spans,
                tgt_spans=tgt_spans,
                details={
                    "chrf": round(self.forward[pair.index], 4),
                    "z": round(z_fwd, 3),
                    "chrf_back": None if z_back is None else round(self.backward[pair.index], 4),
                    "z_back": None if z_back is None else round(z_back, 3),
                    "machine_translation": mt_text,
                    "back_translation": back_text,
                    "unsupported_in_translation": [text_of(human, r, pair.tgt_text) for r in added],
                    "missing_from_translation": [text_of(machine, r, mt_text) for r in missing_mt],
                    "missing_from_back_translation": [text_of(source, r, pair.src_text) for r in missing_src],
                },
            )
        ]
