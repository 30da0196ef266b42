"""Markdown (``.md``) reader.

``Document.text`` is the file as written. markdown-it-py finds the blocks
(paragraphs, headings, list items) through the line map of its tokens; each
paragraph span points into the raw text with the block markers (``#``, ``-``,
``1.``, ``>``) left out. Inline markup (``**bold**``, links) stays inside
the spans.
"""

from __future__ import annotations

import re

from compare.document import Document, Paragraph
from compare.load.base import TextReaderBase, iter_lines, strip_span

_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*$")
_FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
# Block markers at the start of a line, for the rare case the content cannot
# be found verbatim (then only the first line's markers are removed).
_MARKERS = re.compile(r"[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)*")

_SKIPPED = {
    "fence": "code block",
    "code_block": "code block",
    "html_block": "HTML block",
    "table_open": "table",
}


def _front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    """Number of lines taken by a leading YAML front matter block (0 if none)."""
    if not lines or not _FRONT_MATTER_OPEN.match(text, lines[0][0], lines[0][1]):
        return 0
    for k in range(1, len(lines)):
        if _FRONT_MATTER_CLOSE.match(text, lines[k][0], lines[k][1]):
            return k + 1
    return 0


class MarkdownReader(TextReaderBase):
    format = "md"

    def parse(self, text: str) -> Document:
        from markdown_it import MarkdownIt  # imported on use

        lines = iter_lines(text)
        skip = _front_matter_lines(text, lines)
        # Blank out the front matter but keep the line count, so token line
        # maps still index ``lines``.
        source = "\n" * skip + "\n".join(text[s:e] for s, e in lines[skip:])
        tokens = MarkdownIt("commonmark").enable("table").parse(source)

        paragraphs: list[Paragraph] = []
        skipped: dict[str, int] = {}
        in_item = 0
        for i, tok in enumerate(tokens):
            if tok.type == "list_item_open":
                in_item += 1
            elif tok.type == "list_item_close":
                in_item -= 1
            elif tok.type in _SKIPPED:
                what = _SKIPPED[tok.type]
                skipped[what] = skipped.get(what, 0) + 1
            elif tok.type in ("paragraph_open", "heading_open") and tok.map:
                inline = tokens[i + 1] if i + 1 < len(tokens) else None
                content = inline.content if inline is not None and inline.type == "inline" else ""
                span = self._locate(text, lines, tok.map, content)
                if span is None:
                    continue
                if tok.type == "heading_open":
                    kind = "heading"
                else:
                    kind = "list-item" if in_item else "body"
                paragraphs.append(Paragraph(len(paragraphs), span[0], span[1], kind))

        warnings = [
            f"markdown: {n} {what}{'s' if n > 1 else ''} left out of the comparison"
            for what, n in skipped.items()
        ]
        return Document(text=text, paragraphs=paragraphs, warnings=warnings)

    @staticmethod
    def _locate(
        text: str, lines: list[tuple[int, int]], line_map: list[int], content: str
    ) -> tuple[int, int] | None:
        first_line, last_line = line_map[0], min(line_map[1], len(lines)) - 1
        if first_line > last_line:
            return None
        region_start, region_end = lines[first_line][0], lines[last_line][1]
        parts = [p for p in content.split("\n") if p.strip()]
        if not parts:
            return None
        head, tail = parts[0].strip(), parts[-1].strip()
        start = text.find(head, region_start, region_end)
        end = text.rfind(tail, max(start, region_start), region_end)
        if start >= 0 and end >= 0:
            s, e = strip_span(text, start, end + len(tail))
            return (s, e) if s < e else None
        # Fallback: drop the markers of the first line.
        m = _MARKERS.match(text, region_start, region_end)
        s, e = strip_span(text, m.end() if m else region_start, region_end)
        return (s, e) if s < e else None
