"""The HTML report in a real browser: Debian's Chromium, headless, through Playwright.

These tests fail (they do not skip) when Chromium or Playwright is missing;
``COMPARE_SKIP_BROWSER=1`` skips them on purpose. Screenshots go to
``artifacts/`` for CI to keep.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _report_helpers import ARTIFACTS, EN, FR, launch_browser, write_hostile_pair
from typer.testing import CliRunner

from compare.cli import app
from compare.report.decisions import keys_for_dict

pytestmark = [pytest.mark.browser, pytest.mark.encoder]
runner = CliRunner()


@pytest.fixture(scope="module")
def browser():
    import os

    if os.environ.get("COMPARE_SKIP_BROWSER") == "1":
        pytest.skip("COMPARE_SKIP_BROWSER=1")
    from playwright.sync_api import sync_playwright  # a missing package is an error here, not a skip

    manager = sync_playwright().start()
    try:
        instance = launch_browser(manager)
        yield instance
        instance.close()
    finally:
        manager.stop()


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The sample compared once, then its HTML report and its JSON (real encoder, private cache)."""
    import os

    folder = tmp_path_factory.mktemp("browser")
    old = os.environ.get("COMPARE_CACHE_DIR")
    os.environ["COMPARE_CACHE_DIR"] = str(folder / "cache")
    try:
        saved = folder / "sample.json"
        result = runner.invoke(app, ["diff", str(FR), str(EN), "--format", "json", "-o", str(saved)])
        assert result.exit_code == 0, result.output
        html = folder / "sample.html"
        result = runner.invoke(app, ["report", str(saved), "-o", str(html)])
        assert result.exit_code == 0, result.output
        fr, en = write_hostile_pair(folder)
        hostile = folder / "hostile.html"
        result = runner.invoke(app, ["report", str(fr), str(en), "-o", str(hostile), "--force"])
        assert result.exit_code == 0, result.output
    finally:
        if old is None:
            os.environ.pop("COMPARE_CACHE_DIR", None)
        else:
            os.environ["COMPARE_CACHE_DIR"] = old
    return {"folder": folder, "saved": saved, "data": json.loads(saved.read_text("utf-8")), "html": html,
            "hostile": hostile}


@pytest.fixture
def page(browser, made):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.goto(made["html"].as_uri())
    ready(tab)
    yield tab
    context.close()


def ready(tab) -> None:
    """Wait until the report's script has run (it marks <html class="js">).

    Playwright's ``expect`` polls from its own world; ``wait_for_function`` would
    poll with eval, which the report's Content-Security-Policy forbids.
    """
    from playwright.sync_api import expect

    expect(tab.locator("html.js")).to_have_count(1)
    assert tab.evaluate("window.compareReport.ready") is True


def visible_pairs(tab) -> list[int]:
    return tab.eval_on_selector_all("section.pair:not([hidden])", "els => els.map(e => Number(e.dataset.pair))")


def flagged_pairs(data, keep=lambda flag: True) -> list[int]:
    return sorted({f["pair"] for f in data["flags"] if keep(f)})


def test_opens_clean_with_every_pair(page, made):
    data = made["data"]
    assert page.errors == []
    assert visible_pairs(page) == list(range(len(data["pairs"])))
    assert page.text_content("#count") == (
        f"Showing {len(data['pairs'])} of {len(data['pairs'])} pairs, {len(data['flags'])} of "
        f"{len(data['flags'])} flags; 0 decided"
    )
    assert page.locator("mark.hl").count() >= len(data["flags"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-sample.png"), full_page=True)
    assert (ARTIFACTS / "report-sample.png").stat().st_size > 10_000


def test_printing_hides_the_controls(page, made):
    page.emulate_media(media="print")
    assert page.is_hidden(".toolbar") and page.is_hidden(".decide >> nth=0")
    assert page.is_visible("#verdict") and page.is_visible("section.pair >> nth=-1")
    pdf = page.pdf()  # headless Chromium prints the page
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_filters_hide_and_show_pairs(page, made):
    data = made["data"]
    page.check("#only-flagged")
    assert visible_pairs(page) == flagged_pairs(data)
    page.uncheck("input[name=cat][value='accuracy/omission']")
    assert visible_pairs(page) == flagged_pairs(data, lambda f: f["category"] != "accuracy/omission")
    omitted = flagged_pairs(data, lambda f: f["category"] == "accuracy/omission")[0]
    assert page.is_hidden(f"section.pair[data-pair='{omitted}']")
    page.uncheck("input[name=sev][value=major]")
    not_major = flagged_pairs(data, lambda f: f["category"] != "accuracy/omission" and f["severity"] != "major")
    assert not_major  # the sample's quotation flag is minor
    assert visible_pairs(page) == not_major
    page.uncheck("input[name=sev][value=minor]")
    assert visible_pairs(page) == flagged_pairs(
        data, lambda f: f["category"] != "accuracy/omission" and f["severity"] == "critical")
    assert page.is_visible("#no-result") == (visible_pairs(page) == [])
    page.check("input[name=sev][value=minor]")
    page.check("input[name=sev][value=major]")
    page.check("input[name=cat][value='accuracy/omission']")
    page.uncheck("#only-flagged")
    assert visible_pairs(page) == list(range(len(data["pairs"])))


def test_search_box(page, made):
    data = made["data"]
    page.keyboard.press("/")
    page.keyboard.type("pentagone")
    expected = [p["index"] for p in data["pairs"]
                if "pentagone" in data["source"]["text"][p["src_span"][0]:p["src_span"][1]].lower()]
    assert expected and visible_pairs(page) == expected
    page.keyboard.press("Escape")
    page.fill("#search", "")
    assert len(visible_pairs(page)) == len(data["pairs"])


def test_keyboard_navigation_flag_to_flag(page, made):
    data = made["data"]
    order = [f["id"] for f in data["flags"]]

    def current():
        return page.evaluate("document.activeElement.dataset.flag")

    page.keyboard.press("j")
    assert current() == str(order[0])
    assert page.get_attribute(f"section.pair[data-pair='{data['flags'][0]['pair']}']", "class").count("current") == 1
    page.keyboard.press("n")
    assert current() == str(order[1])
    page.keyboard.press("k")
    assert current() == str(order[0])
    page.keyboard.press("p")  # before the first: wraps to the last
    assert current() == str(order[-1])
    # navigation follows the filters: without numbers, the number flags are skipped
    page.uncheck("input[name=cat][value='accuracy/mistranslation/number']")
    seen = set()
    for _ in range(len(order)):
        page.keyboard.press("j")
        seen.add(int(current()))
    assert seen == {f["id"] for f in data["flags"] if f["category"] != "accuracy/mistranslation/number"}


def test_hover_shows_the_explanation(page, made):
    first = made["data"]["flags"][0]
    mark = page.locator(f"mark.hl[data-flags~='{first['id']}']").first
    mark.hover()
    tip = page.evaluate("getComputedStyle(document.querySelector('mark.hl:hover'), '::after').content")
    assert first["message"].split("'")[1] in tip


def test_plot_click_jumps_to_the_pair(page, made):
    data = made["data"]
    omitted = flagged_pairs(data, lambda f: f["category"] == "accuracy/omission")[0]
    page.check("#only-flagged")
    page.uncheck("input[name=cat][value='accuracy/omission']")  # the pair is filtered out...
    page.click(f".plot a[data-jump='{omitted}']")
    target = page.locator(f"section.pair[data-pair='{omitted}']")
    assert target.is_visible() and "pinned" in target.get_attribute("class")  # ...and shown for the jump
    box = target.bounding_box()
    assert 0 <= box["y"] < 900


def test_decisions_export_import_and_reuse(page, made, tmp_path):
    data = made["data"]
    keys = keys_for_dict(data)
    negation = next(f for f in data["flags"] if f["check"] == "negation")
    first = data["flags"][0]
    page.keyboard.press("j")  # to the first flag, then accept it from the keyboard
    page.keyboard.press("a")
    assert page.get_attribute(f"#f{first['id']} button[data-decision=accepted]", "aria-pressed") == "true"
    page.click(f"#f{negation['id']} button[data-decision=false_positive]")
    assert page.text_content("#count").endswith("2 decided")
    # the decision filter: hide the undecided flags
    page.check("#only-flagged")
    page.uncheck("input[name=dec][value=undecided]")
    assert visible_pairs(page) == sorted({first["pair"], negation["pair"]})

    with page.expect_download() as caught:
        page.click("#export")
    exported = tmp_path / "decisions.json"
    caught.value.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert doc["schema"] == "compare.decisions" and doc["schema_version"] == 1
    assert {d["key"]: d["decision"] for d in doc["decisions"]} == {
        keys[first["id"]]: "accepted", keys[negation["id"]]: "false_positive",
    }

    # kept in the browser: a reload shows the same marks
    page.reload()
    ready(page)
    assert page.get_attribute(f"#f{negation['id']}", "data-decision") == "false_positive"

    # and read back by the command line: the false positive is gone, the accepted flag stays marked
    again = made["folder"] / "reviewed.html"
    result = runner.invoke(app, ["report", str(made["saved"]), "-o", str(again), "--decisions", str(exported),
                                 "--overwrite"])
    assert result.exit_code == 0, result.output
    fresh = page.context.new_page()
    fresh.goto(again.as_uri())
    ready(fresh)
    assert fresh.locator("li.flag").count() == len(data["flags"]) - 1
    assert "negation" in fresh.text_content("section.suppressed")
    accepted = fresh.locator("li.flag[data-decision=accepted]")
    assert accepted.count() == 1 and first["message"] in accepted.text_content()


def test_import_decisions_file(page, made, tmp_path):
    data = made["data"]
    keys = keys_for_dict(data)
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"schema": "compare.decisions", "schema_version": 1, "decisions": [
        {"key": keys[1], "decision": "false_positive"}]}), encoding="utf-8")
    from playwright.sync_api import expect  # polls from Playwright's own world: the page's CSP forbids eval

    page.set_input_files("#import", str(path))
    expect(page.locator("#f1")).to_have_attribute("data-decision", "false_positive")
    assert "1 decisions imported" in page.text_content("#status")


def test_hostile_article_runs_nothing(browser, made):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
    )
    tab = context.new_page()
    dialogs, errors = [], []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        tab.goto(made["hostile"].as_uri())
        ready(tab)
        for mark in tab.locator("mark.hl").all():  # hover and focus what an attacker would target
            mark.hover()
            mark.focus()
        tab.mouse.move(5, 5)
        tab.wait_for_timeout(200)
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == [] and errors == []
        assert tab.evaluate("window.__violations") == []  # nothing even tried to run
        assert tab.locator("script").count() == 2  # the report's data block and its own script
        assert tab.locator("main img, main svg, main b, main textarea").count() == 0
        text = tab.text_content("main")
        for raw in ("<script>window.__pwned", "<img src=x onerror=", "</textarea>", "\"><svg onload=alert(1)>",
                    "</script><b onmouseover="):
            assert raw in text, raw  # shown as text
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "report-hostile.png"), full_page=True)
    finally:
        context.close()


def test_batch_index_links_open(browser, made, tmp_path):
    from _report_helpers import CORPUS

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "iran-israel.fr.txt", folder / "a.fr.txt")
    shutil.copy(CORPUS / "iran-israel.en.txt", folder / "a.en.txt")
    result = runner.invoke(app, ["report", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto((tmp_path / "out" / "index.html").as_uri())
        tab.click("table.index a")
        ready(tab)
        assert Path(tab.url).name == "a.html"
    finally:
        context.close()
