"""Moses-style parallel text: ``NAME.SRC`` and ``NAME.TGT``, one segment per line, line N with line N.

Beside them, ``NAME.ids`` (tab-separated, no header so that line N still
matches line N) says where each line comes from: the columns in
:data:`ID_COLUMNS`. The JSON sidecar ``NAME.moses.json`` holds the signature
and names the columns. A pair with no counterpart (1-0, 0-1) gives an empty
line on one side; pass ``--drop-unaligned`` if your tools cannot take them.
"""

from __future__ import annotations

from itertools import zip_longest
from pathlib import Path
from typing import Iterable, Iterator

from compare.errors import InputError, UnreadableInputError
from compare.export.base import Writer
from compare.export.records import DocumentRecord, PairRecord, one_line
from compare.export.tsv import pair_row

ID_COLUMNS = ("doc", "pair", "type", "src_idx", "tgt_idx", "score", "similarity", "severity", "flags")


class MosesWriter(Writer):
    name = "moses"
    single_file = False

    @classmethod
    def paths(cls, target, src_lang, tgt_lang):
        return [Path(f"{target}.{src_lang}"), Path(f"{target}.{tgt_lang}"), Path(f"{target}.ids"),
                Path(f"{target}.moses.json")]

    def begin(self) -> None:
        src, tgt, ids, _ = self.paths(self.target, self.info.src_lang, self.info.tgt_lang)
        self.src = self.files.open_text(src)
        self.tgt = self.files.open_text(tgt)
        self.ids = self.files.open_text(ids)

    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        for pair in pairs:
            self.src.write(one_line(pair.src_text) + "\n")
            self.tgt.write(one_line(pair.tgt_text) + "\n")
            self.ids.write("\t".join(pair_row(pair)[2:]) + "\n")

    def end(self) -> None:
        *_, sidecar = self.paths(self.target, self.info.src_lang, self.info.tgt_lang)
        files = {"src": f"{self.target.name}.{self.info.src_lang}", "tgt": f"{self.target.name}.{self.info.tgt_lang}",
                 "ids": f"{self.target.name}.ids"}
        self.write_sidecar(sidecar, {"files": files, "ids_columns": list(ID_COLUMNS)})


def read_moses(target: str | Path, src_lang: str, tgt_lang: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """``(src line, tgt line, ids row)`` triples; raises ``InputError`` if the files differ in length."""
    paths = MosesWriter.paths(Path(target), src_lang, tgt_lang)[:3]
    try:
        handles = [open(p, encoding="utf-8", newline="\n") for p in paths]
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {exc.filename}: {exc.strerror or exc}") from exc
    try:
        for line_no, lines in enumerate(zip_longest(*handles), start=1):
            if any(line is None for line in lines):
                raise InputError(f"{target}: the three files differ in length at line {line_no}")
            src, tgt, ids = (line.rstrip("\n") for line in lines)
            cells = ids.split("\t")
            if len(cells) != len(ID_COLUMNS):
                raise InputError(f"{paths[2]}, line {line_no}: {len(cells)} columns, expected {len(ID_COLUMNS)}")
            yield src, tgt, dict(zip(ID_COLUMNS, cells, strict=True))
    finally:
        for handle in handles:
            handle.close()
