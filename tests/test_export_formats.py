"""Each export format written by our writer and read back by the library made for it.

No encoder here: the records are built by hand (tests/_export_helpers.py) so
that every awkward case is present: a tab and a line break inside a pair, XML
markup characters, an omission, an addition, flags, a missing similarity.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from _export_helpers import synthetic_document

from compare.export import FORMATS, format_from_path, get_writer_class
from compare.export.base import ExportInfo, OutputFiles
from compare.export.records import dumps_shard, one_line, read_shard

SIGNATURE = {"tool": "compare test", "encoder": {"name": "fake-encoder"}, "mt": {"status": "used", "forward": "m"},
             "settings": {"langs": ["fr", "en"]}, "filters": {"min_score": None}, "counts": {"pairs": 8}}


def export(tmp_path: Path, fmt: str, docs=None) -> Path:
    docs = docs or [synthetic_document("doc one"), synthetic_document("doc-two")]
    documents = [{"id": d.id, "src": {"path": d.src.path, "sha256": d.src.sha256}, "pairs": d.pairs, "kept": len(p)}
                 for d, p in docs]
    info = ExportInfo(SIGNATURE, "fr", "en", True, documents)
    files = OutputFiles()
    writer = get_writer_class(fmt)(tmp_path / "corpus", info, files)
    writer.begin()
    for doc, pairs in docs:
        writer.write(doc, pairs)
    writer.end()
    files.commit()
    return tmp_path / "corpus"


def expected_pairs():
    return [p for d in ("doc one", "doc-two") for p in synthetic_document(d)[1]]


def test_tmx_read_back_by_translate_toolkit(tmp_path):
    from translate.storage.tmx import tmxfile

    target = export(tmp_path, "tmx")
    with open(f"{target}.tmx", "rb") as handle:
        store = tmxfile(handle)
    header = store.document.getroot().find("header")
    assert header.get("srclang") == "fr" and header.get("creationtool") == "compare"
    props = {p.get("type"): p.text for p in header.iterfind("prop") if p.get("type") != "x-compare-document"}
    assert json.loads(props["x-compare-signature"]) == SIGNATURE
    assert json.loads(props["x-compare-mt"]) == SIGNATURE["mt"]
    assert [json.loads(p.text)["id"] for p in header.iterfind("prop") if p.get("type") == "x-compare-document"] == [
        "doc one", "doc-two"]
    units = store.units
    expected = expected_pairs()
    assert len(units) == len(expected)
    for unit, pair in zip(units, expected, strict=True):
        assert unit.source == one_line(pair.src_text)
        assert unit.gettarget("en") == one_line(pair.tgt_text)
        assert unit.getid() == f"{pair.doc}#{pair.index}"
        unit_props = {p.get("type"): p.text for p in unit.xmlelement.iterfind("prop")}
        assert unit_props["x-type"] == pair.type and float(unit_props["x-score"]) == pytest.approx(pair.score)
        assert ("x-similarity" in unit_props) == (pair.similarity is not None)
    flagged = units[1]
    assert flagged.getnotes().splitlines() == ["major numbers: 'Cinq' in the original, 'Five' ok", "minor names: a name"]
    assert {p.get("type"): p.text for p in flagged.xmlelement.iterfind("prop")}["x-severity"] == "major"
    # the DTD's order inside <tu>: notes, then props, then the two tuv
    tags = [child.tag for child in flagged.xmlelement]
    assert tags == ["note", "note"] + ["prop"] * (len(tags) - 4) + ["tuv", "tuv"]


def test_xliff_read_back_by_translate_toolkit(tmp_path):
    from translate.storage.xliff import xlifffile

    from compare.export.xliff import read_xliff

    target = export(tmp_path, "xliff")
    store = xlifffile.parsestring(Path(f"{target}.xlf").read_bytes())
    assert store.getfilenames() == ["doc one", "doc-two"]
    assert store.getsourcelanguage() == "fr" and store.gettargetlanguage() == "en"
    expected = expected_pairs()
    assert [u.source for u in store.units] == [one_line(p.src_text) for p in expected]
    assert [u.target for u in store.units] == [one_line(p.tgt_text) for p in expected]
    assert [u.isreview() for u in store.units] == [False, True, False, False] * 2  # the major flag asks for review
    files = list(read_xliff(f"{target}.xlf"))
    assert json.loads(files[0]["header_notes"]["compare-signature"]) == SIGNATURE
    assert json.loads(files[1]["header_notes"]["compare-document"])["id"] == "doc-two"
    notes = files[0]["units"][1]["notes"]
    assert ("compare", "type 2-1; src 1,2; tgt 1; score 0.5500; similarity 0.9000") in notes
    assert ("compare:numbers", "major numbers: 'Cinq' in the original, 'Five' ok") in notes


def test_tsv_read_back_by_csv_with_sidecar(tmp_path):
    from compare.export.tsv import COLUMNS, read_tsv

    target = export(tmp_path, "tsv")
    with open(f"{target}.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert tuple(rows[0]) == COLUMNS
    expected = expected_pairs()
    assert len(rows) == 1 + len(expected) and all(len(r) == len(COLUMNS) for r in rows)
    by_name = list(read_tsv(f"{target}.tsv"))
    assert [r["src"] for r in by_name] == [one_line(p.src_text) for p in expected]
    assert by_name[1]["flags"] == "numbers:major,names:minor" and by_name[1]["severity"] == "major"
    assert by_name[2]["tgt"] == "" and by_name[2]["similarity"] == "" and by_name[2]["type"] == "1-0"
    assert by_name[1]["src_idx"] == "1,2" and by_name[1]["score"] == "0.5500"
    sidecar = json.loads(Path(f"{target}.tsv.json").read_text(encoding="utf-8"))
    assert sidecar["signature"] == SIGNATURE and sidecar["columns"] == list(COLUMNS)


def test_jsonl_spans_resolve_in_the_document_text(tmp_path):
    from compare.export.jsonl import read_jsonl

    target = export(tmp_path, "jsonl")
    records = [json.loads(line) for line in Path(f"{target}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == list(read_jsonl(f"{target}.jsonl"))
    assert records[0]["record"] == "header" and records[0]["signature"] == SIGNATURE
    assert [r["record"] for r in records[1:6]] == ["document", "pair", "pair", "pair", "pair"]
    doc, _ = synthetic_document("doc one")
    for pair in (r for r in records if r["record"] == "pair" and r["doc"] == "doc one"):
        assert doc.src.text[slice(*pair["src_span"])] == pair["src_text"]
        assert doc.tgt.text[slice(*pair["tgt_span"])] == pair["tgt_text"]
    flagged = records[3]
    assert flagged["severity"] == "major" and [f["check"] for f in flagged["flags"]] == ["numbers", "names"]
    assert doc.src.text[slice(*flagged["flags"][0]["src_spans"][0])] == "Cinq"


def test_moses_files_are_line_parallel(tmp_path):
    from compare.export.moses import ID_COLUMNS, read_moses

    target = export(tmp_path, "moses")
    src = Path(f"{target}.fr").read_text(encoding="utf-8").split("\n")
    tgt = Path(f"{target}.en").read_text(encoding="utf-8").split("\n")
    ids = Path(f"{target}.ids").read_text(encoding="utf-8").split("\n")
    expected = expected_pairs()
    assert len(src) == len(tgt) == len(ids) == len(expected) + 1  # + the empty string after the last newline
    assert src[:-1] == [one_line(p.src_text) for p in expected]
    triples = list(read_moses(target, "fr", "en"))
    assert [t[2]["doc"] for t in triples] == [p.doc for p in expected]
    assert triples[1][2]["flags"] == "numbers:major,names:minor"
    sidecar = json.loads(Path(f"{target}.moses.json").read_text(encoding="utf-8"))
    assert sidecar["signature"] == SIGNATURE and sidecar["ids_columns"] == list(ID_COLUMNS)


def test_vecalign_read_back_by_compare_align_formats(tmp_path):
    from compare.align.formats import read_vecalign

    folder = Path(f"{export(tmp_path, 'vecalign')}.vecalign")
    doc, pairs = synthetic_document("doc one")
    links = read_vecalign(folder / "doc one.align")
    assert [(link.src, link.tgt) for link in links] == [(p.src, p.tgt) for p in pairs]
    assert [link.score for link in links] == [p.score for p in pairs]
    lines = (folder / "doc one.fr").read_text(encoding="utf-8").splitlines()
    assert lines == [one_line(doc.src.sentence_text(i)) for i in range(len(doc.src.sentences))]
    assert json.loads((folder / "signature.json").read_text(encoding="utf-8"))["signature"] == SIGNATURE


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_failing_writer_leaves_no_file(tmp_path, fmt):
    doc, pairs = synthetic_document()
    info = ExportInfo(SIGNATURE, "fr", "en", True, [])
    files = OutputFiles()
    writer = get_writer_class(fmt)(tmp_path / "corpus", info, files)
    writer.begin()
    writer.write(doc, pairs)
    files.abort()  # what assemble does when a later document or the disk fails
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "jsonl", "tsv"])
def test_a_document_with_no_kept_pair_still_gives_a_valid_file(tmp_path, fmt):
    doc, _ = synthetic_document("nothing kept")
    export(tmp_path, fmt, docs=[(doc, [])])
    path = next(tmp_path.glob("corpus.*"))
    assert path.stat().st_size > 0
    if fmt == "tmx":
        from translate.storage.tmx import tmxfile

        assert tmxfile.parsestring(path.read_bytes()).units == []
    if fmt == "xliff":
        from translate.storage.xliff import xlifffile

        assert xlifffile.parsestring(path.read_bytes()).getfilenames() == ["nothing kept"]


def test_shard_round_trip_resolves_texts_from_the_document(tmp_path):
    doc, pairs = synthetic_document()
    text = dumps_shard(doc, pairs)
    assert all("src_text" not in json.loads(line) for line in text.splitlines()[1:])  # offsets only
    path = tmp_path / "doc.jsonl"
    path.write_text(text, encoding="utf-8")
    back_doc, back_pairs = read_shard(path)
    assert back_doc == doc
    back_pairs = list(back_pairs)
    assert back_pairs == pairs
    assert [(p.src_text, p.tgt_text) for p in back_pairs] == [(p.src_text, p.tgt_text) for p in pairs]


@pytest.mark.parametrize(
    "name, fmt",
    [("pair.tmx", "tmx"), ("pair.TMX", "tmx"), ("pair.xlf", "xliff"), ("pair.xliff", "xliff"), ("p.jsonl", "jsonl"),
     ("p.tsv", "tsv"), ("p.txt", None), ("p", None)],
)
def test_format_from_output_name(name, fmt):
    assert format_from_path(name) == fmt
