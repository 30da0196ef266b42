"""Negation present on one side only (a possible polarity error).

Cues come from the language resources: words that negate on their own
("sans", "never", "nicht", "kein"), clitics that need a completer (French
"ne"/"n'" + pas, plus, jamais, rien, personne, aucun, guère, ni...; without a
completer "ne" is expletive or restrictive - "ne ... que" means "only" - and
is not counted) and bound forms ("n't"). Each cue is one negated clause.

Score: 0.8 when one side has at least one cue and the other none; 0.3 when
both have cues but different counts (weak evidence: "ni ... ni" vs
"neither ... nor" count differently). Nothing when either language has no
resources (unknown languages would otherwise look un-negated).
"""

from __future__ import annotations

import re

from compare.diverge._common import Configurable
from compare.diverge.base import NEGATION, Check, CheckContext, Finding, Pair
from compare.lang import LangResources, get_resources

_TOKEN = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()«»\"“”]")


def negation_cues(text: str, res: LangResources) -> list[list[tuple[int, int]]]:
    """Negated clauses in ``text``: each a list of local cue spans ("ne" + "pas")."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    cues: list[list[tuple[int, int]]] = []
    used: set[int] = set()
    for i, (word, a, b) in enumerate(tokens):
        if i in used:
            continue
        if word in res.negation_clitics:
            for j in range(i + 1, min(i + 8, len(tokens))):
                if _CLAUSE_BREAK.search(text[tokens[j - 1][2] : tokens[j][1]]):
                    break
                if tokens[j][0] in res.negation_completers:
                    used.add(j)
                    cues.append([(a, b), (tokens[j][1], tokens[j][2])])
                    break
        elif word in res.negation_words:
            prev = tokens[i - 1][0] if i else ""
            following = text[b : b + 3]
            if word == "no" and re.match(r"\.?\s*\d", following):
                continue  # "No. 5"
            if word == "jamais" and prev in ("que", "qu", "si", "plus"):
                continue  # "plus que jamais" = more than ever, "si jamais" = if ever
            if word == "non" and following.startswith("-"):
                pass  # "non-violence": still a negation in both languages
            cues.append([(a, b)])
    for suffix in res.negation_suffixes:
        for m in re.finditer(r"\w+" + re.escape(suffix) + r"(?!\w)", text):
            cues.append([(m.end() - len(suffix), m.end())])
    cues.sort()
    return cues


class NegationCheck(Configurable, Check):
    """A negation on one side only (see the module docstring for scores)."""

    name = "negation"
    options = {"presence_score": 0.8, "count_score": 0.3}

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        rs, rt = get_resources(ctx.src_lang), get_resources(ctx.tgt_lang)
        if rs.is_fallback or rt.is_fallback:
            return []
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        src = negation_cues(pair.src_text, rs)
        tgt = negation_cues(pair.tgt_text, rt)
        if len(src) == len(tgt):
            return []
        if src and tgt:
            return [
                Finding(
                    check=self.name,
                    category=NEGATION,
                    pair=pair.index,
                    score=self.opts["count_score"],
                    message=(
                        f"{len(src)} negation(s) in the original, {len(tgt)} in the translation"
                    ),
                    src_spans=[pair.src_span(a, b) for cue in src for a, b in cue],
                    tgt_spans=[pair.tgt_span(a, b) for cue in tgt for a, b in cue],
                    details={"src_cues": self._words(pair.src_text, src),
                             "tgt_cues": self._words(pair.tgt_text, tgt)},
                )
            ]
        side_cues, text, here, there = (
            (src, pair.src_text, "original", "translation") if src else
            (tgt, pair.tgt_text, "translation", "original")
        )
        words = self._words(text, side_cues)
        spans = [
            (pair.src_span(a, b) if src else pair.tgt_span(a, b)) for cue in side_cues for a, b in cue
        ]
        shown = ", ".join(f"'{w}'" for w in words)
        return [
            Finding(
                check=self.name,
                category=NEGATION,
                pair=pair.index,
                score=self.opts["presence_score"],
                message=f"negation {shown} in the {here} has no counterpart in the {there}",
                src_spans=spans if src else [],
                tgt_spans=spans if tgt else [],
                details={"src_cues": self._words(pair.src_text, src),
                         "tgt_cues": self._words(pair.tgt_text, tgt)},
            )
        ]

    @staticmethod
    def _words(text: str, cues) -> list[str]:
        return [" ... ".join(text[a:b] for a, b in cue) for cue in cues]
