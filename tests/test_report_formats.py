"""HTML, Markdown, JSON and XLSX from one report model (no browser, no encoder)."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from _report_helpers import HOSTILE_EN, HOSTILE_FR, small_comparison, synthetic_comparison

from compare.report.html import render_html, script_json
from compare.report.markdown import render_markdown
from compare.report.model import build_report

CREATED = "2026-11-24T10:00:00+00:00"


def hostile_comparison() -> dict:
    fr, en = HOSTILE_FR.splitlines(), HOSTILE_EN.splitlines()
    return synthetic_comparison(
        fr, en, [((i,), (i,), 0.9) for i in range(len(fr))],
        [{"pair": 0, "check": "numbers", "category": "accuracy/mistranslation/number", "severity": "major",
          "message": "'3' <script>alert(1)</script> in the original, '4' in the translation",
          "src": ["<script>window.__pwned = 'script'; alert('fr')</script>"], "tgt": ["4"]},
         {"pair": 2, "check": "quotes", "category": "accuracy/mistranslation/quotation", "severity": "minor",
          "message": "quote </textarea>", "src": ["</textarea><script>window.__pwned='textarea'</script>"]}],
        mt={"name": "<img src=x onerror=alert(1)>", "revision": "r1"},
    )


# ---------------------------------------------------------------- HTML, statically
def test_html_is_self_contained_and_locked_down():
    page = render_html(build_report(small_comparison(), created=CREATED))
    assert page.startswith("<!DOCTYPE html>")
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    # nothing is fetched: no src= / href= / url() pointing anywhere but the page itself
    assert not re.search(r'\s(src|href)="(?!#)', page)
    assert "url(" not in page and "@import" not in page
    assert page.count("<script>") == 1 and "<svg" in page


def test_html_escapes_hostile_text():
    page = render_html(build_report(hostile_comparison(), created=CREATED))
    body = page.split("<script type=\"application/json\"", 1)[0]
    for raw in ("<script>window", "<img src=x", "</textarea>", "<svg onload", "<b onmouseover", "</script><b"):
        assert raw not in body, raw
    assert "&lt;script&gt;window.__pwned" in body and "&lt;/textarea&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt; (revision r1)" in body  # the MT model's name, too
    data_block = page.split('<script type="application/json" id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    assert json.loads(data_block)["flags"][0]["src_text"] == ["<script>window.__pwned = 'script'; alert('fr')</script>"]


def test_script_json_cannot_close_the_element():
    text = script_json({"a": "</script><script>x()</script>", "b": "\u2028&"})
    assert "</" not in text and "\u2028" not in text and json.loads(text)["a"].startswith("</script>")


def test_html_shows_gaps_and_marks_on_both_sides():
    page = render_html(build_report(small_comparison(), created=CREATED))
    pair1 = page.split('id="p1"', 1)[1].split("</section>", 1)[0]
    assert pair1.count('<mark class="hl sev-major"') == 2  # "3" on one side, "4" on the other
    assert "nothing in the translation: omitted" in page and "nothing in the original: added in the translation" in page
    assert 'data-tip="major · number: &#x27;3&#x27; in the original, &#x27;4&#x27; in the translation"' in page


# ---------------------------------------------------------------- Markdown
def test_markdown_renders_hostile_text_as_text():
    from markdown_it import MarkdownIt

    text = render_markdown(build_report(hostile_comparison(), created=CREATED))
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    for tag in ("<script", "<img", "</textarea", "<svg", "<b onmouseover"):
        assert tag not in rendered, tag
    assert "&lt;script&gt;window.__pwned" in rendered
    # one table row per flag, cells intact despite the article's own characters
    rows = [line for line in text.splitlines() if line.startswith(("| 1 |", "| 2 |"))]
    assert len(rows) == 2 and all(len(re.findall(r"(?<!\\)\|", row)) == 8 for row in rows)


def test_markdown_escapes_markdown_syntax():
    data = synthetic_comparison(
        ["Voir [ici](http://evil.example) *vite* | `code` @tous $x$"], ["See it now."], [((0,), (0,), 0.9)],
        [{"pair": 0, "check": "similarity", "category": "accuracy/mistranslation", "severity": "minor",
          "message": "m", "src": ["*vite*"]}],
    )
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(render_markdown(build_report(data, created=CREATED)))
    quoted = rendered.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    assert "<a href" not in quoted and "<em>" not in quoted and "<code>" not in quoted
    assert "Voir [ici](http://evil.example) <strong>*vite*</strong> | `code` @tous $x$" in quoted


def test_markdown_content():
    text = render_markdown(build_report(small_comparison(), created=CREATED))
    assert text.startswith("# Translation QA report: doc\n")
    assert "**Verdict:** 3 flags to review: 1 critical, 1 major, 1 minor" in text
    assert "| 1 | 1 | **major** | number | “3” | “4” |" in text
    assert "> **en:** *(nothing: omitted in the translation)*" in text
    assert "machine translation: none" in text


# ---------------------------------------------------------------- JSON
def test_json_is_the_comparison_schema():
    from importlib.resources import files

    import jsonschema

    from compare.cli.report import render

    data = small_comparison()
    out = json.loads(render(build_report(data, created=CREATED), "json"))
    assert out == data
    schema = json.loads(files("compare.report").joinpath("diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(out, schema, cls=jsonschema.Draft202012Validator)


# ---------------------------------------------------------------- XLSX
def test_xlsx_read_back_with_openpyxl():
    import openpyxl

    from compare.report.xlsx import render_xlsx

    data = synthetic_comparison(
        ["=HYPERLINK(\"http://evil.example\",\"x\") 3 morts.", "Ligne\x07 avec contrôle."],
        ["=1+1 4 dead.", "Line with control."],
        [((0,), (0,), 0.9), ((1,), (1,), 0.95)],
        [{"pair": 0, "check": "numbers", "category": "accuracy/mistranslation/number", "severity": "major",
          "message": "'3' in the original, '4' in the translation", "src": ["3"], "tgt": ["4"]}],
    )
    report = build_report(data, created=CREATED)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert book.sheetnames == ["Pairs", "Flags", "About"]
    pairs = list(book["Pairs"].iter_rows(values_only=True))
    assert pairs[0][:5] == ("pair", "link", "similarity", "original (fr)", "translation (en)")
    assert len(pairs) == 3  # header + one row per pair
    assert pairs[1][3] == '=HYPERLINK("http://evil.example","x") 3 morts.'  # text, not a formula
    assert book["Pairs"]["D2"].data_type == "s" and book["Pairs"]["E2"].data_type == "s"
    assert pairs[2][3] == "Ligne avec contrôle." and pairs[2][5] == 0
    assert pairs[1][5:8] == (1, "major", "number")
    flags = list(book["Flags"].iter_rows(values_only=True))
    assert flags[0][-3:] == ("decision", "note", "key") and flags[1][6:8] == ("3", "4")
    assert flags[1][-1] == report.flags[0].key
    validations = book["Flags"].data_validations.dataValidation
    assert validations and "false positive" in validations[0].formula1
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["machine translation"] == "none" and about["verdict"] == report.verdict


def test_xlsx_decisions_column_read_back_as_decisions(tmp_path):
    import openpyxl

    from compare.report.decisions import load_decisions
    from compare.report.xlsx import render_xlsx

    report = build_report(small_comparison(), created=CREATED)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = book["Flags"]
    sheet["J2"] = "false positive"
    sheet["J3"] = "accepted"
    path = tmp_path / "reviewed.xlsx"
    book.save(path)
    judged = load_decisions([path])
    assert judged.is_false_positive(report.flags[0].key)
    assert judged.get(report.flags[1].key).decision == "accepted"
    assert judged.get(report.flags[2].key) is None
    rebuilt = build_report(small_comparison(), judged)
    assert [f.check for f in rebuilt.suppressed] == ["numbers"]


@pytest.mark.parametrize("kind", ["html", "md", "json", "xlsx"])
def test_every_format_from_a_report_without_flags(kind):
    from compare.cli.report import render

    data = synthetic_comparison(["Bonjour."], ["Hello."], [((0,), (0,), 0.95)], [])
    out = render(build_report(data, created=CREATED), kind)
    assert len(out) > 200
    if kind in ("html", "md"):
        assert "No flags" in out
