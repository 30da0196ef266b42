"""Quoted passages present on one side only.

Quotation marks come from the language resources (« », “ ”, „ “, " "...).
Typographic ‘ ’ count only in languages that list them and only as a clear
pair (‘ after a space, ’ before a space or punctuation), never as
apostrophes; so does a straight ' standing alone between spaces, as
tokenised corpora write quotes ("' Call it what you like, ' said the Cat.").
A quote opened in one sentence and closed in the next counts on both
sentences (from the mark to the sentence edge).

Score: 0.8 for a quote of at least ``min_words`` words when the other side
has no quotation at all, 0.4 when that quote was opened or closed in a
neighbouring sentence (its marks are not both in the pair), 0.5 for a
shorter one (often a title or a term the
other language puts in italics), 0.5 / 0.3 when both sides quote but one
side has more quoted passages (the unmatched one, long / short).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.diverge._common import Configurable, count_words, quote
from compare.diverge.base import QUOTATION, SIDE_LABELS, Check, CheckContext, Finding, Pair, side_spans
from compare.lang import LangResources, get_resources


@dataclass(frozen=True)
class Quoted:
    start: int  # local, including the marks
    end: int
    text: str
    complete: bool = True  # False: opened or closed outside the sentence(s)

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2


def find_quotes(text: str, res: LangResources) -> list[Quoted]:
    """Quoted segments of ``text`` (marks included), in text order."""
    original = text
    text = text.replace("''", '" ')  # two apostrophes used as a quotation mark
    # a straight double quote between two letters is a mistyped apostrophe
    # (l"émotion), never a quotation mark: blank it in the working copy
    text = re.sub(r'(?<=[^\W\d_])"(?=[^\W\d_])', "'", text)
    taken: set[int] = set()
    found: list[tuple[int, int]] = []
    pairs = list(res.quotes)
    if ("«", "»") in pairs and ("»", "«") in pairs:
        # German »…« or Swiss/French «…»: the first guillemet tells which
        first = next((ch for ch in text if ch in "«»"), "«")
        pairs.remove(("»", "«") if first == "«" else ("«", "»"))
    for opening, closing in pairs:
        if opening in ("‘", "‚", "'"):
            spans = _single_quotes(text, opening, closing, taken)
            if opening == closing:
                spans += _token_quotes(text, opening, taken)
        elif opening == closing:
            spans = _symmetric(text, opening, taken)
        else:
            openers = {o for o, _ in res.quotes}
            spans = _asymmetric(text, opening, closing, taken, closing not in openers)
        for a, b in spans:
            if b - a >= 2 and not any(a < e and s < b for s, e in found):
                found.append((a, b))
                taken.update(i for i in (a, b - 1) if text[i] in (opening, closing))
    found.sort()
    out = []
    for a, b in found:
        body = text[a:b].rstrip(" .,;:!?")
        opened = body[:1] in _OPENING_MARKS
        closed = body[-1:] in _CLOSING_MARKS and len(body) > 1
        out.append(Quoted(a, b, original[a:b], complete=opened and closed))
    return out


_OPENING_MARKS = set("«“„‚‘\"'»‹›")
_CLOSING_MARKS = set("»”“‘’\"'«›‹")


def _asymmetric(
    text: str, o: str, c: str, taken: set[int], close_alone: bool = True
) -> list[tuple[int, int]]:
    """Pairs of ``o``...``c``; a leading ``c`` closes a quote opened earlier
    (only if ``c`` is not also an opening mark, as « is in Swiss German)."""
    spans, open_at, first = [], None, True
    for i, ch in enumerate(text):
        if i in taken or ch not in (o, c):
            continue
        if ch == o and open_at is None:
            open_at = i
        elif ch == c and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        elif ch == c and first and not spans and close_alone:
            spans.append((_skip_space(text, 0), i + 1))  # closes a quote opened earlier
        first = False
    if open_at is not None:
        spans.append((open_at, len(text.rstrip())))
    return spans


def _symmetric(text: str, mark: str, taken: set[int]) -> list[tuple[int, int]]:
    pos = [i for i, ch in enumerate(text) if ch == mark and i not in taken]
    spans = [(pos[k], pos[k + 1] + 1) for k in range(0, len(pos) - 1, 2)]
    if len(pos) % 2:
        last = pos[-1]
        after = text[last + 1 : last + 2]
        if after and (after.isalnum()):
            spans.append((last, len(text.rstrip())))
        elif last > 0:
            spans.append((_skip_space(text, 0), last + 1))
    return spans


def _token_quotes(text: str, mark: str, taken: set[int]) -> list[tuple[int, int]]:
    """Quotes of tokenised text, a mark standing alone between spaces (or at an edge):
    "' Call it what you like, ' said the Cat." An apostrophe is never alone like that."""
    alone = {i for i, ch in enumerate(text)
             if ch == mark and i not in taken
             and (i == 0 or text[i - 1].isspace()) and (i + 1 == len(text) or text[i + 1].isspace())}
    if not alone:
        return []
    masked = "".join(ch if ch != mark or i in alone else " " for i, ch in enumerate(text))
    return _symmetric(masked, mark, taken)


def _single_quotes(text: str, o: str, c: str, taken: set[int]) -> list[tuple[int, int]]:
    pattern = re.compile(
        rf"(?:(?<=[\s(\[«“\"—–-])|^){re.escape(o)}(?=\S)[^{re.escape(o)}\n]{{1,400}}?\S"
        rf"{re.escape(c)}(?=[\s.,;:!?)\]»”\"]|$)"
    )
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


class QuotesCheck(Configurable, Check):
    """Quotation present on one side only (see the module docstring for scores)."""

    name = "quotes"
    options = {"min_words": 4, "partial_score": 0.4}

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        src = find_quotes(pair.src_text, get_resources(ctx.src_lang))
        tgt = find_quotes(pair.tgt_text, get_resources(ctx.tgt_lang))
        if len(src) == len(tgt):
            return []
        left_s, left_t = self._unmatched(src, len(pair.src_text), tgt, len(pair.tgt_text))
        findings = []
        for q, side in [(q, "src") for q in left_s] + [(q, "tgt") for q in left_t]:
            other_has = bool(tgt) if side == "src" else bool(src)
            long_quote = count_words(q.text) >= self.opts["min_words"]
            if other_has:
                score = 0.5 if long_quote else 0.3
            elif not q.complete:
                score = self.opts["partial_score"]  # the quote runs into a neighbouring sentence
            else:
                score = 0.8 if long_quote else 0.5
            here, there = SIDE_LABELS[side]
            what = "fewer quoted passages" if other_has else "no quotation marks"
            if not q.complete and not other_has:
                what += " (the quotation runs into a neighbouring sentence)"
            span = pair.side_span(side, q.start, q.end)
            findings.append(
                Finding(
                    check=self.name,
                    category=QUOTATION,
                    pair=pair.index,
                    score=score,
                    message=f"quotation {quote(q.text)} in the {here}; the {there} has {what} here",
                    **side_spans(side, [span]),
                    details={"quote": q.text, "side": side, "src_quotes": len(src), "tgt_quotes": len(tgt)},
                )
            )
        return findings

    @staticmethod
    def _unmatched(src, ls, tgt, lt):
        """Match quotes by relative position in the pair; return the leftovers."""
        candidates = sorted(
            (abs(s.centre / max(ls, 1) - t.centre / max(lt, 1)), i, j)
            for i, s in enumerate(src)
            for j, t in enumerate(tgt)
        )
        used_s, used_t = set(), set()
        for _, i, j in candidates:
            if i not in used_s and j not in used_t:
                used_s.add(i)
                used_t.add(j)
        return (
            [s for i, s in enumerate(src) if i not in used_s],
            [t for j, t in enumerate(tgt) if j not in used_t],
        )
