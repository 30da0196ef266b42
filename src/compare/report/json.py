"""The JSON form of a comparison: schema ``compare.diff`` version 1.

Documented in ``docs/json-schema.md``. Offsets are character offsets into
each document's ``text`` (included), half-open ``[start, end)``.
"""

from __future__ import annotations

import json as _json
from collections import Counter
from typing import Any

from compare.document import Document
from compare.pipeline import SCHEMA, SCHEMA_VERSION, Comparison


def _document(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "format": doc.format,
        "lang": doc.lang,
        "lang_detected": doc.lang_detected,
        "encoding": doc.encoding,
        "sha256": doc.sha256,
        "text": doc.text,
        "paragraphs": [{"index": p.index, "start": p.start, "end": p.end, "kind": p.kind} for p in doc.paragraphs],
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph, "text": s.text}
            for s in doc.sentences
        ],
    }


def summary(comparison: Comparison) -> dict[str, Any]:
    by_severity = Counter(f.severity for f in comparison.flags)
    by_category = Counter(f.finding.category for f in comparison.flags)
    return {
        "pairs": len(comparison.pairs),
        "link_types": comparison.alignment.stats.get("link_types", {}),
        "flags": len(comparison.flags),
        "by_severity": {k: by_severity.get(k, 0) for k in ("critical", "major", "minor")},
        "by_category": dict(sorted(by_category.items())),
    }


def to_dict(comparison: Comparison) -> dict[str, Any]:
    src, tgt = comparison.source, comparison.target
    flags_of_pair: dict[int, list[int]] = {}
    flags = []
    for fid, flag in enumerate(comparison.flags):
        f = flag.finding
        flags_of_pair.setdefault(f.pair, []).append(fid)
        flags.append(
            {
                "id": fid,
                "pair": f.pair,
                "check": f.check,
                "category": f.category,
                "severity": flag.severity,
                "score": round(float(f.score), 4),
                "message": f.message,
                "src_spans": [[s.start, s.end] for s in f.src_spans],
                "tgt_spans": [[s.start, s.end] for s in f.tgt_spans],
                "src_text": [src.text[s.start : s.end] for s in f.src_spans],
                "tgt_text": [tgt.text[s.start : s.end] for s in f.tgt_spans],
                "details": f.details,
            }
        )
    mt = comparison.mt
    pairs = []
    for pair in comparison.pairs:
        link = pair.link
        pairs.append(
            {
                "index": pair.index,
                "type": link.kind,
                "src": list(link.src),
                "tgt": list(link.tgt),
                "score": link.score,
                "similarity": link.similarity,
                "src_span": [pair.src_start, pair.src_start + len(pair.src_text)],
                "tgt_span": [pair.tgt_start, pair.tgt_start + len(pair.tgt_text)],
                "flags": flags_of_pair.get(pair.index, []),
                "mt": mt.forward.get(pair.index) if mt is not None else None,
                "back_mt": mt.backward.get(pair.index) if mt is not None else None,
            }
        )
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "signature": comparison.signature,
        "summary": summary(comparison),
        "relatedness": comparison.relatedness,
        "warnings": comparison.warnings,
        "source": _document(src),
        "target": _document(tgt),
        "pairs": pairs,
        "flags": flags,
    }


def dumps(comparison: Comparison) -> str:
    return _json.dumps(to_dict(comparison), ensure_ascii=False, indent=2, default=_default) + "\n"


def _default(obj: Any) -> Any:
    if hasattr(obj, "item"):  # numpy scalars
        return obj.item()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    return str(obj)
