"""Numbers, percentages, amounts, dates and times that differ between the sides.

Each side's values are extracted with their local offsets and normalised so
that different spellings of one value compare equal:

- "3,5 %" == "3.5%" == "3.5 percent" == "3,5 pour cent"
- "1 000" (space, U+00A0, U+202F) == "1,000" == "1000"; the language's decimal
  separator decides "1,000" / "1.000"; unknown languages keep both readings
- "2,5 millions" == "2.5 million" == "2,5 Mio."; French/German "billion" is 1e12
- "31 juillet" == "July 31" == "31 July" == "31. Juli" (dates become (day, month);
  a year next to a date is a separate value)
- "15 h 30" == "3:30 p.m." == "3.30pm" == "15:30"
- weekdays: "lundi" == "Monday" (a kind of their own)
- number words: "deux" == "two" == "2" (articles "un/une/a/one" are ignored),
  "deux cents" == "200", "un million" == "1 000 000"

Values are compared as multisets: first exact matches of the same kind, then
the same number in another form (a percentage written as "points", "2.5bn"
against "2,5 milliards de", a day number against a date) is accepted too.
Each value left over is a finding.

Score: 1.0 when a value was changed (an unmatched value of the same kind on
the other side, reported together), 0.8 when a value written in digits has no
counterpart, 0.4 when a spelled-out value has none ("les deux pays" is
often "both countries"). Words that are often not
numbers ("neuf" = new, approximate "dizaine", ordinals) are never reported on
their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from compare.diverge._common import WORD_RE, Configurable
from compare.diverge.base import NUMBERS, SIDE_LABELS, Check, CheckContext, Finding, Pair, side_spans
from compare.lang import LangResources, get_resources

_SPACES = " \u00a0\u202f\u2009"
_NUM = (
    r"(?<![\w.,])(?:\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
)
_ORD = r"(?:er|re|ère|e|è|ème|eme|nd|nde|st|rd|th)"
# digits glued after letters, in a code or a name: "TF1", "A320", "G20", "H1N1" (not an
# exponent of a unit: "m2", "km3")
_GLUED = re.compile(r"(?<=[^\W\d_])(?<!(?<![^\W\d_])[kcdm]m)(?<!(?<![^\W\d_])m)\d+(?!\d)")
# chemical formulas are names, often spelled out on the other side ("CO2" / "carbon dioxide")
_FORMULAS = frozenset({"co2", "h2o", "so2", "no2", "ch4", "o2", "o3", "n2o", "h2", "n2", "nh3", "h2s"})
_KIND_LABEL = {"num": "number", "pct": "percentage", "date": "date", "time": "time", "weekday": "weekday"}

# Approximate quantities: they count for matching but are never reported alone.
_APPROX = {
    "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12, "quinzaine": 15,
    "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50,
    "centaine": 100, "centaines": 100, "millier": 1000, "milliers": 1000,
    "dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "dutzend": 12, "dutzende": 12, "hunderte": 100, "tausende": 1000,
}


# "XXIe siècle", "IIIe République", "XXth century" (ordinals in Roman numerals)
_ROMAN_ORDINAL = re.compile(r"(?<!\w)([IVXLC]{2,}|V|X)(?:e|ème|eme|th|st|nd|rd)(?!\w)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    total = 0
    for i, ch in enumerate(text):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(text) and _ROMAN[text[i + 1]] > v else v
    return total if 0 < total < 400 else None


@dataclass
class Value:
    kind: str  # "num" | "pct" | "date" | "time"
    cands: frozenset  # normalised readings (floats; (day, month) for dates)
    loose: frozenset  # readings that count as "the same number in another form"
    start: int
    end: int
    text: str
    word: bool = False  # spelled out
    ambiguous: bool = False  # never reported on its own
    scaled: bool = False  # carries a multiplier ("millions", "Mrd.")

    def shows(self) -> str:
        return f"'{' '.join(self.text.split())}'"


def _norm(x: float) -> float:
    return float(f"{x:.10g}")


def parse_number(raw: str, decimal_sep: str, every_reading: bool = False) -> frozenset[float]:
    """Plausible readings of a digit string ("1,000" -> {1000.0} in English).

    With ``every_reading``, both readings of "1,000" / "1.000" whatever the
    language (a translator may keep the original's convention)."""
    s = re.sub(f"[{_SPACES}']", "", raw)
    has_c, has_d = "," in s, "." in s
    if has_c and has_d:
        last = max(s.rfind(","), s.rfind("."))
        thousands = "," if s[last] == "." else "."
        intpart = s[:last].replace(thousands, "")
        if not intpart.isdigit():
            return frozenset()
        return frozenset({_norm(float(intpart + "." + s[last + 1 :]))})
    sep = "," if has_c else "." if has_d else None
    if sep is None:
        return frozenset({_norm(float(s))})
    parts = s.split(sep)
    if len(parts) > 2:
        if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
            return frozenset({_norm(float("".join(parts)))})
        return frozenset()  # "1.2.3": a version or a reference, not a quantity
    intpart, frac = parts
    as_dec = _norm(float(intpart + "." + frac))
    if len(frac) == 3 and intpart != "0" and len(intpart) <= 3:
        as_thousands = _norm(float(intpart + frac))
        if every_reading:
            return frozenset({as_dec, as_thousands})
        if decimal_sep == sep:
            return frozenset({as_dec})
        if decimal_sep:
            return frozenset({as_thousands})
        return frozenset({as_dec, as_thousands})
    return frozenset({as_dec})


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns(code: str) -> dict[str, re.Pattern]:
    res = get_resources(code)
    pats: dict[str, re.Pattern] = {}
    if res.months:
        month = f"(?P<month>{_alternation(res.months)})\\.?(?!\\w)"
        year = r"(?:,?\s+(?P<year>\d{4})(?!\d))?"
        pats["day_month"] = re.compile(
            rf"(?<![\w.,])(?P<day>\d{{1,2}})(?:{_ORD}|\.)?\s+(?:of\s+|de\s+)?{month}{year}",
            re.IGNORECASE,
        )
        pats["month_day"] = re.compile(
            rf"(?<!\w){month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w]){year}",
            re.IGNORECASE,
        )
        pats["month_year"] = re.compile(
            rf"(?<!\w){month}\s+(?:de\s+|of\s+)?(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
        )
    pats["time"] = re.compile(
        r"(?<![\w.,:])(?P<h>\d{1,2})(?:"
        r"\s?(?:h|heures?)(?:\s?(?P<m1>\d{2})(?!\d))?(?!\w)"  # 15 h 30, 15h, 15 heures
        r"|(?:[.:](?P<m2>\d{2}))?\s?Uhr(?!\w)"  # 15 Uhr, 15.30 Uhr
        r"|:(?P<m3>\d{2})(?!\d)(?:\s?(?P<ap1>[ap])\.?\s?m\b\.?)?"  # 3:30, 3:30 p.m.
        r"|\.(?P<m4>\d{2})\s?(?P<ap3>[ap])\.?\s?m\b\.?"  # 4.30pm, 9.30 a.m. (British)
        r"|\s?(?P<ap2>[ap])\.?\s?m\b\.?"  # 3 pm, 3 p.m.
        r")",
        re.IGNORECASE,
    )
    scales = dict(res.scale_words)
    scale_alt = _alternation(scales)
    scale = (
        f"(?:[{_SPACES}]?(?P<scale>(?:{scale_alt})\\.?(?:[{_SPACES}](?:{scale_alt})\\.?)?)(?!\\w))?"
        if scales else ""
    )
    pct_words = ["%"] + list(res.percent_words)
    pct = f"(?:[{_SPACES}]?(?P<pct>{_alternation(pct_words)})(?!\\w))?"
    pats["number"] = re.compile(
        rf"(?P<num>{_NUM})(?P<ord>{_ORD}(?!\w))?{scale}{pct}", re.IGNORECASE
    )
    return pats


class _Extractor:
    def __init__(self, text: str, res: LangResources):
        self.text = text
        self.res = res
        self.taken: list[tuple[int, int]] = []
        self.values: list[Value] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, value: Value) -> None:
        self.taken.append((value.start, value.end))
        self.values.append(value)

    def run(self) -> list[Value]:
        pats = _patterns(self.res.code)
        for key in ("day_month", "month_day", "month_year"):
            if key in pats:
                for m in pats[key].finditer(self.text):
                    self._date(m, key)
        for m in pats["time"].finditer(self.text):
            self._time(m)
        for m in pats["number"].finditer(self.text):
            self._number(m)
        for m in _GLUED.finditer(self.text):
            a, b = m.start(), m.end()
            while a > 0 and self.text[a - 1].isalnum():
                a -= 1  # the whole code is shown and pointed at: "TF1"
            while b < len(self.text) and self.text[b].isalnum():
                b += 1
            if self.free(a, b) and self.text[a:b].lower() not in _FORMULAS:
                v = float(m.group(0))
                self.add(Value("num", frozenset({v}), frozenset({v}), a, b, self.text[a:b]))
        for m in _ROMAN_ORDINAL.finditer(self.text):
            value = _roman(m.group(1))
            if value and self.free(m.start(), m.end()):
                v = float(value)
                self.add(Value("num", frozenset({v}), frozenset({v}), m.start(), m.end(), m.group(0)))
        self._weekdays()
        self._words()
        self.values.sort(key=lambda v: v.start)
        return self.values

    def _date(self, m: re.Match, key: str) -> None:
        if not self.free(m.start(), m.end()):
            return
        month = self.res.months.get(m.group("month").lower().rstrip("."))
        if month is None:
            return
        day = int(m.group("day")) if key != "month_year" else None
        if day is not None and not 1 <= day <= 31:
            return
        end = m.end()
        year_start = m.start("year") if m.group("year") else None
        date_end = year_start if year_start is not None else end
        date_text = self.text[m.start() : date_end].rstrip(" ,")
        word = m.group("month").lower()
        if date_text.endswith(".") and not any(
            k != word and k.startswith(word) and v == month for k, v in self.res.months.items()
        ):
            date_text = date_text[:-1]  # "31 juillet." ends a sentence; "31 janv." is abbreviated
        loose = {(day, month)} | ({float(day)} if day else set())
        self.add(
            Value("date", frozenset({(day, month)}), frozenset(loose), m.start(),
                  m.start() + len(date_text), date_text)
        )
        if year_start is not None:
            y = float(m.group("year"))
            self.add(Value("num", frozenset({y}), frozenset({y}), year_start, m.end("year"),
                           m.group("year")))

    def _time(self, m: re.Match) -> None:
        if not self.free(m.start(), m.end()):
            return
        h = int(m.group("h"))
        minutes = next((int(m.group(g)) for g in ("m1", "m2", "m3", "m4") if m.group(g)), 0)
        ap = (m.group("ap1") or m.group("ap2") or m.group("ap3") or "").lower()
        if h > 23 or minutes > 59 or (ap and not 1 <= h <= 12):
            return  # "35 heures" is a duration: leave it to the number pattern
        if ap:
            hours = {h % 12 + (12 if ap == "p" else 0)}
        elif m.group("m3") and h <= 12:
            hours = {h, (h + 12) % 24}  # "3:30" without a.m./p.m.
        else:
            hours = {h}
        cands = frozenset(float(x * 60 + minutes) for x in hours)
        loose = cands | {float(h)} | ({float(h + 12)} if ap == "p" and h < 12 else set())
        self.add(Value("time", cands, frozenset(loose), m.start(), m.end(), m.group(0)))

    def _number(self, m: re.Match) -> None:
        start, end = m.start(), m.end()
        if not self.free(start, end):
            # the bare number may still be free when a suffix overlaps something
            start, end = m.start("num"), m.end("num")
            if not self.free(start, end):
                return
        cands = parse_number(m.group("num"), self.res.decimal_sep)
        if not cands:
            return
        # "2007-08": the second number may be the short form of a year
        before = self.text[max(0, m.start() - 5) : m.start()]
        short_year = re.fullmatch(r"(\d{2})\d{2}[-/–]", before)
        if short_year and re.fullmatch(r"\d{2}", m.group("num")):
            cands = cands | {float(short_year.group(1) + m.group("num"))}
        loose = set(cands) | parse_number(m.group("num"), self.res.decimal_sep, every_reading=True)
        if re.fullmatch(r"\d{2}", m.group("num")):
            n = int(m.group("num"))
            loose |= {1900.0 + n, 2000.0 + n}  # "les années 90", "JO-92"
        kind = "num"
        scale_word = m.groupdict().get("scale") if end == m.end() else None
        if scale_word:
            factor = 1.0
            for word in scale_word.split():
                factor *= self.res.scale_words.get(word.lower().rstrip("."), 1.0)
            if factor != 1.0:
                cands = frozenset(_norm(c * factor) for c in cands)
                loose |= set(cands)
        if scale_word and scale_word.endswith(".") and len(scale_word.split()[-1]) > 5 \
                and end == m.end() and not m.group("pct"):
            end -= 1  # "2,5 millions." ends a sentence; "2,5 Mio." is abbreviated
        if m.group("pct") and end == m.end():
            kind = "pct"
        text = self.text[start:end]
        # "1" is often "a"/"one"/"un" on the other side, which are not extracted
        ambiguous = kind == "num" and cands == {1.0}
        self.add(Value(kind, frozenset(cands), frozenset(loose), start, end, text,
                       ambiguous=ambiguous, scaled=bool(scale_word)))

    def _weekdays(self) -> None:
        """Weekday names ("lundi" = "Monday"): a value of their own kind, spelled out."""
        if not self.res.weekdays:
            return
        for m in WORD_RE.finditer(self.text):
            day = self.res.weekdays.get(m.group(0).lower())
            if day is not None and self.free(m.start(), m.end()):
                key = frozenset({("weekday", day)})
                self.add(Value("weekday", key, key, m.start(), m.end(), m.group(0), word=True))

    def _words(self) -> None:
        res = self.res
        tokens = [(m.group(0), m.start(), m.end()) for m in WORD_RE.finditer(self.text)]
        scales = {**res.scale_words, **res.word_only_scales}
        i = 0
        while i < len(tokens):
            tok, a, b = tokens[i]
            low = tok.lower()
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            value, ambiguous, scaled = None, False, False
            if low in res.one_words:
                if nxt and nxt[0].lower() in scales and self._adjacent(b, nxt[1]):
                    value = scales[nxt[0].lower()]
                    scaled = value >= 1e6
                    ambiguous = False
                    b = nxt[2]
                    i += 1
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            elif low in _APPROX:
                value, ambiguous = _APPROX[low], True
            elif low in res.ordinal_words:
                value, ambiguous = res.ordinal_words[low], True
            else:
                value = self._word_number(low)
                ambiguous = low in res.ambiguous_number_words
            mantissa = value
            if value is not None and 20 <= value <= 90 and value % 10 == 0 and nxt and self._adjacent(b, nxt[1]):
                unit = self._word_number(nxt[0].lower())
                if unit is None and nxt[0].lower() in res.one_words:
                    unit = 1
                if unit is not None and unit < 10:  # "thirty two"
                    value += unit
                    mantissa = value
                    b = nxt[2]
                    i += 1
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            while value is not None and nxt and self._adjacent(b, nxt[1]):
                factor = scales.get(nxt[0].lower())
                if not factor or factor <= value and value >= 1000:
                    break
                value *= factor  # "deux cents", "trois millions", "a thousand million"
                scaled = scaled or factor >= 1e6
                b = nxt[2]
                ambiguous = False
                i += 1
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if value is not None and self.free(a, b):
                v = float(value)
                loose = {v, float(mantissa)} if mantissa is not None else {v}
                self.add(Value("num", frozenset({v}), frozenset(loose), a, b, self.text[a:b],
                               word=True, ambiguous=ambiguous, scaled=scaled))
            i += 1

    def _adjacent(self, end: int, start: int) -> bool:
        return self.text[end:start].strip(_SPACES) == ""

    def _word_number(self, low: str) -> int | None:
        res = self.res
        if low in res.compound_number_words:
            return res.compound_number_words[low]
        if low in res.number_words:
            return res.number_words[low]
        if "-" not in low:
            return None
        parts = low.split("-")
        total, i = 0, 0
        while i < len(parts):
            for j in range(len(parts), i, -1):  # longest known prefix first
                chunk = "-".join(parts[i:j])
                if chunk in res.compound_number_words or chunk in res.number_words:
                    total += res.compound_number_words.get(chunk, res.number_words.get(chunk, 0))
                    i = j
                    break
            else:
                if parts[i] in ("et", "and", "und"):
                    i += 1
                elif parts[i] in res.one_words or parts[i] in ("one", "un", "eins"):
                    total += 1
                    i += 1
                else:
                    return None
        return total or None


def extract_values(text: str, lang: str | None) -> list[Value]:
    """Numbers, percentages, dates and times in ``text`` with local offsets."""
    return _Extractor(text, get_resources(lang)).run()


_CLOCK = re.compile(r"(\d{1,2})[.,:h]?(\d{2})")


def _clock_number(time: Value, number: Value) -> bool:
    """``number`` is ``time`` written as digits: "1530", "15.30", "15,30"."""
    if time.kind != "time" or number.kind != "num":
        return False
    m = _CLOCK.fullmatch(number.text.strip())
    return bool(m) and float(int(m.group(1)) * 60 + int(m.group(2))) in time.cands


def _match(src: list[Value], tgt: list[Value]) -> tuple[list[Value], list[Value]]:
    """Remove matched values; return what is left on each side."""
    left_s, left_t = list(src), list(tgt)
    tests = (
        lambda s, t: s.kind == t.kind and bool(s.cands & t.cands),
        # the same number in another form - but "2,5 millions" vs "2.5 billion" is a change
        # ... and two dates must agree on day and month ("31 décembre" / "31 February"), two
        # times on hour and minutes ("13H00" / "13:30")
        lambda s, t: bool(s.loose & t.loose) and not (s.scaled and t.scaled)
        and not (s.kind == t.kind == "date") and not (s.kind == t.kind == "time"),
        # a time written as a bare number: "15 heures 30" / "1530 hours", "20h45" / "20.45"
        lambda s, t: _clock_number(s, t) or _clock_number(t, s),
    )
    for same in tests:
        rest = []
        for s in left_s:
            hit = next((t for t in left_t if same(s, t)), None)
            if hit is None:
                rest.append(s)
            else:
                left_t.remove(hit)
        left_s = rest
    return left_s, left_t


class NumbersCheck(Configurable, Check):
    """Values (numbers, percentages, amounts, dates, times) present on one side only."""

    name = "numbers"
    options = {"changed_score": 1.0, "missing_score": 0.8, "missing_word_score": 0.4}

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        src = extract_values(pair.src_text, ctx.src_lang)
        tgt = extract_values(pair.tgt_text, ctx.tgt_lang)
        left_s, left_t = _match(src, tgt)
        # a "1" in digits is often "a" / "un" on the other side, so it is never
        # reported alone; against a digit value of its kind left on the other
        # side it is a change ("Ligue 1" / "Ligue 5")
        left_s = [v for v in left_s if not v.ambiguous or not v.word]
        left_t = [v for v in left_t if not v.ambiguous or not v.word]
        findings = []
        for s in list(left_s):
            t = next((t for t in left_t if t.kind == s.kind
                      and not (s.ambiguous and (t.ambiguous or t.word)) and not (t.ambiguous and s.word)), None)
            if t is None:
                continue
            left_s.remove(s)
            left_t.remove(t)
            findings.append(
                Finding(
                    check=self.name,
                    category=NUMBERS,
                    pair=pair.index,
                    score=self.opts["changed_score"],
                    message=f"{s.shows()} in the original, {t.shows()} in the translation",
                    src_spans=[pair.src_span(s.start, s.end)],
                    tgt_spans=[pair.tgt_span(t.start, t.end)],
                    details=self._details(s, t),
                )
            )
        left_s = [v for v in left_s if not v.ambiguous]
        left_t = [v for v in left_t if not v.ambiguous]
        for v, side in [(v, "src") for v in left_s] + [(v, "tgt") for v in left_t]:
            here, there = SIDE_LABELS[side]
            span = pair.side_span(side, v.start, v.end)
            findings.append(
                Finding(
                    check=self.name,
                    category=NUMBERS,
                    pair=pair.index,
                    score=self.opts["missing_word_score" if v.word else "missing_score"],
                    message=(
                        f"{_KIND_LABEL[v.kind]} {v.shows()} in the {here} has no counterpart "
                        f"in the {there}"
                    ),
                    **side_spans(side, [span]),
                    details=self._details(v if side == "src" else None, v if side == "tgt" else None),
                )
            )
        findings.sort(key=lambda f: (f.src_spans[0].start if f.src_spans else 10**9,
                                     f.tgt_spans[0].start if f.tgt_spans else 10**9))
        return findings

    @staticmethod
    def _details(s: Value | None, t: Value | None) -> dict:
        def show(v: Value | None):
            if v is None:
                return None
            return {"text": v.text, "kind": v.kind, "values": sorted(map(str, v.cands))}

        return {"src": show(s), "tgt": show(t)}
