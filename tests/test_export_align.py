"""``compare align A B -o pair.tmx``: the format follows the output's extension; export formats for one pair."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from _export_helpers import CORPUS
from compare.cli import app

FR, EN = CORPUS / "iran-israel.fr.txt", CORPUS / "iran-israel.en.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "export-cache"))


def align(*args):
    return runner.invoke(app, ["align", str(FR), str(EN), *[str(a) for a in args]])


@pytest.fixture(scope="module")
def vecalign(tmp_path_factory):
    """The links as ``[i]:[j]`` strings; an output with no known extension is still vecalign."""
    import os

    os.environ["COMPARE_CACHE_DIR"] = str(tmp_path_factory.getbasetemp() / "export-cache")
    out = tmp_path_factory.mktemp("align") / "links.txt"
    assert align("-o", out).exit_code == 0
    return [line.rsplit(":", 1)[0] for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.encoder
@pytest.mark.parametrize("name", ["pair.tmx", "pair.xliff", "pair.xlf", "pair.jsonl", "pair.json", "pair.tsv"])
def test_format_follows_the_output_extension(tmp_path, vecalign, name):
    out = tmp_path / name
    result = align("-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # exactly the file asked for
    if name.endswith(".tmx"):
        from translate.storage.tmx import tmxfile

        store = tmxfile.parsestring(out.read_bytes())
        props = [{p.get("type"): p.text or "" for p in u.xmlelement.iterfind("prop")} for u in store.units]
        assert [f"[{p['x-src'].replace(',', ', ')}]:[{p['x-tgt'].replace(',', ', ')}]" for p in props] == vecalign
        assert store.units[0].source.startswith("L'Iran reconsidère")
        assert store.units[0].gettarget("en").startswith("Iran is reconsidering")
    elif name.endswith((".xliff", ".xlf")):
        from translate.storage.xliff import xlifffile

        store = xlifffile.parsestring(out.read_bytes())
        assert store.getfilenames() == ["iran-israel"] and len(store.units) == len(vecalign)
    elif name.endswith(".jsonl"):
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert records[0]["record"] == "header" and records[0]["signature"]["checks"] is None
        assert records[0]["signature"]["inputs"][0]["sha256"] == records[1]["src"]["sha256"]
        assert [p["flags"] for p in records[2:]] == [None] * len(vecalign)  # align runs no checks
    elif name.endswith(".json"):
        assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "compare.align"
    else:
        assert out.read_text(encoding="utf-8").startswith("src_idx\ttgt_idx\tscore\tsrc\ttgt\n")


@pytest.mark.encoder
def test_moses_needs_a_stem_and_writes_line_parallel_files(tmp_path, vecalign):
    result = align("--format", "moses")
    assert result.exit_code == 14 and "give their stem with -o" in result.output
    assert align("--format", "moses", "-o", tmp_path / "pair").exit_code == 0
    fr = (tmp_path / "pair.fr").read_text(encoding="utf-8").splitlines()
    en = (tmp_path / "pair.en").read_text(encoding="utf-8").splitlines()
    ids = (tmp_path / "pair.ids").read_text(encoding="utf-8").splitlines()
    assert len(fr) == len(en) == len(ids) == len(vecalign)
    added = en.index("This article originally appeared in French in L'Orient-Le Jour.")
    assert fr[added] == "" and ids[added].split("\t")[2] == "0-1"  # the sample's English-only line
    sidecar = json.loads((tmp_path / "pair.moses.json").read_text(encoding="utf-8"))
    assert sidecar["signature"]["encoder"]["name"].startswith("e5/") and "mt" in sidecar["signature"]


@pytest.mark.encoder
def test_explicit_format_wins_over_the_extension(tmp_path):
    out = tmp_path / "pair.tmx"
    assert align("--format", "jsonl", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["record"] == "header"
