"""Size, opening time and filter responsiveness of the HTML report, in a real browser.

Two reports are measured:

a. the sample article (``corpus/iran-israel.*``);
b. a ~1,000-pair document: the French and English ``.txt`` files of the dev
   news documents (``--data``/news_fr_en, sorted by name) concatenated, blank
   line between documents, until the original holds ``--pairs`` sentences (the
   dev data stays outside the repository: the concatenation is written to a
   temporary folder).

Each comparison is made once with ``python -m compare diff --format json``
(embedding cache in a fresh temporary folder), then ``python -m compare
report`` writes the HTML (timed as its own child process, encoder not
involved). The page is opened ``--opens`` times in headless system Chromium
(Playwright, a new browser context each time) and these are read:

- *open*: wall time from ``page.goto`` to the report's script having run
  (``window.compareReport.ready``), and in the page, from navigation start to
  the script's end (``readyMs``) and to the load event;
- *filter*: in the page, ``performance.now()`` around a click on a filter
  control (the change handler runs synchronously) plus a forced layout, and
  until the next frame (``requestAnimationFrame`` then a zero timeout), each
  repeated ``--repeats`` times: "only pairs with matching flags" on/off, a
  category off/on and the major severity off/on (with every pair shown, then
  with flagged pairs only, where these hide and show pairs), and typing a
  search term.

Prints a Markdown table and how it was obtained::

    .venv/bin/python benchmarks/report.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance

ROOT = Path(__file__).resolve().parent.parent
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

FILTER_JS = """
async (selector) => {
  const box = document.querySelector(selector);
  const t0 = performance.now();
  box.click();
  document.body.offsetHeight;  // force style and layout now
  const t1 = performance.now();
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return [t1 - t0, performance.now() - t0, document.querySelectorAll('section.pair:not([hidden])').length];
}
"""
SEARCH_JS = """
async (term) => {
  const box = document.getElementById('search');
  const t0 = performance.now();
  box.value = term;
  box.dispatchEvent(new Event('input'));
  document.body.offsetHeight;
  const t1 = performance.now();
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return [t1 - t0, performance.now() - t0, document.querySelectorAll('section.pair:not([hidden])').length];
}
"""


def run(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    return time.perf_counter() - t0


def concatenated_news(data: Path, sentences: int, folder: Path) -> tuple[Path, Path, int, int]:
    news = data / "news_fr_en"
    fr_parts, en_parts, docs, count = [], [], 0, 0
    for fr in sorted(news.glob("*.fr.txt")):
        en = fr.with_name(fr.name[: -len(".fr.txt")] + ".en.txt")
        sents = fr.with_name(fr.name[: -len(".txt")] + ".sents")
        if not en.exists() or not sents.exists():
            continue
        fr_parts.append(fr.read_text(encoding="utf-8").strip())
        en_parts.append(en.read_text(encoding="utf-8").strip())
        count += len(sents.read_text(encoding="utf-8").splitlines())
        docs += 1
        if count >= sentences:
            break
    src, tgt = folder / "news1000.fr.txt", folder / "news1000.en.txt"
    src.write_text("\n\n".join(fr_parts) + "\n", encoding="utf-8")
    tgt.write_text("\n\n".join(en_parts) + "\n", encoding="utf-8")
    return src, tgt, docs, count


def measure_page(browser, html: Path, opens: int, repeats: int) -> dict:
    import json

    walls, ready, loaded = [], [], []
    for _ in range(opens):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load")
        page.wait_for_function("window.compareReport && window.compareReport.ready")
        walls.append((time.perf_counter() - t0) * 1000)
        timing = page.evaluate(
            "JSON.stringify({ready: window.compareReport.readyMs,"
            " load: performance.getEntriesByType('navigation')[0].loadEventEnd})"
        )
        timing = json.loads(timing)
        ready.append(timing["ready"])
        loaded.append(timing["load"])
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(html.as_uri())
    page.wait_for_function("window.compareReport && window.compareReport.ready")
    pairs = page.locator("section.pair").count()
    category = page.get_attribute("input[name=cat]", "value")
    actions = {
        "only pairs with matching flags": "#only-flagged",
        f"category {category}": f"input[name=cat][value='{category}']",
        "severity major": "input[name=sev][value=major]",
        # the same two with hidden pairs coming and going
        "only pairs with matching flags (on, kept for what follows)": "#only-flagged",
        f"category {category}, flagged pairs only": f"input[name=cat][value='{category}']",
        "severity major, flagged pairs only": "input[name=sev][value=major]",
    }
    filters = {}
    for label, selector in actions.items():
        if label == "only pairs with matching flags (on, kept for what follows)":
            page.evaluate(FILTER_JS, selector)
            continue
        handler, frame, shown = [], [], []
        for _ in range(repeats * 2):  # off then on: both directions count
            a, b, n = page.evaluate(FILTER_JS, selector)
            handler.append(a)
            frame.append(b)
            shown.append(n)
        filters[label] = (handler, frame, sorted(set(shown)))
    handler, frame, shown = [], [], []
    page.evaluate(FILTER_JS, "#only-flagged")  # back to every pair for the search
    for _ in range(repeats):
        for term in ("the", ""):
            a, b, n = page.evaluate(SEARCH_JS, term)
            handler.append(a)
            frame.append(b)
            shown.append(n)
    filters["search 'the' then clear"] = (handler, frame, sorted(set(shown)))
    context.close()
    return {"pairs": pairs, "wall": walls, "ready": ready, "load": loaded, "filters": filters}


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} / {max(values):.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the dev data folder (../shared/data/dev)")
    parser.add_argument("--pairs", type=int, default=1060,
                        help="sentences of the original in the long document (1,060 give about 1,000 aligned pairs)")
    parser.add_argument("--opens", type=int, default=5, help="times each page is opened")
    parser.add_argument("--repeats", type=int, default=10, help="times each filter is toggled each way")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="embedding cache to use (default: a fresh one, so `compare diff` runs cold)")
    parser.add_argument("--chromium", default=os.environ.get("COMPARE_CHROMIUM") or shutil.which("chromium"))
    args = parser.parse_args(argv)
    if not args.chromium:
        raise SystemExit("no chromium on PATH (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    python = sys.executable
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = args.cache_dir or tmp / "cache"
        notes.append(f"Embedding cache: {'given (' + str(cache) + ')' if args.cache_dir else 'fresh, empty'}.")
        env = dict(os.environ, COMPARE_CACHE_DIR=str(cache))
        src, tgt, docs, sentences = concatenated_news(args.data, args.pairs, tmp)
        cases = [
            ("sample article iran-israel", ROOT / "corpus" / "iran-israel.fr.txt", ROOT / "corpus" / "iran-israel.en.txt"),
            (f"{docs} dev news documents concatenated ({sentences} gold sentences)", src, tgt),
        ]
        with sync_playwright() as manager:
            browser = manager.chromium.launch(executable_path=args.chromium, args=BROWSER_ARGS)
            for label, a, b in cases:
                saved = tmp / f"{a.stem}.json"
                compare_s = run([python, "-m", "compare", "diff", str(a), str(b), "--format", "json", "-o", str(saved)], env)
                html = tmp / f"{a.stem}.html"
                report_s = run([python, "-m", "compare", "report", str(saved), "-o", str(html)], env)
                sizes = {}
                for ext in ("md", "xlsx"):
                    out = tmp / f"{a.stem}.{ext}"
                    run([python, "-m", "compare", "report", str(saved), "-o", str(out)], env)
                    sizes[ext] = out.stat().st_size
                page = measure_page(browser, html, args.opens, args.repeats)
                rows.append((label, page, html.stat().st_size, sizes, compare_s, report_s))
            browser.close()

    print("| report | pairs | HTML size | open: wall / script ready / load (ms, median) | .md / .xlsx size | compare diff s | compare report s |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for label, page, size, sizes, compare_s, report_s in rows:
        print(
            f"| {label} | {page['pairs']} | {size / 1e6:.2f} MB | {statistics.median(page['wall']):.0f} / "
            f"{statistics.median(page['ready']):.0f} / {statistics.median(page['load']):.0f} "
            f"| {sizes['md'] / 1e3:.0f} kB / {sizes['xlsx'] / 1e3:.0f} kB | {compare_s:.1f} | {report_s:.1f} |"
        )
    print()
    print("| report | filter action | handler + layout (ms, median / max) | to next frame (ms, median / max) | pairs shown |")
    print("|---|---|---:|---:|---|")
    for label, page, *_ in rows:
        for action, (handler, frame, shown) in page["filters"].items():
            print(f"| {label} | {action} | {fmt(handler)} | {fmt(frame)} | {', '.join(map(str, shown))} |")
    info = provenance(sys.argv)
    print()
    print(
        f"Obtained with `{info['command']}` on {info['date']}; {info['machine']}; Python {info['python']}; "
        f"compare {info['compare_version']}; Chromium at {args.chromium} (headless, {', '.join(BROWSER_ARGS[1:])}); "
        f"{args.opens} opens per page, each filter toggled {args.repeats} times each way. "
        "Open wall time counts from page.goto to the report script's end; the in-page times count from navigation start."
    )
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
