"""Folder and manifest pairing (``compare.report.batch.find_pairs``) and the index order."""

from __future__ import annotations

import pytest

from compare.errors import ConfigurationError, UnreadableInputError
from compare.report.batch import BatchEntry, find_pairs, sort_entries


def _files(folder, names):
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")


@pytest.mark.parametrize(
    "names, langs, pairs, skipped",
    [
        (["a.fr.txt", "a.en.txt"], ("fr", "en"), [("a", "a.fr.txt", "a.en.txt")], []),
        # mixed formats pair up; names with dots keep them
        (["x.y.fr.docx", "x.y.en.html"], ("fr", "en"), [("x.y", "x.y.fr.docx", "x.y.en.html")], []),
        # several formats of one side: the same extension on both sides first, then the richest
        (["b.fr.txt", "b.fr.sents", "b.en.txt", "b.en.sents"], ("fr", "en"), [("b", "b.fr.txt", "b.en.txt")],
         ["b.en.sents", "b.fr.sents"]),
        (["c.fr.md", "c.fr.txt", "c.en.docx"], ("fr", "en"), [("c", "c.fr.md", "c.en.docx")], ["c.fr.txt"]),
        # a lonely side, a third language and a name without language are left aside; others are ignored
        (["d.fr.txt", "e.de.txt", "notes.txt", "manifest.tsv", "report.pdf"], ("fr", "en"), [],
         ["d.fr.txt", "e.de.txt", "notes.txt"]),
        # other languages with --langs; upper-case codes count
        (["f.DE.txt", "f.fr.txt", "f.en.txt"], ("de", "fr"), [("f", "f.DE.txt", "f.fr.txt")], ["f.en.txt"]),
    ],
    ids=["simple", "mixed-formats", "same-extension", "richest", "left-aside", "other-langs"],
)
def test_folder_pairs(tmp_path, names, langs, pairs, skipped):
    _files(tmp_path, names)
    found, unmatched = find_pairs(tmp_path, langs=langs)
    assert [(p.name, p.source.name, p.target.name) for p in found] == pairs
    assert sorted(u.path.name for u in unmatched) == sorted(skipped)
    assert all(u.reason for u in unmatched)


def test_folder_pairs_sorted_and_subfolders_ignored(tmp_path):
    _files(tmp_path, ["z.fr.txt", "z.en.txt", "a.fr.txt", "a.en.txt", ".hidden.fr.txt"])
    (tmp_path / "sub").mkdir()
    _files(tmp_path / "sub", ["m.fr.txt", "m.en.txt"])
    found, unmatched = find_pairs(tmp_path)
    assert [p.name for p in found] == ["a", "z"] and unmatched == []
    assert (found[0].src_lang, found[0].tgt_lang) == ("fr", "en")


def test_not_a_folder(tmp_path):
    with pytest.raises(UnreadableInputError):
        find_pairs(tmp_path / "missing")


def test_manifest(tmp_path):
    (tmp_path / "docs").mkdir()
    _files(tmp_path / "docs", ["one.fr.txt", "one.en.txt", "two.fr.md", "two.en.md"])
    manifest = tmp_path / "list.tsv"
    manifest.write_text(
        "source\ttarget\tname\n"
        "# comment\n"
        "\n"
        "docs/one.fr.txt\tdocs/one.en.txt\n"
        "docs/two.fr.md\tdocs/two.en.md\tone\n"  # a name already taken becomes one-2
        f"{tmp_path}/docs/one.fr.txt\tdocs/missing.en.txt\tgone\n",
        encoding="utf-8",
    )
    found, unmatched = find_pairs(tmp_path / "elsewhere", manifest)
    assert [(p.name, p.source.name, p.target.name) for p in found] == [
        ("one", "one.fr.txt", "one.en.txt"), ("one-2", "two.fr.md", "two.en.md"),
    ]
    assert found[0].source == tmp_path / "docs" / "one.fr.txt"  # relative to the manifest's folder
    assert [u.path.name for u in unmatched] == ["missing.en.txt"] and "line 6" in unmatched[0].reason


@pytest.mark.parametrize(
    "content, words", [("a.fr.txt\n", "found 1 column"), ("a\tb\tc\td\n", "found 4 column"), ("# only\n", "no pairs")]
)
def test_bad_manifest(tmp_path, content, words):
    manifest = tmp_path / "m.tsv"
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=words):
        find_pairs(tmp_path, manifest)


def test_manifest_names_are_safe_file_names(tmp_path):
    _files(tmp_path, ["a.fr.txt", "a.en.txt"])
    manifest = tmp_path / "m.tsv"
    manifest.write_text("a.fr.txt\ta.en.txt\t../../etc/passwd\n", encoding="utf-8")
    (pair,), _ = find_pairs(tmp_path, manifest)
    assert "/" not in pair.name and not pair.name.startswith(".")


def test_index_sorted_by_severity():
    entries = [
        BatchEntry("calm", "c.fr", "c.en", counts={"critical": 0, "major": 0, "minor": 5}),
        BatchEntry("bad", "b.fr", "b.en", counts={"critical": 1, "major": 0, "minor": 0}),
        BatchEntry("worse", "w.fr", "w.en", counts={"critical": 1, "major": 3, "minor": 0}),
        BatchEntry("broken", "x.fr", "x.en", error="empty"),
        BatchEntry("clean", "d.fr", "d.en", counts={"critical": 0, "major": 0, "minor": 0}),
    ]
    assert [x.name for x in sort_entries(entries)] == ["broken", "worse", "bad", "calm", "clean"]
