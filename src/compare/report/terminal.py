"""Side-by-side terminal view with flagged spans highlighted (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from compare.diverge.base import severity_rank
from compare.pipeline import Comparison
from compare.report.json import summary

STYLES = {"critical": "bold white on red", "major": "black on yellow", "minor": "underline cyan"}
BADGES = {"critical": "[bold red]CRIT[/]", "major": "[yellow]MAJ[/]", "minor": "[cyan]min[/]"}


def _highlight(text: str, offset: int, spans_with_severity: list[tuple[int, int, str]]) -> Text:
    out = Text(text)
    # lower severities first so the worst one wins where spans overlap
    for start, end, severity in sorted(spans_with_severity, key=lambda s: severity_rank(s[2])):
        a, b = max(0, start - offset), min(len(text), end - offset)
        if a < b:
            out.stylize(STYLES.get(severity, "bold"), a, b)
    return out


def render(comparison: Comparison, console: Console, only_flagged: bool = False) -> None:
    flags_by_pair: dict[int, list] = {}
    for flag in comparison.flags:
        flags_by_pair.setdefault(flag.finding.pair, []).append(flag)

    src, tgt = comparison.source, comparison.target
    table = Table(
        title=f"{src.path or 'source'} ({src.lang}) ↔ {tgt.path or 'target'} ({tgt.lang})",
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("link", no_wrap=True)
    table.add_column(f"original ({src.lang})", ratio=1)
    table.add_column(f"translation ({tgt.lang})", ratio=1)
    shown = 0
    for pair in comparison.pairs:
        flags = flags_by_pair.get(pair.index, [])
        if only_flagged and not flags:
            continue
        shown += 1
        src_marks = [(s.start, s.end, f.severity) for f in flags for s in f.finding.src_spans]
        tgt_marks = [(s.start, s.end, f.severity) for f in flags for s in f.finding.tgt_spans]
        left = _highlight(pair.src_text, pair.src_start, src_marks) if pair.src_text else Text("— (nothing)", style="dim")
        right = _highlight(pair.tgt_text, pair.tgt_start, tgt_marks) if pair.tgt_text else Text("— (nothing)", style="dim")
        notes = [
            Text.from_markup(
                f"{BADGES.get(f.severity, f.severity)} {f.finding.category.rsplit('/', 1)[-1]} "
                f"[dim]({f.finding.score:.2f})[/]: "
            )
            + Text(f.finding.message)
            for f in flags
        ]
        mt = comparison.mt.forward.get(pair.index) if comparison.mt is not None and flags else None
        if mt:
            notes.append(Text(f"MT: {mt}", style="dim italic"))
        sim = "" if pair.link.similarity is None else f"\n{pair.link.similarity:.2f}"
        table.add_row(
            str(pair.index),
            pair.link.kind + sim,
            left,
            Group(right, *notes) if notes else right,
        )
    if shown:
        console.print(table)
    for warning in comparison.warnings:
        console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    _render_summary(comparison, console)


def _render_summary(comparison: Comparison, console: Console) -> None:
    info = summary(comparison)
    counts: dict[tuple[str, str], int] = {}
    for flag in comparison.flags:
        key = (flag.finding.category, flag.severity)
        counts[key] = counts.get(key, 0) + 1
    table = Table(title="Flags by category and severity")
    table.add_column("category")
    for sev in ("critical", "major", "minor"):
        table.add_column(sev, justify="right")
    for category in sorted({c for c, _ in counts}):
        table.add_row(category, *(str(counts.get((category, sev), "")) for sev in ("critical", "major", "minor")))
    sev = info["by_severity"]
    table.add_row("[bold]total[/]", *(f"[bold]{sev[s]}[/]" for s in ("critical", "major", "minor")))
    console.print(table)
    links = ", ".join(f"{k}: {v}" for k, v in info["link_types"].items())
    rel = comparison.relatedness
    chance = "" if rel["random_median_similarity"] is None else f" (random pairs {rel['random_median_similarity']:.2f})"
    console.print(
        f"{info['pairs']} aligned pairs ({links}); median similarity {rel['aligned_median_similarity']:.2f}"
        f"{chance}; encoder {comparison.signature['encoder']['name']}; machine translation: {mt_status(comparison)}",
        highlight=False,
    )


def mt_status(comparison: Comparison) -> str:
    """'off', 'none installed (...)' or the model(s) used, for one summary line."""
    mt = comparison.signature.get("mt")
    if not mt:
        return "off"
    if mt.get("status") != "used":
        return f"none available ({mt.get('requested')})"
    text = f"{mt['forward']['name']} ({mt['forward'].get('engine', '?')})"
    if mt.get("backward"):
        text += f", back {mt['backward']['name']}"
    calls, total = comparison.stats.get("mt_model_calls"), comparison.stats.get("mt_sentences")
    if calls is None or total is None:
        return text
    if calls == 0:
        return f"{text}, all {total} sentences from cache"
    return f"{text}, {calls} model translations for {total} sentences"
