"""HTML (``.html``/``.htm``) reader: the article text only.

trafilatura extracts the main content (no scripts, styles, navigation,
header or footer boilerplate) as XML, whose ``head``/``p``/``item`` elements
become heading/body/list-item paragraphs. When trafilatura finds nothing, the
text of the page's ``<h1>``-``<h6>``, ``<p>`` and ``<li>`` elements is used
(with a warning). ``Document.text`` is the paragraphs joined by newlines.
"""

from __future__ import annotations

from pathlib import Path

from compare.document import Document
from compare.errors import EmptyInputError
from compare.load.base import Reader, join_blocks
from compare.load.encoding import decode

# trafilatura XML element -> paragraph kind
_TRAFILATURA_KINDS = {"head": "heading", "p": "body", "item": "list-item", "quote": "body"}
_HTML_KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "p": "body",
    "li": "list-item",
    "blockquote": "body",
}
_LINE_BREAKS = {"lb", "br"}


def _own_text(el, block_tags) -> str:
    """Text of ``el`` without the text of nested block elements."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _LINE_BREAKS:
            parts.append(" ")
        elif tag in block_tags or tag in ("list", "ul", "ol", "table"):
            pass
        elif tag:  # skip comments and processing instructions
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(root, kinds: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for el in root.iter(*kinds):
        if el.tag in ("quote", "blockquote") and any(
            isinstance(c.tag, str) and c.tag in kinds for c in el
        ):
            continue  # its paragraphs are visited on their own
        out.append((_own_text(el, kinds), kinds[el.tag]))
    return out


def _with_trafilatura(html: str) -> list[tuple[str, str]]:
    import trafilatura  # imported on use
    from lxml import etree

    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    return _blocks(main if main is not None else root, _TRAFILATURA_KINDS)


def _with_lxml(html: str) -> list[tuple[str, str]]:
    import lxml.html  # imported on use

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError/ValueError on unusable markup
        return []
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//noscript"):
        bad.drop_tree()
    return _blocks(root, _HTML_KINDS)


class HtmlReader(Reader):
    format = "html"

    def read(self, raw: bytes, path: Path) -> Document:
        html, encoding, warnings = decode(raw, str(path))
        if not html.strip():
            raise EmptyInputError(f"{path}: the file holds no text")
        blocks = _with_trafilatura(html)
        doc = join_blocks(blocks, warnings)
        if not doc.paragraphs:
            doc = join_blocks(_with_lxml(html), warnings)
            if doc.paragraphs:
                doc.warnings.append(
                    f"{path}: no article found by trafilatura; used the text of p/h1-h6/li elements"
                )
        if not doc.paragraphs:
            raise EmptyInputError(f"{path}: no article text found in the HTML")
        doc.format = self.format
        doc.encoding = encoding
        return doc
