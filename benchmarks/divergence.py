"""Injection benchmark: does `compare diff` find divergences we plant ourselves?

The dev news documents (``news_fr_en``: French originals, professional English,
translated segment by segment) are taken as they are; the English side of a
copy is damaged in one known way per run, and the place of every damage is
recorded. The full pipeline (``compare.pipeline.compare_documents``:
embedding, alignment, relatedness, every check, thresholds of the profile)
then runs on the damaged pair.

Kinds of damage (one kind per damaged copy, at most ``--per-doc`` sites per
copy, never in adjacent sentences):

==========  =====================================================================
kind        what happens to one English sentence
==========  =====================================================================
number      one digit of a number that the French sentence also has is changed
            ("2,500" -> "2,700"); years and day numbers of dates are left to
            ``date``
date        a date the French sentence also has is changed: the day or the
            month of "31 July" / "July 31", the weekday, or a year (+-1..3)
name        a capitalised name kept as it is in the French sentence is
            misspelled (letters swapped, dropped, doubled or changed) or
            replaced by a name from another document
clause      a clause of 4 or more words is removed: a comma-delimited
            segment if there is one, else a run of 4-8 words
drop        the sentence is removed (the French keeps its sentence)
insert      a sentence from another document's English is inserted
negation    a negation is removed ("is not" -> "is", "didn't" -> "did",
            "never" deleted) or added ("is" -> "is not", "can" -> "cannot")
quote       quotation marks are removed from a quotation the French also has,
            or put around 4-10 words of a sentence neither side quotes
swap        a word is replaced by its opposite (``SWAPS``: increase/decrease,
            before/after, more/less, win/lose, north/south...)
digit       one digit of any digit string the French also has is changed (years,
            times, ordinals, "Ligue 1" included)
entity      a lowercase content word is replaced by a name from another document
merged      a sentence from another document's English is appended to a sentence
            (one segment holds both)
polarity    "not" is added after any auxiliary or copula, or any negation is
            removed, whatever else the pair negates
==========  =====================================================================

Scoring. A damage is *found* at a profile when a flag of one of the kind's
categories (``RIGHT_CATEGORIES``) has a span overlapping the damage: the
changed characters in the English, or the French evidence (the French value
or name for number, date and name; the whole French sentence for what was
removed from the English: clause, drop, removed negation or quotation marks).
A flag the undamaged copy already had at the same place (same check, same
French spans, same English span text) does not count. Recall per kind is
computed per seed; the table gives the mean over seeds and the spread
(smallest-largest). Noise: the share of pairs touching no damaged sentence
that carry any flag (minor or above) at the profile, and at major or above.

Machine translation is not used (no real MT model is installed here; the
``mt`` check stays silent without one).

    .venv/bin/python benchmarks/divergence.py --data ../shared/data/dev
    .venv/bin/python benchmarks/divergence.py --data ../shared/data/dev --kinds swap --seeds 1 --show-misses 20
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare.diverge import base as _base  # noqa: E402
from compare.diverge.base import (  # noqa: E402
    ADDITION,
    MISTRANSLATION,
    NAME_CONSISTENCY,
    NAMES,
    NEGATION,
    NUMBERS,
    OMISSION,
    QUOTATION,
)
from compare.document import Document, Paragraph, Sentence, Span  # noqa: E402

# the category of the opposites check (absent from versions before it, which the
# benchmark can still measure)
OPPOSITE = getattr(_base, "OPPOSITE", "accuracy/mistranslation/opposite")

KINDS = ("number", "date", "name", "clause", "drop", "insert", "negation", "quote", "swap",
         "digit", "entity", "merged", "polarity")
PROFILES = ("strict", "balanced", "lenient")

RIGHT_CATEGORIES: dict[str, frozenset[str]] = {
    "number": frozenset({NUMBERS}),
    "date": frozenset({NUMBERS}),
    "name": frozenset({NAMES, NAME_CONSISTENCY}),
    "clause": frozenset({OMISSION}),
    "drop": frozenset({OMISSION}),
    "insert": frozenset({ADDITION}),
    "negation": frozenset({NEGATION}),
    "quote": frozenset({QUOTATION}),
    "swap": frozenset({OPPOSITE, MISTRANSLATION}),
    "digit": frozenset({NUMBERS}),
    "entity": frozenset({NAMES, NAME_CONSISTENCY}),
    "merged": frozenset({ADDITION}),
    "polarity": frozenset({NEGATION}),
}

# Opposites used to damage the English side. Chosen as meaning-changing swaps a
# reviser must catch, before and independently of the checks' word lists.
_SWAP_PAIRS = """
increase decrease|increased decreased|increases decreases|increasing decreasing
rise fall|rises falls|rose fell|risen fallen|rising falling
before after|more less|higher lower|highest lowest|high low|above below
win lose|won lost|wins loses|winning losing|winner loser|winners losers
victory defeat|majority minority|maximum minimum|first last|early late|earlier later
success failure|successful unsuccessful|accept reject|accepted rejected
buy sell|bought sold|buying selling|import export|imports exports
strong weak|stronger weaker|best worst|better worse|profit loss|profits losses
gains losses|north south|east west|northern southern|eastern western
yesterday tomorrow|rich poor|cheap expensive|positive negative|legal illegal
largest smallest|biggest smallest|most least|inside outside|true false
allowed banned|growth decline|future past|next previous|optimistic pessimistic
surplus deficit|easy difficult|easier harder|safe dangerous|include exclude
included excluded|supporters opponents|opened closed|began ended|start end
up down|over under|always never|old new|young old|open closed|lowered raised
"""
_SWAP_SKIP = {"up", "down", "over", "under", "always", "never", "old", "new", "young", "open", "start", "end", "lowered", "raised"}
SWAPS: dict[str, str] = {}
for _pair in re.split(r"[|\n]", _SWAP_PAIRS.strip()):
    _a, _b = _pair.split()
    if _a in _SWAP_SKIP or _b in _SWAP_SKIP:
        continue  # particles and words too often used otherwise ("set up", "new")
    SWAPS.setdefault(_a, _b)
    SWAPS.setdefault(_b, _a)
# fixed expressions in which a swap would not read as a change of meaning
_SWAP_IDIOMS = re.compile(
    r"\b(?:more or less|at (?:least|most|first|last|best|worst)|first of all|after all|"
    r"last but not least|more and more|better off|the former|the latter|late (?:mr|mrs)\b)",
    re.IGNORECASE,
)

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
_WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS_FR = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
              "novembre|décembre|decembre")
_WEEKDAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTH_RE = "|".join(_MONTHS_EN)
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\b")
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b")
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(_WEEKDAYS_EN)})\b")
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w])")
_NUMBER = re.compile(r"(?<![\w.,$€£])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
_FR_NUMBER = re.compile(r"\d+(?:[  \u202f]\d{3})*(?:,\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_FR_NEGATION = re.compile(r"\b(?:ne|n'|n’|pas|jamais|rien|personne|aucune?|sans|ni|non)\b", re.IGNORECASE)
_EN_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without|cannot|nowhere)\b|n['’]t\b", re.IGNORECASE
)
_AUX = ("is", "are", "was", "were", "will", "would", "could", "should", "can", "must",
        "has", "have", "had", "does", "did", "do", "may", "might")
_PARTICIPLE_LIKE = re.compile(r"(?:ed|en|wn|ne|been|made|said|put|set|told|found|held|kept|left|lost|met|paid|sent|sold|spent|taken|won|become|come|done|gone|had|run|seen)$")
_NOT_AFTER_DO = {"the", "a", "an", "this", "that", "it", "so", "not", "n't", "so", "what", "their", "his", "her", "its", "our", "your", "my"}
_CONTRACTIONS = {
    "don't": "do", "doesn't": "does", "didn't": "did", "isn't": "is", "aren't": "are",
    "wasn't": "was", "weren't": "were", "won't": "will", "can't": "can", "couldn't": "could",
    "wouldn't": "would", "shouldn't": "should", "hasn't": "has", "haven't": "have",
    "hadn't": "had", "mustn't": "must",
}
_EN_FUNCTION = set("""
the a an this that these those he she it they we i you his her its their our your my
but and or so yet for if when while after before since until as because though although
in on at by from of to into with without about over under between among through during
there here what which who whom whose where why how all any each every some no not both
is are was were be been has have had do does did will would can could shall should may
might must also even only just still however mr mrs ms dr
""".split())
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
_FR_QUOTE = re.compile(r"[«»“”\"]")


# ---------------------------------------------------------------------------
# Damage to one sentence
# ---------------------------------------------------------------------------


@dataclass
class SentenceDamage:
    """What a damage function did to one English sentence.

    ``tgt``: the changed characters in the new sentence ((0, 0) when only
    something was removed); ``src``: the French evidence in the French
    sentence (None = the whole French sentence).
    """

    new_text: str
    tgt: tuple[int, int] | None
    src: tuple[int, int] | None
    what: str


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _fr_number_spans(fr: str) -> list[tuple[str, int, int]]:
    return [(_digits(m.group(0)), m.start(), m.end()) for m in _FR_NUMBER.finditer(fr)]


def _in_date(en: str, start: int, end: int) -> bool:
    window = en[max(0, start - 12) : end + 12]
    return bool(re.search(rf"\b(?:{_MONTH_RE})\b", window))


def damage_number(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Change one digit of a number (not a year, not a date's day) that the French also has."""
    fr_nums = _fr_number_spans(fr)
    cands = []
    for m in _NUMBER.finditer(en):
        text = m.group(0)
        if _YEAR.fullmatch(text) or _in_date(en, m.start(), m.end()):
            continue
        src = next(((a, b) for d, a, b in fr_nums if d == _digits(text)), None)
        if src is not None:
            cands.append((m, src))
    if not cands:
        return None
    m, src = rng.choice(cands)
    text = m.group(0)
    positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    fr_digits = {d for d, _, _ in fr_nums}
    for _ in range(20):
        i = rng.choice(positions)
        choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == 0 and len(positions) > 1)]
        new = text[:i] + rng.choice(choices) + text[i + 1 :]
        if _digits(new) not in fr_digits and not (len(positions) == 1 and new == "1"):
            break
    else:
        return None
    out = en[: m.start()] + new + en[m.end() :]
    return SentenceDamage(out, (m.start(), m.start() + len(new)), src, f"'{text}' -> '{new}'")


def damage_date(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Change the day or month of a date, a weekday, or a year, when the French has it too."""
    cands: list[tuple[str, re.Match, tuple[int, int] | None]] = []
    fr_month = re.search(rf"\b(?:{_MONTHS_FR})\b", fr, re.IGNORECASE)
    if fr_month:
        for pat in (_DAY_MONTH, _MONTH_DAY):
            for m in pat.finditer(en):
                cands.append(("daymonth", m, (fr_month.start(), fr_month.end())))
    fr_weekday = re.search(rf"\b(?:{_WEEKDAYS_FR})\b", fr, re.IGNORECASE)
    if fr_weekday:
        for m in _WEEKDAY.finditer(en):
            cands.append(("weekday", m, (fr_weekday.start(), fr_weekday.end())))
    fr_years = {m.group(0): (m.start(), m.end()) for m in _YEAR.finditer(fr)}
    for m in _YEAR.finditer(en):
        if m.group(0) in fr_years:
            cands.append(("year", m, fr_years[m.group(0)]))
    if not cands:
        return None
    how, m, src = rng.choice(cands)
    if how == "weekday":
        old = m.group(0)
        new = rng.choice([w for w in _WEEKDAYS_EN if w != old])
        a, b = m.start(), m.end()
    elif how == "year":
        old = m.group(0)
        new = str(int(old) + rng.choice([-3, -2, -1, 1, 2, 3]))
        a, b = m.start(), m.end()
    elif rng.random() < 0.5:
        old = m.group("day")
        day = int(old)
        new = str(rng.choice([d for d in range(1, 29) if d != day]))
        a, b = m.start("day"), m.end("day")
    else:
        old = m.group("month")
        new = rng.choice([x for x in _MONTHS_EN if x != old])
        a, b = m.start("month"), m.end("month")
    out = en[:a] + new + en[b:]
    return SentenceDamage(out, (a, a + len(new)), src, f"'{old}' -> '{new}'")


def _fold(s: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


def shared_names(fr: str, en: str) -> list[tuple[int, int, tuple[int, int]]]:
    """Capitalised English words of >= 4 letters, not sentence-initial, spelled the
    same (accents aside) and capitalised in the French: (start, end, French span)."""
    fr_words = {}
    for m in _WORD.finditer(fr):
        if m.group(0)[0].isupper():  # a name in the French too
            fr_words.setdefault(_fold(m.group(0)), (m.start(), m.end()))
    out = []
    for m in re.finditer(r"[^\W\d_]+", en):
        w = m.group(0)
        if len(w) < 4 or not w[0].isupper() or w.lower() in _EN_FUNCTION:
            continue
        if w in _MONTHS_EN or w in _WEEKDAYS_EN:
            continue
        before = en[: m.start()].rstrip(" “\"'‘(«")
        if not before or before[-1] in ".!?:":
            continue  # sentence-initial
        if _fold(w) in fr_words:
            out.append((m.start(), m.end(), fr_words[_fold(w)]))
    return out


def misspell(word: str, rng: random.Random) -> str:
    """A plausible misspelling: two letters swapped, one dropped, doubled or changed."""
    vowels = "aeiou"
    for _ in range(30):
        i = rng.randrange(1, len(word) - 1) if len(word) > 2 else 1
        op = rng.choice(("swap", "drop", "double", "vowel"))
        if op == "swap" and i + 1 < len(word) and word[i] != word[i + 1]:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif op == "drop":
            new = word[:i] + word[i + 1 :]
        elif op == "double":
            new = word[: i + 1] + word[i] + word[i + 1 :]
        elif op == "vowel" and word[i].lower() in vowels:
            new = word[:i] + rng.choice([v for v in vowels if v != word[i].lower()]) + word[i + 1 :]
        else:
            continue
        if new != word:
            return new
    return word[:-1]


def damage_name(fr: str, en: str, rng: random.Random, other_names: Sequence[str] = ()) -> SentenceDamage | None:
    """Misspell a name the French spells the same way, or replace it with another document's name."""
    cands = shared_names(fr, en)
    if not cands:
        return None
    a, b, src = rng.choice(cands)
    old = en[a:b]
    pool = [n for n in other_names if _fold(n) not in _fold(fr) and _fold(n) not in _fold(en)]
    if pool and rng.random() < 0.5:
        new = rng.choice(pool)
        how = "replaced"
    else:
        new = misspell(old, rng)
        how = "misspelled"
    out = en[:a] + new + en[b:]
    return SentenceDamage(out, (a, a + len(new)), src, f"{how} '{old}' -> '{new}'")


def _words_in(text: str) -> int:
    return len(re.findall(r"\w+", text))


def damage_clause(fr: str, en: str, rng: random.Random, min_words: int = 4) -> SentenceDamage | None:
    """Remove a comma-delimited segment of >= ``min_words`` words (at most 40 % of the
    sentence), else a run of 4-8 words inside the sentence."""
    total = _words_in(en)
    if total < 3 * min_words:
        return None
    limit = max(min_words, int(0.4 * total))
    cands = []
    commas = [m.start() for m in re.finditer(r",\s", en)]
    end = len(en.rstrip().rstrip(".!?\"”»)"))
    bounds = commas + [end]
    for i, c in enumerate(commas):
        for nxt in bounds[i + 1 : i + 2]:
            seg = en[c:nxt]  # ", which was ..." (the comma goes with it)
            if min_words <= _words_in(seg) <= limit:
                cands.append((c, nxt))
    if cands:
        a, b = rng.choice(cands)
    else:
        words = list(re.finditer(r"\S+", en))
        n = rng.randint(min_words, min(8, limit))
        if len(words) < n + 2:
            return None
        k = rng.randrange(1, len(words) - n)  # never the first word, never the last
        a, b = words[k].start(), words[k + n - 1].end()
        if _words_in(en[a:b]) < min_words:
            return None
        a = a - 1 if a > 0 and en[a - 1] == " " else a
    removed = en[a:b]
    out = en[:a] + en[b:]
    return SentenceDamage(out, (a, a), None, f"removed {removed.strip(' ,')!r}")


def damage_negation(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Remove the English sentence's only negation, or add one to a sentence without any."""
    found = list(_EN_NEGATION.finditer(en))
    options = []
    if len(found) == 1 and _FR_NEGATION.search(fr) is not None:
        m = found[0]
        word = en[m.start() : m.end()].lower()
        full = re.search(r"\b\w+n['’]t\b", en[max(0, m.start() - 12) : m.end()])
        if word in ("n't", "n’t") and full:
            token_start = max(0, m.start() - 12) + full.start()
            token = en[token_start : m.end()]
            plain = _CONTRACTIONS.get(token.lower().replace("’", "'"))
            if plain:
                if token[0].isupper():
                    plain = plain.capitalize()
                options.append(("remove", token_start, m.end(), plain))
        elif word == "not":
            prev = re.search(r"(\w+)\s+$", en[: m.start()])
            if prev and prev.group(1).lower() in _AUX:
                options.append(("remove", prev.end(1), m.end(), ""))
        elif word == "cannot":
            options.append(("remove", m.start(), m.end(), en[m.start() : m.start() + 3]))
        elif word == "never":
            b = m.end() + 1 if en[m.end() : m.end() + 1] == " " else m.end()
            options.append(("remove", m.start(), b, ""))
    if not found and not _FR_NEGATION.search(fr):
        for m in re.finditer(r"\b(" + "|".join(_AUX) + r")\b(\s+)([a-z]\w*)", en):
            aux, nxt = m.group(1).lower(), m.group(3).lower()
            if aux in ("has", "have", "had") and not _PARTICIPLE_LIKE.search(nxt):
                continue
            if aux in ("do", "does", "did") and nxt in _NOT_AFTER_DO:
                continue
            options.append(("add", m.start(1), m.end(1), m.group(1) + ("not" if aux == "can" else " not")))
    if not options:
        return None
    how, a, b, new = rng.choice(options)
    old = en[a:b]
    out = en[:a] + new + en[b:]
    if how == "add":
        return SentenceDamage(out, (a, a + len(new)), None, f"added negation: '{old}' -> '{new}'")
    tgt_end = a + len(new)
    return SentenceDamage(out, (a, max(tgt_end, a)), None, f"removed negation: '{old}' -> '{new}'")


def _quoted(en: str) -> list[tuple[int, int]]:
    spans = []
    for o, c in _QUOTE_PAIRS:
        if o == c:
            pos = [i for i, ch in enumerate(en) if ch == o]
            spans += [(pos[k], pos[k + 1]) for k in range(0, len(pos) - 1, 2)]
        else:
            spans += [(m.start(), m.end() - 1) for m in re.finditer(re.escape(o) + r"[^" + re.escape(c) + r"]+" + re.escape(c), en)]
    return sorted(spans)


def damage_quote(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Remove the marks of a quotation the French also has, or quote 4-10 words nobody quotes."""
    quoted = [(a, b) for a, b in _quoted(en) if _words_in(en[a:b]) >= 2]
    fr_quotes = bool(_FR_QUOTE.search(fr))
    options = []
    if quoted and fr_quotes:
        options += [("remove", a, b) for a, b in quoted]
    if not quoted and not fr_quotes and not re.search(r"[\"“”«»‘’']", en):
        words = list(re.finditer(r"[^\W\d_][\w'’-]*", en))
        if len(words) >= 8:
            options.append(("add", 0, 0))
    if not options:
        return None
    how, a, b = rng.choice(options)
    if how == "remove":
        inner = en[a + 1 : b]
        out = en[:a] + inner + en[b + 1 :]
        return SentenceDamage(out, (a, a + len(inner)), None, f"quotation marks removed around {inner[:40]!r}")
    words = list(re.finditer(r"[^\W\d_][\w'’-]*", en))
    n = rng.randint(4, min(10, len(words) - 2))
    k = rng.randrange(1, len(words) - n)
    a, b = words[k].start(), words[k + n - 1].end()
    out = en[:a] + "“" + en[a:b] + "”" + en[b:]
    return SentenceDamage(out, (a, b + 2), None, f"quotation marks added around {en[a:b][:40]!r}")


def damage_swap(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Replace one word by its opposite (``SWAPS``), outside fixed expressions."""
    idioms = [(m.start(), m.end()) for m in _SWAP_IDIOMS.finditer(en)]
    cands = []
    for m in re.finditer(r"[A-Za-z]+", en):
        w = m.group(0)
        if w.lower() in SWAPS and not any(a <= m.start() < b for a, b in idioms):
            cands.append(m)
    if not cands:
        return None
    m = rng.choice(cands)
    old = m.group(0)
    new = SWAPS[old.lower()]
    if old[0].isupper():
        new = new.capitalize()
    out = en[: m.start()] + new + en[m.end() :]
    return SentenceDamage(out, (m.start(), m.start() + len(new)), None, f"'{old}' -> '{new}'")


# --- kinds added for issue 12 (the classes a rule-based QA checker never misses) ---

_ANY_DIGITS = re.compile(r"\d+")


def damage_digit(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Change one digit of any digit string the French sentence also has: years,
    days, times, ordinals and numbers inside names ("Ligue 1") included."""
    fr_runs = {m.group(0): (m.start(), m.end()) for m in _ANY_DIGITS.finditer(fr)}
    cands = [m for m in _ANY_DIGITS.finditer(en) if m.group(0) in fr_runs]
    if not cands:
        return None
    m = rng.choice(cands)
    text = m.group(0)
    i = rng.randrange(len(text))
    choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == 0 and len(text) > 1)]
    new = text[:i] + rng.choice(choices) + text[i + 1 :]
    out = en[: m.start()] + new + en[m.end() :]
    return SentenceDamage(out, (m.start(), m.start() + len(new)), fr_runs[text], f"'{text}' -> '{new}'")


def damage_entity(fr: str, en: str, rng: random.Random, other_names: Sequence[str] = ()) -> SentenceDamage | None:
    """Put another document's name in place of a lowercase content word ("25% of
    Castillo Americans"): a name the original does not have."""
    words = [m for m in re.finditer(r"[a-z]{5,}", en)
             if m.group(0) not in _EN_FUNCTION and (m.start() == 0 or not en[m.start() - 1].isalnum())
             and (m.end() == len(en) or not en[m.end()].isalnum())]
    pool = [n for n in other_names if _fold(n) not in _fold(fr) and _fold(n) not in _fold(en)]
    if not words or not pool:
        return None
    m = rng.choice(words)
    new = rng.choice(pool)
    out = en[: m.start()] + new + en[m.end() :]
    return SentenceDamage(out, (m.start(), m.start() + len(new)), None, f"'{m.group(0)}' -> '{new}'")


_ANY_AUX = ("is", "are", "was", "were", "will", "would", "could", "should", "can", "must", "has", "have",
            "had", "does", "did", "do", "may", "might", "shall", "be", "been")


def damage_polarity(fr: str, en: str, rng: random.Random) -> SentenceDamage | None:
    """Add "not" after any auxiliary or copula, or remove any negation, whatever
    else the sentences negate ("the cause is not unknown", "there are not still")."""
    options = []
    for m in re.finditer(r"\b(?:not|never)\b ?", en):
        options.append(("remove", m.start(), m.end(), ""))
    for m in re.finditer(r"\b(\w+)n['’]t\b", en):
        plain = _CONTRACTIONS.get(m.group(0).lower().replace("’", "'"))
        if plain:
            options.append(("remove", m.start(), m.end(), plain.capitalize() if m.group(0)[0].isupper() else plain))
    for m in re.finditer(r"\b(" + "|".join(_ANY_AUX) + r")\b(?!\s+(?:not|never)\b)", en, re.IGNORECASE):
        options.append(("add", m.start(1), m.end(1), m.group(1) + " not"))
    if not options:
        return None
    how, a, b, new = rng.choice(options)
    old = en[a:b]
    out = en[:a] + new + en[b:]
    if how == "add":
        return SentenceDamage(out, (a, a + len(new)), None, f"added negation: '{old}' -> '{new}'")
    return SentenceDamage(out, (a, a + len(new)), None, f"removed negation: '{old}' -> '{new}'")


SENTENCE_DAMAGES = {
    "number": damage_number,
    "date": damage_date,
    "name": damage_name,
    "clause": damage_clause,
    "negation": damage_negation,
    "quote": damage_quote,
    "swap": damage_swap,
    "digit": damage_digit,
    "entity": damage_entity,
    "polarity": damage_polarity,
}


# ---------------------------------------------------------------------------
# Damage to a document
# ---------------------------------------------------------------------------


@dataclass
class Damage:
    """One planted divergence, located in the damaged document pair.

    ``src_sentence``: index of the French sentence concerned (None for an
    insertion); ``tgt_sentence``: index of the English sentence in the damaged
    list (None for a drop). ``tgt`` / ``src``: local character ranges of the
    evidence in those sentences (``src`` None = the whole French sentence,
    ``tgt`` None = nothing to point at in the English).
    """

    kind: str
    src_sentence: int | None
    tgt_sentence: int | None
    tgt: tuple[int, int] | None
    src: tuple[int, int] | None
    what: str


@dataclass
class DamagedDoc:
    tgt_sents: list[str]
    tgt_paragraphs: list[int]
    damages: list[Damage] = field(default_factory=list)


def _spread_sample(cands: list[int], n: int, rng: random.Random) -> list[int]:
    """Up to ``n`` candidates, no two adjacent."""
    chosen: list[int] = []
    for k in rng.sample(cands, len(cands)):
        if all(abs(k - c) > 1 for c in chosen):
            chosen.append(k)
        if len(chosen) == n:
            break
    return sorted(chosen)


def inject(
    kind: str,
    src_sents: Sequence[str],
    tgt_sents: Sequence[str],
    tgt_paragraphs: Sequence[int],
    rng: random.Random,
    n: int = 2,
    foreign: Sequence[str] = (),
    other_names: Sequence[str] = (),
) -> DamagedDoc:
    """Damage a 1-1 document (``src_sents[i]`` translated by ``tgt_sents[i]``).

    Returns the new English sentences with their paragraph numbers and the
    damages with their places. No damage when nothing qualifies.
    """
    if len(src_sents) != len(tgt_sents) or len(tgt_sents) != len(tgt_paragraphs):
        raise ValueError("a 1-1 document needs as many sentences (and paragraph numbers) on both sides")
    tgt, paras = list(tgt_sents), list(tgt_paragraphs)
    if kind == "drop":
        cands = [i for i in range(len(tgt)) if _words_in(tgt[i]) >= 4 and _words_in(src_sents[i]) >= 4]
        if len(tgt) < 4:
            return DamagedDoc(tgt, paras)
        chosen = _spread_sample(cands, n, rng)
        damages = []
        for shift, i in enumerate(chosen):
            damages.append(Damage("drop", i, None, None, None, f"dropped {tgt_sents[i][:50]!r}"))
        keep = [i for i in range(len(tgt)) if i not in set(chosen)]
        return DamagedDoc([tgt[i] for i in keep], [paras[i] for i in keep], damages)
    if kind == "insert":
        pool = [s for s in foreign if _words_in(s) >= 6]
        if not pool or len(tgt) < 2:
            return DamagedDoc(tgt, paras)
        # insert after sentence k (k >= 0), never twice at the same place
        places = _spread_sample(list(range(len(tgt))), n, rng)
        out, out_paras, damages = [], [], []
        for i, (sent, para) in enumerate(zip(tgt, paras, strict=True)):
            out.append(sent)
            out_paras.append(para)
            if i in places:
                new = rng.choice(pool)
                damages.append(Damage("insert", None, len(out), (0, len(new)), None, f"inserted {new[:50]!r}"))
                out.append(new)
                out_paras.append(para)
        return DamagedDoc(out, out_paras, damages)
    if kind == "merged":
        # another document's sentence (any length) appended to a sentence: one
        # segment holds both, as in one-sentence-per-line input
        pool = [s for s in foreign if _words_in(s) >= 3]
        if not pool:
            return DamagedDoc(tgt, paras)
        damages = []
        for i in _spread_sample(list(range(len(tgt))), n, rng):
            new = rng.choice(pool)
            joined = tgt[i].rstrip() + " " + new
            damages.append(Damage("merged", None, i, (len(joined) - len(new), len(joined)), None, f"merged {new[:50]!r}"))
            tgt[i] = joined
        return DamagedDoc(tgt, paras, damages)
    func = SENTENCE_DAMAGES[kind]
    results: dict[int, SentenceDamage] = {}
    for i, (fr, en) in enumerate(zip(src_sents, tgt_sents, strict=True)):
        sub = random.Random(f"{rng.random()}")
        res = func(fr, en, sub, other_names) if kind in ("name", "entity") else func(fr, en, sub)
        if res is not None:
            results[i] = res
    chosen = _spread_sample(sorted(results), n, rng)
    damages = []
    for i in chosen:
        res = results[i]
        tgt[i] = res.new_text
        damages.append(Damage(kind, i, i, res.tgt, res.src, res.what))
    return DamagedDoc(tgt, paras, damages)


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def clause_copies(d, seeds: int, all_en: Sequence[tuple[str, str]]):
    """For the feature studies: ``d``'s English with comma clauses removed by the ``clause``
    generator, one copy per seed as in :func:`run`: (seed, damaged document, English Document)."""
    for seed in range(seeds):
        rng = random.Random(f"{seed}:{d.name}:clause")
        dmg = inject("clause", d.fr, d.en, d.en_paras, rng, 2, [s for n, s in all_en if n != d.name])
        if dmg.damages:
            yield seed, dmg, build_document(dmg.tgt_sents, dmg.tgt_paragraphs, "en", f"{d.name}.en#clause{seed}")


def paragraph_numbers(sents: Sequence[str], txt: str) -> list[int]:
    """Paragraph (non-empty line of ``txt``) holding each sentence, found in order."""

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip()

    lines = [norm(line) for line in txt.splitlines() if line.strip()]
    out, li, pos = [], 0, 0
    for s in sents:
        s2 = norm(s)
        while li < len(lines):
            k = lines[li].find(s2, pos)
            if k >= 0:
                pos = k + len(s2)
                break
            li, pos = li + 1, 0
        else:
            raise ValueError(f"sentence not found in the running text: {s[:60]!r}")
        out.append(li)
    return out


def build_document(sents: Sequence[str], paragraphs: Sequence[int], lang: str, name: str = "") -> Document:
    """A Document whose sentences are ``sents``: a space between sentences of one
    paragraph, a newline between paragraphs (offsets exact)."""
    text = ""
    sentences: list[Sentence] = []
    paras: list[Paragraph] = []
    prev = None
    for i, (s, p) in enumerate(zip(sents, paragraphs, strict=True)):
        s = s.strip()
        if prev is not None:
            text += " " if p == prev else "\n"
        if p != prev:
            paras.append(Paragraph(len(paras), len(text), len(text)))
        start = len(text)
        text += s
        sentences.append(Sentence(i, start, len(text), len(paras) - 1, s))
        last = paras[-1]
        paras[-1] = Paragraph(last.index, last.start, len(text), last.kind)
        prev = p
    import hashlib

    return Document(text=text, paragraphs=paras, sentences=sentences, path=name or None, format="sents",
                    lang=lang, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


@dataclass
class NewsDoc:
    name: str
    fr: list[str]
    en: list[str]
    fr_paras: list[int]
    en_paras: list[int]


def load_news(data: Path, limit: int | None = None) -> list[NewsDoc]:
    folder = data / "news_fr_en"
    docs = []
    for fr_path in sorted(folder.glob("*.fr.sents"))[:limit]:
        name = fr_path.name[: -len(".fr.sents")]
        fr = fr_path.read_text(encoding="utf-8").splitlines()
        en = (folder / f"{name}.en.sents").read_text(encoding="utf-8").splitlines()
        if len(fr) != len(en):
            print(f"skipping {name}: not 1-1", file=sys.stderr)
            continue
        docs.append(NewsDoc(
            name, fr, en,
            paragraph_numbers(fr, (folder / f"{name}.fr.txt").read_text(encoding="utf-8")),
            paragraph_numbers(en, (folder / f"{name}.en.txt").read_text(encoding="utf-8")),
        ))
    return docs


def names_pool(docs: Iterable[NewsDoc]) -> dict[str, list[str]]:
    """Per document: names kept across the translation in *other* documents."""
    per_doc = {d.name: sorted({en[a:b] for fr, en in zip(d.fr, d.en, strict=True) for a, b, _ in shared_names(fr, en)})
               for d in docs}
    everything = sorted({n for names in per_doc.values() for n in names})
    return {name: [n for n in everything if n not in set(own)] for name, own in per_doc.items()}


# ---------------------------------------------------------------------------
# Running and scoring
# ---------------------------------------------------------------------------


def keep_all_config(path=None):
    """Every check enabled, every finding kept (one step far below any score); the
    checks' options from ``path`` (a thresholds TOML), as the pipeline gets them."""
    from compare.diverge import CHECKS
    from compare.diverge.decide import load_config

    return load_config(path, overrides={"checks": {name: {"steps": [[-1e9, "minor"]]} for name in CHECKS}})


def _flag_key(f, tgt_doc) -> tuple:
    """Where a finding is: check, category, French offsets (the French never changes),
    and for each English span its sentence's text and its offsets in that sentence."""
    where = []
    for span in f.tgt_spans:
        sent = next((s for s in tgt_doc.sentences if s.start <= span.start < max(s.end, s.start + 1)), None)
        where.append((sent.text, span.start - sent.start, span.end - sent.start) if sent else
                     (tgt_doc.text[span.start : span.end], -1, -1))
    return (f.check, f.category, tuple((s.start, s.end) for s in f.src_spans), tuple(where))


def _overlaps(spans, region: Span | None) -> bool:
    if region is None:
        return False
    for s in spans:
        if s.start < region.end and region.start < s.end:
            return True
        if region.start == region.end and s.start <= region.start <= s.end and len(s):
            return True
    return False


@dataclass
class Records:
    """What the pipeline found, before any threshold: enough to score any profile.

    ``damages``: one dict per planted damage with the new findings overlapping it
    (``cands``: check, category, score). ``clean``: per pair of the undamaged
    documents, the findings on it. ``untouched``: per seed, the findings on the
    pairs of damaged copies that touch no damaged sentence, and their count.
    """

    damages: list[dict] = field(default_factory=list)
    clean: list[list[tuple[str, str, float]]] = field(default_factory=list)
    untouched: dict[int, list[list[tuple[str, str, float]]]] = field(default_factory=lambda: defaultdict(list))


def _brief(f) -> tuple[str, str, float]:
    return (f.check, f.category, float(f.score))


def record_clean(comparison, raw_findings, records: Records) -> None:
    by_pair = defaultdict(list)
    for f in raw_findings:
        by_pair[f.pair].append(_brief(f))
    records.clean.extend(by_pair[p.index] for p in comparison.pairs)


def record_damaged(comparison, damages: list[Damage], raw_findings, clean_keys: set, records: Records,
                   seed: int, doc_name: str) -> None:
    """Record the findings overlapping each damage (new ones only) and those on untouched pairs."""
    src_doc, tgt_doc = comparison.source, comparison.target
    damaged_src = {d.src_sentence for d in damages if d.src_sentence is not None}
    damaged_tgt = {d.tgt_sentence for d in damages if d.tgt_sentence is not None}
    new = [f for f in raw_findings if _flag_key(f, tgt_doc) not in clean_keys]
    for d in damages:
        src_region = tgt_region = None
        if d.src_sentence is not None:
            s = src_doc.sentences[d.src_sentence]
            src_region = Span(s.start + d.src[0], s.start + d.src[1]) if d.src else Span(s.start, s.end)
        if d.tgt_sentence is not None and d.tgt is not None:
            t = tgt_doc.sentences[d.tgt_sentence]
            if d.tgt[1] > d.tgt[0]:
                tgt_region = Span(t.start + d.tgt[0], t.start + d.tgt[1])
            else:  # something was removed: the English sentence that lost it
                tgt_region = Span(t.start, t.end)
        cands = [_brief(f) for f in new if _overlaps(f.src_spans, src_region) or _overlaps(f.tgt_spans, tgt_region)]
        pairs = _pairs_of(comparison, d)
        records.damages.append({
            "seed": seed, "doc": doc_name, "kind": d.kind, "what": d.what, "cands": cands,
            "fr": src_doc.sentences[d.src_sentence].text if d.src_sentence is not None else None,
            "en": tgt_doc.sentences[d.tgt_sentence].text if d.tgt_sentence is not None else None,
            "links": sorted(comparison.pairs[i].link.kind for i in pairs),
            "pair_findings": [(f.check, f.category, float(f.score), f.message) for f in raw_findings if f.pair in pairs],
        })
    by_pair = defaultdict(list)
    for f in raw_findings:
        by_pair[f.pair].append(_brief(f))
    for p in comparison.pairs:
        if not (set(p.link.src) & damaged_src or set(p.link.tgt) & damaged_tgt):
            records.untouched[seed].append(by_pair[p.index])


def _pairs_of(comparison, d: Damage) -> set[int]:
    return {p.index for p in comparison.pairs
            if (d.src_sentence is not None and d.src_sentence in p.link.src)
            or (d.tgt_sentence is not None and d.tgt_sentence in p.link.tgt)}


class _Finding:
    """The fields ``DivergenceConfig.decide`` reads."""

    __slots__ = ("check", "score")

    def __init__(self, check: str, score: float) -> None:
        self.check, self.score = check, score


def decide(config, check: str, score: float) -> str | None:
    """The severity ``config`` gives a finding (None: dropped, or its check is disabled)."""
    if not config.checks[check].enabled:
        return None
    return config.decide(_Finding(check, score))


def found(damage: dict, config, any_category: bool = False) -> bool:
    right = RIGHT_CATEGORIES[damage["kind"]]
    return any(decide(config, c, s) is not None and (any_category or cat in right) for c, cat, s in damage["cands"])


def recall_by_seed(records: Records, config, kind: str, any_category: bool = False) -> list[float]:
    seeds = sorted({d["seed"] for d in records.damages})
    out = []
    for seed in seeds:
        hits = [found(d, config, any_category) for d in records.damages if d["seed"] == seed and d["kind"] == kind]
        if hits:
            out.append(sum(hits) / len(hits))
    return out


def flag_rate(pairs: list[list[tuple[str, str, float]]], config, min_rank: int = 1) -> float:
    from compare.diverge.base import severity_rank

    if not pairs:
        return 0.0
    flagged = sum(1 for fs in pairs if any(severity_rank(decide(config, c, s)) >= min_rank for c, _, s in fs))
    return flagged / len(pairs)


def flags_by_check(pairs: list[list[tuple[str, str, float]]], config) -> Counter:
    out = Counter()
    for fs in pairs:
        out.update({c for c, _, s in fs if decide(config, c, s) is not None})
    return out


def run(args) -> dict:
    from compare.diverge import run_checks
    from compare.diverge.base import CheckContext
    from compare.diverge.decide import load_config
    from compare.embed import get_encoder
    from compare.errors import NotTranslationsError
    from compare.pipeline import Settings, compare_documents

    encoder = get_encoder()
    docs = load_news(args.data, args.limit)
    pool_names = names_pool(docs)
    all_en = [(d.name, s) for d in docs for s in d.en]
    foreign_by_doc = {d.name: [s for name, s in all_en if name != d.name] for d in docs}
    balanced = load_config(args.thresholds, profile="balanced")
    keep_all = keep_all_config(args.thresholds)
    settings = Settings(profile="balanced", thresholds=str(args.thresholds) if args.thresholds else None)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for k in kinds:
        if k not in KINDS:
            raise SystemExit(f"unknown kind {k!r}; choose among {', '.join(KINDS)}")

    def compare(fr_doc, en_doc):
        comparison = compare_documents(fr_doc, en_doc, settings, encoder=encoder)
        ctx = CheckContext(comparison.source, comparison.target, comparison.alignment, comparison.pairs,
                           "fr", "en", mt=None, encoder=encoder)
        raw = [fl.finding for fl in run_checks(ctx, keep_all)]
        # harness check: deciding offline gives exactly the pipeline's flags
        expected = sorted((f.pair, f.check, f.message, balanced.decide(f)) for f in raw if balanced.decide(f))
        got = sorted((fl.finding.pair, fl.finding.check, fl.finding.message, fl.severity) for fl in comparison.flags)
        if expected != got:
            raise RuntimeError("offline severity decision differs from the pipeline's")
        return comparison, raw

    records = Records()
    skipped: Counter = Counter()
    t0 = time.perf_counter()
    clean_keys: dict[str, set] = {}
    for d in docs:
        fr_doc = build_document(d.fr, d.fr_paras, "fr", f"{d.name}.fr")
        en_doc = build_document(d.en, d.en_paras, "en", f"{d.name}.en")
        comparison, raw = compare(fr_doc, en_doc)
        clean_keys[d.name] = {_flag_key(f, en_doc) for f in raw}
        record_clean(comparison, raw, records)
    for seed in range(args.seeds):
        for d in docs:
            fr_doc = build_document(d.fr, d.fr_paras, "fr", f"{d.name}.fr")
            for kind in kinds:
                rng = random.Random(f"{seed}:{d.name}:{kind}")
                damaged = inject(kind, d.fr, d.en, d.en_paras, rng, args.per_doc, foreign_by_doc[d.name],
                                 pool_names[d.name])
                if not damaged.damages:
                    continue
                en_doc = build_document(damaged.tgt_sents, damaged.tgt_paragraphs, "en", f"{d.name}.en#{kind}{seed}")
                try:
                    comparison, raw = compare(fr_doc, en_doc)
                except NotTranslationsError:
                    skipped[kind] += 1
                    continue
                record_damaged(comparison, damaged.damages, raw, clean_keys[d.name], records, seed, d.name)
        print(f"seed {seed} done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return {"documents": len(docs), "kinds": kinds, "seeds": args.seeds, "records": records,
            "skipped": dict(skipped), "seconds": round(time.perf_counter() - t0, 1)}


def _mean_spread(values: list[float]) -> str:
    if not values:
        return "—"
    m = statistics.fmean(values)
    if len(values) == 1:
        return f"{m:.3f}"
    return f"{m:.3f} ({min(values):.3f}-{max(values):.3f})"


def recall_table(records: Records, kinds: list[str], configs: dict) -> str:
    sites = Counter(d["kind"] for d in records.damages)
    rows = ["| kind | sites (all seeds) | " + " | ".join(f"recall {p}" for p in configs)
            + " | any category, balanced |", "|---|---:|" + "---:|" * (len(configs) + 1)]
    for kind in kinds:
        cells = [_mean_spread(recall_by_seed(records, c, kind)) for c in configs.values()]
        anyv = _mean_spread(recall_by_seed(records, configs["balanced"], kind, any_category=True))
        rows.append(f"| {kind} | {sites[kind]} | " + " | ".join(cells) + f" | {anyv} |")
    return "\n".join(rows)


def noise_table(records: Records, configs: dict) -> str:
    rows = ["| pairs | count | " + " | ".join(f"{p}: any flag (major+)" for p in configs) + " |",
            "|---|---:|" + "---:|" * len(configs)]
    rows.append(f"| undamaged documents | {len(records.clean)} | " + " | ".join(
        f"{flag_rate(records.clean, c):.1%} ({flag_rate(records.clean, c, 2):.1%})" for c in configs.values()) + " |")
    seeds = sorted(records.untouched)
    if seeds:
        cells = []
        for c in configs.values():
            minor = [flag_rate(records.untouched[s], c) for s in seeds]
            major = [flag_rate(records.untouched[s], c, 2) for s in seeds]
            cells.append(f"{statistics.fmean(minor):.1%} ({statistics.fmean(major):.1%})")
        count = round(statistics.fmean(len(records.untouched[s]) for s in seeds))
        rows.append(f"| untouched pairs of damaged copies (mean over seeds) | {count} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def noise_by_check(records: Records, configs: dict) -> str:
    counts = {p: flags_by_check(records.clean, c) for p, c in configs.items()}
    checks = sorted(set().union(*counts.values()), key=lambda c: (-counts["balanced"][c], c))
    n = max(len(records.clean), 1)
    rows = ["| check | " + " | ".join(f"pairs flagged, {p}" for p in configs) + " |", "|---|" + "---:|" * len(configs)]
    for c in checks:
        rows.append(f"| {c} | " + " | ".join(f"{counts[p][c]} ({counts[p][c] / n:.1%})" for p in configs) + " |")
    return "\n".join(rows)


def save_records(path: Path, out: dict) -> None:
    r = out["records"]
    payload = {"documents": out["documents"], "kinds": out["kinds"], "seeds": out["seeds"],
               "skipped": out["skipped"], "seconds": out["seconds"], "damages": r.damages, "clean": r.clean,
               "untouched": {str(k): v for k, v in r.untouched.items()}}
    path.write_text(json.dumps(payload) + "\n", encoding="utf-8")


def load_records(path: Path) -> dict:
    payload = json.loads(path.read_text(encoding="utf-8"))
    r = Records(damages=payload["damages"], clean=[[tuple(f) for f in fs] for fs in payload["clean"]])
    for k, v in payload["untouched"].items():
        r.untouched[int(k)] = [[tuple(f) for f in fs] for fs in v]
    for d in r.damages:
        d["cands"] = [tuple(c) for c in d["cands"]]
    return {**payload, "records": r}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="dev data folder (e.g. ../shared/data/dev)")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--per-doc", type=int, default=2, help="damaged sentences per damaged copy (at most)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--thresholds", type=Path, default=None, help="a thresholds TOML merged over the packaged one")
    parser.add_argument("--show-misses", type=int, default=0, help="print N missed damages per kind (balanced, every seed)")
    parser.add_argument("--save", type=Path, default=None,
                        help="save every finding with its score (before thresholds) to this JSON file")
    parser.add_argument("--load", type=Path, default=None,
                        help="score a file written by --save instead of running the pipeline (other thresholds)")
    args = parser.parse_args(argv)
    from align import provenance
    from compare.diverge.decide import load_config

    if args.load:
        out = load_records(args.load)
    else:
        if args.data is None or not args.data.is_dir():
            parser.error("--data must be the dev data folder (or give --load)")
        out = run(args)
        if args.save:
            save_records(args.save, out)
    configs = {p: load_config(args.thresholds, profile=p) for p in PROFILES}
    records: Records = out["records"]
    prov = provenance(["benchmarks/divergence.py", *argv])
    print(f"## Injected divergences: {out['documents']} dev news documents, {out['seeds']} seed(s), "
          f"at most {args.per_doc} damaged sentences per copy\n")
    print("Recall: mean over seeds (smallest-largest); a damage counts as found when a flag of the right "
          "category overlaps it.\n")
    print(recall_table(records, out["kinds"], configs))
    print("\n### Pairs without damage carrying a flag: any severity (major or above)\n")
    print(noise_table(records, configs))
    print("\n### Undamaged documents: pairs flagged, by check\n")
    print(noise_by_check(records, configs))
    if out["skipped"]:
        print(f"\nDamaged copies refused as 'not translations' (not scored): {out['skipped']}")
    print(f"\nMachine translation not used (the `mt` check needs a model). Pipeline time {out['seconds']:.0f} s.")
    print(f"Obtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; "
          f"Python {prov['python']}; compare {prov['compare_version']}.")
    if args.show_misses:
        by_kind = defaultdict(list)
        for d in records.damages:
            if not found(d, configs["balanced"]):
                by_kind[d["kind"]].append(d)
        for kind in out["kinds"]:
            misses = by_kind.get(kind, [])
            print(f"\n#### missed {kind} (all seeds, balanced): {len(misses)}")
            for m in misses[: args.show_misses]:
                flags = [f"{c} {s:g}: {msg}" for c, _, s, msg in m["pair_findings"]]
                print(f"- seed {m['seed']}, {m['doc']} [{', '.join(m['links'])}]: {m['what']}\n  FR: {m['fr']}\n  EN: {m['en']}\n"
                      f"  findings: {flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
