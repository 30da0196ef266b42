"""A reviser's decisions on flags: stable keys, the decisions file, suppression.

A reviser marks a flag *accepted* (a real divergence) or *false positive* in
the HTML report and exports the marks as a JSON file (schema
``compare.decisions`` version 1, see ``docs/report.md``). Passing that file to
``compare report`` or ``compare diff`` (``--decisions FILE``) drops the flags
already judged false positives.

A decision is found again through the flag's *key*: a hash of the check, the
category, the exact text of the flag's spans on both sides and the text of the
aligned pair (whitespace runs collapsed, Unicode NFC). It does not depend on
offsets, sentence numbers, file paths or the rest of the document, so a
decision survives a re-run, a re-save with other line endings and edits made
elsewhere in the document; once the pair's own text changes, the flag has to be
judged again. The same sentence pair with the same flag in another document
gets the same key (boilerplate judged once stays judged).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from compare.errors import ConfigurationError, UnreadableInputError

SCHEMA = "compare.decisions"
SCHEMA_VERSION = 1
KEY_VERSION = "k1"

ACCEPTED = "accepted"
FALSE_POSITIVE = "false_positive"
DECISIONS = (ACCEPTED, FALSE_POSITIVE)

# Spellings accepted when reading a file (a spreadsheet column is typed by hand).
_ALIASES = {
    "accepted": ACCEPTED,
    "accept": ACCEPTED,
    "ok": ACCEPTED,
    "real": ACCEPTED,
    "false_positive": FALSE_POSITIVE,
    "false positive": FALSE_POSITIVE,
    "false-positive": FALSE_POSITIVE,
    "fp": FALSE_POSITIVE,
}


def normalise_text(text: str) -> str:
    """The form of a text that keys compare: NFC, whitespace runs as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def flag_key(
    check: str,
    category: str,
    src_texts: Iterable[str],
    tgt_texts: Iterable[str],
    pair_src_text: str,
    pair_tgt_text: str,
) -> str:
    """The stable identity of a flag, e.g. ``"k1:3f2a..."`` (see the module docstring)."""
    payload = [
        KEY_VERSION,
        check,
        category,
        [normalise_text(t) for t in src_texts],
        [normalise_text(t) for t in tgt_texts],
        normalise_text(pair_src_text),
        normalise_text(pair_tgt_text),
    ]
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{KEY_VERSION}:{digest[:32]}"


def parse_decision(value: Any) -> str | None:
    """``"accepted"``, ``"false_positive"`` or None (blank); raises on anything else."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    if text not in _ALIASES:
        raise ValueError(f"unknown decision {value!r} (use 'accepted' or 'false positive')")
    return _ALIASES[text]


@dataclass
class Decision:
    key: str
    decision: str  # ACCEPTED or FALSE_POSITIVE
    note: str = ""
    # context for a human reading the file; never used for matching
    check: str = ""
    category: str = ""
    severity: str = ""
    message: str = ""
    src_text: list[str] = field(default_factory=list)
    tgt_text: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "decision": self.decision,
            "note": self.note,
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "src_text": list(self.src_text),
            "tgt_text": list(self.tgt_text),
        }


@dataclass
class DecisionSet:
    """Decisions by key; a later file overrides an earlier one for the same key."""

    by_key: dict[str, Decision] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.by_key)

    def get(self, key: str) -> Decision | None:
        return self.by_key.get(key)

    def is_false_positive(self, key: str) -> bool:
        found = self.by_key.get(key)
        return found is not None and found.decision == FALSE_POSITIVE

    def add(self, decision: Decision) -> None:
        self.by_key[decision.key] = decision


# ---------------------------------------------------------------- reading
def load_decisions(paths: Iterable[str | Path]) -> DecisionSet:
    """Read decisions files (JSON exported by the HTML report, or a report .xlsx).

    Raises ``UnreadableInputError`` for a missing file and ``ConfigurationError``
    for a file that is not a decisions file, each with a one-line message.
    """
    result = DecisionSet()
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise UnreadableInputError(f"decisions file {path}: no such file")
        items = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_json(path)
        for item in items:
            result.add(item)
        result.files.append(str(path))
    return result


def _read_json(path: Path) -> list[Decision]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInputError(f"decisions file {path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"decisions file {path}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ConfigurationError(
            f"decisions file {path}: not a '{SCHEMA}' file (export it from the HTML report's 'Export decisions')"
        )
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ConfigurationError(
            f"decisions file {path}: schema_version {data.get('schema_version')!r} is not supported "
            f"(this version reads {SCHEMA_VERSION})"
        )
    entries = data.get("decisions")
    if not isinstance(entries, list):
        raise ConfigurationError(f"decisions file {path}: 'decisions' must be a list")
    out = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not entry["key"]:
            raise ConfigurationError(f"decisions file {path}: entry {number} has no 'key'")
        try:
            decision = parse_decision(entry.get("decision"))
        except ValueError as exc:
            raise ConfigurationError(f"decisions file {path}: entry {number}: {exc}") from None
        if decision is None:
            continue
        out.append(
            Decision(
                key=entry["key"],
                decision=decision,
                note=str(entry.get("note") or ""),
                check=str(entry.get("check") or ""),
                category=str(entry.get("category") or ""),
                severity=str(entry.get("severity") or ""),
                message=str(entry.get("message") or ""),
                src_text=[str(t) for t in entry.get("src_text") or []],
                tgt_text=[str(t) for t in entry.get("tgt_text") or []],
            )
        )
    return out


def _read_xlsx(path: Path) -> list[Decision]:
    """The 'Flags' sheet of a report workbook: its 'key' and 'decision' columns."""
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, BadZipFile, KeyError, ValueError) as exc:
        raise ConfigurationError(f"decisions file {path}: not a readable .xlsx workbook ({exc})") from None
    try:
        if "Flags" not in book.sheetnames:
            raise ConfigurationError(f"decisions file {path}: no 'Flags' sheet (use a workbook written by compare report)")
        rows = book["Flags"].iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, ())]
        if "key" not in header or "decision" not in header:
            raise ConfigurationError(f"decisions file {path}: the 'Flags' sheet needs 'key' and 'decision' columns")
        col = {name: header.index(name) for name in header if name}
        out = []
        for number, row in enumerate(rows, 2):
            row = list(row) + [None] * (len(header) - len(row))
            try:
                decision = parse_decision(row[col["decision"]])
            except ValueError as exc:
                raise ConfigurationError(f"decisions file {path}: Flags row {number}: {exc}") from None
            key = row[col["key"]]
            if decision is None or not key:
                continue

            def cell(name: str, row: list = row) -> str:
                return str(row[col[name]] or "") if name in col else ""

            out.append(
                Decision(
                    key=str(key), decision=decision, note=cell("note"), check=cell("check"),
                    category=cell("category"), severity=cell("severity"), message=cell("explanation"),
                    src_text=[cell("original span")] if cell("original span") else [],
                    tgt_text=[cell("translation span")] if cell("translation span") else [],
                )
            )
        return out
    finally:
        book.close()


# ---------------------------------------------------------------- writing
def decisions_document(decisions: Iterable[Decision], source: dict | None = None, target: dict | None = None,
                       tool: str = "", exported: str = "") -> dict[str, Any]:
    """A decisions file as a dict (what the HTML report's export writes, too)."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": tool,
        "exported": exported,
        "source": source or {},
        "target": target or {},
        "decisions": [d.as_dict() for d in decisions],
    }


# ---------------------------------------------------------------- keys and suppression
def keys_for_dict(data: dict[str, Any]) -> list[str]:
    """The key of every flag of a ``compare.diff`` v1 dict, in ``flags`` order."""
    src_text, tgt_text = data["source"]["text"], data["target"]["text"]
    keys = []
    for flag in data["flags"]:
        pair = data["pairs"][flag["pair"]]
        (a, b), (c, d) = pair["src_span"], pair["tgt_span"]
        keys.append(
            flag_key(flag["check"], flag["category"], flag["src_text"], flag["tgt_text"], src_text[a:b], tgt_text[c:d])
        )
    return keys


def keys_for_comparison(comparison) -> list[str]:
    """The key of every flag of a ``pipeline.Comparison``, in ``flags`` order."""
    src, tgt = comparison.source.text, comparison.target.text
    pairs = {p.index: p for p in comparison.pairs}
    keys = []
    for flag in comparison.flags:
        f = flag.finding
        pair = pairs[f.pair]
        keys.append(
            flag_key(
                f.check, f.category, [src[s.start : s.end] for s in f.src_spans],
                [tgt[s.start : s.end] for s in f.tgt_spans], pair.src_text, pair.tgt_text,
            )
        )
    return keys


def suppression_warning(count: int, decisions: DecisionSet) -> str:
    files = ", ".join(decisions.files) or "decisions"
    noun = "flag" if count == 1 else "flags"
    return f"{count} {noun} judged false positive in {files} not shown"


def suppress_in_comparison(comparison, decisions: DecisionSet):
    """A copy of the comparison without the flags judged false positives, and those flags."""
    if not len(decisions):
        return comparison, []
    keys = keys_for_comparison(comparison)
    kept, dropped = [], []
    for flag, key in zip(comparison.flags, keys, strict=True):
        (dropped if decisions.is_false_positive(key) else kept).append(flag)
    if not dropped:
        return comparison, []
    warnings = [*comparison.warnings, suppression_warning(len(dropped), decisions)]
    return replace(comparison, flags=kept, warnings=warnings), dropped


def suppress_in_dict(data: dict[str, Any], decisions: DecisionSet) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A ``compare.diff`` v1 dict without false-positive flags (ids renumbered, summary
    recounted, a line added to ``warnings``) and the dropped flags (with their ``key``)."""
    if not len(decisions):
        return data, []
    keys = keys_for_dict(data)
    kept, dropped = [], []
    for flag, key in zip(data["flags"], keys, strict=True):
        (dropped if decisions.is_false_positive(key) else kept).append(flag)
    if not dropped:
        return data, []
    new_id = {flag["id"]: number for number, flag in enumerate(kept)}
    out = dict(data)
    out["flags"] = [dict(flag, id=new_id[flag["id"]]) for flag in kept]
    out["pairs"] = [
        dict(pair, flags=[new_id[f] for f in pair["flags"] if f in new_id]) for pair in data["pairs"]
    ]
    summary = dict(data["summary"])
    summary["flags"] = len(kept)
    summary["by_severity"] = {s: sum(1 for f in kept if f["severity"] == s) for s in ("critical", "major", "minor")}
    categories: dict[str, int] = {}
    for flag in kept:
        categories[flag["category"]] = categories.get(flag["category"], 0) + 1
    summary["by_category"] = dict(sorted(categories.items()))
    out["summary"] = summary
    out["warnings"] = [*data.get("warnings", []), suppression_warning(len(dropped), decisions)]
    key_of = dict(zip((f["id"] for f in data["flags"]), keys, strict=True))
    return out, [dict(flag, key=key_of[flag["id"]]) for flag in dropped]
