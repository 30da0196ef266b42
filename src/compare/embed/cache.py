"""``CachedEncoder``: a decorator that embeds each distinct text once.

An in-memory dict serves repeats within a run; an optional SQLite store
(:class:`compare.store.SqliteStore`, keyed by encoder name and text hash)
serves repeats across runs, safely under interrupted and concurrent runs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

import numpy as np

from compare.embed.base import Encoder
from compare.store import SqliteStore, default_cache_dir

__all__ = ["CachedEncoder", "default_cache_dir"]


class CachedEncoder(Encoder):
    def __init__(self, inner: Encoder, path: str | Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._memory: dict[str, np.ndarray] = {}
        self._store = SqliteStore(path, "embeddings") if path is not None else None
        self._states_store = None
        self._path = path
        self._states: dict[str, object] = {}
        self.hits = 0

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.inner.name}\x00{text}".encode("utf-8")).hexdigest()

    @property
    def calls(self) -> int:
        return self.inner.calls

    def encode_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """As :meth:`encode`, for texts whose token states nobody will ask for (the
        aligner's joined spans): the model keeps no states for them, so they do not
        push the sentences' states out of its memory."""
        return self.encode(texts, keep_states=False)

    def encode(self, texts: Sequence[str], keep_states: bool = True) -> np.ndarray:
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._memory]
        if missing and self._store is not None:
            keys = {self._key(t): t for t in missing}
            found = self._store.get_many(keys)
            for key, blob in found.items():
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape[0] == self.dim or self.dim == 0:
                    self._memory[keys[key]] = vec
            self.hits += len(found)
            missing = [t for t in missing if t not in self._memory]
        if missing:
            plain = getattr(self.inner, "encode_vectors", None)
            vecs = self.inner.encode(missing) if keep_states or plain is None else plain(missing)
            self.dim = vecs.shape[1]
            for t, v in zip(missing, vecs, strict=True):
                self._memory[t] = v
            if self._store is not None:
                self._store.put_many(
                    (self._key(t), v.astype(np.float32).tobytes()) for t, v in zip(missing, vecs, strict=True)
                )
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._memory[t] for t in texts]).astype(np.float32, copy=False)

    @property
    def has_states(self) -> bool:
        """Whether the model gives token states (``compare.embed.states.StatesEncoder``)."""
        return hasattr(self.inner, "states")

    def states(self, texts: Sequence[str]) -> list:
        """Token states of ``texts`` (``TokenStates``): from memory, the SQLite store
        (table ``token_states``), or the model, whose answers are stored."""
        from compare.embed.states import pack_states, unpack_states

        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._states]
        if missing and self._path is not None:
            if self._states_store is None:
                self._states_store = SqliteStore(self._path, "token_states")
            keys = {self._key(t) + f"/{getattr(self.inner, 'keep', '')}": t for t in missing}
            for key, blob in self._states_store.get_many(keys).items():
                st = unpack_states(keys[key], bytes(blob))
                if st is not None:
                    self._states[keys[key]] = st
            missing = [t for t in missing if t not in self._states]
            if missing:
                got = self.inner.states(missing)
                self._states.update(zip(missing, got, strict=True))
                inverse = {t: k for k, t in keys.items()}
                self._states_store.put_many((inverse[t], pack_states(st)) for t, st in zip(missing, got, strict=True))
        elif missing:
            self._states.update(zip(missing, self.inner.states(missing), strict=True))
        return [self._states[t] for t in texts]

    def signature(self) -> dict:
        return self.inner.signature()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._states_store is not None:
            self._states_store.close()
