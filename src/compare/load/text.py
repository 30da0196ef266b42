"""Plain text (``.txt``) and one-sentence-per-line (``.sents``) readers.

``Document.text`` is the decoded file exactly; paragraphs and sentences are
spans into it with surrounding whitespace (and list markers) left out.
"""

from __future__ import annotations

import re

from compare.document import Document, Paragraph, Sentence
from compare.load.base import TextReaderBase, iter_lines, strip_span

# "- item", "* item", "• item", "1. item", "2) item". Em and en dashes are left
# out on purpose: French dialogue lines start with them.
LIST_MARKER = re.compile(r"[ \t]*(?:[-*•▪‣]|\d{1,3}[.)])[ \t\u00a0]+(?=\S)")

HEADING_MAX_CHARS = 120
_CLOSERS = "\"'»”’)]*_ \t\u00a0\u202f"
_TERMINAL = ".!?…:;,"


def looks_like_heading(line: str) -> bool:
    """A short line with a letter and no final punctuation."""
    line = line.strip()
    if not line or len(line) > HEADING_MAX_CHARS or not any(c.isalpha() for c in line):
        return False
    return line.rstrip(_CLOSERS)[-1:] not in _TERMINAL


def _blocks(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines (blank = whitespace only)."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in lines:
        if text[start:end].strip():
            current.append((start, end))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


class TextReader(TextReaderBase):
    """One paragraph per line, or per blank-line-separated block when the
    blocks are mostly several lines long (hard-wrapped text)."""

    format = "txt"

    def parse(self, text: str) -> Document:
        blocks = _blocks(text, iter_lines(text))
        multi = sum(1 for b in blocks if len(b) > 1)
        by_block = len(blocks) >= 2 and 2 * multi >= len(blocks)

        # (start, end, kind, single_line)
        spans: list[tuple[int, int, str, bool]] = []
        for block in blocks:
            if by_block:
                spans.extend(self._split_block(text, block))
            else:
                for line in block:
                    spans.extend(self._split_block(text, [line]))

        paragraphs: list[Paragraph] = []
        for i, (start, end, kind, single) in enumerate(spans):
            if (
                kind == "body"
                and single
                and i + 1 < len(spans)
                and looks_like_heading(text[start:end])
            ):
                kind = "heading"
            paragraphs.append(Paragraph(len(paragraphs), start, end, kind))
        return Document(text=text, paragraphs=paragraphs)

    @staticmethod
    def _split_block(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
        """Split one block at list markers; other lines continue the current part."""
        parts: list[list] = []  # [start, end, kind, n_lines]
        for start, end in block:
            marker = LIST_MARKER.match(text, start, end)
            if marker:
                parts.append([marker.end(), end, "list-item", 1])
            elif parts:
                parts[-1][1] = end
                parts[-1][3] += 1
            else:
                parts.append([start, end, "body", 1])
        out = []
        for start, end, kind, n_lines in parts:
            s, e = strip_span(text, start, end)
            if s < e:
                out.append((s, e, kind, n_lines == 1))
        return out


class SentsReader(TextReaderBase):
    """One sentence per non-empty line; blank lines separate paragraphs."""

    format = "sents"

    def parse(self, text: str) -> Document:
        paragraphs: list[Paragraph] = []
        sentences: list[Sentence] = []
        for block in _blocks(text, iter_lines(text)):
            first = len(sentences)
            for start, end in block:
                s, e = strip_span(text, start, end)
                sentences.append(Sentence(len(sentences), s, e, len(paragraphs), text[s:e]))
            paragraphs.append(
                Paragraph(len(paragraphs), sentences[first].start, sentences[-1].end, "body")
            )
        return Document(text=text, paragraphs=paragraphs, sentences=sentences)

