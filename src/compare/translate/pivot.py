"""``PivotTranslator``: translate through a third language when no direct model exists.

de -> fr with only de -> en and en -> fr models installed: translate into the
pivot, then out of it. Errors compound, so the signature says a pivot was
used and the checks can treat the result as a weaker reference.
"""

from __future__ import annotations

from typing import Any, Sequence

from compare.errors import ConfigurationError
from compare.translate.base import Translator


class PivotTranslator(Translator):
    def __init__(self, first: Translator, second: Translator) -> None:
        if first.tgt_lang != second.src_lang:
            raise ConfigurationError(
                f"cannot pivot: {first.name} translates into '{first.tgt_lang}' but "
                f"{second.name} translates from '{second.src_lang}'"
            )
        self.first, self.second = first, second
        self.src_lang, self.tgt_lang = first.src_lang, second.tgt_lang
        self.name = f"{first.name}+{second.name}"

    @property
    def calls(self) -> int:
        return self.first.calls + self.second.calls

    @property
    def notes(self) -> list[str]:
        return self.first.notes + self.second.notes

    def translate(self, sentences: Sequence[str]) -> list[str]:
        return self.second.translate(self.first.translate(sentences))

    def signature(self) -> dict[str, Any]:
        return {
            "name": self.name, "src_lang": self.src_lang, "tgt_lang": self.tgt_lang,
            "pivot": self.first.tgt_lang, "steps": [self.first.signature(), self.second.signature()],
        }
