"""Word (``.docx``) reader, with python-docx.

Paragraphs are read in body order (table cells included, each cell paragraph
on its own); empty ones are skipped. Style names starting with "Heading" (or
the "Title" style) give headings, "List..." styles or Word numbering give list
items. ``Document.text`` is the paragraphs joined by newlines.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from compare.document import Document
from compare.errors import BinaryInputError, EmptyInputError
from compare.load.base import Reader, join_blocks


def _kind(paragraph) -> str:
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        style = ""
    if style.startswith("Heading") or style in ("Title", "Subtitle"):
        return "heading"
    if style.startswith("List"):
        return "list-item"
    ppr = paragraph._p.pPr  # numbering set directly on the paragraph
    if ppr is not None and ppr.numPr is not None:
        return "list-item"
    return "body"


def _iter_paragraphs(container):
    """Paragraphs of a document or table cell in reading order."""
    from docx.table import Table  # imported on use

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    yield from _iter_paragraphs(cell)
        else:
            yield item


class DocxReader(Reader):
    format = "docx"

    def read(self, raw: bytes, path: Path) -> Document:
        if not zipfile.is_zipfile(io.BytesIO(raw)):
            raise BinaryInputError(f"{path}: not a Word .docx file (not a zip archive)")
        import docx  # imported on use

        try:
            word = docx.Document(io.BytesIO(raw))
        # python-docx raises PackageNotFoundError, KeyError, lxml syntax
        # errors... on a zip that is not a Word document: all mean "unusable".
        except Exception as exc:
            raise BinaryInputError(f"{path}: not a readable Word .docx file ({exc})") from exc

        blocks = [(p.text, _kind(p)) for p in _iter_paragraphs(word)]
        doc = join_blocks(blocks)
        if not doc.paragraphs:
            raise EmptyInputError(f"{path}: the document holds no text")
        doc.format = self.format
        doc.encoding = "utf-8"  # the XML inside a .docx
        return doc
