"""``compare report`` and ``compare diff --decisions`` through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _report_helpers import EN, FR, small_comparison, write_hostile_pair
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import ConfigurationError, EmptyInputError, OutputError, UnsupportedFormatError
from compare.report.decisions import Decision, decisions_document, keys_for_dict

runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result, error) -> str:
    assert result.exit_code == error.exit_code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare: error: "), result.output
    return lines[0]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The sample compared once (real encoder), saved as `compare diff --format json` writes it."""
    folder = tmp_path_factory.mktemp("saved")
    out = folder / "sample.json"
    result = runner.invoke(app, ["diff", str(FR), str(EN), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------- one pair
@pytest.mark.encoder
def test_report_every_format_from_the_documents(tmp_path, saved):
    for ext in ("html", "md", "json", "xlsx"):
        out = tmp_path / f"report.{ext}"
        result = run("report", FR, EN, "-o", out)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8")) == json.loads(saved.read_text("utf-8"))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "8 flags to review: 0 critical, 7 major, 1 minor in 19 aligned pairs" in page
    assert "e5/multilingual-e5-small" in page and "Machine translation</th><td>none" in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_report_from_a_saved_comparison(tmp_path):
    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(small_comparison()), encoding="utf-8")
    result = run("report", saved, "-o", tmp_path / "r.md")
    assert result.exit_code == 0, result.output
    assert "3 flags to review" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_existing_output_needs_overwrite(tmp_path):
    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(small_comparison()), encoding="utf-8")
    out = tmp_path / "r.html"
    out.write_text("keep me", encoding="utf-8")
    line = one_line_error(run("report", saved, "-o", out), OutputError)
    assert "--overwrite" in line and out.read_text(encoding="utf-8") == "keep me"
    assert run("report", saved, "-o", out, "--overwrite").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args, error, words",
    [
        (["-o", "{tmp}/r.pdf"], ConfigurationError, "use .html, .md, .json or .xlsx"),
        (["-o", "{tmp}/missing/r.html"], OutputError, "does not exist"),
        (["-o", "{tmp}"], OutputError, "is a folder"),
        ([], ConfigurationError, "needs -o"),
        (["-o", "{tmp}/r.html", "--format", "md"], ConfigurationError, "contradicts"),
    ],
    ids=["unknown-extension", "missing-folder", "output-is-folder", "no-output", "format-mismatch"],
)
def test_bad_output_is_a_one_line_error_before_any_work(tmp_path, args, error, words):
    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(small_comparison()), encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    line = one_line_error(run("report", saved, *[a.replace("{tmp}", str(tmp_path)) for a in args]), error)
    assert words in line
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize("kind", ["html", "xlsx"])
def test_failed_write_leaves_nothing_half_written(tmp_path, monkeypatch, kind):
    import os

    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(small_comparison()), encoding="utf-8")
    out = tmp_path / f"r.{kind}"
    out.write_bytes(b"old")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    line = one_line_error(run("report", saved, "-o", out, "--overwrite"), OutputError)
    assert "No space left" in line
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["c.json", f"r.{kind}"]


def test_not_a_comparison_json(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text('{"schema": "something else"}', encoding="utf-8")
    one_line_error(run("report", bad, "-o", tmp_path / "r.html"), UnsupportedFormatError)
    bad.write_text("{oops", encoding="utf-8")
    one_line_error(run("report", bad, "-o", tmp_path / "r.html"), UnsupportedFormatError)


def test_a_lone_document_asks_for_its_translation(tmp_path):
    line = one_line_error(run("report", FR, "-o", tmp_path / "r.html"), ConfigurationError)
    assert "give the translation too" in line


# ---------------------------------------------------------------- decisions
def _false_positive_file(tmp_path, data, index) -> Path:
    key = keys_for_dict(data)[index]
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(decisions_document([Decision(key, "false_positive")])), encoding="utf-8")
    return path


@pytest.mark.encoder
def test_diff_and_report_decisions_suppress_false_positives(tmp_path, saved):
    data = json.loads(saved.read_text(encoding="utf-8"))
    negation = next(i for i, f in enumerate(data["flags"]) if f["check"] == "negation")
    judged = _false_positive_file(tmp_path, data, negation)

    out = tmp_path / "diff.json"
    result = run("diff", FR, EN, "--format", "json", "-o", out, "--decisions", judged)
    assert result.exit_code == 0, result.output
    after = json.loads(out.read_text(encoding="utf-8"))
    assert len(after["flags"]) == len(data["flags"]) - 1
    assert "negation" not in {f["check"] for f in after["flags"]}
    assert any("judged false positive" in w for w in after["warnings"])

    text = run("diff", FR, EN, "--decisions", judged)
    assert "accuracy/mistranslation/polarity" not in text.output and "judged false positive" in text.output

    result = run("report", FR, EN, "-o", tmp_path / "r.md", "--decisions", judged)
    assert result.exit_code == 0, result.output
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "7 flags to review" in md and "Judged false positive earlier (1)" in md


def test_bad_decisions_file_fails_first(tmp_path):
    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(small_comparison()), encoding="utf-8")
    bad = tmp_path / "d.json"
    bad.write_text("[]", encoding="utf-8")
    line = one_line_error(run("report", saved, "-o", tmp_path / "r.html", "--decisions", bad), ConfigurationError)
    assert "compare.decisions" in line and not (tmp_path / "r.html").exists()


@pytest.mark.encoder
def test_report_fail_on(tmp_path):
    assert run("report", FR, EN, "-o", tmp_path / "a.md", "--fail-on", "major").exit_code == 1
    assert run("report", FR, EN, "-o", tmp_path / "b.md", "--fail-on", "critical").exit_code == 0


# ---------------------------------------------------------------- batch
@pytest.mark.encoder
def test_batch_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FR, src / "sample.fr.txt")
    shutil.copy(EN, src / "sample.en.txt")
    write_hostile_pair(src)
    (src / "lonely.fr.txt").write_text("Une phrase sans traduction.\n", encoding="utf-8")
    (src / "empty.fr.txt").write_text("   \n", encoding="utf-8")
    (src / "empty.en.txt").write_text("Some text.\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = run("report", src, "-o", out, "--force")
    # one pair could not be compared (empty original): the batch goes on, then says so
    assert result.exit_code != 0
    assert "[1/3] empty: not compared" in result.output and "[3/3] sample: 8 flags to review" in result.output
    assert "skipped" in result.output and "lonely.fr.txt" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["hostile.html", "index.html", "index.json", "sample.html"]
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["reports"][0]["name"] == "empty"  # failures first, then by severity
    assert index["reports"][0]["error"] and index["skipped"][0]["path"].endswith("lonely.fr.txt")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.index("empty") < page.index('href="sample.html"')
    # a second run refuses to overwrite, with --overwrite it goes through
    again = run("report", src, "-o", out, "--force")
    assert again.exit_code == OutputError.exit_code and "--overwrite" in again.output


@pytest.mark.encoder
def test_batch_manifest_markdown(tmp_path):
    shutil.copy(FR, tmp_path / "a.fr.txt")
    shutil.copy(EN, tmp_path / "a.en.txt")
    (tmp_path / "pairs.tsv").write_text("a.fr.txt\ta.en.txt\tiran\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", tmp_path / "pairs.tsv", "-o", out, "--format", "md")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "index.json", "iran.md"]


def test_batch_with_nothing_to_pair(tmp_path):
    (tmp_path / "a.de.txt").write_text("Hallo.\n", encoding="utf-8")
    line = one_line_error(run("report", tmp_path, "-o", tmp_path / "out"), EmptyInputError)
    assert "no pairs to compare" in line and not (tmp_path / "out").exists()


def test_batch_output_must_be_a_folder(tmp_path):
    (tmp_path / "a.fr.txt").write_text("Bonjour.\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "out.html").write_text("x", encoding="utf-8")
    line = one_line_error(run("report", tmp_path, "-o", tmp_path / "out.html"), OutputError)
    assert "folder" in line
