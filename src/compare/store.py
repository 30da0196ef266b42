"""A small persistent key -> value store on SQLite, shared by the caches.

SQLite gives what a cache needs when several runs share it: atomic commits
(an interrupted run leaves either the whole batch or none of it), WAL mode
so readers never block a writer, and a busy timeout so two concurrent runs
wait for each other instead of failing. A store that cannot be opened or
written only costs speed: it turns itself off and says why in ``problem``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Iterable


def default_cache_dir() -> Path:
    """``COMPARE_CACHE_DIR``, else ``$XDG_CACHE_HOME/compare``, else ``~/.cache/compare``."""
    env = os.environ.get("COMPARE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "compare"


class SqliteStore:
    """``get_many`` / ``put_many`` over one table of ``(key TEXT, value)`` rows."""

    _CHUNK = 500  # keys per SELECT (SQLite's default variable limit is 999+)

    def __init__(self, path: str | Path, table: str, value_type: str = "BLOB") -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = Path(path)
        self.table = table
        self.problem: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value {value_type} NOT NULL)")
            db.commit()
            self._db = db
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"cache {self.path} unusable ({exc}); running without it"

    @property
    def usable(self) -> bool:
        return self._db is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        if self._db is None:
            return {}
        keys = list(keys)
        found: dict[str, object] = {}
        try:
            for i in range(0, len(keys), self._CHUNK):
                chunk = keys[i : i + self._CHUNK]
                rows = self._db.execute(
                    f"SELECT key, value FROM {self.table} WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
                found.update(rows)
        except sqlite3.Error as exc:
            self._disable(exc)
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, object]]) -> None:
        """Insert in one transaction: all rows land, or none do."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)", list(items)
                )
        except sqlite3.Error as exc:
            self._disable(exc)

    def count(self) -> int:
        if self._db is None:
            return 0
        return self._db.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0]

    def _disable(self, exc: Exception) -> None:
        self.problem = f"cache {self.path} failed ({exc}); running without it"
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
