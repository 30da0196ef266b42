"""Proper names: missing or respelled across the sides, and inconsistent
spellings within one document.

A *name token* is a capitalised word that is not a capitalised function word
of the language (articles, pronouns, titles such as "M."), not a month, and
not at the start of a sentence - unless the same word is also capitalised
mid-sentence somewhere in the document. Adjacent name tokens form a name
("Ismaïl Haniyeh"). Comparison uses accent-folded lowercase forms.

``names`` (cross-side), per source name:
- a token found in the target pair (any case) or differing only by an
  inflection ("Obama's") is fine;
- a target name token at rapidfuzz ratio in [near_ratio, ok_ratio) is a
  spelling difference: score 0.9 when the original spelling is used elsewhere
  in the translation (so this one is a variant), else 0.4 (exonyms such as
  "Moscou"/"Moscow" or demonyms are normal);
- no candidate at all: score 0.6 when the name appears elsewhere in the
  translation (a name the translator keeps, absent here), 0.3 when that
  elsewhere is the previous or next pair (the sentence was restructured or the
  name became a pronoun), else 0.2 (names such as "États-Unis" are translated).

``name_consistency`` (within a document, either side): two name forms that are
near-identical but different - folded length >= min_length, Levenshtein
distance 1-2, ratio >= min_ratio, not related by an inflection or derivation ending ("Canada"/"Canadian") - and
at least one of them also occurs in the other document (so it is a name kept
in translation, which rules out most German nouns and genuinely different
names such as "Austria"/"Australia"). A finding goes on each pair holding the
rarer form. Score: 0.9 when the rarer form is rarer, 0.6 when both are
equally frequent, 0.5 for an accent-only difference, 0.3 when the other
document also has both forms (the inconsistency was copied).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from compare.diverge._common import Configurable, fold, join_numbers, sentence_number
from compare.diverge.base import NAME_CONSISTENCY, NAMES, SIDE_LABELS, Check, CheckContext, Finding, Pair, side_spans
from compare.lang import LangResources, get_resources

_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_OPENERS = set(" \t\u00a0\u202f«“\"‘'„([{—–-*•")
_ENDERS = set(".!?…:;\n")


@dataclass(frozen=True)
class NameToken:
    text: str
    start: int  # local to the pair side
    end: int
    initial: bool

    @property
    def folded(self) -> str:
        return fold(self.text)


def _is_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _ENDERS


def capitalised_tokens(text: str, res: LangResources) -> list[NameToken]:
    """Capitalised, non-function-word tokens of ``text`` (sentence-initial marked)."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if len(tok) < 2 or not tok[0].isupper():
            continue
        low = tok.lower()
        if low in res.function_words or low in res.titles or low in res.months:
            continue
        if low.split("-")[0] in res.function_words and "-" in low:
            continue  # "Peut-être", "Est-ce"
        out.append(NameToken(tok, m.start(), m.end(), _is_initial(text, m.start())))
    return out


def all_folded_tokens(text: str) -> set[str]:
    out = set()
    for m in _TOKEN.finditer(text):
        f = fold(m.group(0))
        out.add(f)
        if "-" in f:
            out.update(f.split("-"))
    return out


class _Side:
    """Name inventory of one document side."""

    def __init__(self, pairs: list[Pair], src: bool, res: LangResources):
        self.res = res
        texts = [(p, p.src_text if src else p.tgt_text) for p in pairs]
        caps = {p.index: capitalised_tokens(t, res) for p, t in texts}
        mid = {tok.text for toks in caps.values() for tok in toks if not tok.initial}
        self.names: dict[int, list[NameToken]] = {
            idx: [t for t in toks if not t.initial or t.text in mid] for idx, toks in caps.items()
        }
        self.caps = caps
        self.folded: set[str] = set()
        self.folded_by_pair: dict[int, set[str]] = {}
        for p, t in texts:
            f = all_folded_tokens(t)
            self.folded_by_pair[p.index] = f
            self.folded |= f


def _related(a: str, b: str, suffixes: tuple[str, ...], min_stem: int = 4) -> bool:
    """True if two folded forms share a stem and differ only by known endings
    ("honduras"/"honduran", "canada"/"canadian", "obama"/"obamas"), so they are
    related words rather than two spellings of one name."""
    endings = {fold(s) for s in suffixes} | {"", "s"}
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    for k in range(p, min_stem - 1, -1):
        if a[k:] in endings and b[k:] in endings:
            return True
    return False


def _groups(tokens: list[NameToken], text: str) -> list[list[NameToken]]:
    groups: list[list[NameToken]] = []
    for tok in tokens:
        if groups and text[groups[-1][-1].end : tok.start].strip() == "":
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return groups


class NamesCheck(Configurable, Check):
    """Source names missing or spelled differently in the target pair."""

    name = "names"
    options = {"ok_ratio": 95.0, "near_ratio": 75.0, "min_length": 4}

    def prepare(self, ctx: CheckContext) -> None:
        self.src = _Side(ctx.pairs, True, get_resources(ctx.src_lang))
        self.tgt = _Side(ctx.pairs, False, get_resources(ctx.tgt_lang))

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        o = self.opts
        tgt_tokens = self.tgt.folded_by_pair.get(pair.index, set())
        tgt_caps = self.tgt.caps.get(pair.index, [])
        suffixes = (self.src.res.inflection_suffixes + self.src.res.derivation_suffixes
                    + self.tgt.res.inflection_suffixes + self.tgt.res.derivation_suffixes)
        findings: list[Finding] = []
        for group in _groups(self.src.names.get(pair.index, []), pair.src_text):
            missing: list[tuple[NameToken, float]] = []
            matched_any = False
            for tok in group:
                f = tok.folded
                parts = f.split("-")
                if f in tgt_tokens or all(p in tgt_tokens for p in parts) or any(
                    _related(f, t, suffixes) for t in tgt_tokens if t[:2] == f[:2]
                ):
                    matched_any = True
                    continue
                best, best_ratio = None, 0.0
                if len(f) >= o["min_length"]:
                    for cand in tgt_caps:
                        cf = cand.folded
                        if len(cf) < o["min_length"] or cf in self.src.folded:
                            continue  # a name the original also has: a different entity
                        r = fuzz.ratio(f, cf)
                        if r > best_ratio:
                            best, best_ratio = cand, r
                if best is not None and best_ratio >= o["ok_ratio"]:
                    matched_any = True
                    continue
                if best is not None and best_ratio >= o["near_ratio"] and not _related(
                    f, best.folded, suffixes
                ):
                    matched_any = True
                    evidence = f in self.tgt.folded
                    where = (
                        " (the translation spells it the original's way elsewhere)" if evidence else ""
                    )
                    findings.append(
                        Finding(
                            check=self.name,
                            category=NAMES,
                            pair=pair.index,
                            score=0.9 if evidence else 0.4,
                            message=(
                                f"spelled '{tok.text}' in the original, '{best.text}' in the "
                                f"translation{where}"
                            ),
                            src_spans=[pair.src_span(tok.start, tok.end)],
                            tgt_spans=[pair.tgt_span(best.start, best.end)],
                            details={"src": tok.text, "tgt": best.text, "ratio": round(best_ratio, 1),
                                     "in_target_document": evidence},
                        )
                    )
                    continue
                if f in self.tgt.folded:
                    # kept by the translator elsewhere; if it is in the next or
                    # previous pair, the sentence was restructured ("a affirmé
                    # M. Kirby" -> "he said" after "John Kirby said ...")
                    nearby = self.tgt.folded_by_pair.get(pair.index - 1, set()) | self.tgt.folded_by_pair.get(
                        pair.index + 1, set()
                    )
                    missing.append((tok, 0.3 if f in nearby else 0.6))
                else:
                    missing.append((tok, 0.2))
            if missing and not matched_any:
                score = max(s for _, s in missing)
                start, end = group[0].start, group[-1].end
                name = pair.src_text[start:end]
                extra = (
                    " (the translation uses it elsewhere)" if score >= 0.6 else ""
                )
                findings.append(
                    Finding(
                        check=self.name,
                        category=NAMES,
                        pair=pair.index,
                        score=score,
                        message=f"name '{name}' in the original has no counterpart in the translation{extra}",
                        src_spans=[pair.src_span(start, end)],
                        details={"src": name, "in_target_document": score >= 0.6},
                    )
                )
        return findings


class NameConsistencyCheck(Configurable, Check):
    """Near-identical spellings of one name within a document (either side)."""

    name = "name_consistency"
    options = {"min_length": 5, "max_distance": 2, "min_ratio": 85.0}

    def prepare(self, ctx: CheckContext) -> None:
        sides = {
            "src": _Side(ctx.pairs, True, get_resources(ctx.src_lang)),
            "tgt": _Side(ctx.pairs, False, get_resources(ctx.tgt_lang)),
        }
        self.by_pair: dict[int, list[Finding]] = defaultdict(list)
        for side, other in (("src", "tgt"), ("tgt", "src")):
            self._side(ctx, side, sides[side], sides[other])

    def _side(self, ctx: CheckContext, side: str, inv: _Side, other: _Side) -> None:
        o = self.opts
        doc = ctx.source if side == "src" else ctx.target
        label = SIDE_LABELS[side][0]
        occurrences: dict[str, list[tuple[Pair, NameToken]]] = defaultdict(list)
        pairs = {p.index: p for p in ctx.pairs}
        for idx, toks in inv.names.items():
            for tok in toks:
                occurrences[tok.text].append((pairs[idx], tok))
        counts = Counter({form: len(occ) for form, occ in occurrences.items()})
        forms = sorted(occurrences)
        for i, a in enumerate(forms):
            fa = fold(a)
            if len(fa) < o["min_length"]:
                continue
            for b in forms[i + 1 :]:
                fb = fold(b)
                if len(fb) < o["min_length"] or abs(len(fa) - len(fb)) > o["max_distance"]:
                    continue
                if a.lower() == b.lower():
                    continue  # case only ("UMP"/"Ump")
                if fa == fb:
                    score = 0.5
                else:
                    dist = Levenshtein.distance(fa, fb)
                    if not 1 <= dist <= o["max_distance"] or fuzz.ratio(fa, fb) < o["min_ratio"]:
                        continue
                    if _related(fa, fb, inv.res.inflection_suffixes + inv.res.derivation_suffixes):
                        continue
                    score = None
                in_other = (fa in other.folded, fb in other.folded)
                if not any(in_other):
                    continue
                rare, common = self._rarer(a, b, counts, in_other)
                if score is None:
                    if all(in_other):
                        score = 0.3
                    elif counts[rare] < counts[common]:
                        score = 0.9
                    else:
                        score = 0.6
                common_sents = [
                    sentence_number(doc, (p.src_start if side == "src" else p.tgt_start) + t.start)
                    for p, t in occurrences[common]
                ]
                where = (
                    f" ({join_numbers([n for n in common_sents if n])})"
                    if all(common_sents) else ""
                )
                for p, tok in occurrences[rare]:
                    span = p.side_span(side, tok.start, tok.end)
                    self.by_pair[p.index].append(
                        Finding(
                            check=self.name,
                            category=NAME_CONSISTENCY,
                            pair=p.index,
                            score=score,
                            message=(
                                f"'{rare}' is also spelled '{common}' in the {label}{where}"
                            ),
                            **side_spans(side, [span]),
                            details={"form": rare, "other_form": common, "side": side,
                                     "count": counts[rare], "other_count": counts[common],
                                     "other_sentences": [n for n in common_sents if n]},
                        )
                    )

    @staticmethod
    def _rarer(a: str, b: str, counts: Counter, in_other: tuple[bool, bool]) -> tuple[str, str]:
        if counts[a] != counts[b]:
            return (a, b) if counts[a] < counts[b] else (b, a)
        if in_other[0] != in_other[1]:
            return (b, a) if in_other[0] else (a, b)  # the form the other document lacks
        return (b, a)

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        return list(self.by_pair.get(pair.index, []))
