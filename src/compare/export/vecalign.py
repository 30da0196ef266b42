"""The ``[i]:[j, k]:score`` alignment format of Vecalign, Bertalign and SentAlign, per document.

Alignment indices point into a document's sentences, so this format is a
folder, ``NAME.vecalign/``, with three files per document: ``ID.SRC`` and
``ID.TGT`` (the sentences as compare segmented them, one per line, whitespace
runs made one space) and ``ID.align`` (one link per line, written and read by
:mod:`compare.align.formats`). The signature is in ``signature.json`` in the
folder. Filters drop links, so with filters an ``.align`` file no longer
covers every sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from compare.align.base import Link
from compare.align.formats import format_link, read_vecalign
from compare.export.base import Writer
from compare.export.records import DocumentRecord, PairRecord, one_line

__all__ = ["VecalignWriter", "read_vecalign"]


class VecalignWriter(Writer):
    name = "vecalign"
    single_file = False
    digits = 4

    @classmethod
    def paths(cls, target, src_lang, tgt_lang):
        return [Path(f"{target}.vecalign")]

    def begin(self) -> None:
        self.folder = self.files.folder(f"{self.target}.vecalign")

    def _open(self, doc_id: str, suffix: str):
        path = self.folder / f"{doc_id}.{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8", newline="\n")

    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        for side, lang in ((document.src, self.info.src_lang), (document.tgt, self.info.tgt_lang)):
            with self._open(document.id, lang) as handle:
                for i in range(len(side.sentences)):
                    handle.write(one_line(side.sentence_text(i)) + "\n")
        with self._open(document.id, "align") as handle:
            for pair in pairs:
                handle.write(format_link(Link(pair.src, pair.tgt, pair.score), self.digits) + "\n")

    def end(self) -> None:
        sidecar = self.sidecar_json({"files": ["ID.SRC", "ID.TGT", "ID.align"]})
        (self.folder / "signature.json").write_text(sidecar, encoding="utf-8")
