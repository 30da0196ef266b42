"""The HTML report: one self-contained page a reviser opens offline and can print.

Everything is inline (CSS and JavaScript from ``assets/``, the plot as SVG);
the page's Content-Security-Policy allows no network request at all and only
the report's own script (by hash), so text from an article can never run as
code even if it slipped through escaping. Every piece of input text goes
through ``html.escape``; the data the script reads sits in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&``
written as JSON escapes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from compare.report.model import SEVERITIES, FlagItem, PairItem, Piece, Report, category_label, severity_rank

DECISION_LABELS = {"undecided": "undecided", "accepted": "accepted", "false_positive": "false positive"}


@cache
def asset(name: str) -> str:
    return files("compare.report").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256_b64(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _csp(script: str | None, style: str) -> str:
    scripts = f"'sha256-{_sha256_b64(script)}'" if script is not None else "'none'"
    return (
        "default-src 'none'; img-src data:; "
        f"style-src 'sha256-{_sha256_b64(style)}'; script-src {scripts}; "
        "base-uri 'none'; form-action 'none'"
    )


def e(value: Any) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>', '&' or JS line separators unescaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def format_date(iso: str) -> str:
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return when.strftime("%Y-%m-%d %H:%M UTC") if when.utcoffset() is not None else when.strftime("%Y-%m-%d %H:%M")


def safe_file_stem(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "report"
    return stem[:120]


# ---------------------------------------------------------------- page
def render_html(report: Report) -> str:
    """The whole report page as one string."""
    style, script = asset("report.css"), asset("report.js")
    src, tgt = report.source, report.target
    worst = report.worst or "none"
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{e(_csp(script, style))}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<meta name=\"generator\" content=\"{e(report.generator)}\">\n",
        f"<title>QA report: {e(report.title)} ({e(src.lang)} → {e(tgt.lang)})</title>\n",
        f"<style>{style}</style>\n</head>\n<body>\n",
        "<header class=\"report-head\">\n",
        f"<h1>Translation QA report: {e(report.title)}</h1>\n",
        f"<p class=\"docs\">original <b>{e(src.name)}</b> ({e(src.lang)}) → translation <b>{e(tgt.name)}</b> ({e(tgt.lang)})</p>\n",
        f"<p class=\"verdict sev-{e(worst)}\" id=\"verdict\">{e(report.verdict)}</p>\n",
        _meta_table(report),
        "<details class=\"signature\"><summary>Full signature (everything needed to reproduce this comparison)</summary>",
        f"<pre>{e(json.dumps(report.signature, ensure_ascii=False, indent=2))}</pre></details>\n",
        "</header>\n",
        _warnings(report.warnings),
        _plot(report),
        _toolbar(report),
        (
            "<noscript><p class=\"keys\">Filters, search, keyboard navigation and decisions need JavaScript; "
            "the report itself reads without it.</p></noscript>\n"
        ),
        "<main id=\"pairs\" aria-label=\"Aligned pairs\">\n",
        (
            f"<div class=\"pair-head\" aria-hidden=\"true\"><span>#</span><span>Original ({e(src.lang)}): "
            f"{e(src.name)}</span><span>Translation ({e(tgt.lang)}): {e(tgt.name)}</span></div>\n"
        ),
    ]
    flags = {f.id: f for f in report.flags}
    parts.extend(_pair(pair, flags, src.lang, tgt.lang) for pair in report.pairs)
    parts.append("<p id=\"no-result\" class=\"empty-result\" hidden>No pair matches the filters and the search.</p>\n")
    parts.append("</main>\n")
    parts.append(_suppressed(report))
    parts.append(
        f"<footer>Made by {e(report.generator)} on {e(format_date(report.created))}. Self-contained: it opens offline "
        "and sends nothing anywhere. Printing prints the pairs the filters show.</footer>\n"
    )
    parts.append(f"<script type=\"application/json\" id=\"report-data\">{script_json(_page_data(report))}</script>\n")
    parts.append(f"<script>{script}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _meta_table(report: Report) -> str:
    rows: list[tuple[str, str]] = []
    for doc in (report.source, report.target):
        lang = e(doc.lang)
        if doc.lang_detected and doc.lang_detected != doc.lang:
            lang += f" (reads as {e(doc.lang_detected)})"
        rows.append(
            (
                doc.role.capitalize(),
                f"{e(doc.path or doc.name)} · {lang} · {e(doc.format)}, {e(doc.encoding)} · "
                f"{doc.sentences} sentences, {doc.paragraphs} paragraphs<br>"
                f"sha256 <span class=\"hash\">{e(doc.sha256)}</span>",
            )
        )
    tool = report.signature.get("tool") or "?"
    made = f"{e(format_date(report.created))} by {e(report.generator)}"
    if tool != report.generator:
        made += f" (comparison by {e(tool)})"
    rows.append(("Date", made))
    rows.append(("Encoder", e(report.encoder_label)))
    rows.append(("Machine translation", e(report.mt_label)))
    rows.extend((label.capitalize(), e(value)) for label, value in report.settings())
    rel = report.relatedness
    if rel:
        text = f"{rel.get('coverage', 0):.0%} of sentences aligned; median similarity of aligned pairs " \
               f"{rel.get('aligned_median_similarity', 0):.2f}"
        if rel.get("random_median_similarity") is not None:
            text += f" against {rel['random_median_similarity']:.2f} for random pairs"
        rows.append(("Relatedness", e(text)))
    if report.decision_files:
        rows.append(
            (
                "Decisions",
                e(f"from {', '.join(report.decision_files)}: {len(report.suppressed)} flag(s) judged false positive "
                  f"not shown, {sum(1 for f in report.flags if f.decision)} marked"),
            )
        )
    body = "".join(f"<tr><th scope=\"row\">{label}</th><td>{value}</td></tr>" for label, value in rows)
    return f"<table class=\"meta\">{body}</table>\n"


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{e(w)}</li>" for w in warnings)
    return f"<section class=\"warnings\" aria-label=\"Warnings\"><ul>{items}</ul></section>\n"


# ---------------------------------------------------------------- similarity plot
PLOT_W, PLOT_H = 1000, 170
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 8, 10, 26


def _plot(report: Report) -> str:
    pairs = report.pairs
    if not pairs:
        return ""
    n = len(pairs)
    width, height = PLOT_W - _LEFT - _RIGHT, PLOT_H - _TOP - _BOTTOM
    sims = [p.similarity for p in pairs if p.similarity is not None]
    chance = report.relatedness.get("random_median_similarity")
    values = sims + ([chance] if chance is not None else [])
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = max(0.01, (high - low) * 0.08)
    low, high = low - pad, high + pad
    step = width / n

    def x(i: int) -> float:
        return _LEFT + (i + 0.5) * step

    def y(value: float) -> float:
        return _TOP + (high - value) / (high - low) * height

    flags = {f.id: f for f in report.flags}
    out = [
        f"<figure class=\"plot\" aria-label=\"Similarity along the document\">"
        f"<svg viewBox=\"0 0 {PLOT_W} {PLOT_H}\" role=\"img\" aria-labelledby=\"plot-title\" preserveAspectRatio=\"none\">"
        "<title id=\"plot-title\">Similarity of each aligned pair along the document; coloured marks are flags, "
        "marks on the bottom edge are sentences with no counterpart</title>"
    ]
    for value in (high - pad, low + pad):
        out.append(f"<text class=\"axis\" x=\"{_LEFT - 4}\" y=\"{y(value) + 3:.1f}\" text-anchor=\"end\">{value:.2f}</text>")
    if chance is not None:
        cy = y(chance)
        out.append(f"<line class=\"chance\" x1=\"{_LEFT}\" x2=\"{PLOT_W - _RIGHT}\" y1=\"{cy:.1f}\" y2=\"{cy:.1f}\"/>")
        out.append(f"<text class=\"axis\" x=\"{PLOT_W - _RIGHT - 2}\" y=\"{cy - 3:.1f}\" text-anchor=\"end\">random pairs</text>")
    path, pen_down = [], False
    for i, pair in enumerate(pairs):
        if pair.similarity is None:
            pen_down = False
            continue
        path.append(f"{'L' if pen_down else 'M'}{x(i):.1f} {y(pair.similarity):.1f}")
        pen_down = True
    if path:
        out.append(f"<path class=\"simline\" d=\"{' '.join(path)}\"/>")
    radius = 3.6 if n <= 200 else 2.6
    bottom = _TOP + height
    for i, pair in enumerate(pairs):
        severity = _worst(flags[f] for f in pair.flags)
        cls = f" sev-{severity}" if severity else ""
        if pair.gap:
            out.append(
                f"<rect class=\"gapmark{cls}\" x=\"{x(i) - max(1.5, step / 3):.1f}\" y=\"{bottom - 7:.1f}\" "
                f"width=\"{max(3.0, step / 1.5):.1f}\" height=\"7\"/>"
            )
        elif severity:
            out.append(f"<circle class=\"dot{cls}\" cx=\"{x(i):.1f}\" cy=\"{y(pair.similarity):.1f}\" r=\"{radius}\"/>")
    for i, pair in enumerate(pairs):  # click targets on top: one band per pair
        tip = f"pair {pair.index + 1} · {pair.kind}"
        if pair.similarity is not None:
            tip += f" · similarity {pair.similarity:.2f}"
        if pair.flags:
            tip += " · " + "; ".join(f"{flags[f].severity} {flags[f].short_category}" for f in pair.flags)
        focus = "" if pair.flags else " tabindex=\"-1\""
        out.append(
            f"<a href=\"#p{pair.index + 1}\" data-jump=\"{pair.index}\"{focus}>"
            f"<rect class=\"hit\" x=\"{_LEFT + i * step:.2f}\" y=\"{_TOP}\" width=\"{step:.2f}\" height=\"{height}\">"
            f"<title>{e(tip)}</title></rect></a>"
        )
    ticks = sorted({0, n // 4, n // 2, (3 * n) // 4, n - 1})
    for i in ticks:
        anchor = "end" if i == n - 1 and n > 1 else "middle"  # the last label must not run off the edge
        out.append(f"<text class=\"axis\" x=\"{x(i):.1f}\" y=\"{PLOT_H - 8}\" text-anchor=\"{anchor}\">{i + 1}</text>")
    out.append(
        "</svg><figcaption>Similarity of each pair along the document (pairs numbered from the start); "
        "dashed: typical similarity of unrelated sentences. <span class=\"hint\">Click a pair to jump to it.</span>"
        "</figcaption></figure>\n"
    )
    return "".join(out)


def _worst(flags: Iterable[FlagItem]) -> str | None:
    return max((f.severity for f in flags), key=severity_rank, default=None)


# ---------------------------------------------------------------- toolbar
def _toolbar(report: Report) -> str:
    counts = report.counts()
    sev = "".join(
        f"<label><input type=\"checkbox\" name=\"sev\" value=\"{s}\" checked> {s} ({counts[s]})</label>" for s in SEVERITIES
    )
    categories: dict[str, int] = {}
    for flag in report.flags:
        categories[flag.category] = categories.get(flag.category, 0) + 1
    cat = "".join(
        f"<label title=\"{e(c)}\"><input type=\"checkbox\" name=\"cat\" value=\"{e(c)}\" checked> "
        f"{e(category_label(c))} ({k})</label>"
        for c, k in sorted(categories.items())
    ) or "<span>(no flags)</span>"
    dec = "".join(
        f"<label><input type=\"checkbox\" name=\"dec\" value=\"{v}\" checked> {label}</label>"
        for v, label in DECISION_LABELS.items()
    )
    mt_toggle = (
        "<label title=\"the machine translation the MT-based check compared with\"><input type=\"checkbox\" "
        "id=\"show-mt\" checked> machine translation</label>"
        if any(p.mt or p.back_mt for p in report.pairs) else ""
    )
    return (
        "<nav class=\"toolbar\" aria-label=\"Filters and navigation\">"
        f"<fieldset><legend>Severity</legend>{sev}</fieldset>"
        f"<fieldset><legend>Category</legend>{cat}</fieldset>"
        f"<fieldset><legend>Decision</legend>{dec}</fieldset>"
        "<label><input type=\"checkbox\" id=\"only-flagged\"> only pairs with matching flags</label>"
        f"{mt_toggle}"
        "<input type=\"search\" id=\"search\" placeholder=\"Search both texts ( / )\" aria-label=\"Search both texts\">"
        "<button type=\"button\" id=\"prev-flag\" title=\"Previous flag (k or p)\">◀ previous flag</button>"
        "<button type=\"button\" id=\"next-flag\" title=\"Next flag (j or n)\">next flag ▶</button>"
        "<span id=\"position\"></span>"
        "<button type=\"button\" id=\"export\" title=\"Download the decisions as JSON, for --decisions\">Export decisions</button>"
        "<label class=\"import\" title=\"Load a decisions file exported earlier\">Import decisions"
        "<input type=\"file\" id=\"import\" class=\"sr-only\" accept=\".json,application/json\"></label>"
        "<span id=\"count\" class=\"count\" aria-live=\"polite\"></span>"
        "<span id=\"status\" role=\"status\" aria-live=\"polite\"></span>"
        "</nav>\n"
        "<p class=\"keys\" id=\"keys\">Keys: <kbd>j</kbd>/<kbd>n</kbd> next flag, <kbd>k</kbd>/<kbd>p</kbd> previous, "
        "<kbd>a</kbd> accept, <kbd>f</kbd> false positive (again to undo), <kbd>/</kbd> search, <kbd>Esc</kbd> leave "
        "the search, <kbd>?</kbd> hide this line. Hover or focus a highlighted span for its explanation.</p>\n"
    )


# ---------------------------------------------------------------- pairs
def _pair(pair: PairItem, flags: dict[int, FlagItem], src_lang: str | None, tgt_lang: str | None) -> str:
    own = [flags[f] for f in pair.flags]
    severity = _worst(own)
    classes = "pair" + (f" sev-{severity}" if severity else "") + (" heading" if pair.heading else "")
    number = pair.index + 1
    sentences = _sentence_label(pair)
    sim = f"<span class=\"sim\" title=\"cosine similarity of the two sides\">{pair.similarity:.2f}</span>" \
        if pair.similarity is not None else ""
    kind_class = "kind gapkind" if pair.gap else "kind"
    label = f"Pair {number}, {pair.kind}" + (f", {len(own)} flag{'s' if len(own) > 1 else ''}" if own else "")
    head = (
        f"<section class=\"{classes}\" id=\"p{number}\" data-pair=\"{pair.index}\" "
        f"data-flags=\"{' '.join(str(f) for f in pair.flags)}\" tabindex=\"-1\" aria-label=\"{e(label)}\">"
        f"<div class=\"num\"><a href=\"#p{number}\">{number}</a>"
        f"<span class=\"{kind_class}\" title=\"sentences of the original - sentences of the translation\">{e(pair.kind)}</span>"
        f"{sim}<span title=\"sentence numbers, original ↔ translation\">{e(sentences)}</span></div>"
    )
    if pair.gap == "src":
        src_html = "<div class=\"src gap\">nothing in the original: added in the translation</div>"
    else:
        src_html = f"<div class=\"src\" lang=\"{e(src_lang)}\">{_pieces(pair.src_pieces, flags)}</div>"
    if pair.gap == "tgt":
        tgt_html = "<div class=\"tgt gap\">nothing in the translation: omitted</div>"
    else:
        tgt_html = f"<div class=\"tgt\" lang=\"{e(tgt_lang)}\">{_pieces(pair.tgt_pieces, flags)}</div>"
    if pair.back_mt:
        src_html = src_html[: -len("</div>")] + (
            f"<span class=\"mt\" lang=\"{e(src_lang)}\"><b>back-translation</b> {e(pair.back_mt)}</span></div>"
        )
    if pair.mt:
        tgt_html = tgt_html[: -len("</div>")] + (
            f"<span class=\"mt\" lang=\"{e(tgt_lang)}\"><b>machine translation</b> {e(pair.mt)}</span></div>"
        )
    notes = ""
    if own:
        notes = "<ol class=\"notes\">" + "".join(_note(f) for f in own) + "</ol>"
    return f"{head}{src_html}{tgt_html}{notes}</section>\n"


def _sentence_label(pair: PairItem) -> str:
    def rng(indices: list[int]) -> str:
        if not indices:
            return "–"
        lo, hi = min(indices) + 1, max(indices) + 1
        return str(lo) if lo == hi else f"{lo}-{hi}"

    return f"s. {rng(pair.src_sentences)} ↔ {rng(pair.tgt_sentences)}"


def _pieces(pieces: list[Piece], flags: dict[int, FlagItem]) -> str:
    out = []
    for piece in pieces:
        if not piece.flags:
            out.append(e(piece.text))
            continue
        covering = [flags[f] for f in piece.flags]
        severity = _worst(covering)
        tip = "\n".join(f"{f.severity} · {f.short_category}: {f.message}" for f in covering)
        out.append(
            f"<mark class=\"hl sev-{severity}\" data-flags=\"{' '.join(str(f.id) for f in covering)}\" tabindex=\"0\" "
            f"data-tip=\"{e(tip)}\" aria-describedby=\"{' '.join(f'f{f.id}' for f in covering)}\">{e(piece.text)}</mark>"
        )
    return "".join(out)


def _note(flag: FlagItem) -> str:
    state = flag.decision or "undecided"
    decided = f" is-{flag.decision}" if flag.decision else ""
    buttons = "".join(
        f"<button type=\"button\" data-decision=\"{v}\" aria-pressed=\"{'true' if flag.decision == v else 'false'}\">"
        f"{label}</button>"
        for v, label in (("accepted", "Accept"), ("false_positive", "False positive"))
    )
    return (
        f"<li class=\"flag sev-{e(flag.severity)}{decided}\" id=\"f{flag.id}\" data-flag=\"{flag.id}\" "
        f"data-decision=\"{state}\" tabindex=\"0\">"
        f"<span class=\"badge\">{e(flag.severity)}</span>"
        f"<span class=\"cat\" title=\"{e(flag.category)} ({e(flag.check)} check)\">{e(flag.short_category)}</span>"
        f"<span class=\"msg\">{e(flag.message)}</span>"
        f"<span class=\"score\" title=\"the check's own score; higher is more divergent\">score {flag.score:g}</span>"
        f"<span class=\"decide\" role=\"group\" aria-label=\"Decision on this flag\">{buttons}</span></li>"
    )


def _suppressed(report: Report) -> str:
    if not report.suppressed:
        return ""
    items = []
    for flag in report.suppressed:
        spans = " / ".join(
            f"“{e(t)}”" for t in [*flag.src_text, *flag.tgt_text] if t
        )
        items.append(
            f"<li>pair {flag.pair + 1}: {e(flag.severity)} {e(flag.short_category)}: {e(flag.message)}"
            f"{' — ' + spans if spans else ''}{' (note: ' + e(flag.note) + ')' if flag.note else ''}</li>"
        )
    return (
        "<section class=\"suppressed\" aria-label=\"Flags judged false positive earlier\">"
        f"<h2>Judged false positive earlier ({len(report.suppressed)}), not shown above</h2>"
        f"<ul>{''.join(items)}</ul></section>\n"
    )


def _page_data(report: Report) -> dict[str, Any]:
    def context(flag: FlagItem, decision: str) -> dict[str, Any]:
        return {
            "decision": decision, "note": flag.note, "check": flag.check, "category": flag.category,
            "severity": flag.severity, "message": flag.message, "src_text": flag.src_text, "tgt_text": flag.tgt_text,
        }

    known = {f.key: context(f, f.decision) for f in report.flags if f.decision}
    known.update({f.key: context(f, "false_positive") for f in report.suppressed})
    src, tgt = report.source, report.target
    return {
        "tool": report.generator,
        "storage": f"compare-decisions:{src.sha256[:16]}:{tgt.sha256[:16]}",
        "export_name": f"{safe_file_stem(report.title)}.decisions.json",
        "source": {"path": src.path, "sha256": src.sha256, "lang": src.lang},
        "target": {"path": tgt.path, "sha256": tgt.sha256, "lang": tgt.lang},
        "flags": [
            {
                "id": f.id, "pair": f.pair, "key": f.key, "check": f.check, "category": f.category,
                "severity": f.severity, "message": f.message, "src_text": f.src_text, "tgt_text": f.tgt_text,
            }
            for f in report.flags
        ],
        "decisions": known,
    }


# ---------------------------------------------------------------- batch index
def render_index_html(entries: list, title: str, created: str, generator: str) -> str:
    """The batch index: one row per pair, worst first (see ``compare.report.batch``)."""
    style = asset("report.css")
    failed = [x for x in entries if x.error]
    done = [x for x in entries if not x.error]
    rows = []
    for x in [*failed, *done]:
        if x.error:
            rows.append(
                f"<tr class=\"failed\"><td>{e(x.name)}</td><td>{e(x.source)}</td><td>{e(x.target)}</td>"
                f"<td colspan=\"6\">not compared: {e(x.error)}</td></tr>"
            )
            continue
        counts = x.counts
        cls = f" class=\"sev-{x.worst}\"" if x.worst else ""
        rows.append(
            f"<tr{cls}><td><a href=\"{e(_href(x.report))}\">{e(x.name)}</a></td><td>{e(x.source)}</td>"
            f"<td>{e(x.target)}</td>"
            + "".join(f"<td class=\"n\">{counts.get(s, 0)}</td>" for s in SEVERITIES)
            + f"<td class=\"n\">{x.pairs}</td><td class=\"n\">{x.omitted}</td><td class=\"n\">{x.added}</td></tr>"
        )
    total = {s: sum(x.counts.get(s, 0) for x in done) for s in SEVERITIES}
    verdict = (
        f"{len(done)} pair{'s' if len(done) != 1 else ''} of documents compared"
        + (f", {len(failed)} could not be" if failed else "")
        + ": " + ", ".join(f"{total[s]} {s}" for s in SEVERITIES) + " flags in all."
    )
    worst = next((s for s in SEVERITIES if total[s]), "none")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{e(_csp(None, style))}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>QA reports: {e(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        "<div class=\"index-page\">\n"
        f"<h1>Translation QA reports: {e(title)}</h1>\n"
        f"<p class=\"verdict sev-{worst}\">{e(verdict)}</p>\n"
        f"<p class=\"docs\">Made {e(format_date(created))} by {e(generator)}. Sorted by severity: "
        "pairs that could not be compared first, then most critical, most major, most minor flags.</p>\n"
        "<table class=\"index\"><thead><tr><th>report</th><th>original</th><th>translation</th>"
        "<th>critical</th><th>major</th><th>minor</th><th>pairs</th><th>omitted</th><th>added</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>\n</div>\n</body>\n</html>\n"
    )


def _href(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
