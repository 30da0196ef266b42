"""The ``Translator`` interface the MT-based checks will use.

Implementations (transformers Marian, CTranslate2) and decorators (cache,
pivot) plug in here; the pipeline records ``signature()`` under
``signature.mt`` in every output.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence


class Translator(ABC):
    name: str = "base"
    src_lang: str = ""
    tgt_lang: str = ""

    @abstractmethod
    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate each sentence; the output has the same length and order."""

    def signature(self) -> dict:
        return {"name": self.name, "src_lang": self.src_lang, "tgt_lang": self.tgt_lang}
