"""``CachedTranslator``: each distinct sentence is translated once per model setup.

Keys hash the model's signature (name, revision, engine, precision, beam
size, languages) with the text, so a different model, revision or decoding
setting never reuses another's output. The persistent part is a
:class:`compare.store.SqliteStore`: atomic batches, safe when runs overlap or
are killed. In front of it, an in-memory dictionary of the most recently used
translations, bounded (``max_entries``), so a translator that lives as long as
an export worker does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any, Sequence

from compare.store import SqliteStore
from compare.translate.base import Translator

MEMORY_ENTRIES = 20_000  # translations kept in memory (about 10 MB for 150-character sentences); SQLite keeps all


class CachedTranslator(Translator):
    """Translate through a cache: memory (the ``max_entries`` most recently used), then SQLite, then the model.

    ``path``: the SQLite file (None: memory only). ``max_entries`` must be at
    least 1; a translation dropped from memory is read back from SQLite (a
    ``hit``) when asked for again, without model work.
    """

    def __init__(self, inner: Translator, path: str | Path | None = None, max_entries: int = MEMORY_ENTRIES) -> None:
        if max_entries < 1:
            raise ValueError(f"max_entries must be at least 1, not {max_entries}")
        self.inner = inner
        self.name, self.src_lang, self.tgt_lang = inner.name, inner.src_lang, inner.tgt_lang
        self.max_entries = max_entries
        self._memory: OrderedDict[str, str] = OrderedDict()  # least recently used first
        self._store = SqliteStore(path, "translations", "TEXT") if path is not None else None
        self._prefix = json.dumps(inner.signature(), sort_keys=True)
        self.hits = 0  # translations read from the SQLite store

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
        wanted = [s for s in dict.fromkeys(sentences) if s.strip()]
        # this call's translations, kept apart from the bounded memory: a batch larger than
        # the memory is still answered in full
        found = {s: self._memory[s] for s in wanted if s in self._memory}
        missing = [s for s in wanted if s not in found]
        if missing and self._store is not None:
            keys = {self._key(s): s for s in missing}
            stored = self._store.get_many(keys)
            found.update((keys[key], value) for key, value in stored.items())
            self.hits += len(stored)
            missing = [s for s in missing if s not in found]
        if missing:
            outputs = self.inner.translate(missing)
            found.update(zip(missing, outputs, strict=True))
            if self._store is not None:
                self._store.put_many((self._key(s), t) for s, t in zip(missing, outputs, strict=True))
        self._remember(found, wanted)
        return [found.get(s, "") if s.strip() else "" for s in sentences]

    def _remember(self, found: dict[str, str], order: list[str]) -> None:
        """Put this call's sentences at the recent end of the memory, then drop the oldest beyond the bound."""
        for s in order:
            if s in found:
                self._memory[s] = found[s]
                self._memory.move_to_end(s)
        while len(self._memory) > self.max_entries:
            self._memory.popitem(last=False)

    def signature(self) -> dict[str, Any]:
        return self.inner.signature()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
