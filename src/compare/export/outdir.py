"""The output folder of ``compare export``: lock, state file, per-document shards.

Layout::

    out/
      export.json          state: settings (run key), documents and their status, counts, outputs
      documents/ID.jsonl   one shard per document done (see compare.export.records)
      corpus.tmx ...       the exported files (see compare.export.assemble)
      .lock                held while an export runs in this folder

A folder holding an export made with other settings (another run key) is
refused unless ``overwrite`` is set; a non-empty folder that holds no
``export.json`` is always refused: nothing but our own files is ever deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from compare.errors import OutputError
from compare.export.base import disk_message, usual_permissions
from compare.export.records import ShardError, read_shard_document

STATE_FILE = "export.json"
STATE_SCHEMA = "compare.export.state"
SHARDS = "documents"
LOCK = ".lock"


def write_text_atomic(path: Path, text: str) -> None:
    """All of ``text`` or nothing at ``path`` (temporary file in the same folder, fsync, rename)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        usual_permissions(tmp)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(disk_message(path, exc)) from exc


def file_sha256(path: str | Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def _differences(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out.extend(_differences(a, b, f"{prefix}{key}."))
        elif a != b and key.endswith("_sha256"):
            out.append(f"{prefix}{key[: -len('_sha256')]}: changed")
        elif a != b:
            out.append(f"{prefix}{key}: {json.dumps(a)} there, {json.dumps(b)} now")
    return out


class ExportFolder:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = None
        self.previous: dict[str, Any] | None = None

    # ------------------------------------------------------------ opening
    def open(self, run_key: str, config: dict[str, Any], overwrite: bool = False) -> None:
        """Lock the folder and make sure it is ours and made with these settings."""
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(f"{self.path} exists and is not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {self.path}: {exc.strerror or exc}") from exc
        self._acquire_lock()
        try:
            self._check(run_key, config, overwrite)
            self._clean_temporaries()
        except BaseException:
            self.close()
            raise

    def _acquire_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            return
        try:
            handle = open(self.path / LOCK, "a+")
        except OSError as exc:
            raise OutputError(f"cannot write in {self.path}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise OutputError(f"another compare export is running in {self.path}; wait for it or choose another folder") from None
        self._lock = handle

    def _ours(self, name: str) -> bool:
        return name == LOCK or (name.startswith(".") and name.endswith(".tmp"))

    def _check(self, run_key: str, config: dict[str, Any], overwrite: bool) -> None:
        state_path = self.path / STATE_FILE
        entries = [e.name for e in self.path.iterdir() if not self._ours(e.name)]
        if not entries:
            return
        if not state_path.is_file():
            raise OutputError(
                f"{self.path} is not empty and holds no compare export ({STATE_FILE}); "
                "choose a new or empty folder"
            )
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
            if state.get("schema") != STATE_SCHEMA:
                raise ValueError("not an export state file")
        except (OSError, ValueError) as exc:
            raise OutputError(f"{state_path} cannot be read ({exc}); choose another folder") from None
        self.previous = state
        if overwrite:
            self._remove_previous(state)
            self.previous = None
        elif state.get("run_key") != run_key:
            diffs = _differences(state.get("config", {}), config)
            detail = "; ".join(diffs[:4]) if diffs else "different tool or model versions"
            raise OutputError(
                f"{self.path} holds an export made with other settings ({detail}); "
                "pass --overwrite to redo it, or choose another folder"
            )

    def _remove_previous(self, state: dict[str, Any]) -> None:
        """Delete what a previous export wrote here (its shards, outputs and state), nothing else."""
        try:
            if (self.path / SHARDS).exists():
                shutil.rmtree(self.path / SHARDS)
            for name in state.get("outputs", []):
                target = (self.path / name).resolve()
                if self.path.resolve() not in target.parents:
                    continue
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
            (self.path / STATE_FILE).unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot clear the previous export in {self.path}: {exc.strerror or exc}") from exc

    def _clean_temporaries(self) -> None:
        """Temporary files an interrupted run left behind (we hold the lock: nobody is writing them)."""
        for folder in (self.path, self.path / SHARDS):
            if not folder.is_dir():
                continue
            for root, dirs, files in os.walk(folder):
                for name in files + dirs:
                    if name.startswith(".") and name.endswith(".tmp"):
                        target = Path(root) / name
                        if target.is_dir():
                            shutil.rmtree(target, ignore_errors=True)
                        else:
                            target.unlink(missing_ok=True)
                if Path(root) == self.path:
                    dirs[:] = [d for d in dirs if d == SHARDS]

    def close(self) -> None:
        if self._lock is not None:
            try:
                (self.path / LOCK).unlink(missing_ok=True)
            except OSError:
                pass
            self._lock.close()
            self._lock = None

    # ------------------------------------------------------------ state
    def write_state(self, state: dict[str, Any]) -> None:
        data = {"schema": STATE_SCHEMA, "schema_version": 1}
        data.update(state)
        write_text_atomic(self.path / STATE_FILE, json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    def previous_outputs(self) -> list[str]:
        return list((self.previous or {}).get("outputs", []))

    # ------------------------------------------------------------ shards
    def shard_path(self, doc_id: str) -> Path:
        return self.path / SHARDS / f"{doc_id}.jsonl"

    def write_shard(self, doc_id: str, text: str) -> None:
        write_text_atomic(self.shard_path(doc_id), text)

    def valid_shard(self, doc_id: str, src: str | Path, tgt: str | Path, run_key: str) -> bool:
        """True if the document's shard exists, was made with these settings and from these exact files."""
        path = self.shard_path(doc_id)
        if not path.is_file():
            return False
        try:
            doc = read_shard_document(path)
        except ShardError:
            return False
        return (
            doc.run_key == run_key
            and doc.src.sha256 == file_sha256(src)
            and doc.tgt.sha256 == file_sha256(tgt)
        )

    def drop_shard(self, doc_id: str) -> None:
        self.shard_path(doc_id).unlink(missing_ok=True)
