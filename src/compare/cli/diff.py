"""``compare diff``: aligned pairs side by side with divergences flagged."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from compare.cli import _options as o
from compare.cli import app


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    minor = "minor"
    major = "major"
    critical = "critical"
    never = "never"


@app.command()
def diff(
    original: o.Original,
    translation: o.Translation,
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="text (terminal view) or json"),
    output: o.Output = None,
    langs: o.Langs = None,
    presegmented: o.Presegmented = False,
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 if a flag of this severity or worse is found"),
    only_flagged: bool = typer.Option(False, "--only-flagged", help="Terminal view: show flagged pairs only"),
    profile: o.Profile = "balanced",
    thresholds: o.Thresholds = None,
    decisions: Optional[list[Path]] = typer.Option(
        None, "--decisions", exists=True, dir_okay=False,
        help="Leave out flags judged false positive in this decisions file (from `compare report`); repeatable",
    ),
    mt: o.Mt = "auto",
    back_mt: o.BackMt = None,
    mt_engine: o.MtEngine = "auto",
    mt_beam: o.MtBeam = 4,
    models_dir: o.ModelsDir = None,
    encoder: o.EncoderName = "e5",
    no_cache: o.NoCache = False,
    no_lang_check: o.NoLangCheck = False,
    force: o.Force = False,
    refine: o.Refine = True,
    max_mb: o.MaxMb = 20.0,
) -> None:
    """Align ORIGINAL and TRANSLATION and flag omissions, additions, numbers, names, negation..."""
    from compare.cli._util import EXIT_FLAGS, cli_errors, emit
    from compare.diverge.base import severity_rank

    with cli_errors():
        settings = o.pair_settings(
            langs, presegmented, encoder, no_cache, no_lang_check, force, max_mb, refine,
            profile=profile, thresholds=str(thresholds) if thresholds else None,
            **o.mt_settings(mt, back_mt, mt_engine, mt_beam, models_dir),
        )
        from compare.report.decisions import load_decisions, suppress_in_comparison

        judged = load_decisions(decisions or [])  # a bad file fails before the long part
        comparison = o.run_comparison(original, translation, settings)
        comparison, _ = suppress_in_comparison(comparison, judged)
        if format is DiffFormat.json:
            from compare.report.json import dumps

            emit(dumps(comparison), output)
        else:
            from rich.console import Console

            from compare.report.terminal import render

            if output is None:
                render(comparison, Console(), only_flagged)
            else:
                import io

                buffer = io.StringIO()
                render(comparison, Console(file=buffer, width=160, color_system=None), only_flagged)
                emit(buffer.getvalue(), output)
        if fail_on is not FailOn.never:
            worst = max((severity_rank(f.severity) for f in comparison.flags), default=0)
            if worst >= severity_rank(fail_on.value):
                raise typer.Exit(EXIT_FLAGS)
