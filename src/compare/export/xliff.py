"""XLIFF 1.2, built with translate-toolkit (``translate.storage.xliff``).

One ``<file>`` per document (``original`` = document id, ``source-language``,
``target-language``, ``tool-id="compare"``). Its ``<header>`` holds a
``<tool>`` element and two notes: ``from="compare-signature"`` (the whole
signature as JSON: tool, encoder, MT model, settings, filters and counts) and
``from="compare-document"`` (JSON: id, inputs with their sha256, pairs,
kept). One ``<trans-unit>`` per kept pair, ``id`` = the pair's index in the
document, with a ``from="compare"`` note (``type 2-1; src 3,4; tgt 3;
score 0.9120; similarity 0.8850``) and one ``from="compare:CHECK"`` note per
divergence flag. A pair flagged at ``major`` or above has its target marked
``needs-review-translation``, so CAT tools show it for review.

Each document is built in its own translate-toolkit store and streamed to the
file, so memory does not grow with the corpus. Read back with
:func:`read_xliff` (translate-toolkit's ``xlifffile``).
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Iterable, Iterator

from compare import __version__
from compare.errors import InputError, UnreadableInputError
from compare.export.base import Writer
from compare.export.records import SEVERITY_ORDER, DocumentRecord, PairRecord, one_line

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{NAMESPACE}">'
    '<file original="NoName" source-language="en" datatype="plaintext"><body/></file></xliff>'
)
REVIEW_FROM = "major"  # flags at this severity or worse mark the unit for review


def _pair_note(pair: PairRecord) -> str:
    parts = [f"type {pair.type}", f"src {','.join(map(str, pair.src))}", f"tgt {','.join(map(str, pair.tgt))}",
             f"score {pair.score:.4f}"]
    if pair.similarity is not None:
        parts.append(f"similarity {pair.similarity:.4f}")
    return "; ".join(parts)


class XliffWriter(Writer):
    name = "xliff"

    @classmethod
    def paths(cls, target, src_lang, tgt_lang):
        return [Path(f"{target}.xlf")]

    def begin(self) -> None:
        from lxml import etree

        self.etree = etree
        self._documents = {d["id"]: d for d in self.info.documents}
        self._stack = ExitStack()
        self._handle = handle = self.files.open_binary(f"{self.target}.xlf")
        self.xf = self._stack.enter_context(etree.xmlfile(handle, encoding="utf-8"))
        self.xf.write_declaration()
        self._stack.enter_context(self.xf.element(f"{{{NAMESPACE}}}xliff", nsmap={None: NAMESPACE}, version="1.2"))
        self.xf.write("\n")

    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        from translate.storage.xliff import xlifffile

        etree, ns = self.etree, f"{{{NAMESPACE}}}"
        store = xlifffile.parsestring(_SKELETON.encode("utf-8"))
        store.setsourcelanguage(self.info.src_lang)
        store.settargetlanguage(self.info.tgt_lang)
        review_rank = SEVERITY_ORDER.index(REVIEW_FROM)
        for pair in pairs:
            unit = store.addsourceunit(one_line(pair.src_text), filename=document.id, createifmissing=True)
            unit.setid(str(pair.index))
            unit.settarget(one_line(pair.tgt_text), self.info.tgt_lang)
            unit.addnote(_pair_note(pair), origin="compare")
            for flag in pair.flags or ():
                unit.addnote(f"{flag.severity} {flag.check}: {flag.message}", origin=f"compare:{flag.check}")
            if pair.severity and SEVERITY_ORDER.index(pair.severity) >= review_rank:
                unit.markreviewneeded(True)
            else:  # the toolkit marks a new target approved; an automatic alignment approves nothing
                unit.xmlelement.attrib.pop("approved", None)
        store.switchfile(document.id, createifmissing=True)
        file_node = store.getfilenode(document.id)
        file_node.set("tool-id", "compare")
        header = etree.Element(f"{ns}header")
        tool = etree.SubElement(header, f"{ns}tool")
        tool.attrib.update({"tool-id": "compare", "tool-name": "compare", "tool-version": __version__})
        for origin, data in (("compare-signature", self.info.signature),
                             ("compare-document", self._documents.get(document.id, {"id": document.id}))):
            note = etree.SubElement(header, f"{ns}note")
            note.set("from", origin)
            note.text = json.dumps(data, ensure_ascii=False)
        file_node.insert(0, header)
        etree.cleanup_namespaces(file_node)
        self.xf.write(file_node, pretty_print=True)

    def end(self) -> None:
        self._stack.close()
        self._handle.write(b"\n")


def read_xliff(path: str | Path) -> Iterator[dict[str, Any]]:
    """One dict per ``<file>``: ``original``, languages, ``header_notes`` (from -> text) and ``units``.

    Each unit: ``id``, ``source``, ``target``, ``notes`` (list of (from, text)), ``review`` (bool).
    Parsed by translate-toolkit's ``xlifffile``.
    """
    from translate.storage.xliff import xlifffile

    try:
        with open(path, "rb") as handle:
            store = xlifffile.parsestring(handle.read())
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # lxml and the toolkit raise many kinds
        raise InputError(f"{path}: not a readable XLIFF file ({exc})") from exc
    by_file: dict[str, list] = {}
    for unit in store.units:
        filename, _, _ = unit.getid().partition("\x04")
        by_file.setdefault(filename, []).append(unit)
    for file_node in store.document.getroot().iterchildren(store.namespaced("file")):
        original = file_node.get("original")
        header = store.getheadernode(file_node)
        notes = {} if header is None else {n.get("from"): n.text or "" for n in header.iterchildren(store.namespaced("note"))}
        units = []
        for unit in by_file.get(original, []):
            units.append({
                "id": unit.getid().partition("\x04")[2],
                "source": unit.source or "",
                "target": unit.target or "",
                "notes": [(n.get("from"), n.text or "") for n in unit.xmlelement.iterchildren(store.namespaced("note"))],
                "review": unit.isreview(),
            })
        yield {
            "original": original, "source_language": file_node.get("source-language"),
            "target_language": file_node.get("target-language"), "header_notes": notes, "units": units,
        }
