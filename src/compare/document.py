"""The document model every stage shares.

``Document.text`` is the text the reader produced: for ``.txt``/``.md`` /
``.sents`` the decoded file exactly as it is (byte-order mark removed, line
endings kept), for ``.html``/``.docx`` the extracted article text. Every
offset in the package (paragraphs, sentences, flag spans) is a character
offset into that string, so ``doc.text[s.start:s.end]`` is always the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Paragraph:
    """A block of text: a paragraph, a heading or a list item."""

    index: int
    start: int
    end: int
    kind: str = "body"  # "body" | "heading" | "list-item"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass
class Document:
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence] = field(default_factory=list)
    path: str | None = None
    format: str = "txt"
    lang: str | None = None
    lang_detected: str | None = None
    lang_confidence: float | None = None
    encoding: str = "utf-8"
    sha256: str = ""
    warnings: list[str] = field(default_factory=list)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_range(self, indices: tuple[int, ...] | list[int]) -> Span | None:
        """The contiguous span covering the given sentences, or None if empty."""
        if not indices:
            return None
        return Span(self.sentences[min(indices)].start, self.sentences[max(indices)].end)
