"""Proper names: missing or respelled across the sides, and inconsistent
spellings within one document.

A *name token* is a capitalised word that is not a capitalised function word
of the language (articles, pronouns, titles such as "M."), not a month, and
not at the start of a sentence (the dot of a title, "M. Garver", does not
start one) - unless the same word is also capitalised mid-sentence somewhere
in the document. Adjacent name tokens form a name
("Ismaïl Haniyeh"). Comparison uses accent-folded lowercase forms.

``names`` (cross-side), per source name:
- a token found in the target pair (any case) or differing only by an
  inflection ("Obama's") is fine; endings are those of each side's language
  (French "-ien" / English "-ian"), so "Biden" / "Bideen" is no derivation;
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
from rapidfuzz.distance import OSA, Levenshtein

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


def _is_initial(text: str, start: int, titles: frozenset[str] = frozenset()) -> bool:
    """True at the start of a sentence: nothing or a sentence end before, but not
    the dot of a title ("M. Garver", "Dr. Smith")."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i >= 0 and text[i] == "." and titles:
        m = re.search(r"[^\W\d_]+$", text[max(0, i - 12) : i])
        if m and m.group(0).lower() in titles:
            return False
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
        out.append(NameToken(tok, m.start(), m.end(), _is_initial(text, m.start(), res.titles)))
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


def _related(a: str, b: str, suffixes_a: tuple[str, ...], suffixes_b: tuple[str, ...] | None = None,
             min_stem: int = 4) -> bool:
    """True if two folded forms share a stem and differ only by known endings
    ("honduras"/"honduran", "canada"/"canadian", "obama"/"obamas"), so they are
    related words rather than two spellings of one name.

    ``a`` takes its ending from ``suffixes_a`` (its language's) and ``b`` from
    ``suffixes_b`` (default: the same): "Canadien" / "Canadian" are French
    "-ien" and English "-ian", while "Biden" / "Bideen" or "Reagan" / "Reagn"
    need an English "-en" or a French "-an" that neither language has, so
    they are misspellings. A letter tripled by the ending ("Yann" / "Yannn")
    is a misspelling too."""
    endings_a = {fold(s) for s in suffixes_a} | {"", "s"}
    endings_b = ({fold(s) for s in suffixes_b} | {"", "s"}) if suffixes_b is not None else endings_a
    if _tripled(a) != _tripled(b):
        return False
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    for k in range(p, min_stem - 1, -1):
        if a[k:] in endings_a and b[k:] in endings_b:
            return True
    return False


def _tripled(word: str) -> bool:
    """A letter three times in a row ("Bachmannn")."""
    return any(word[i] == word[i + 1] == word[i + 2] for i in range(len(word) - 2))


def _groups(tokens: list[NameToken], text: str) -> list[list[NameToken]]:
    groups: list[list[NameToken]] = []
    for tok in tokens:
        if groups and text[groups[-1][-1].end : tok.start].strip() == "":
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return groups


def pivot_forms(folded: str, res: LangResources) -> list[str]:
    """The folded name and its English forms from the language's exonym list."""
    alts = res.exonyms.get(folded)
    return [folded] + (alts.split("|") if alts else [])


def expanded(tokens: set[str], res: LangResources) -> set[str]:
    """``tokens`` plus the words of their English forms."""
    out = set(tokens)
    for t in tokens:
        alts = res.exonyms.get(t)
        if alts:
            out.update(w for alt in alts.split("|") for w in alt.split())
    return out


def respelled_forms(folded: str, res: LangResources, depth: int = 2) -> set[str]:
    """``folded`` rewritten by up to ``depth`` of the language's respelling rules."""
    forms = {folded}
    frontier = {folded}
    for _ in range(depth):
        nxt = set()
        for form in frontier:
            for pattern, repl in res.respellings:
                new = re.sub(pattern, repl, form)
                if new not in forms:
                    nxt.add(new)
        forms |= nxt
        frontier = nxt
    return forms


def typo_like(a: str, b: str, res_a: LangResources | None = None, res_b: LangResources | None = None) -> bool:
    """One letter dropped, added, changed or two swapped (optimal string alignment),
    and not a known way of transliterating (``LangResources.respellings``).
    Both forms have four letters or more, except a four-letter name losing a
    letter ("Rehn" / "Rhn", "EADS" / "EAS")."""
    if min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4 or OSA.distance(a, b) != 1:
        return False
    for res, x, y in ((res_a, a, b), (res_b, b, a)):
        if res is not None and res.respellings and y in respelled_forms(x, res):
            return False
    return True


def _matched_positions(cov, names: list) -> list[int]:
    """Indices in ``cov.tgt`` of the content words overlapping ``names`` that word
    coverage matches with a word of the original."""
    return [k for k, w in enumerate(cov.tgt)
            if w.content and cov.tgt_matched[k] and any(n.start < w.end and w.start < n.end for n in names)]


def _kept_name(tok: "NameToken", res: LangResources) -> bool:
    """A name of the original that a translator keeps as it is: plain letters
    (accented capitalised words are mostly French nouns: "Société"), not an
    acronym (often translated: "ONU" / "UN"), not a demonym, not hyphenated."""
    text, f = tok.text, tok.folded
    return text.isascii() and not text.isupper() and len(f) >= 4 and f not in res.demonyms and "-" not in f


def _new_name_candidate(tok: "NameToken", res: LangResources) -> bool:
    """A capitalised word of the translation that may be a name (not a demonym)."""
    f = tok.folded
    return len(f) >= 3 and f not in res.demonyms and f not in res.weekdays and "-" not in f


class NamesCheck(Configurable, Check):
    """Names of the original missing, respelled or replaced in the translation.

    See the module docstring for the cross-side rules. Scores: 0.9 respelled
    while the original spelling is used elsewhere in the translation; 0.7
    respelled by one letter (dropped, added, changed, two swapped) with no
    such evidence (a four-letter name may lose a letter: "Rehn" -> "Rhn"), and
    a name of the original replaced by a name the original does not have
    ("Gold" -> "Wall") when the name is one a translator keeps: plain letters,
    or written so elsewhere in the translation ("Québec", "EADS"); an acronym
    with its letters reordered ("TAN" -> "NAT") is its translation; a
    replacement that the document makes in at least ``consistent_pairs``
    pairs, and in most of those with the original's name, scores 0.4 (a name
    translated throughout: "Dormouse" / "Loir"). 0.6
    absent here but present elsewhere
    in the translation; 0.4 respelled otherwise (an exonym the language lists
    do not know?); 0.3 absent here and present in the next or previous pair,
    or a name of the translation that the original does not have but that
    word coverage pairs with a word of it (translated?); 0.2 absent (probably
    translated). 0.7 (``unlinked_added_score``) for a name of the translation
    that the original does not have and that word coverage pairs with no word
    of it ("25% of Castillo Americans"). Names the language resources list as
    exonyms ("Allemagne" = "Germany") match their English form.
    """

    name = "names"
    options = {
        "ok_ratio": 95.0,
        "near_ratio": 75.0,
        "cognate_ratio": 65.0,
        "short_cognate_ratio": 80.0,
        "min_length": 4,
        "evidence_score": 0.9,
        "typo_score": 0.7,
        "replaced_score": 0.7,
        # ... respelled_score instead when the two share at least this many pairs (and most of
        # the original's): the translation renders that name so throughout the document
        "consistent_pairs": 3,
        "elsewhere_score": 0.6,
        "respelled_score": 0.4,
        "nearby_score": 0.3,
        "added_score": 0.3,
        "unlinked_added_score": 0.7,
        "absent_score": 0.2,
    }

    def prepare(self, ctx: CheckContext) -> None:
        self.src = _Side(ctx.pairs, True, get_resources(ctx.src_lang))
        self.tgt = _Side(ctx.pairs, False, get_resources(ctx.tgt_lang))
        # endings of the original's language, then of the translation's
        self.suffixes = (self.src.res.inflection_suffixes + self.src.res.derivation_suffixes,
                         self.tgt.res.inflection_suffixes + self.tgt.res.derivation_suffixes)
        self.src_vocabulary = expanded(self.src.folded, self.src.res)
        # capitalised words of the translation (folded): a name of the original
        # found among them is one this translator keeps as it is
        self.tgt_capitalised = {t.folded for toks in self.tgt.caps.values() for t in toks}
        # names of the original the translation never spells, and the capitalised words of
        # the translation the original never spells, that share pairs: a name translated
        # the same way throughout ("Dormouse" / "Loir", "Caterpillar" / "Chenille")
        self.together: Counter = Counter()
        self.unspelled: Counter = Counter()  # pairs holding each such name of the original
        for p in ctx.pairs:
            src_names = {t.folded for t in self.src.names.get(p.index, []) if t.folded not in self.tgt.folded}
            tgt_names = {t.folded for t in self.tgt.caps.get(p.index, []) if t.folded not in self.src.folded}
            self.unspelled.update(src_names)
            self.together.update((f, g) for f in src_names for g in tgt_names)
        self._want_alone_words(ctx)

    def _want_alone_words(self, ctx: CheckContext) -> None:
        """Ask for the words ``_linked`` will embed alone to be embedded with the other
        checks' texts (``CheckContext.want``): those of the pairs with a name the
        original lacks."""
        from compare.diverge.coverage import aligner

        found = aligner(ctx) if ctx.encoder is not None else None
        if found is None:
            return
        for pair in ctx.pairs:
            if not (pair.src_text.strip() and pair.tgt_text.strip()):
                continue
            names = self._new_names(pair, self.suffixes)
            positions = _matched_positions(found.cover(pair), names) if names else []
            if positions:
                ctx.want(found.alone_words(pair, positions))

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        o = self.opts
        src_res, tgt_res = self.src.res, self.tgt.res
        tgt_tokens = expanded(self.tgt.folded_by_pair.get(pair.index, set()), tgt_res)
        tgt_caps = self.tgt.caps.get(pair.index, [])
        suffixes = self.suffixes

        def present(f: str) -> int:
            """2: the name (or its English form) is in the target pair; 1: only a
            word derived from it is ("Honduras" / "Honduran"); 0: neither."""
            related = False
            for alt in pivot_forms(f, src_res):
                words = alt.split()
                if all(w in tgt_tokens or all(p in tgt_tokens for p in w.split("-")) for w in words):
                    return 2
                if len(words) == 1 and any(_related(alt, t, *suffixes) for t in tgt_tokens if t[:2] == alt[:2]):
                    related = True
            return int(related)

        new_names = self._new_names(pair, suffixes)
        findings: list[Finding] = []
        for group in _groups(self.src.names.get(pair.index, []), pair.src_text):
            missing: list[tuple[NameToken, float]] = []
            matched_any = False
            for tok in group:
                f = tok.folded
                found = present(f)
                if found == 1 and new_names and _kept_name(tok, src_res):
                    # only a derived word is here ("Honduran people"), and the
                    # translation has a name the original lacks where the name was
                    findings.append(self._replaced(pair, tok, new_names.pop(0)))
                    matched_any = True
                    continue
                if found:
                    matched_any = True
                    continue
                best, best_ratio = None, 0.0
                if len(f) >= o["min_length"]:
                    for cand in tgt_caps:
                        cf = cand.folded
                        if len(cf) < o["min_length"] - 1 or cf in self.src.folded:
                            continue  # a name the original also has: a different entity
                        r = fuzz.ratio(f, cf)
                        if len(cf) < o["min_length"] and not typo_like(f, cf, src_res, tgt_res):
                            continue  # a shorter word only as a letter dropped ("Rehn" / "Rhn")
                        if r > best_ratio:
                            best, best_ratio = cand, r
                if best is not None and best_ratio >= o["ok_ratio"] and not typo_like(
                    f, best.folded, src_res, tgt_res
                ):
                    matched_any = True
                    continue
                if best is not None and best_ratio >= o["near_ratio"] and not _related(f, best.folded, *suffixes):
                    matched_any = True
                    new_names = [n for n in new_names if n is not best]
                    findings.append(self._respelled(pair, tok, best, best_ratio))
                    continue
                other_part = self._other_compound(f, tgt_caps) if "-" in f else None
                if other_part is not None:
                    # "Villiers-le-Bel" / "Gianfranco-le-Bel": one part of a compound name changed
                    matched_any = True
                    findings.append(self._replaced(pair, tok, other_part))
                    continue
                # a word of a name whose other words are here ("Stéphane Dupont" / "Florent
                # Dupont") is a name even when accented
                in_person_name = (len(group) > 1 and len(f) >= 4 and not tok.text.isupper()
                                  and any(present(t.folded) == 2 for t in group if t is not tok))
                # a name the translator keeps as it is, which it may be by its form (plain
                # letters) or because the translation writes it so elsewhere ("Québec",
                # "EADS"); absent here while the translation has a name the original lacks
                kept = _kept_name(tok, src_res) or (len(f) >= 3 and f in self.tgt_capitalised)
                if new_names and (kept or in_person_name):
                    matched_any = True
                    findings.append(self._replaced(pair, tok, new_names.pop(0)))
                    continue
                if f in self.tgt.folded:
                    # kept by the translator elsewhere; if it is in the next or
                    # previous pair, the sentence was restructured ("a affirmé
                    # M. Kirby" -> "he said" after "John Kirby said ...")
                    nearby = self.tgt.folded_by_pair.get(pair.index - 1, set()) | self.tgt.folded_by_pair.get(
                        pair.index + 1, set()
                    )
                    missing.append((tok, o["nearby_score"] if f in nearby else o["elsewhere_score"]))
                else:
                    missing.append((tok, o["absent_score"]))
            if missing and not matched_any:
                score = max(s for _, s in missing)
                start, end = group[0].start, group[-1].end
                name = pair.src_text[start:end]
                extra = " (the translation uses it elsewhere)" if score >= o["elsewhere_score"] else ""
                findings.append(
                    Finding(
                        check=self.name,
                        category=NAMES,
                        pair=pair.index,
                        score=score,
                        message=f"name '{name}' in the original has no counterpart in the translation{extra}",
                        src_spans=[pair.src_span(start, end)],
                        details={"src": name, "in_target_document": score >= o["elsewhere_score"]},
                    )
                )
        linked = self._linked(pair, ctx, new_names) if new_names else None
        for other in new_names:
            # a capitalised word the encoder pairs with a word of the original is
            # probably translated ("Barreau" / "Bar"); one it pairs with nothing is a
            # name the original does not have
            is_linked = (linked is None or other.folded in self.tgt.res.institution_words
                         or any(a < other.end and other.start < b for a, b in linked))
            why = "" if is_linked else ": neither spelled alike nor paired with any word of it"
            findings.append(
                Finding(
                    check=self.name,
                    category=NAMES,
                    pair=pair.index,
                    score=o["added_score"] if is_linked else o["unlinked_added_score"],
                    message=f"name '{other.text}' in the translation has no counterpart in the original{why}",
                    tgt_spans=[pair.tgt_span(other.start, other.end)],
                    details={"tgt": other.text, "added": True, "linked": is_linked},
                )
            )
        findings.extend(self._stray_typos(pair, tgt_caps, suffixes, findings))
        return findings

    @staticmethod
    def _linked(pair: Pair, ctx: CheckContext, names: list) -> list[tuple[int, int]] | None:
        """Local spans of the target pair's words among ``names`` that word coverage
        matches with a word of the original (mutual best match, confirmed by the
        words alone: ``WordAligner.confirmed``); None without the encoder."""
        from compare.diverge.coverage import aligner

        found = aligner(ctx)
        if found is None:
            return None
        cov = found.cover(pair)
        positions = _matched_positions(cov, names)
        ok = found.confirmed(pair, positions) if positions else []
        return [(cov.tgt[k].start, cov.tgt[k].end) for k, good in zip(positions, ok, strict=True) if good]

    def _stray_typos(self, pair: Pair, tgt_caps: list[NameToken], suffixes, findings) -> list[Finding]:
        """Capitalised words of the target pair one letter away from a name of the
        source pair, which the original does not have anywhere: a misspelling
        even when the name is also spelled right in the pair ("France ...
        Fracne")."""
        src_names = {t.folded: t for t in self.src.names.get(pair.index, []) if len(t.folded) >= self.opts["min_length"]}
        taken = {span for f in findings for span in f.tgt_spans}
        out = []
        for cand in tgt_caps:
            cf = cand.folded
            if cf in self.src_vocabulary or pair.tgt_span(cand.start, cand.end) in taken:
                continue
            for f, tok in src_names.items():
                if typo_like(f, cf, self.src.res, self.tgt.res) and not _related(f, cf, *suffixes):
                    out.append(self._respelled(pair, tok, cand, fuzz.ratio(f, cf)))
                    break
        return out

    def _other_compound(self, folded: str, tgt_caps: list[NameToken]) -> NameToken | None:
        """A hyphenated name of the target pair that shares a part of three letters or
        more with the hyphenated source name ``folded`` but differs in another part,
        and is not a name of the original document."""
        parts = set(folded.split("-"))
        for cand in tgt_caps:
            cf = cand.folded
            if "-" not in cf or cf == folded or cf in self.src.folded:
                continue
            cparts = set(cf.split("-"))
            if any(len(p) >= 3 for p in parts & cparts) and cparts - parts and parts - cparts:
                return cand
        return None

    def _replaced(self, pair: Pair, tok: NameToken, other: NameToken) -> Finding:
        together = self.together[tok.folded, other.folded]
        consistent = together >= self.opts["consistent_pairs"] and together >= 0.6 * self.unspelled[tok.folded]
        return Finding(
            check=self.name,
            category=NAMES,
            pair=pair.index,
            score=self.opts["respelled_score" if consistent else "replaced_score"],
            message=f"'{tok.text}' in the original is not in the translation, which has '{other.text}' instead"
                    + (f" (as in {together} pairs of the document: a translated name?)" if consistent else ""),
            src_spans=[pair.src_span(tok.start, tok.end)],
            tgt_spans=[pair.tgt_span(other.start, other.end)],
            details={"src": tok.text, "tgt": other.text, "replaced": True},
        )

    def _respelled(self, pair: Pair, tok: NameToken, best: NameToken, ratio: float) -> Finding:
        o = self.opts
        evidence = tok.folded in self.tgt.folded
        typo = typo_like(tok.folded, best.folded, self.src.res, self.tgt.res)
        if evidence:
            score, why = o["evidence_score"], " (the translation spells it the original's way elsewhere)"
        elif typo:
            score, why = o["typo_score"], " (one letter apart: a typing error?)"
        else:
            score, why = o["respelled_score"], ""
        return Finding(
            check=self.name,
            category=NAMES,
            pair=pair.index,
            score=score,
            message=f"spelled '{tok.text}' in the original, '{best.text}' in the translation{why}",
            src_spans=[pair.src_span(tok.start, tok.end)],
            tgt_spans=[pair.tgt_span(best.start, best.end)],
            details={"src": tok.text, "tgt": best.text, "ratio": round(ratio, 1),
                     "in_target_document": evidence, "one_letter": typo},
        )

    def _new_names(self, pair: Pair, suffixes: tuple[tuple[str, ...], tuple[str, ...]]) -> list[NameToken]:
        """Names of the target pair the original document does not have in any form:
        not its words (folded, or their English forms), not related to them, not a
        near spelling of a word of the source pair ("Government" / "gouvernement")."""
        tgt_res = self.tgt.res
        if tgt_res.capitalises_nouns:
            return []  # German nouns are capitalised: no way to tell names
        src_pair = self.src.folded_by_pair.get(pair.index, set())
        out = []
        for tok in self.tgt.names.get(pair.index, []):
            f = tok.folded
            if not _new_name_candidate(tok, tgt_res):
                continue
            forms = set(pivot_forms(f, tgt_res))
            if forms & self.src_vocabulary:
                continue
            if any(_related(t, f, *suffixes) for t in src_pair if t[:2] == f[:2]):
                continue
            if tok.text.isupper() and sorted(f) in (sorted(t) for t in src_pair if len(t) == len(f)):
                continue  # an acronym with its letters in the translation's order ("TAN" / "NAT", "ONU" / "UNO")
            # a cognate ("Government" / "gouvernement"); short words say little
            # ("Parc" / "parle" are 67 apart), so they must be closer
            cognate = self.opts["cognate_ratio"] if len(f) > 5 else self.opts["short_cognate_ratio"]
            # a looser cognate must begin as the word does, or both be long ("Eriksen" /
            # "verse" are 67 apart by chance; "Czechoslovakia" / "Tchécoslovaquie" are cognates)
            if any(fuzz.ratio(f, t) >= (cognate if t[0] == f[0] or min(len(t), len(f)) >= 8
                                        else self.opts["short_cognate_ratio"])
                   for t in src_pair if len(t) >= self.opts["min_length"]):
                continue
            out.append(tok)
        return out


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
