"""The report model and the decisions (keys, files, suppression), on hand-built comparisons."""

from __future__ import annotations

import json

import pytest
from _report_helpers import small_comparison, synthetic_comparison

from compare.errors import ConfigurationError, UnreadableInputError, UnsupportedFormatError
from compare.report.decisions import (
    FALSE_POSITIVE,
    Decision,
    DecisionSet,
    decisions_document,
    flag_key,
    keys_for_dict,
    load_decisions,
    suppress_in_dict,
)
from compare.report.model import Piece, build_report, cut_pieces


@pytest.mark.parametrize(
    "spans, expected",
    [
        ([], [Piece("abcdefghij")]),
        ([(1, [(2, 5)])], [Piece("ab"), Piece("cde", (1,)), Piece("fghij")]),
        ([(1, [(0, 10)])], [Piece("abcdefghij", (1,))]),
        # overlapping flags: the middle piece carries both
        ([(1, [(2, 6)]), (2, [(4, 8)])], [Piece("ab"), Piece("cd", (1,)), Piece("ef", (1, 2)), Piece("gh", (2,)), Piece("ij")]),
        # spans outside the pair are clipped; two spans of one flag
        ([(3, [(-5, 1), (9, 40)])], [Piece("a", (3,)), Piece("bcdefghi"), Piece("j", (3,))]),
        # adjacent spans of the same flag merge into one piece
        ([(4, [(2, 4), (4, 6)])], [Piece("ab"), Piece("cdef", (4,)), Piece("ghij")]),
    ],
    ids=["none", "one", "whole", "overlap", "clipped", "adjacent"],
)
def test_cut_pieces(spans, expected):
    text = "xxabcdefghijxx"
    pieces = cut_pieces(text, 2, 12, [(fid, [(a + 2, b + 2) for a, b in s]) for fid, s in spans])
    assert pieces == expected
    assert "".join(p.text for p in pieces) == text[2:12]


def test_build_report_from_dict():
    report = build_report(small_comparison(), created="2026-11-24T10:00:00+00:00")
    assert [p.kind for p in report.pairs] == ["1-1", "1-1", "1-0", "1-1", "0-1"]
    assert [p.gap for p in report.pairs] == [None, None, "tgt", None, "src"]
    assert report.counts() == {"critical": 1, "major": 1, "minor": 1}
    assert report.worst == "critical"
    first = report.pairs[0]
    assert [p.text for p in first.src_pieces if p.flags] == ["3"]
    assert [p.text for p in first.tgt_pieces if p.flags] == ["4"]
    assert report.verdict == (
        "3 flags to review: 1 critical, 1 major, 1 minor in 5 aligned pairs (1 sentence of the original not "
        "translated; 1 sentence added in the translation)."
    )
    assert report.source.name == "doc.fr.txt" and report.title == "doc"
    assert report.flags[0].short_category == "number"


@pytest.mark.parametrize(
    "mt, label",
    [
        (None, "none"),
        ({"name": "opus-mt-fr-en", "revision": "abc123"}, "opus-mt-fr-en (revision abc123)"),
        ({"model": "tiny-fr-en"}, "tiny-fr-en"),
        ({"status": "unavailable", "requested": "auto", "reason": "no model installed for fr->en"},
         "none (no model installed for fr->en)"),
        ({"status": "used", "forward": {"name": "opus-mt-fr-en", "revision": "r1", "engine": "ctranslate2"},
          "backward": None}, "opus-mt-fr-en (revision r1, ctranslate2)"),
        ({"status": "used", "forward": {"name": "a", "revision": "1"}, "backward": {"name": "b"}},
         "a (revision 1); back-translation: b"),
        ({"status": "used", "forward": {"name": "de-fr-via-en", "pivot": "en",
                                        "steps": [{"name": "de-en"}, {"name": "en-fr", "revision": "2"}]}},
         "de-fr-via-en (through en: de-en then en-fr (revision 2))"),
    ],
)
def test_machine_translation_label(mt, label):
    assert build_report(small_comparison(mt=mt)).mt_label == label


def test_not_a_comparison_is_refused():
    with pytest.raises(UnsupportedFormatError, match="compare.diff"):
        build_report({"schema": "compare.align", "schema_version": 1})


# ---------------------------------------------------------------- keys
def _key_of_first_flag(src_sents, tgt_sents):
    data = synthetic_comparison(
        src_sents, tgt_sents, [((i,), (i,), 0.9) for i in range(len(src_sents))],
        [{"pair": 1, "check": "numbers", "category": "accuracy/mistranslation/number", "severity": "major",
          "message": "m", "src": ["3"], "tgt": ["4"]}],
    )
    return keys_for_dict(data)[0]


BASE_FR = ["Premier paragraphe.", "Il y a 3 morts.", "Fin."]
BASE_EN = ["First paragraph.", "There are 4 dead.", "End."]


@pytest.mark.parametrize(
    "src, tgt, same",
    [
        (["Un tout autre début, bien plus long.", *BASE_FR[1:]], BASE_EN, True),  # edit elsewhere
        (BASE_FR, [*BASE_EN[:2], "The end, rewritten."], True),
        (BASE_FR[:1] + ["Il  y a 3\u00a0morts."] + BASE_FR[2:], BASE_EN, True),  # whitespace only
        (BASE_FR[:1] + ["Il y avait 3 morts."] + BASE_FR[2:], BASE_EN, False),  # the pair itself changed
        (BASE_FR, BASE_EN[:1] + ["There are 4 dead people."] + BASE_EN[2:], False),
    ],
    ids=["edit-before", "edit-after", "whitespace", "pair-src-edited", "pair-tgt-edited"],
)
def test_decision_key_survives_edits_elsewhere_only(src, tgt, same):
    assert (_key_of_first_flag(src, tgt) == _key_of_first_flag(BASE_FR, BASE_EN)) is same


def test_key_depends_on_check_category_and_spans():
    base = flag_key("numbers", "c", ["3"], ["4"], "p 3", "q 4")
    assert base.startswith("k1:")
    assert flag_key("numbers", "c", ["3"], ["4"], "p 3", "q 4") == base
    assert flag_key("names", "c", ["3"], ["4"], "p 3", "q 4") != base
    assert flag_key("numbers", "d", ["3"], ["4"], "p 3", "q 4") != base
    assert flag_key("numbers", "c", ["p"], ["4"], "p 3", "q 4") != base


# ---------------------------------------------------------------- suppression
def test_suppress_in_dict_renumbers_and_recounts():
    data = small_comparison()
    keys = keys_for_dict(data)
    judged = DecisionSet({keys[1]: Decision(keys[1], FALSE_POSITIVE)}, ["d.json"])
    out, dropped = suppress_in_dict(data, judged)
    assert [f["check"] for f in out["flags"]] == ["numbers", "addition"]
    assert [f["id"] for f in out["flags"]] == [0, 1]
    assert [p["flags"] for p in out["pairs"]] == [[0], [], [], [], [1]]
    assert out["summary"]["flags"] == 2
    assert out["summary"]["by_severity"] == {"critical": 0, "major": 1, "minor": 1}
    assert "accuracy/omission" not in out["summary"]["by_category"]
    assert [d["check"] for d in dropped] == ["omission"] and dropped[0]["key"] == keys[1]
    assert out["warnings"][-1] == "1 flag judged false positive in d.json not shown"
    assert len(data["flags"]) == 3  # the input is left alone


def test_report_with_decisions(tmp_path):
    data = small_comparison()
    keys = keys_for_dict(data)
    path = tmp_path / "decisions.json"
    doc = decisions_document([Decision(keys[0], "accepted", note="real"), Decision(keys[2], FALSE_POSITIVE)])
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = build_report(data, load_decisions([path]))
    assert [f.check for f in report.flags] == ["numbers", "omission"]
    assert report.flags[0].decision == "accepted" and report.flags[0].note == "real"
    assert [f.check for f in report.suppressed] == ["addition"]
    assert report.verdict.endswith("; 1 more judged false positive earlier.")


@pytest.mark.parametrize(
    "content, error, words",
    [
        ("{not json", ConfigurationError, "not JSON"),
        ('{"schema": "compare.diff"}', ConfigurationError, "not a 'compare.decisions' file"),
        ('{"schema": "compare.decisions", "schema_version": 9, "decisions": []}', ConfigurationError, "schema_version"),
        ('{"schema": "compare.decisions", "schema_version": 1, "decisions": [{"key": "k1:x", "decision": "maybe"}]}',
         ConfigurationError, "unknown decision"),
        ('{"schema": "compare.decisions", "schema_version": 1, "decisions": [{"decision": "accepted"}]}',
         ConfigurationError, "no 'key'"),
    ],
    ids=["not-json", "wrong-schema", "wrong-version", "bad-decision", "no-key"],
)
def test_bad_decisions_file(tmp_path, content, error, words):
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error) as caught:
        load_decisions([path])
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_missing_decisions_file(tmp_path):
    with pytest.raises(UnreadableInputError):
        load_decisions([tmp_path / "nope.json"])


def test_later_decisions_file_wins_and_spellings(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(decisions_document([Decision("k1:x", "accepted")])), encoding="utf-8")
    doc = decisions_document([])
    doc["decisions"] = [{"key": "k1:x", "decision": "False Positive"}, {"key": "k1:y", "decision": ""}]
    second.write_text(json.dumps(doc), encoding="utf-8")
    judged = load_decisions([first, second])
    assert judged.is_false_positive("k1:x") and judged.get("k1:y") is None and len(judged) == 1
