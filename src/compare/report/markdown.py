"""The Markdown report, for pull requests and wikis (GitHub-flavoured tables).

Input text is escaped twice over: ``&``, ``<`` and ``>`` become entities (so
no renderer that lets raw HTML through sees a tag), and the characters that
start Markdown syntax inside a line are backslash-escaped (so an article cannot
add links, images, emphasis, table cells or mentions of its own).
"""

from __future__ import annotations

import re

from compare.report.html import format_date
from compare.report.model import SEVERITIES, FlagItem, PairItem, Report

# Characters that start Markdown syntax anywhere in a line (emphasis, code, links,
# table cells, strike-through, math, mentions); line-start syntax (#, -, >, 1.)
# never applies because escaped text always follows a prefix or a cell border.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$@])")


def md(text: str | None) -> str:
    """Escape text for one line of Markdown (inside a table cell or a paragraph)."""
    if text is None:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s+", " ", text)  # a newline would end a table row or a block quote


def code(text: str | None) -> str:
    """An inline code span that survives any backticks in ``text``."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report: Report, excerpt: int = 0) -> str:
    """The report as Markdown: header, verdict, one table row per flag, then the flagged pairs."""
    src, tgt = report.source, report.target
    out = [
        f"# Translation QA report: {md(report.title)}",
        "",
        f"**Verdict:** {md(report.verdict)}",
        "",
        "| | original | translation |",
        "|---|---|---|",
        f"| file | {code(src.path or src.name)} | {code(tgt.path or tgt.name)} |",
        f"| language | {md(src.lang)} | {md(tgt.lang)} |",
        f"| format | {md(src.format)}, {md(src.encoding)} | {md(tgt.format)}, {md(tgt.encoding)} |",
        f"| sentences | {src.sentences} | {tgt.sentences} |",
        f"| sha256 | {code(src.sha256)} | {code(tgt.sha256)} |",
        "",
        f"Made {md(format_date(report.created))} by {md(report.generator)}; encoder {md(report.encoder_label)}; "
        f"machine translation: {md(report.mt_label)}; "
        + "; ".join(f"{md(label)} {md(value)}" for label, value in report.settings())
        + ".",
        "",
    ]
    for warning in report.warnings:
        out.append(f"> **warning:** {md(warning)}")
    if report.warnings:
        out.append("")
    flags = {f.id: f for f in report.flags}
    if report.flags:
        out += [
            "## Flags",
            "",
            "| # | pair | severity | category | original | translation | explanation |",
            "|---:|---:|---|---|---|---|---|",
        ]
        for number, flag in enumerate(report.flags, 1):
            severity = f"**{flag.severity}**" if flag.severity != "minor" else flag.severity
            if flag.decision:
                severity += f" ({flag.decision.replace('_', ' ')})"
            out.append(
                f"| {number} | {flag.pair + 1} | {severity} | {md(flag.short_category)} | "
                f"{_quoted(flag.src_text)} | {_quoted(flag.tgt_text)} | {md(flag.message)} |"
            )
        out += ["", "## Flagged pairs", ""]
        for pair in report.pairs:
            if pair.flags:
                out += _pair_block(pair, [flags[f] for f in pair.flags], src.lang, tgt.lang, excerpt)
    else:
        out += ["No flags: every aligned pair passed the checks.", ""]
    if report.suppressed:
        out += [f"## Judged false positive earlier ({len(report.suppressed)}), not counted above", ""]
        for flag in report.suppressed:
            out.append(
                f"- pair {flag.pair + 1}: {flag.severity} {md(flag.short_category)}: {md(flag.message)}"
            )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _quoted(texts: list[str]) -> str:
    return " / ".join(f"“{md(t)}”" for t in texts if t)


def _pair_block(pair: PairItem, flags: list[FlagItem], src_lang, tgt_lang, excerpt: int) -> list[str]:
    similarity = f", similarity {pair.similarity:.2f}" if pair.similarity is not None else ""
    lines = [f"### Pair {pair.index + 1} ({pair.kind}{similarity})", ""]
    if pair.gap == "src":
        lines += [f"> **{md(src_lang)}:** *(nothing: added in the translation)*", ">"]
    else:
        lines += [f"> **{md(src_lang)}:** {_highlighted(pair.src_pieces, excerpt)}", ">"]
    if pair.gap == "tgt":
        lines += [f"> **{md(tgt_lang)}:** *(nothing: omitted in the translation)*"]
    else:
        lines += [f"> **{md(tgt_lang)}:** {_highlighted(pair.tgt_pieces, excerpt)}"]
    if pair.mt:
        lines += [">", f"> *machine translation:* {md(pair.mt)}"]
    if pair.back_mt:
        lines += [">", f"> *back-translation:* {md(pair.back_mt)}"]
    lines.append("")
    for flag in flags:
        decision = f" ({flag.decision.replace('_', ' ')})" if flag.decision else ""
        lines.append(f"- **{flag.severity}**{decision} {md(flag.short_category)}: {md(flag.message)}")
    lines.append("")
    return lines


def _highlighted(pieces, excerpt: int) -> str:
    """Pair text with flagged pieces in bold; ``excerpt`` > 0 shortens unflagged runs."""
    out = []
    for piece in pieces:
        text = md(piece.text)
        if piece.flags and text:
            out.append(f"**{text}**")
        elif excerpt and len(piece.text) > excerpt:
            out.append(md(piece.text[: excerpt // 2]) + " … " + md(piece.text[-excerpt // 2 :]))
        else:
            out.append(text)
    return "".join(out)


__all__ = ["SEVERITIES", "md", "render_markdown"]
