"""The report model: one structure that every report format renders.

``build_report`` takes a ``pipeline.Comparison`` or its JSON form (schema
``compare.diff`` v1, e.g. a file written by ``compare diff --format json``)
and returns a ``Report``: document facts, the signature put into words, the
pairs with their text cut into pieces at flag boundaries (so a renderer only
has to wrap pieces), the flags with their decision keys, and the flags that
decisions suppressed. HTML, Markdown, JSON and XLSX writers read only this.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import PurePath
from typing import Any

from compare import __version__
from compare.report.decisions import ACCEPTED, DecisionSet, keys_for_dict, suppress_in_dict

SEVERITIES = ("critical", "major", "minor")  # worst first
_RANK = {"minor": 1, "major": 2, "critical": 3}


def severity_rank(severity: str | None) -> int:
    return _RANK.get(severity or "", 0)


# Short names for the MQM-style categories (two end in "entity": say which).
CATEGORY_LABELS = {
    "accuracy/omission": "omission",
    "accuracy/addition": "addition",
    "accuracy/mistranslation": "meaning",
    "accuracy/mistranslation/number": "number",
    "accuracy/mistranslation/entity": "name",
    "accuracy/mistranslation/quotation": "quotation",
    "accuracy/mistranslation/polarity": "negation",
    "fluency/inconsistency/entity": "name spelling",
}


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category) or category.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Piece:
    """A run of a pair's text and the ids of the flags whose spans cover all of it."""

    text: str
    flags: tuple[int, ...] = ()


@dataclass
class FlagItem:
    id: int
    pair: int
    check: str
    category: str
    severity: str
    score: float
    message: str
    src_spans: list[tuple[int, int]]
    tgt_spans: list[tuple[int, int]]
    src_text: list[str]
    tgt_text: list[str]
    details: dict[str, Any]
    key: str
    decision: str | None = None  # from a decisions file: "accepted" (false positives are suppressed)
    note: str = ""

    @property
    def short_category(self) -> str:
        """A short name a reviser reads: "number" for "accuracy/mistranslation/number"."""
        return category_label(self.category)


@dataclass
class PairItem:
    index: int
    kind: str  # "1-1", "1-0", ...
    src_sentences: list[int]
    tgt_sentences: list[int]
    score: float | None
    similarity: float | None
    src_text: str
    tgt_text: str
    src_span: tuple[int, int]
    tgt_span: tuple[int, int]
    flags: list[int]
    src_pieces: list[Piece]
    tgt_pieces: list[Piece]
    heading: bool = False  # the pair opens a heading paragraph
    mt: str | None = None  # machine translation of the original side, when MT ran
    back_mt: str | None = None  # the translation translated back, when asked for

    @property
    def gap(self) -> str | None:
        """"tgt" for an omission (1-0: nothing in the translation), "src" for an addition (0-1)."""
        if not self.src_sentences:
            return "src"
        if not self.tgt_sentences:
            return "tgt"
        return None


@dataclass
class DocInfo:
    role: str  # "original" | "translation"
    path: str | None
    name: str
    lang: str | None
    lang_detected: str | None
    format: str
    encoding: str
    sha256: str
    sentences: int
    paragraphs: int
    characters: int


@dataclass
class Report:
    data: dict[str, Any]  # the compare.diff v1 dict, false-positive flags removed
    source: DocInfo
    target: DocInfo
    pairs: list[PairItem]
    flags: list[FlagItem]
    suppressed: list[FlagItem]  # judged false positives in a decisions file
    signature: dict[str, Any]
    relatedness: dict[str, Any]
    warnings: list[str]
    created: str  # when the report was made, ISO 8601 UTC
    generator: str = f"compare {__version__}"
    decision_files: list[str] = field(default_factory=list)

    # -------------------------------------------------------------- words
    @property
    def title(self) -> str:
        return _stem(self.source.path) or "comparison"

    def counts(self) -> dict[str, int]:
        """Flags by severity, worst first."""
        return {s: sum(1 for f in self.flags if f.severity == s) for s in SEVERITIES}

    @property
    def worst(self) -> str | None:
        return max((f.severity for f in self.flags), key=severity_rank, default=None)

    def link_types(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for pair in self.pairs:
            out[pair.kind] = out.get(pair.kind, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def verdict(self) -> str:
        """One line: the flag count by severity and the shape of the alignment."""
        counts = self.counts()
        omitted = sum(len(p.src_sentences) for p in self.pairs if p.gap == "tgt")
        added = sum(len(p.tgt_sentences) for p in self.pairs if p.gap == "src")
        shape = f"{len(self.pairs)} aligned pairs"
        extras = []
        if omitted:
            extras.append(f"{omitted} sentence{'s' if omitted > 1 else ''} of the original not translated")
        if added:
            extras.append(f"{added} sentence{'s' if added > 1 else ''} added in the translation")
        if extras:
            shape += " (" + "; ".join(extras) + ")"
        total = len(self.flags)
        if not total:
            head = "No flags"
        else:
            head = f"{total} flag{'s' if total > 1 else ''} to review: " + ", ".join(
                f"{counts[s]} {s}" for s in SEVERITIES
            )
        tail = ""
        if self.suppressed:
            tail = f"; {len(self.suppressed)} more judged false positive earlier"
        return f"{head} in {shape}{tail}."

    @property
    def encoder_label(self) -> str:
        enc = self.signature.get("encoder")
        if isinstance(enc, dict):
            parts = [str(enc.get("name") or "?")]
            if enc.get("package"):
                parts.append(f"({enc['package']})")
            return " ".join(parts)
        return str(enc) if enc else "unknown"

    @property
    def mt_label(self) -> str:
        """"none", or the translation models' names and revisions from ``signature["mt"]``.

        Reads the shapes the signature takes: ``None``; ``{"status": "unavailable",
        "reason": ...}``; ``{"status": "used", "forward": {...}, "backward": {...}}``;
        or one translator signature (``name``, ``revision``...).
        """
        mt = self.signature.get("mt")
        if not mt:
            return "none"
        if not isinstance(mt, dict):
            return str(mt)
        if mt.get("status") == "unavailable":
            reason = mt.get("reason") or "no model"
            return f"none ({reason})"
        if "forward" in mt:
            label = _model_words(mt.get("forward"))
            if mt.get("backward"):
                label += f"; back-translation: {_model_words(mt['backward'])}"
            return label
        return _model_words(mt)

    def settings(self) -> list[tuple[str, str]]:
        """The signature's settings as (label, value) lines a reviser can read."""
        sig = self.signature
        out: list[tuple[str, str]] = []
        if sig.get("profile"):
            checks = sig.get("checks") or {}
            source = checks.get("source") if isinstance(checks, dict) else None
            thresholds = "packaged thresholds" if source in (None, "default") else f"thresholds from {source}"
            out.append(("profile", f"{sig['profile']} ({thresholds})"))
        if sig.get("segmenter"):
            out.append(("segmenter", str(sig["segmenter"])))
        aligner = sig.get("aligner")
        if isinstance(aligner, dict):
            bits = [str(aligner.get("name", "?"))]
            if "refine" in aligner:
                bits.append("span refinement on" if aligner["refine"] else "span refinement off")
            out.append(("aligner", ", ".join(bits)))
        if sig.get("schema"):
            out.append(("schema", str(sig["schema"])))
        return out


# ---------------------------------------------------------------- building
def build_report(
    comparison_or_dict: Any,
    decisions: DecisionSet | None = None,
    created: datetime | str | None = None,
) -> Report:
    """The report model of a ``Comparison`` or of its ``compare.diff`` v1 dict.

    ``decisions``: flags judged false positive there are moved to
    ``Report.suppressed`` (and out of ``Report.data``); accepted ones keep
    their mark. ``created``: the report date (default: now, UTC).
    """
    if isinstance(comparison_or_dict, dict):
        data = copy.deepcopy(comparison_or_dict)
    else:
        from compare.report.json import dumps

        data = json.loads(dumps(comparison_or_dict))  # plain JSON types, exactly as `compare diff` writes
    _check_shape(data)
    decisions = decisions or DecisionSet()
    data, dropped = suppress_in_dict(data, decisions)
    keys = keys_for_dict(data)
    src_doc, tgt_doc = data["source"], data["target"]

    flags = [_flag_item(flag, key, decisions) for flag, key in zip(data["flags"], keys, strict=True)]
    suppressed = [_flag_item(flag, flag["key"], decisions) for flag in dropped]
    heading_sentences = _heading_sentences(src_doc), _heading_sentences(tgt_doc)
    pairs = []
    for pair in data["pairs"]:
        (a, b), (c, d) = pair["src_span"], pair["tgt_span"]
        own = [flags[i] for i in pair["flags"]]
        pairs.append(
            PairItem(
                index=pair["index"],
                kind=pair["type"],
                src_sentences=list(pair["src"]),
                tgt_sentences=list(pair["tgt"]),
                score=pair.get("score"),
                similarity=pair.get("similarity"),
                src_text=src_doc["text"][a:b],
                tgt_text=tgt_doc["text"][c:d],
                src_span=(a, b),
                tgt_span=(c, d),
                flags=list(pair["flags"]),
                src_pieces=cut_pieces(src_doc["text"], a, b, [(f.id, f.src_spans) for f in own]),
                tgt_pieces=cut_pieces(tgt_doc["text"], c, d, [(f.id, f.tgt_spans) for f in own]),
                heading=bool(
                    (pair["src"] and pair["src"][0] in heading_sentences[0])
                    or (not pair["src"] and pair["tgt"] and pair["tgt"][0] in heading_sentences[1])
                ),
                mt=pair.get("mt"),
                back_mt=pair.get("back_mt"),
            )
        )
    if isinstance(created, datetime):
        created = created.astimezone(UTC).isoformat(timespec="seconds")
    return Report(
        data=data,
        source=_doc_info("original", src_doc),
        target=_doc_info("translation", tgt_doc),
        pairs=pairs,
        flags=flags,
        suppressed=suppressed,
        signature=data.get("signature") or {},
        relatedness=data.get("relatedness") or {},
        warnings=list(data.get("warnings") or []),
        created=created or datetime.now(UTC).isoformat(timespec="seconds"),
        decision_files=list(decisions.files),
    )


def cut_pieces(text: str, start: int, end: int, spans_by_flag: list[tuple[int, list[tuple[int, int]]]]) -> list[Piece]:
    """Cut ``text[start:end]`` at every flag-span boundary inside it.

    Each piece lists the flags covering it; overlapping spans give pieces with
    several flags. Spans outside the range are clipped.
    """
    cuts = {start, end}
    for _, spans in spans_by_flag:
        for a, b in spans:
            for x in (a, b):
                if start < x < end:
                    cuts.add(x)
    bounds = sorted(cuts)
    pieces = []
    for a, b in pairwise(bounds):
        if a == b:
            continue
        covering = tuple(fid for fid, spans in spans_by_flag if any(s <= a and b <= e for s, e in spans))
        if pieces and pieces[-1].flags == covering:  # merge neighbours with the same flags
            pieces[-1] = Piece(pieces[-1].text + text[a:b], covering)
        else:
            pieces.append(Piece(text[a:b], covering))
    return pieces


def _model_words(sig: Any) -> str:
    """"opus-mt-fr-en (revision abc123, ctranslate2)" from a translator signature."""
    if not isinstance(sig, dict):
        return str(sig) if sig else "unnamed model"
    name = sig.get("name") or sig.get("model") or sig.get("id") or "unnamed model"
    bits = []
    if sig.get("revision"):
        bits.append(f"revision {sig['revision']}")
    if sig.get("version") and not sig.get("revision"):
        bits.append(f"version {sig['version']}")
    if sig.get("engine"):
        bits.append(str(sig["engine"]))
    if sig.get("pivot"):
        steps = [_model_words(step) for step in sig.get("steps") or []]
        bits.append(f"through {sig['pivot']}" + (f": {' then '.join(steps)}" if steps else ""))
    return f"{name} ({', '.join(bits)})" if bits else str(name)


def _flag_item(flag: dict[str, Any], key: str, decisions: DecisionSet) -> FlagItem:
    known = decisions.get(key)
    return FlagItem(
        id=flag["id"],
        pair=flag["pair"],
        check=flag["check"],
        category=flag["category"],
        severity=flag["severity"],
        score=flag["score"],
        message=flag["message"],
        src_spans=[tuple(s) for s in flag["src_spans"]],
        tgt_spans=[tuple(s) for s in flag["tgt_spans"]],
        src_text=list(flag["src_text"]),
        tgt_text=list(flag["tgt_text"]),
        details=flag.get("details") or {},
        key=key,
        decision=known.decision if known else None,
        note=known.note if known else "",
    )


def _doc_info(role: str, doc: dict[str, Any]) -> DocInfo:
    return DocInfo(
        role=role,
        path=doc.get("path"),
        name=PurePath(doc["path"]).name if doc.get("path") else role,
        lang=doc.get("lang"),
        lang_detected=doc.get("lang_detected"),
        format=doc.get("format") or "",
        encoding=doc.get("encoding") or "",
        sha256=doc.get("sha256") or "",
        sentences=len(doc.get("sentences") or []),
        paragraphs=len(doc.get("paragraphs") or []),
        characters=len(doc.get("text") or ""),
    )


def _heading_sentences(doc: dict[str, Any]) -> set[int]:
    headings = {p["index"] for p in doc.get("paragraphs") or [] if p.get("kind") == "heading"}
    return {s["index"] for s in doc.get("sentences") or [] if s.get("paragraph") in headings}


def _stem(path: str | None) -> str:
    """"corpus/iran-israel.fr.txt" -> "iran-israel"."""
    if not path:
        return ""
    name = PurePath(path).name
    parts = name.split(".")
    if len(parts) >= 3 and 2 <= len(parts[-2]) <= 3 and parts[-2].isalpha():
        return ".".join(parts[:-2])
    return ".".join(parts[:-1]) or name


def _check_shape(data: dict[str, Any]) -> None:
    from compare.errors import UnsupportedFormatError

    if data.get("schema") != "compare.diff" or data.get("schema_version") != 1:
        raise UnsupportedFormatError(
            f"not a compare.diff version 1 comparison (schema {data.get('schema')!r}, "
            f"version {data.get('schema_version')!r}); write one with `compare diff A B --format json`"
        )
    missing = [k for k in ("source", "target", "pairs", "flags", "summary") if k not in data]
    if missing:
        raise UnsupportedFormatError(f"comparison JSON lacks {', '.join(missing)}")


def is_accepted(flag: FlagItem) -> bool:
    return flag.decision == ACCEPTED
