"""Split a document's paragraphs into sentences.

Segmenters are found through ``SEGMENTERS`` (name -> "module:Class") and
built once per (name, language). sentence-splitter is used for the languages
it knows, the regex segmenter for the others.
"""

from __future__ import annotations

import functools

from compare.document import Document, Sentence
from compare.errors import ConfigurationError
from compare.registry import import_target
from compare.segment.base import Segmenter

__all__ = ["SEGMENTERS", "Segmenter", "get_segmenter", "segment_document", "segment_text"]

SEGMENTERS: dict[str, str] = {
    "sentence-splitter": "compare.segment.splitter:SentenceSplitterSegmenter",
    "regex": "compare.segment.splitter:RegexSegmenter",
}
DEFAULT_SEGMENTER = "sentence-splitter"


def _normalise_lang(lang: str | None) -> str:
    """"fr-FR" / "FR" / "fr_CA" -> "fr"; None -> ""."""
    return (lang or "").strip().lower().replace("_", "-").split("-")[0]


@functools.lru_cache(maxsize=None)
def get_segmenter(lang: str, name: str = DEFAULT_SEGMENTER) -> Segmenter:
    """The segmenter ``name`` for ``lang`` (cached); falls back to the regex
    segmenter when sentence-splitter has no rules for the language."""
    if name not in SEGMENTERS:
        raise ConfigurationError(
            f"unknown segmenter {name!r}; known: {', '.join(sorted(SEGMENTERS))}"
        )
    code = _normalise_lang(lang)
    cls = import_target(SEGMENTERS[name])
    if name == "sentence-splitter":
        from compare.segment.splitter import sentence_splitter_languages

        if code not in sentence_splitter_languages():
            return get_segmenter(code, "regex")
    return cls(code)


def segment_text(text: str, lang: str, name: str = DEFAULT_SEGMENTER) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph ``text``."""
    return get_segmenter(_normalise_lang(lang), name).split(text)


def segment_document(doc: Document, lang: str, *, segmenter: str = DEFAULT_SEGMENTER) -> Document:
    """Fill ``doc.sentences`` (unless already filled, e.g. pre-segmented input).

    Each paragraph is split on its own, so sentences never cross paragraphs;
    offsets index ``doc.text`` and ``Sentence.text == doc.text[start:end]``.
    Returns ``doc`` (modified in place).
    """
    if doc.sentences:
        return doc
    seg = get_segmenter(_normalise_lang(lang), segmenter)
    sentences: list[Sentence] = []
    for para in doc.paragraphs:
        for s, e in seg.split(doc.text[para.start : para.end]):
            start, end = para.start + s, para.start + e
            sentences.append(Sentence(len(sentences), start, end, para.index, doc.text[start:end]))
    doc.sentences = sentences
    return doc
