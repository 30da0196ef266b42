"""The ``Reader`` interface and helpers shared by the format readers."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from pathlib import Path

from compare.document import Document, Paragraph, Sentence
from compare.errors import EmptyInputError
from compare.load.encoding import decode


class Reader(ABC):
    """Turns the raw bytes of one file into a ``Document``.

    ``read`` fills ``text``, ``paragraphs``, ``format``, ``encoding`` and
    ``warnings`` (and ``sentences`` for pre-segmented input). ``read_document``
    sets ``path`` and ``sha256`` and checks that some text was found.
    """

    format: str = "txt"

    @abstractmethod
    def read(self, raw: bytes, path: Path) -> Document:
        """Build the document from ``raw``; raise a ``compare.errors.InputError``."""


class TextReaderBase(Reader):
    """A reader for text formats: decode the bytes, then parse the string."""

    def read(self, raw: bytes, path: Path) -> Document:
        text, encoding, warnings = decode(raw, str(path))
        if not text.strip():
            raise EmptyInputError(f"{path}: the file holds no text")
        doc = self.parse(text)
        doc.format = self.format
        doc.encoding = encoding
        doc.warnings = warnings + doc.warnings
        return doc

    @abstractmethod
    def parse(self, text: str) -> Document:
        """Build the document from the decoded text (offsets index ``text``)."""


# --- line helpers -----------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def iter_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``, line ending excluded."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and (out or not text):
            break
        line = m.group()
        content = line.rstrip("\r\n")
        out.append((m.start(), m.start() + len(content)))
    return out


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it has no surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def one_sentence_per_paragraph(doc: Document) -> Document:
    """Make each paragraph one sentence (pre-segmented html/docx input)."""
    doc.sentences = [
        Sentence(i, p.start, p.end, p.index, doc.text[p.start : p.end])
        for i, p in enumerate(doc.paragraphs)
    ]
    return doc


_ASCII_WS = re.compile(r"[ \t\r\n\f\v]+")


def join_blocks(blocks: list[tuple[str, str]], warnings: list[str] | None = None) -> Document:
    """Document from extracted ``(text, kind)`` blocks joined with newlines.

    Runs of ASCII whitespace inside a block become one space (no-break spaces
    are kept: French typography needs them); empty blocks are skipped.
    Used by the readers whose ``Document.text`` is extracted text (html, docx).
    """
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for raw_text, kind in blocks:
        clean = _ASCII_WS.sub(" ", raw_text).strip()
        if not clean:
            continue
        if parts:
            parts.append("\n")
            pos += 1
        paragraphs.append(Paragraph(len(paragraphs), pos, pos + len(clean), kind))
        parts.append(clean)
        pos += len(clean)
    return Document(text="".join(parts), paragraphs=paragraphs, warnings=list(warnings or []))
