"""``CachedTranslator``: each distinct sentence is translated once per model setup.

Keys hash the model's signature (name, revision, engine, precision, beam
size, languages) with the text, so a different model, revision or decoding
setting never reuses another's output. The persistent part is a
:class:`compare.store.SqliteStore`: atomic batches, safe when runs overlap or
are killed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Sequence

from compare.store import SqliteStore
from compare.translate.base import Translator


class CachedTranslator(Translator):
    def __init__(self, inner: Translator, path: str | Path | None = None) -> None:
        self.inner = inner
        self.name, self.src_lang, self.tgt_lang = inner.name, inner.src_lang, inner.tgt_lang
        self._memory: dict[str, str] = {}
        self._store = SqliteStore(path, "translations", "TEXT") if path is not None else None
        self._prefix = json.dumps(inner.signature(), sort_keys=True)
        self.hits = 0

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self._prefix}\x00{text}".encode("utf-8")).hexdigest()

    @property
    def calls(self) -> int:
        return self.inner.calls

    @property
    def notes(self) -> list[str]:
        extra = [self._store.problem] if self._store is not None and self._store.problem else []
        return self.inner.notes + extra

    def translate(self, sentences: Sequence[str]) -> list[str]:
        sentences = list(sentences)
        missing = [s for s in dict.fromkeys(sentences) if s not in self._memory and s.strip()]
        if missing and self._store is not None:
            keys = {self._key(s): s for s in missing}
            found = self._store.get_many(keys)
            for key, value in found.items():
                self._memory[keys[key]] = value
            self.hits += len(found)
            missing = [s for s in missing if s not in self._memory]
        if missing:
            outputs = self.inner.translate(missing)
            self._memory.update(zip(missing, outputs, strict=True))
            if self._store is not None:
                self._store.put_many((self._key(s), t) for s, t in zip(missing, outputs, strict=True))
        return [self._memory.get(s, "") if s.strip() else "" for s in sentences]

    def signature(self) -> dict[str, Any]:
        return self.inner.signature()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
