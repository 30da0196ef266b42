"""What an export knows about one document and its aligned pairs.

A document's result is kept in the output folder as a *shard*
(``documents/ID.jsonl``): one ``document`` record (inputs, texts, sentence
offsets, the pipeline's signature) then one ``pair`` record per aligned pair,
every pair of the document, unfiltered. Writers get :class:`DocumentRecord`
and :class:`PairRecord` objects read back from shards, one document at a
time, so a corpus is never held in memory.

Offsets (``src_span``, ``tgt_span``, flag spans) are character offsets into
the document text as read, half-open, as in ``docs/json-schema.md``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from compare.errors import InputError

SHARD_SCHEMA = "compare.export.shard"
SHARD_VERSION = 1
SEVERITY_ORDER = ("minor", "major", "critical")


def one_line(text: str) -> str:
    """The text with every run of whitespace (newlines, tabs, U+2028...) made one space."""
    return " ".join(text.split())


def max_severity(severities) -> str | None:
    ranked = [SEVERITY_ORDER.index(s) for s in severities if s in SEVERITY_ORDER]
    return SEVERITY_ORDER[max(ranked)] if ranked else None


@dataclass
class SideRecord:
    """One side of a document pair: where it came from and its segmented text."""

    path: str
    sha256: str
    lang: str | None
    format: str
    encoding: str
    text: str
    sentences: list[tuple[int, int]]  # (start, end) of each sentence in ``text``

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    def public(self) -> dict[str, Any]:
        """The side as exports describe it (no text: the pairs carry it)."""
        return {
            "path": self.path, "sha256": self.sha256, "lang": self.lang, "format": self.format,
            "encoding": self.encoding, "sentences": len(self.sentences),
        }

    def to_json(self) -> dict[str, Any]:
        data = self.public()
        data["sentences"] = [list(s) for s in self.sentences]
        data["text"] = self.text
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SideRecord:
        return cls(
            path=data["path"], sha256=data["sha256"], lang=data["lang"], format=data["format"],
            encoding=data["encoding"], text=data["text"], sentences=[tuple(s) for s in data["sentences"]],
        )


@dataclass
class DocumentRecord:
    id: str
    src: SideRecord
    tgt: SideRecord
    pairs: int
    link_types: dict[str, int]
    flags: int | None  # None: divergence checks were not run
    relatedness: dict[str, Any]
    warnings: list[str]
    signature: dict[str, Any]  # the pipeline's signature, without ``inputs``
    run_key: str

    def public(self, kept: int | None = None) -> dict[str, Any]:
        data = {
            "doc": self.id, "src": self.src.public(), "tgt": self.tgt.public(), "pairs": self.pairs,
            "link_types": self.link_types, "flags": self.flags, "relatedness": self.relatedness,
            "warnings": self.warnings,
        }
        if kept is not None:
            data["kept"] = kept
        return data

    def to_json(self) -> dict[str, Any]:
        return {
            "record": "document", "schema": SHARD_SCHEMA, "schema_version": SHARD_VERSION, "doc": self.id,
            "run_key": self.run_key, "src": self.src.to_json(), "tgt": self.tgt.to_json(), "pairs": self.pairs,
            "link_types": self.link_types, "flags": self.flags, "relatedness": self.relatedness,
            "warnings": self.warnings, "signature": self.signature,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        return cls(
            id=data["doc"], src=SideRecord.from_json(data["src"]), tgt=SideRecord.from_json(data["tgt"]),
            pairs=data["pairs"], link_types=data["link_types"], flags=data["flags"],
            relatedness=data["relatedness"], warnings=data["warnings"], signature=data["signature"],
            run_key=data["run_key"],
        )


@dataclass(frozen=True)
class FlagRecord:
    check: str
    category: str
    severity: str
    score: float
    message: str
    src_spans: tuple[tuple[int, int], ...] = ()
    tgt_spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check, "category": self.category, "severity": self.severity, "score": self.score,
            "message": self.message, "src_spans": [list(s) for s in self.src_spans],
            "tgt_spans": [list(s) for s in self.tgt_spans],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FlagRecord:
        return cls(
            check=data["check"], category=data["category"], severity=data["severity"], score=data["score"],
            message=data["message"], src_spans=tuple(tuple(s) for s in data["src_spans"]),
            tgt_spans=tuple(tuple(s) for s in data["tgt_spans"]),
        )


@dataclass(frozen=True)
class PairRecord:
    """One aligned pair. ``src_text``/``tgt_text`` are the exact document text of the spans."""

    doc: str
    index: int
    type: str
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    similarity: float | None
    src_span: tuple[int, int]
    tgt_span: tuple[int, int]
    src_text: str = field(default="", compare=False)
    tgt_text: str = field(default="", compare=False)
    flags: tuple[FlagRecord, ...] | None = None  # None: checks not run

    @property
    def severity(self) -> str | None:
        """The worst severity among the pair's flags (None: no flag, or checks not run)."""
        return max_severity(f.severity for f in self.flags or ())

    def flag_summary(self) -> str:
        """``"numbers:major,names:minor"``: compact, for one-line formats."""
        return ",".join(f"{f.check}:{f.severity}" for f in self.flags or ())

    def to_json(self, with_text: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "record": "pair", "doc": self.doc, "index": self.index, "type": self.type,
            "src": list(self.src), "tgt": list(self.tgt), "score": self.score, "similarity": self.similarity,
            "src_span": list(self.src_span), "tgt_span": list(self.tgt_span),
        }
        if with_text:
            data["src_text"] = self.src_text
            data["tgt_text"] = self.tgt_text
        data["severity"] = self.severity
        data["flags"] = None if self.flags is None else [f.to_json() for f in self.flags]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], doc: DocumentRecord | None = None) -> PairRecord:
        src_span, tgt_span = tuple(data["src_span"]), tuple(data["tgt_span"])
        flags = data["flags"]
        return cls(
            doc=data["doc"], index=data["index"], type=data["type"], src=tuple(data["src"]),
            tgt=tuple(data["tgt"]), score=data["score"], similarity=data["similarity"],
            src_span=src_span, tgt_span=tgt_span,
            src_text=data["src_text"] if doc is None else doc.src.text[src_span[0] : src_span[1]],
            tgt_text=data["tgt_text"] if doc is None else doc.tgt.text[tgt_span[0] : tgt_span[1]],
            flags=None if flags is None else tuple(FlagRecord.from_json(f) for f in flags),
        )


# ---------------------------------------------------------------- from a comparison
def _rel(path: str | None, root: str | Path | None) -> str:
    """``path`` relative to the corpus folder when inside it, so records do not depend on the cwd."""
    if path is None:
        return ""
    if root is not None:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        if not rel.startswith(os.pardir + os.sep) and rel != os.pardir:
            return Path(rel).as_posix()
    return str(path)


def _side(doc, root) -> SideRecord:
    return SideRecord(
        path=_rel(doc.path, root), sha256=doc.sha256, lang=doc.lang, format=doc.format, encoding=doc.encoding,
        text=doc.text, sentences=[(s.start, s.end) for s in doc.sentences],
    )


def _number(value, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def from_comparison(comparison, doc_id: str, run_key: str, root: str | Path | None = None, checks: bool = True):
    """``(DocumentRecord, [PairRecord])`` for a ``compare.pipeline.Comparison``."""
    src, tgt = comparison.source, comparison.target
    by_pair: dict[int, list[FlagRecord]] = {}
    for flag in comparison.flags:
        f = flag.finding
        by_pair.setdefault(f.pair, []).append(
            FlagRecord(
                check=f.check, category=f.category, severity=flag.severity, score=_number(f.score),
                message=f.message, src_spans=tuple((s.start, s.end) for s in f.src_spans),
                tgt_spans=tuple((s.start, s.end) for s in f.tgt_spans),
            )
        )
    pairs = []
    for pair in comparison.pairs:
        link = pair.link
        pairs.append(
            PairRecord(
                doc=doc_id, index=pair.index, type=link.kind, src=tuple(link.src), tgt=tuple(link.tgt),
                score=_number(link.score), similarity=_number(link.similarity),
                src_span=(pair.src_start, pair.src_start + len(pair.src_text)),
                tgt_span=(pair.tgt_start, pair.tgt_start + len(pair.tgt_text)),
                src_text=pair.src_text, tgt_text=pair.tgt_text,
                flags=tuple(by_pair.get(pair.index, ())) if checks else None,
            )
        )
    link_types: dict[str, int] = {}
    for p in pairs:
        link_types[p.type] = link_types.get(p.type, 0) + 1
    signature = {k: v for k, v in comparison.signature.items() if k != "inputs"}
    doc = DocumentRecord(
        id=doc_id, src=_side(src, root), tgt=_side(tgt, root), pairs=len(pairs),
        link_types=dict(sorted(link_types.items())), flags=len(comparison.flags) if checks else None,
        relatedness=comparison.relatedness, warnings=list(comparison.warnings), signature=signature,
        run_key=run_key,
    )
    return doc, pairs


# ---------------------------------------------------------------- shards
def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(obj):
    if hasattr(obj, "item"):  # numpy scalars
        return obj.item()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    return str(obj)


def dumps_shard(doc: DocumentRecord, pairs: list[PairRecord]) -> str:
    """A document's result as JSONL: the document record, then its pairs (text resolved from the document)."""
    lines = [_dumps(doc.to_json())]
    lines.extend(_dumps(p.to_json(with_text=False)) for p in pairs)
    return "\n".join(lines) + "\n"


class ShardError(InputError):
    """A shard in the output folder cannot be read (it is then recomputed)."""


def read_shard_document(path: str | Path) -> DocumentRecord:
    """The document record (first line) of a shard."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = handle.readline()
        data = json.loads(first)
        if data.get("record") != "document" or data.get("schema") != SHARD_SCHEMA:
            raise ShardError(f"{path}: not a compare export shard")
        if data.get("schema_version") != SHARD_VERSION:
            raise ShardError(f"{path}: shard version {data.get('schema_version')} (expected {SHARD_VERSION})")
        return DocumentRecord.from_json(data)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ShardError(f"{path}: unreadable shard ({exc})") from exc


def read_shard(path: str | Path) -> tuple[DocumentRecord, Iterator[PairRecord]]:
    """The document record and an iterator over its pairs, read line by line."""
    doc = read_shard_document(path)

    def pairs() -> Iterator[PairRecord]:
        with open(path, encoding="utf-8") as handle:
            handle.readline()
            for line_no, line in enumerate(handle, start=2):
                if not line.strip():
                    continue
                try:
                    yield PairRecord.from_json(json.loads(line), doc)
                except (ValueError, KeyError, TypeError) as exc:
                    raise ShardError(f"{path}, line {line_no}: unreadable pair record ({exc})") from exc

    return doc, pairs()
