"""Negation present on one side only (a possible polarity error).

Cues come from the language resources: words that negate on their own
("sans", "never", "nicht", "kein"), clitics that need a completer (French
"ne"/"n'" + pas, plus, jamais, rien, personne, aucun, guère, ni...; without a
completer "ne" is expletive or restrictive - "ne ... que" means "only" - and
is not counted) and bound forms ("n't"). Each cue is one negated clause.

Score: 0.8 when one side has at least one cue and the other none (0.45 if
the other side has more words negative in meaning, "unable", "dépourvu",
from the resources' ``implicit_negation``, than the negated side: "not
unknown" for "inconnue" keeps 0.8; with the encoder 0.55 if none of those
words stands near the counterparts of the words a reverser of the negated
side governs, the ``placement`` test below: "regardless of ..., has changed"
for "même avec ..., ne change pas"); 0.55 when both have cues but one side
has more cues that reverse polarity (``negation_flips``: "not", "never",
"ne ... pas") than the other has cues of any kind, or the side with more cues
also has more of them that reverse polarity by their own word (not by a
French clitic alone: "ne ... plus" is "no longer") (an added or removed "not"
in a sentence that negates elsewhere too), or, with the encoder, a reverser of
the side with more cues governs words whose counterparts (word alignment in
context) no cue of the other side stands near (``placement``: "had not
succeeded" for "avait fini par remplir"); 0.55 too when both sides count
as many cues but one side's reverser stands where the other negates nothing
(``placement_equal``: a "not" moved or added where a negation was dropped;
the finding points at that reverser, and on a side without one at its
negations); 0.3 when both have cues but different
counts otherwise (weak evidence: "ni ... ni" vs "neither ... nor" count
differently). Nothing when either language has no resources (unknown
languages would otherwise look un-negated).
"""

from __future__ import annotations

import re
from functools import lru_cache

from compare.diverge._common import Configurable
from compare.diverge.base import NEGATION, SIDE_LABELS, Check, CheckContext, Finding, Pair, side_spans
from compare.lang import LangResources, get_resources

_TOKEN = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()]")
_QUESTION = re.compile(r"[^.!?]*\?")  # the rest of the sentence ends with a question mark


@lru_cache(maxsize=None)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None


def negation_cues(text: str, res: LangResources) -> list[list[tuple[int, int]]]:
    """Negated clauses in ``text``: each a list of local cue spans ("ne" + "pas")."""
    skip = _compiled(res.negation_skip)
    masked = text
    if skip is not None:
        masked = skip.sub(lambda m: " " * len(m.group(0)), text)
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(masked)]
    cues: list[list[tuple[int, int]]] = []
    used: set[int] = set()

    def same_clause(i: int, j: int) -> bool:
        lo, hi = sorted((i, j))
        return not _CLAUSE_BREAK.search(masked[tokens[lo][2] : tokens[hi][1]])

    def completers_before(i: int, reach: int):
        """Subject completers ("aucun", "rien", "jamais") among the ``reach`` tokens before
        token ``i`` in its clause, nearest first."""
        return (j for j in range(i - 1, max(i - 1 - reach, -1), -1)
                if tokens[j][0] in res.negation_subject_completers and same_clause(j, i))

    for i, (word, a, b) in enumerate(tokens):
        if i in used:
            continue
        if word in res.negation_clitics:
            completer = None
            restrictive = False
            for j in range(i + 1, min(i + 8, len(tokens))):
                if not same_clause(i, j):
                    break
                if tokens[j][0] in ("que", "qu"):
                    restrictive = True  # "ne ... que" is restrictive ("only"), not a negation
                    break
                if tokens[j][0] in res.negation_completers:
                    if tokens[j][0] == "plus" and j + 1 < len(tokens) and tokens[j + 1][0] in ("que", "qu") \
                            and same_clause(j, j + 1):
                        restrictive = True  # "ne faisaient plus que deux taches": now only, no negation
                        break
                    completer = j
                    break
            if completer is not None:
                used.add(completer)
                # "qui jamais ne se laissait aller à aucun ...": one negation with the word before
                owner = next((c for j in completers_before(i, 3) for c in cues
                              if len(c) == 1 and c[0][0] == tokens[j][1]), None)
                if owner is not None:
                    owner += [(a, b), tokens[completer][1:]]
                else:
                    cues.append([(a, b), tokens[completer][1:]])
                continue
            # "aucun accord n'a été trouvé", "rien ne pouvait être confirmé": completer first
            before = next(completers_before(i, 6), None)
            if before is not None:
                owner = next((c for c in cues if c[0][0] == tokens[before][1]), None)
                if owner is not None:
                    owner.append((a, b))
                else:
                    cues.append([tokens[before][1:], (a, b)])
                continue
            if not restrictive and any(tokens[j][0] in res.negation_clitic_verbs for j in range(i + 1, min(i + 3, len(tokens)))):
                cues.append([(a, b)])  # "il ne peut venir"
            # otherwise expletive ("avant qu'il ne parte")
        elif word in res.negation_words:
            if word in res.negation_ever and _QUESTION.match(masked, b):
                continue  # "combien ont jamais vu un blaireau ?": "ever"
            cues.append([(a, b)])
    for suffix in res.negation_suffixes:
        for m in re.finditer(r"\w+" + re.escape(suffix) + r"(?!\w)", masked):
            cues.append([(m.end() - len(suffix), m.end())])
    cues.sort()
    return cues


def implicit_negations(text: str, res: LangResources) -> list[str]:
    """Words negative in meaning without a negation cue ("unable", "dépourvu")."""
    return [text[a:b] for a, b in implicit_spans(text, res)]


def implicit_spans(text: str, res: LangResources) -> list[tuple[int, int]]:
    """Character spans of :func:`implicit_negations`."""
    pattern = _compiled(res.implicit_negation)
    return [m.span() for m in pattern.finditer(text)] if pattern is not None else []


def _flips(text: str, cues, res: LangResources, strict: bool = False) -> int:
    """Cues with a word that reverses polarity (``negation_flips``: "not", "ne ... pas").

    ``strict``: in a cue with a completer the clitic does not make it a flip,
    the completer must ("ne ... pas" is one, "ne ... plus", "ne ... rien",
    "aucun ... n'" are not, as "no longer", "nothing", "no" are not in
    English); a clitic alone still is ("qu'on ne puisse" is "cannot")."""
    return sum(_is_flip(text, cue, res, strict) for cue in cues)


def _is_flip(text: str, cue, res: LangResources, strict: bool = False) -> bool:
    """One cue of :func:`_flips`."""
    flips = res.negation_flips - res.negation_clitics if strict and len(cue) > 1 else res.negation_flips
    return any(text[a:b].lower().replace("’", "'") in flips for a, b in cue)


def _litotes(text: str, cues, res: LangResources, reach: int = 2) -> list[tuple[list, tuple[int, int]]]:
    """Reversers that negate a word of their own side negative in meaning ("not unable",
    "pas impossible", "not less"): two negations that make a positive. As (cue, span of
    that word); the word stands between the cue's parts or among the ``reach + 1`` words
    after it in its clause."""
    spans = [(a, b) for a, b in implicit_spans(text, res) if text[a:b].lower() not in res.negation_words]
    out = []
    if not spans:
        return out
    for cue in cues:
        if not _is_flip(text, cue, res, strict=True):
            continue
        start, end = cue[0][0], cue[-1][1]
        brk = _CLAUSE_BREAK.search(text, end)
        words = list(_TOKEN.finditer(text, end, brk.start() if brk else len(text)))[: reach + 1]
        limit = words[-1].end() if words else end
        hit = next(((a, b) for a, b in spans if start < a < limit and not any(x <= a < y for x, y in cue)), None)
        if hit is not None:
            out.append((cue, hit))
    return out


def _displaced(pair: Pair, ctx: CheckContext, side: str, src_cues, tgt_cues, rs: LangResources,
               rt: LangResources, reach: int = 2, window: int = 6) -> list[tuple[int, int]] | None:
    """The first polarity reverser of ``side`` (its spans) whose words have counterparts none of
    which is negated.

    For each cue of ``side`` that reverses polarity by its own word ("not",
    "ne ... pas"; not "not only"), the content words it governs (those between
    its parts, and up to ``reach`` among the ``reach + 1`` words after it, in
    its clause and before the side's next cue) are looked up in the word
    aligner (mutual best matches in context). If some have a counterpart and
    no cue of the other side stands within ``window`` words of any of them in
    the same clause, the reverser negates something the other side does not.
    None without an encoder, or when no governed word has a counterpart.
    """
    from compare.diverge.coverage import aligner

    found = aligner(ctx)
    if found is None:
        return None
    cov = found.cover(pair)
    if cov.src_partner is None:
        return None
    if side == "src":
        text, cues, res, here, partner = pair.src_text, src_cues, rs, cov.src, cov.src_partner
        other_text, other_cues, there = pair.tgt_text, tgt_cues, cov.tgt
    else:
        text, cues, res, here, partner = pair.tgt_text, tgt_cues, rt, cov.tgt, cov.tgt_partner
        other_text, other_cues, there = pair.src_text, src_cues, cov.src
    cue_words = []  # indices in ``there`` of the other side's cue words
    for cue in other_cues:
        for a, _ in cue:
            cue_words += [k for k, w in enumerate(there) if w.start <= a < w.end]
    for cue in cues:
        if not _is_flip(text, cue, res, strict=True):
            continue
        start, end = cue[0][0], cue[-1][1]
        stop = min((c[0][0] for c in cues if c[0][0] >= end), default=len(text))  # the next cue governs its own
        governed = [k for k, w in enumerate(here) if w.content and start <= w.start < end]
        after = [k for k, w in enumerate(here) if end <= w.start < stop and not _CLAUSE_BREAK.search(text[end:w.start])]
        if after and here[after[0]].low in res.negation_additive:
            continue  # "not only ... but", "non seulement ... mais": adds, does not reverse
        governed += [k for k in after[:reach + 1] if here[k].content][:reach]
        counterparts = [partner[k] for k in governed if partner[k] >= 0]
        if not counterparts:
            continue
        near = any(
            abs(c - k) <= window and not _CLAUSE_BREAK.search(
                other_text[min(there[c].end, there[k].end):max(there[c].start, there[k].start)])
            for c in counterparts for k in cue_words
        )
        if not near:
            return cue
    return None


class NegationCheck(Configurable, Check):
    """A negation on one side only (see the module docstring for scores)."""

    name = "negation"
    options = {"presence_score": 0.8, "implicit_score": 0.45, "implicit_away_score": 0.55,
               "flip_count_score": 0.55, "count_score": 0.3,
               "placement": True, "placement_reach": 2, "placement_window": 6, "placement_equal": True}

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        rs, rt = get_resources(ctx.src_lang), get_resources(ctx.tgt_lang)
        if rs.is_fallback or rt.is_fallback:
            return []
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        src = negation_cues(pair.src_text, rs)
        tgt = negation_cues(pair.tgt_text, rt)
        if len(src) == len(tgt):
            if not (src and self.opts["placement_equal"]):
                return []
            double = {"src": _litotes(pair.src_text, src, rs, self.opts["placement_reach"]),
                      "tgt": _litotes(pair.tgt_text, tgt, rt, self.opts["placement_reach"])}
            if len(double["src"]) != len(double["tgt"]):
                # as many negations a side, but one side negates a word negative in meaning
                # ("not unable" for "n'ont pas pu"): it says the opposite
                side = "src" if len(double["src"]) > len(double["tgt"]) else "tgt"
                text = pair.src_text if side == "src" else pair.tgt_text
                cue, (a, b) = double[side][0]
                spans = [pair.side_span(side, x, y) for x, y in cue] + [pair.side_span(side, a, b)]
                return [Finding(
                    check=self.name, category=NEGATION, pair=pair.index, score=self.opts["flip_count_score"],
                    message=(f"negation {self._words(text, [cue])[0]!r} with {text[a:b]!r} in the "
                             f"{SIDE_LABELS[side][0]} makes a positive; the other side does not"),
                    **side_spans(side, spans),
                    details={"src_cues": self._words(pair.src_text, src), "tgt_cues": self._words(pair.tgt_text, tgt),
                             "double_negation": side},
                )]
            moved = {side: self._displaced(pair, ctx, side, src, tgt, rs, rt) for side in ("src", "tgt")}
            if not any(moved.values()):
                return []
            parts = []
            for side, cue in moved.items():
                if cue is not None:
                    text = pair.src_text if side == "src" else pair.tgt_text
                    parts.append(f"{self._words(text, [cue])[0]!r} in the {SIDE_LABELS[side][0]}")
            return [Finding(
                check=self.name, category=NEGATION, pair=pair.index, score=self.opts["flip_count_score"],
                message=(f"negation {' and '.join(parts)} stand{'s' if len(parts) == 1 else ''} where the other "
                         f"side negates nothing ({len(src)} negation{'s' if len(src) > 1 else ''} a side)"),
                # the displaced reverser; on a side without one, its negations, to compare with
                src_spans=[pair.src_span(a, b) for a, b in (moved["src"] or [s for cue in src for s in cue])],
                tgt_spans=[pair.tgt_span(a, b) for a, b in (moved["tgt"] or [s for cue in tgt for s in cue])],
                details={"src_cues": self._words(pair.src_text, src), "tgt_cues": self._words(pair.tgt_text, tgt),
                         "displaced": [side for side, cue in moved.items() if cue is not None]},
            )]
        if src and tgt:
            flips = _flips(pair.src_text, src, rs) > len(tgt) or _flips(pair.tgt_text, tgt, rt) > len(src)
            # the side with more cues also has more polarity reversers ("not" added in a
            # sentence that negates elsewhere too: "would not aim ..., without exception")
            more, fewer = ((pair.src_text, src, rs), (pair.tgt_text, tgt, rt))
            if len(src) < len(tgt):
                more, fewer = fewer, more
            flips = flips or _flips(*more, strict=True) > _flips(*fewer, strict=True)
            if not flips and self.opts["placement"]:
                # counts differ, reversers equal: is a reverser of the side with more cues
                # placed where the other side negates nothing ("had not succeeded" for
                # "avait fini par remplir", the other negation of the pair elsewhere)?
                more_side = "tgt" if len(tgt) > len(src) else "src"
                flips = self._displaced(pair, ctx, more_side, src, tgt, rs, rt) is not None
            return [
                Finding(
                    check=self.name,
                    category=NEGATION,
                    pair=pair.index,
                    score=self.opts["flip_count_score" if flips else "count_score"],
                    message=(
                        f"{len(src)} negation{'s' if len(src) > 1 else ''} in the original "
                        f"({', '.join(repr(w) for w in self._words(pair.src_text, src))}), {len(tgt)} in the "
                        f"translation ({', '.join(repr(w) for w in self._words(pair.tgt_text, tgt))})"
                    ),
                    src_spans=[pair.src_span(a, b) for cue in src for a, b in cue],
                    tgt_spans=[pair.tgt_span(a, b) for cue in tgt for a, b in cue],
                    details={"src_cues": self._words(pair.src_text, src),
                             "tgt_cues": self._words(pair.tgt_text, tgt)},
                )
            ]
        side = "src" if src else "tgt"
        side_cues, text = (src, pair.src_text) if src else (tgt, pair.tgt_text)
        here, there = SIDE_LABELS[side]
        words = self._words(text, side_cues)
        other_rs, other_text = (rt, pair.tgt_text) if src else (rs, pair.src_text)
        implicit_at = implicit_spans(other_text, other_rs)
        implicit = [other_text[a:b] for a, b in implicit_at]
        res = rs if src else rt
        own = [w for w in implicit_negations(text, res) if w.lower() not in res.negation_words]
        if len(implicit) <= len(own) or _litotes(text, side_cues, res, self.opts["placement_reach"]):
            # "not unknown" for "inconnue": the negated side has its own (its cues aside: "sans"),
            # or negates one ("would not be irresponsible" for "serait irresponsable")
            implicit = []
        away = None
        if implicit and self.opts["placement"]:
            # does a word negative in meaning stand where the reverser's words are translated
            # ("did not rule out" / "a exclu")? One elsewhere ("regardless of ..., has changed"
            # for "même avec ..., ne change pas") does not account for the negation
            as_cues = [[span] for span in implicit_at]
            away = self._displaced(pair, ctx, side, *((side_cues, as_cues) if src else (as_cues, side_cues)), rs, rt)
        score = self.opts["implicit_away_score" if away else "implicit_score" if implicit else "presence_score"]
        spans = [pair.side_span(side, a, b) for cue in side_cues for a, b in cue]
        shown = ", ".join(f"'{w}'" for w in words)
        return [
            Finding(
                check=self.name,
                category=NEGATION,
                pair=pair.index,
                score=score,
                message=(
                    f"negation {shown} in the {here} has no counterpart in the {there}"
                    + (f" (which has {', '.join(repr(w) for w in implicit[:3])}"
                       + (", not where the negated words are translated)" if away else ")") if implicit else "")
                ),
                **side_spans(side, spans),
                details={"src_cues": self._words(pair.src_text, src),
                         "tgt_cues": self._words(pair.tgt_text, tgt),
                         "implicit_negation": implicit, "implicit_elsewhere": bool(away)},
            )
        ]

    def _displaced(self, pair, ctx, side, src, tgt, rs, rt) -> list[tuple[int, int]] | None:
        return _displaced(pair, ctx, side, src, tgt, rs, rt, reach=self.opts["placement_reach"],
                          window=self.opts["placement_window"])

    @staticmethod
    def _words(text: str, cues) -> list[str]:
        return [" ... ".join(text[a:b] for a, b in cue) for cue in cues]
