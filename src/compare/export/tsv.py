"""Tab-separated values: one aligned pair per row, with its scores and flags.

``NAME.tsv`` has a header row, then the columns in :data:`COLUMNS`: the two
texts first (``cut -f1,2`` gives plain bitext), then where the pair comes from
and what compare found. Texts are on one line (every run of whitespace, tabs
and newlines included, becomes one space), so no quoting is ever needed.
``flags`` is ``check:severity`` items joined by commas; ``severity`` the worst
of them; both are empty when nothing was flagged or when checks were off (the
sidecar's ``signature.checks`` is then ``null``). The signature is in the JSON
sidecar ``NAME.tsv.json``. Read back with the standard library's :mod:`csv`.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Iterator

from compare.errors import InputError, UnreadableInputError
from compare.export.base import Writer
from compare.export.records import DocumentRecord, PairRecord, one_line

COLUMNS = ("src", "tgt", "doc", "pair", "type", "src_idx", "tgt_idx", "score", "similarity", "severity", "flags")
DIALECT = {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None, "lineterminator": "\n"}


def _indices(indices) -> str:
    return ",".join(str(i) for i in indices)


def _number(value) -> str:
    return "" if value is None else f"{value:.4f}"


def pair_row(pair: PairRecord) -> list[str]:
    return [
        one_line(pair.src_text), one_line(pair.tgt_text), pair.doc, str(pair.index), pair.type,
        _indices(pair.src), _indices(pair.tgt), _number(pair.score), _number(pair.similarity),
        pair.severity or "", pair.flag_summary(),
    ]


class TsvWriter(Writer):
    name = "tsv"

    @classmethod
    def paths(cls, target, src_lang, tgt_lang):
        return [Path(f"{target}.tsv"), Path(f"{target}.tsv.json")]

    def begin(self) -> None:
        self.out = csv.writer(self.files.open_text(f"{self.target}.tsv"), **DIALECT)
        self.out.writerow(COLUMNS)

    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        for pair in pairs:
            self.out.writerow(pair_row(pair))

    def end(self) -> None:
        self.write_sidecar(Path(f"{self.target}.tsv.json"), {"columns": list(COLUMNS)})


def read_tsv(path: str | Path) -> Iterator[dict[str, str]]:
    """The rows of an exported TSV as dicts keyed by column name."""
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with handle:
        reader = csv.reader(handle, **DIALECT)
        header = next(reader, None)
        if header is None or tuple(header[:2]) != ("src", "tgt"):
            raise InputError(f"{path}: not a compare TSV export (header {header!r})")
        for line_no, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise InputError(f"{path}, line {line_no}: {len(row)} columns, expected {len(header)}")
            yield dict(zip(header, row, strict=True))
