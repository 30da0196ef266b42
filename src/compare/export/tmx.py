"""TMX 1.4 translation memory, built with translate-toolkit (``translate.storage.tmx``).

One ``<tu>`` per kept pair, ``tuid`` ``"DOC#INDEX"``. Header: ``creationtool``
``compare``, ``srclang``, and ``<prop>`` elements: ``x-compare-signature``
(the whole signature as JSON: tool, encoder, MT model, settings, filters and
counts), ``x-compare-tool``, ``x-compare-encoder``, ``x-compare-mt``, and one
``x-compare-document`` per document (JSON: id, inputs with their sha256,
pairs, kept). Each ``<tu>`` carries one ``<note>`` per divergence flag
(``"major numbers: ..."``) and the props ``x-document``, ``x-pair``,
``x-type``, ``x-src``/``x-tgt`` (sentence indices), ``x-score``,
``x-similarity`` and ``x-severity``.

Units are made by translate-toolkit; lxml's incremental writer streams them
to the file one document at a time, so memory does not grow with the corpus.
Read back with :func:`read_tmx` (translate-toolkit's ``tmxfile``).
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Iterable, Iterator

from compare import __version__
from compare.errors import InputError, UnreadableInputError
from compare.export.base import Writer
from compare.export.records import DocumentRecord, PairRecord, one_line

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def _prop(etree, kind: str, value: str):
    prop = etree.Element("prop")
    prop.set("type", kind)
    prop.text = value
    return prop


class TmxWriter(Writer):
    name = "tmx"

    @classmethod
    def paths(cls, target, src_lang, tgt_lang):
        return [Path(f"{target}.tmx")]

    def begin(self) -> None:
        from lxml import etree
        from translate.storage.tmx import tmxfile

        self.etree = etree
        self.store = tmxfile(sourcelanguage=self.info.src_lang, targetlanguage=self.info.tgt_lang)
        self.store.addheader()
        header = self.store.document.getroot().find("header")
        header.set("creationtool", "compare")
        header.set("creationtoolversion", __version__)
        header.set("datatype", "plaintext")
        sig = self.info.signature
        encoder = (sig.get("encoder") or {}).get("name") or sig.get("settings", {}).get("encoder", "")
        props = [
            ("x-compare-tool", sig.get("tool", f"compare {__version__}")),
            ("x-compare-encoder", str(encoder)),
            ("x-compare-mt", json.dumps(sig.get("mt"), ensure_ascii=False)),
            ("x-compare-signature", self.info.signature_json()),
        ]
        props += [("x-compare-document", json.dumps(d, ensure_ascii=False)) for d in self.info.documents]
        for kind, value in props:
            header.append(_prop(etree, kind, value))

        self._stack = ExitStack()
        self._handle = handle = self.files.open_binary(f"{self.target}.tmx")
        self.xf = self._stack.enter_context(etree.xmlfile(handle, encoding="utf-8"))
        self.xf.write_declaration()
        self.xf.write_doctype(DOCTYPE)
        self._stack.enter_context(self.xf.element("tmx", version="1.4"))
        self.xf.write("\n")
        self.xf.write(header, pretty_print=True)
        self._stack.enter_context(self.xf.element("body"))
        self.xf.write("\n")

    def write(self, document: DocumentRecord, pairs: Iterable[PairRecord]) -> None:
        etree, tgt_lang = self.etree, self.info.tgt_lang
        for pair in pairs:
            unit = self.store.addsourceunit(one_line(pair.src_text))
            unit.settarget(one_line(pair.tgt_text), tgt_lang)
            unit.xmlelement.set("tuid", f"{pair.doc}#{pair.index}")
            for flag in pair.flags or ():
                unit.addnote(f"{flag.severity} {flag.check}: {flag.message}")
            props = [
                ("x-document", pair.doc), ("x-pair", str(pair.index)), ("x-type", pair.type),
                ("x-src", ",".join(map(str, pair.src))), ("x-tgt", ",".join(map(str, pair.tgt))),
                ("x-score", f"{pair.score:.4f}"),
            ]
            if pair.similarity is not None:
                props.append(("x-similarity", f"{pair.similarity:.4f}"))
            if pair.severity:
                props.append(("x-severity", pair.severity))
            first_tuv = unit.xmlelement.index(unit.xmlelement.find("tuv"))
            for offset, (kind, value) in enumerate(props):
                unit.xmlelement.insert(first_tuv + offset, _prop(etree, kind, value))
            self.xf.write(unit.xmlelement, pretty_print=True)
            self.store.removeunit(unit)

    def end(self) -> None:
        self._stack.close()
        self._handle.write(b"\n")


def read_tmx(path: str | Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """``(header, units)`` of a TMX file, parsed by translate-toolkit.

    ``header``: its attributes plus ``props`` (type -> list of values);
    each unit: ``id``, ``source``, ``target``, ``notes``, ``props`` (type -> value).
    """
    from translate.storage.tmx import tmxfile

    try:
        with open(path, "rb") as handle:
            store = tmxfile(handle)
    except OSError as exc:
        raise UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # lxml and the toolkit raise many kinds
        raise InputError(f"{path}: not a readable TMX file ({exc})") from exc
    root = store.document.getroot()
    header_node = root.find(store.namespaced("header"))
    header: dict[str, Any] = dict(header_node.attrib) if header_node is not None else {}
    header["props"] = {}
    for prop in header_node.iterfind(store.namespaced("prop")) if header_node is not None else ():
        header["props"].setdefault(prop.get("type"), []).append(prop.text or "")

    def units() -> Iterator[dict[str, Any]]:
        for unit in store.units:
            notes = unit.getnotes()
            yield {
                "id": unit.getid(),
                "source": unit.source or "",
                "target": unit.gettarget() or "",
                "notes": notes.split("\n") if notes else [],
                "props": {p.get("type"): p.text or "" for p in unit.xmlelement.iterfind(store.namespaced("prop"))},
            }

    return header, units()
