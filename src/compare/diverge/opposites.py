"""A word in the translation that means the opposite of the original's.

The language resources list *concepts* with two opposite poles
(``LangResources.opposites``: "increase/decrease" -> French "hausse",
"augmenter"... / "baisse", "diminuer"...; English "rise"... / "fall"...).
The concept names are shared by the languages, so no bilingual dictionary
is needed: each side only says which pole of which concept it expresses.

A pole word under a negation ("n'a pas augmenté", "n'exclut pas", "did not
rise", "sans danger": from the negation's first cue through function words
to the first content word after its last cue) counts for the other pole, so
"pas facile" and "difficult" agree.
Fixed phrases whose words do not carry their pole ("au moins" = at least,
"d'après" = according to, "ne ... plus" = no longer) are masked first
(``LangResources.opposites_skip``).

Score: 1.0 when, for a concept, the original expresses only one pole and
the translation only the other (a clean swap: "hausse" / "decrease");
0.8 when both sides name the concept equally often, in the same order, and
the poles differ at some places while the counts of each pole differ too
("moins monumental ... plus prudent ... plus fragile" / "less monumental
... less cautious ... more fragile": the second one), which a reordering
cannot explain; 0.4 when both sides mix the poles otherwise but the
translation has more of the other one (weak evidence). Concepts that one side does not mention are
never reported: translators often leave out "more" or "first".
Nothing when either language has no word lists.

Embedding probe (with the sentence encoder, ``probe`` option): a word of the
translation that has an opposite in the target language's ``antonyms``
("smallest" / "biggest"), in a pair whose original says nothing the word
lists recognise about that concept ("troisième économie" / "third smallest
economy"), is swapped for its opposite; if the swapped translation is closer
to the original than the real one by at least ``probe_min_gain`` (cosine),
the word is reported with a score growing with the gain (0.6 at a gain of
0.002, 0.75 at 0.005, at most 0.95). This works whatever the source
language, since only the target side needs a list. On the injection
benchmark the right version wins about 4 times in 5 (docs/divergence.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from compare.diverge._common import Configurable, similarity_gains
from compare.diverge.base import OPPOSITE, Check, CheckContext, Finding, Pair
from compare.lang import LangResources, get_resources

_TOKEN = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()«»\"“”]")


@dataclass(frozen=True)
class PoleWord:
    text: str
    start: int
    end: int
    pole: int  # 0 or 1 after negation
    negated: bool


@lru_cache(maxsize=None)
def _compiled(code: str) -> tuple[dict[str, tuple[re.Pattern, re.Pattern]], tuple[re.Pattern, ...]]:
    res = get_resources(code)
    wrap = lambda p: re.compile(rf"(?<![\w-])(?:{p})(?!\w)", re.IGNORECASE)  # noqa: E731
    poles = {concept: (wrap(a), wrap(b)) for concept, (a, b) in res.opposites.items()}
    return poles, tuple(re.compile(p, re.IGNORECASE) for p in res.opposites_skip)


def _masked(text: str, skip: tuple[re.Pattern, ...]) -> str:
    """``text`` with the skipped phrases (or their named groups) blanked, same length."""
    chars = list(text)
    for m in (m for pattern in skip for m in pattern.finditer(text)):
        groups = [name for name, value in m.groupdict().items() if value is not None]
        spans = [m.span(name) for name in groups] or [m.span()]
        for a, b in spans:
            chars[a:b] = " " * (b - a)
    return "".join(chars)


def _negated_positions(masked: str, res: LangResources) -> list[tuple[int, int]]:
    """Character ranges of ``masked`` under a negation: from the negation's first
    cue through ``negation_bridge`` words to the first other word after its
    last cue ("n'a pas augmenté", "n'exclut pas", "did not rise", "sans
    danger"; not "pas une grande rencontre")."""
    from compare.diverge.negation import negation_cues

    if res.is_fallback:
        return []
    tokens = list(_TOKEN.finditer(masked))
    bridge = res.negation_bridge | res.negation_clitic_verbs
    out = []
    for cue in negation_cues(masked, res):
        words = {masked[a:b].lower() for a, b in cue}
        first, last = cue[0][0], cue[-1][1]
        if words & res.negation_prepositions:
            nxt = next((m for m in tokens if m.start() >= last), None)
            if nxt is not None and not masked[last : nxt.start()].strip():
                out.append((first, nxt.end()))
            continue
        quantifiers = res.negation_subject_completers - res.negation_flips
        if not words & res.negation_flips or words & quantifiers:
            continue  # "rien", "nothing", "aucun": a quantifier, not a reversal
        before = [m.group(0).lower() for m in tokens if m.end() <= first][-6:]
        if words <= res.negation_clitics and set(before) & quantifiers:
            continue  # "rien ne pouvait être confirmé"
        end = last
        for m in tokens:
            if m.start() < last:
                continue
            if _CLAUSE_BREAK.search(masked[end : m.start()]):
                break
            word = m.group(0).lower()
            if word not in bridge and not _content(word, res):
                break  # an article or a preposition: the negation is about something else
            end = m.end()
            if word not in bridge:
                break
        out.append((first, end))
    return out


def _content(word: str, res: LangResources) -> bool:
    return word not in res.function_words


def pole_words(text: str, lang: str | None) -> dict[str, list[PoleWord]]:
    """Concept -> the words of ``text`` expressing one of its poles (after negation)."""
    res = get_resources(lang)
    poles, skip = _compiled(res.code)
    masked = _masked(text, skip)
    negated = _negated_positions(masked, res)
    out: dict[str, list[PoleWord]] = {}
    for concept, pats in poles.items():
        for pole, pat in enumerate(pats):
            for m in pat.finditer(masked):
                neg = any(a <= m.start() and m.end() <= b for a, b in negated)
                out.setdefault(concept, []).append(
                    PoleWord(text[m.start() : m.end()], m.start(), m.end(), pole ^ int(neg), neg)
                )
    return out


class OppositesCheck(Configurable, Check):
    """Opposite poles of one concept on the two sides (see the module docstring)."""

    name = "opposites"
    options = {
        "swap_score": 1.0,
        "in_order_score": 0.8,
        "mixed_score": 0.4,
        "probe": True,
        "probe_min_gain": 0.002,  # cosine; below it nothing is reported
        "probe_base": 0.5,  # score = base + slope x gain, at most probe_max_score
        "probe_slope": 50.0,
        "probe_max_score": 0.95,
        "probe_max_words": 4,
    }

    def prepare(self, ctx: CheckContext) -> None:
        """Ask for every pair's probe variants to be embedded before the checks run (one
        encoder call with the other checks' texts, ``CheckContext.want``): each pair's
        ``run`` then finds its vectors without a model call; one call per pair cost
        more than the variants themselves."""
        if ctx.encoder is None or not self.opts["probe"]:
            return
        texts: list[str] = []
        self._plans = {}
        for pair in ctx.pairs:
            planned = self._plans[pair.index] = self._plan(pair, ctx)
            if planned is not None and planned[2]:
                texts.extend([pair.src_text, pair.tgt_text, *(v for *_, v in planned[2])])
        ctx.want(texts)

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        plans = getattr(self, "_plans", {})  # from prepare(), else planned here
        planned = plans.pop(pair.index) if pair.index in plans else self._plan(pair, ctx)
        if planned is None:
            return []
        findings, _, words = planned
        return findings + self._probe(pair, ctx, words)

    def _plan(self, pair: Pair, ctx: CheckContext):
        """The word-list findings of ``pair`` and the target words the probe would swap
        (each with its variant of the target text); None for a pair with an empty side."""
        rs, rt = get_resources(ctx.src_lang), get_resources(ctx.tgt_lang)
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return None
        shared = set(rs.opposites) & set(rt.opposites)
        src = pole_words(pair.src_text, ctx.src_lang) if rs.opposites else {}
        tgt = pole_words(pair.tgt_text, ctx.tgt_lang) if rt.opposites else {}
        findings = self._lexical(pair, shared, src, tgt)
        return findings, src, self._probe_words(pair, ctx, rt, src, findings)

    def _lexical(self, pair: Pair, shared: set[str], src, tgt) -> list[Finding]:
        findings = []
        seen: set[tuple] = set()  # "gagné" / "lost" is win/lose and increase/decrease: report once
        for concept in sorted(shared & set(src) & set(tgt)):
            s_count = [sum(w.pole == k for w in src[concept]) for k in (0, 1)]
            t_count = [sum(w.pole == k for w in tgt[concept]) for k in (0, 1)]
            for p in (0, 1):
                q = 1 - p
                clean = s_count[p] and not s_count[q] and t_count[q] and not t_count[p]
                mixed = s_count[p] > t_count[p] and t_count[q] > s_count[q]
                if not (clean or mixed):
                    continue
                s_words = [w for w in src[concept] if w.pole == p]
                t_words = [w for w in tgt[concept] if w.pole == q]
                kind = "clean" if clean else "mixed"
                places = _places_in_order(src[concept], tgt[concept], p) if not clean else None
                if places:
                    kind = "in_order"
                    s_words, t_words = [s for s, _ in places], [t for _, t in places]
                key = (tuple((w.start, w.end) for w in s_words), tuple((w.start, w.end) for w in t_words))
                if key in seen:
                    break
                seen.add(key)
                meaning = concept.split("/")
                findings.append(
                    Finding(
                        check=self.name,
                        category=OPPOSITE,
                        pair=pair.index,
                        score=self.opts[{"clean": "swap_score", "in_order": "in_order_score"}.get(kind, "mixed_score")],
                        message=(
                            f"{_shown(s_words)} in the original means {meaning[p]}, "
                            f"{_shown(t_words)} in the translation means {meaning[q]}"
                            + {"clean": "", "in_order": " (at the same place among the sentence's words for "
                               f"{meaning[0]} or {meaning[1]})"}.get(kind, " (both sides also have the other)")
                        ),
                        src_spans=[pair.src_span(w.start, w.end) for w in s_words],
                        tgt_spans=[pair.tgt_span(w.start, w.end) for w in t_words],
                        details={"concept": concept, "src": [w.text for w in s_words],
                                 "tgt": [w.text for w in t_words], "clean": bool(clean), "kind": kind},
                    )
                )
                break
        return findings

    def _probe_words(self, pair: Pair, ctx: CheckContext, rt: LangResources, src, found: list[Finding]) -> list:
        """``(start, end, word, opposite, variant)`` of the target words to swap (module docstring)."""
        o = self.opts
        if ctx.encoder is None or not o["probe"] or not rt.antonyms:
            return []
        text = pair.tgt_text
        _, skip = _compiled(rt.code)
        masked = _masked(text, skip)
        reported = {s for f in found for s in f.tgt_spans}
        words = []
        for m in _TOKEN.finditer(masked):
            opposite = rt.antonyms.get(m.group(0).lower())
            if opposite is None or pair.tgt_span(m.start(), m.end()) in reported:
                continue
            concepts = set(pole_words(m.group(0), rt.code)) if rt.opposites else set()
            if concepts & set(src):
                continue  # the original names this concept: the word lists decide
            word = text[m.start() : m.end()]
            if word.isupper() and len(word) > 1:
                opposite = opposite.upper()
            elif word[0].isupper():
                opposite = opposite[0].upper() + opposite[1:]
            words.append((m.start(), m.end(), word, opposite))
        return [(a, b, w, opp, text[:a] + opp + text[b:]) for a, b, w, opp in words[: o["probe_max_words"]]]

    def _probe(self, pair: Pair, ctx: CheckContext, words: list) -> list[Finding]:
        """Swap target words for their opposites and ask the encoder (module docstring)."""
        if not words:
            return []
        o = self.opts
        text = pair.tgt_text
        variants = [v for *_, v in words]
        partners = _partners(pair, ctx, [(a, b) for a, b, *_ in words])
        gains = similarity_gains(ctx, pair.src_text, text, variants)
        out = []
        for (a, b, word, opposite, _), gain, partner in zip(words, gains, partners, strict=True):
            if gain < o["probe_min_gain"]:
                continue
            said = f" (for '{pair.src_text[partner[0]:partner[1]]}' in the original)" if partner else ""
            out.append(
                Finding(
                    check=self.name,
                    category=OPPOSITE,
                    pair=pair.index,
                    score=round(min(o["probe_max_score"], o["probe_base"] + o["probe_slope"] * gain), 4),
                    message=(
                        f"'{word}' in the translation{said} may say the opposite of the original: with '{opposite}' "
                        f"instead, the translation is closer in meaning to it (sentence encoder, +{gain:.3f})"
                    ),
                    src_spans=[pair.src_span(*partner)] if partner else [],
                    tgt_spans=[pair.tgt_span(a, b)],
                    details={"probe_gain": round(gain, 4), "word": word, "opposite": opposite,
                             "src": pair.src_text[partner[0]:partner[1]] if partner else None},
                )
            )
        return out


def _partners(pair: Pair, ctx: CheckContext, spans: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """For each local target span: the local span of the original's word the word
    aligner matches with it (token states in context, ``compare.diverge.coverage``),
    None where it matches none or without an encoder that gives token states."""
    from compare.diverge.coverage import aligner

    found = aligner(ctx)
    if found is None or not found.contextual:
        return [None] * len(spans)
    cov = found.cover(pair)
    out: list[tuple[int, int] | None] = []
    for a, b in spans:
        k = next((k for k, w in enumerate(cov.tgt) if w.start < b and a < w.end), None)
        partner = cov.tgt_partner[k] if k is not None and cov.tgt_partner is not None else -1
        out.append((cov.src[partner].start, cov.src[partner].end) if partner >= 0 else None)
    return out


def _places_in_order(src: list[PoleWord], tgt: list[PoleWord], p: int) -> list[tuple[PoleWord, PoleWord]]:
    """Where the original has pole ``p`` and the translation the other, when
    both sides name the concept as often and in the same order (their words
    paired by rank): the swapped places, else ``[]``."""
    if len(src) != len(tgt) or len(src) < 2:
        return []
    s_sorted = sorted(src, key=lambda w: w.start)
    t_sorted = sorted(tgt, key=lambda w: w.start)
    return [(s, t) for s, t in zip(s_sorted, t_sorted) if s.pole == p and t.pole != p]


def _shown(words: list[PoleWord]) -> str:
    return ", ".join(f"'{w.text}'" + (" (negated)" if w.negated else "") for w in words[:3])
