"""``CachedEncoder``: a decorator that embeds each distinct text once.

An in-memory dict serves repeats within a run; an optional SQLite file
(one table, keyed by encoder name and text hash) serves repeats across runs.
SQLite gives atomic commits, so an interrupted run or two concurrent runs
never leave a corrupt cache; a cache that cannot be opened is skipped.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Sequence

import numpy as np

from compare.embed.base import Encoder


def default_cache_dir() -> Path:
    env = os.environ.get("COMPARE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "compare"


class CachedEncoder(Encoder):
    def __init__(self, inner: Encoder, path: str | Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._memory: dict[str, np.ndarray] = {}
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        if path is not None:
            self._open(Path(path))

    def _open(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            db.commit()
            self._db = db
        except sqlite3.Error:
            self._db = None  # an unusable cache only costs speed

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.inner.name}\x00{text}".encode("utf-8")).hexdigest()

    @property
    def calls(self) -> int:
        return self.inner.calls

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self._memory]
        if missing and self._db is not None:
            keys = {self._key(t): t for t in missing}
            found: dict[str, bytes] = {}
            key_list = list(keys)
            for i in range(0, len(key_list), 500):
                chunk = key_list[i : i + 500]
                rows = self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
                found.update(rows)
            for key, blob in found.items():
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape[0] == self.dim or self.dim == 0:
                    self._memory[keys[key]] = vec
            self.hits += len(found)
            missing = [t for t in missing if t not in self._memory]
        if missing:
            vecs = self.inner.encode(missing)
            self.dim = vecs.shape[1]
            for t, v in zip(missing, vecs, strict=True):
                self._memory[t] = v
            if self._db is not None:
                try:
                    with self._db:
                        self._db.executemany(
                            "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                            [(self._key(t), v.astype(np.float32).tobytes()) for t, v in zip(missing, vecs, strict=True)],
                        )
                except sqlite3.Error:
                    pass
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._memory[t] for t in texts]).astype(np.float32, copy=False)

    def signature(self) -> dict:
        return self.inner.signature()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
