"""The ``Segmenter`` interface: text in, sentence spans out."""

from __future__ import annotations

from abc import ABC, abstractmethod


class Segmenter(ABC):
    """Splits one paragraph into sentences.

    ``split`` returns half-open ``(start, end)`` character spans into the
    text it was given, in order, not overlapping, with no surrounding
    whitespace. Together they cover every non-whitespace character.
    """

    name: str = "base"
    lang: str = ""

    @abstractmethod
    def split(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans of ``text``."""

    @property
    def signature(self) -> str:
        """A short description of the segmenter and its settings, for reports."""
        return f"{self.name}:{self.lang}"
