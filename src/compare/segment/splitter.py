"""Sentence segmenters: sentence-splitter (Moses rules) and a regex fallback.

sentence-splitter returns sentence strings without offsets; they are mapped
back onto the paragraph by walking its words in order, so the spans index the
original text whatever whitespace the splitter collapsed. Before splitting,
every whitespace character (including the French no-break spaces U+00A0,
U+202F and the thin space U+2009, which sentence-splitter does not treat as
spaces) becomes a plain space in a same-length copy, so offsets stay valid.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from compare.segment.base import Segmenter

PREFIX_DIR = Path(__file__).with_name("prefixes")

_WS = re.compile(r"\s")


def plain_spaces(text: str) -> str:
    """``text`` with every whitespace character replaced by " " (same length)."""
    return _WS.sub(" ", text)


def splitter_copy(text: str) -> str:
    """The same-length copy sentence-splitter sees: plain spaces, and "…"
    written "." (the library only knows "..." as an ellipsis)."""
    return plain_spaces(text).replace("\u2026", ".")


def repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fix two mistakes the Moses rules make on French news text.

    * ``... guerre. " Une centaine a dû ... "`` : a straight quote after a
      sentence end is taken as closing. When it follows a space and an even
      number of straight quotes in the paragraph, it opens the next sentence.
    * ``une loi de... 1987.``: an ellipsis followed by a number or a
      lower-case word does not end the sentence.
    """
    out = list(spans)
    for i in range(len(out) - 1):
        start, end = out[i]
        if (
            end - start >= 3
            and text[end - 1] == '"'
            and text[end - 2].isspace()
            and text.count('"', 0, end - 1) % 2 == 0
        ):
            new_end = end - 1
            while new_end > start and text[new_end - 1].isspace():
                new_end -= 1
            out[i] = (start, new_end)
            out[i + 1] = (end - 1, out[i + 1][1])
    merged: list[tuple[int, int]] = []
    for start, end in out:
        if merged:
            prev_start, prev_end = merged[-1]
            ch = text[start]
            if (text.endswith("...", prev_start, prev_end) or text[prev_end - 1] == "\u2026") and (
                ch.isdigit() or ch.islower()
            ):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def locate(pieces: list[str], text: str) -> list[tuple[int, int]]:
    """Map sentence strings back to spans of ``text``.

    The pieces must hold the words of ``text`` in order (whitespace may
    differ). Text a piece cannot be matched to is attached to the previous
    span, so the spans cover every non-whitespace character of ``text``.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        start = _lstrip_start(text, pos)
        if not text.startswith(words[0], start):
            start = text.find(words[0], pos)
        if start < 0:
            continue
        cursor = start + len(words[0])
        ok = True
        for word in words[1:]:
            nxt = text.find(word, cursor)
            if nxt < 0 or text[cursor:nxt].strip():
                ok = False  # the word is not the next one: give up on this piece
                break
            cursor = nxt + len(word)
        if not ok:
            continue
        if spans and text[spans[-1][1] : start].strip():
            # Unmatched words between two sentences go with the previous one.
            spans[-1] = (spans[-1][0], _rstrip_end(text, start))
        elif not spans and text[:start].strip():
            start = _lstrip_start(text, 0)
        spans.append((start, cursor))
        pos = cursor
    tail = _rstrip_end(text, len(text))
    if spans and tail > spans[-1][1]:
        spans[-1] = (spans[-1][0], tail)
    elif not spans and tail > 0:
        spans.append((_lstrip_start(text, 0), tail))
    return spans


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip_start(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start


# --- sentence-splitter --------------------------------------------------------


def _library_prefix_file(lang: str) -> Path | None:
    import sentence_splitter  # imported on use

    path = Path(sentence_splitter.__file__).with_name("non_breaking_prefixes") / f"{lang}.txt"
    return path if path.is_file() else None


def sentence_splitter_languages() -> list[str]:
    """Languages sentence-splitter ships non-breaking prefixes for."""
    import sentence_splitter

    folder = Path(sentence_splitter.__file__).with_name("non_breaking_prefixes")
    return sorted(p.stem for p in folder.glob("??.txt"))


def merge_prefixes(library: str, extra: str) -> str:
    """The library's prefix list plus compare's: ``extra`` lines are added,
    except ``!prefix`` lines, which remove a prefix from the library's list."""
    removed = set()
    added = []
    for line in extra.splitlines():
        body = line.split("#", 1)[0].strip()
        if body.startswith("!"):
            removed.add(body[1:].strip())
        elif body:
            added.append(line.strip())
    kept = [
        line for line in library.splitlines() if line.split("#", 1)[0].strip() not in removed
    ]
    return "\n".join(kept + added) + "\n"


class SentenceSplitterSegmenter(Segmenter):
    """sentence-splitter with compare's extra non-breaking prefixes
    (``prefixes/<lang>.txt``) merged into the library's list."""

    name = "sentence-splitter"

    def __init__(self, lang: str) -> None:
        from sentence_splitter import SentenceSplitter  # imported on use

        library = _library_prefix_file(lang)
        if library is None:
            raise ValueError(f"sentence-splitter has no rules for {lang!r}")
        self.lang = lang
        extra = PREFIX_DIR / f"{lang}.txt"
        if not extra.is_file():
            self._splitter = SentenceSplitter(language=lang)
            return
        merged = merge_prefixes(
            library.read_text(encoding="utf-8"), extra.read_text(encoding="utf-8")
        )
        # SentenceSplitter reads its prefix file once, in __init__: write the
        # merged list to a temporary file and remove it right after.
        fd, name = tempfile.mkstemp(prefix=f"compare-prefixes-{lang}-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(merged)
            self._splitter = SentenceSplitter(language=lang, non_breaking_prefix_file=name)
        finally:
            os.unlink(name)

    def split(self, text: str) -> list[tuple[int, int]]:
        plain = splitter_copy(text)
        if not plain.strip():
            return []
        return repair(text, locate(self._splitter.split(plain), plain))


# --- regex fallback -------------------------------------------------------------

# A run of final punctuation, then closing quotes/brackets. CJK full stops end
# a sentence with no space after them.
_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)|[。！？]+[」』”’)）]*")
_OPENERS = "\"'«“‘([¿¡"


class RegexSegmenter(Segmenter):
    """Language-independent fallback: a sentence ends at ., !, ? or … followed
    by a space and an upper-case letter, a digit or an opening quote (not after
    a single capital letter, which is taken for an initial); or at a CJK full
    stop."""

    name = "regex"

    def __init__(self, lang: str = "") -> None:
        self.lang = lang

    def split(self, text: str) -> list[tuple[int, int]]:
        cuts = []
        for m in _END.finditer(text):
            end = m.end()
            if m.group()[0] in "。！？":
                cuts.append(end)
                continue
            nxt = _lstrip_start(text, end)
            if nxt >= len(text):
                continue
            ch = text[nxt]
            if not ((ch.isalpha() and not ch.islower()) or ch.isdigit() or ch in _OPENERS):
                continue
            word = text[: m.start()].rsplit(None, 1)[-1] if text[: m.start()].strip() else ""
            if m.group().startswith(".") and len(word) == 1 and word.isupper():
                continue  # "John F. Kennedy"
            cuts.append(end)
        spans = []
        start = 0
        for cut in cuts + [len(text)]:
            s, e = _lstrip_start(text, start), _rstrip_end(text, cut)
            if s < e:
                spans.append((s, e))
            start = cut
        return spans
