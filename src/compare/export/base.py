"""The writer interface, the export signature, and atomic multi-file output.

A writer streams: ``begin()``, then ``write(document, pairs)`` once per
document (pairs already filtered), then ``end()``. It opens its files through
an :class:`OutputFiles`, which writes each one to a temporary name in the
destination folder and renames them all into place only when every writer has
finished, so an interrupted or failed export never leaves half a file behind.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import tempfile
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, ClassVar, Iterable

from compare.errors import OutputError
from compare.export.records import DocumentRecord, PairRecord

EXPORT_SCHEMA = "compare.export"
EXPORT_VERSION = 1


@dataclass
class ExportInfo:
    """What every writer stamps on its output.

    ``signature``: tool version, encoder, segmenter, aligner, checks, profile,
    MT model (``mt``), run settings, filters and the counts of what they removed.
    ``documents``: one small dict per exported document (id, inputs, pairs, kept),
    known before the first pair is written.
    """

    signature: dict[str, Any]
    src_lang: str
    tgt_lang: str
    checks: bool
    documents: list[dict[str, Any]] = field(default_factory=list)

    def signature_json(self, indent: int | None = None) -> str:
        return json.dumps(self.signature, ensure_ascii=False, indent=indent, sort_keys=False)


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def usual_permissions(path: str | Path, directory: bool = False) -> None:
    """Give a file made by ``mkstemp``/``mkdtemp`` (0600/0700) the permissions a plain ``open`` would."""
    os.chmod(path, (0o777 if directory else 0o666) & ~_umask())


def disk_message(path: Path | str, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"disk full while writing {path}"
    return f"cannot write {path}: {exc.strerror or exc}"


class OutputFiles:
    """Files (and folders) written under temporary names, renamed into place by ``commit``."""

    def __init__(self, rename: dict[Path, Path] | None = None) -> None:
        self._pending: list[tuple[Path, Path]] = []  # (temporary, final)
        self._handles: list[IO] = []
        self._rename = rename or {}

    def _temp_for(self, path: Path, directory: bool = False) -> Path:
        path = self._rename.get(path, path)
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if directory:
                tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder))
            else:
                fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
                os.close(fd)
                tmp = Path(name)
            usual_permissions(tmp, directory)
        except OSError as exc:
            raise OutputError(disk_message(path, exc)) from exc
        self._pending.append((tmp, path))
        return tmp

    def open_text(self, path: str | Path) -> IO[str]:
        handle = open(self._temp_for(Path(path)), "w", encoding="utf-8", newline="\n")
        self._handles.append(handle)
        return handle

    def open_binary(self, path: str | Path) -> IO[bytes]:
        handle = open(self._temp_for(Path(path)), "wb")
        self._handles.append(handle)
        return handle

    def folder(self, path: str | Path) -> Path:
        """A fresh temporary folder that replaces ``path`` on commit."""
        return self._temp_for(Path(path), directory=True)

    def commit(self) -> list[Path]:
        """Close everything, then rename each temporary into place; returns the final paths."""
        for handle in self._handles:
            handle.close()
        self._handles = []
        done = []
        for tmp, final in self._pending:
            if tmp.is_dir():
                trash = None
                if final.exists():
                    trash = final.with_name(f".{final.name}.old.tmp")
                    if trash.exists():
                        shutil.rmtree(trash)
                    os.replace(final, trash)
                os.replace(tmp, final)
                if trash is not None:
                    shutil.rmtree(trash, ignore_errors=True)
            else:
                os.replace(tmp, final)
            done.append(final)
        self._pending = []
        return done

    def abort(self) -> None:
        for handle in self._handles:
            try:
                handle.close()
            except OSError:
                pass
        for tmp, _ in self._pending:
            if tmp.is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink(missing_ok=True)
        self._handles, self._pending = [], []


class StdoutFiles(OutputFiles):
    """For a single-file format written to standard output (``compare align`` without ``-o``)."""

    def open_text(self, path) -> IO[str]:
        return sys.stdout

    def open_binary(self, path) -> IO[bytes]:
        return sys.stdout.buffer

    def folder(self, path) -> Path:
        raise OutputError("this format writes several files: give an output path with -o")

    def commit(self) -> list[Path]:
        sys.stdout.flush()
        return []

    def abort(self) -> None:
        return None


class Writer(ABC):
    """Streams aligned pairs into one format.

    ``target`` is the output path without the format's own suffix (e.g.
    ``out/corpus``); :meth:`paths` lists the files the writer produces from it.
    """

    name: ClassVar[str] = "base"
    single_file: ClassVar[bool] = True  # can be written to stdout

    def __init__(self, target: str | Path, info: ExportInfo, files: OutputFiles) -> None:
        self.target = Path(target)
        self.info = info
        self.files = files

    @classmethod
    @abstractmethod
    def paths(cls, target: Path, src_lang: str, tgt_lang: str) -> list[Path]:
        """The files (or folders) this writer creates for ``target``."""

    @abstractmethod
    def begin(self) -> None:
        """Open the output and write what comes before the first pair (header, signature)."""

    @abstractmethod
    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        """Write one document's kept pairs."""

    def end(self) -> None:
        """Write what comes after the last pair (footer, sidecar)."""

    def sidecar_json(self, extra: dict[str, Any] | None = None) -> str:
        """The signature (and ``extra`` fields) as JSON, for formats with no room for it inside."""
        data = {"schema": f"{EXPORT_SCHEMA}.{self.name}", "schema_version": EXPORT_VERSION}
        data.update(extra or {})
        data["signature"] = self.info.signature
        data["documents"] = self.info.documents
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write_sidecar(self, path: Path, extra: dict[str, Any] | None = None) -> None:
        self.files.open_text(path).write(self.sidecar_json(extra))
