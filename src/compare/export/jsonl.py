"""JSON Lines: a header record, then per document a ``document`` record and its ``pair`` records.

Every line is one JSON object with a ``record`` field:

* ``header`` (first line): ``schema`` ``"compare.export.jsonl"``, ``schema_version``,
  ``signature`` (tool, encoder, MT model, settings, filters and their counts);
* ``document``: ``doc`` (id), ``src``/``tgt`` (path relative to the corpus
  folder, sha256 of the file bytes, lang, format, encoding, sentence count),
  ``pairs`` (before filtering), ``kept``, ``link_types``, ``flags``,
  ``relatedness``, ``warnings``;
* ``pair``: ``doc``, ``index`` (pair number in the document, before filtering),
  ``type`` (``"1-1"``, ``"2-1"``, ``"1-0"``...), ``src``/``tgt`` (sentence
  indices), ``score``, ``similarity``, ``src_span``/``tgt_span`` (character
  offsets in the document text), ``src_text``/``tgt_text`` (exact text of the
  spans), ``severity`` (worst flag) and ``flags`` (``null`` when checks were off).

Read back with the standard library's :mod:`json`, one line at a time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from compare.errors import InputError, UnreadableInputError
from compare.export.base import EXPORT_VERSION, Writer
from compare.export.records import DocumentRecord, PairRecord

SCHEMA = "compare.export.jsonl"


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter(Writer):
    name = "jsonl"

    @classmethod
    def paths(cls, target, src_lang, tgt_lang):
        return [Path(f"{target}.jsonl")]

    def begin(self) -> None:
        self.out = self.files.open_text(f"{self.target}.jsonl")
        header = {"record": "header", "schema": SCHEMA, "schema_version": EXPORT_VERSION,
                  "signature": self.info.signature}
        self.out.write(_line(header))
        self._kept = {d["id"]: d.get("kept") for d in self.info.documents}

    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        record = {"record": "document"}
        record.update(document.public(kept=self._kept.get(document.id)))
        self.out.write(_line(record))
        for pair in pairs:
            self.out.write(_line(pair.to_json(with_text=True)))


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Every record of an export, in order (header first); raises ``InputError`` on a bad line."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}, line {line_no}: not JSON ({exc})") from exc
            if line_no == 1 and (data.get("record") != "header" or data.get("schema") != SCHEMA):
                raise InputError(f"{path}: not a compare JSONL export (no header record)")
            yield data
