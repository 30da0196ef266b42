"""``compare export``: align every document pair of a folder into corpus formats."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from compare.cli import _options as o
from compare.cli import app


class ExportFormat(str, Enum):
    tmx = "tmx"
    xliff = "xliff"
    tsv = "tsv"
    jsonl = "jsonl"
    moses = "moses"
    vecalign = "vecalign"


class Severity(str, Enum):
    minor = "minor"
    major = "major"
    critical = "critical"


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
def export(
    folder: Path = typer.Argument(..., help="Folder holding NAME.fr.* and NAME.en.* files (any input format)"),
    output: Path = typer.Option(..., "--output", "-o", help="Output folder (created; an interrupted export there is resumed)"),
    format: list[ExportFormat] = typer.Option(
        [ExportFormat.jsonl], "--format", "-f", help="tmx, xliff, tsv, jsonl, moses or vecalign; repeat for several"
    ),
    manifest: Optional[Path] = typer.Option(
        None, "--manifest", help="TSV of pairs (source<TAB>target[<TAB>name]) instead of matching file names"
    ),
    langs: str = typer.Option("fr,en", "--langs", help="Languages as 'SRC,TGT': which files are originals"),
    name: str = typer.Option("corpus", "--name", help="Output file name stem (corpus.tmx, corpus.fr ...)"),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="Drop pairs whose aligner score is below this (0-1)"),
    drop_flagged: Optional[Severity] = typer.Option(None, "--drop-flagged", help="Drop pairs flagged at this severity or worse"),
    drop_unaligned: bool = typer.Option(False, "--drop-unaligned", help="Drop sentences without a counterpart (1-0, 0-1)"),
    min_length_ratio: Optional[float] = typer.Option(None, "--min-length-ratio", help="Drop pairs whose target/source length in characters is below this"),
    max_length_ratio: Optional[float] = typer.Option(None, "--max-length-ratio", help="Drop pairs whose target/source length in characters is above this"),
    dedup: bool = typer.Option(False, "--dedup", help="Drop pairs whose two texts were already kept"),
    no_checks: bool = typer.Option(False, "--no-checks", help="Skip divergence checks (no flags in the output; about 3% faster)"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default 1; Ray: one per CPU)"),
    threads: Optional[int] = typer.Option(None, "--threads", min=1, help="Encoder threads per worker (default: cores / jobs; Ray: 1)"),
    engine: EngineName = typer.Option(EngineName.local, "--engine", help="local (processes on this machine) or ray"),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="HOST:PORT of a Ray cluster (default: a local instance)"),
    overwrite: bool = typer.Option(False, "--overwrite", help="Redo everything, replacing the export in the output folder"),
    mt: Annotated[str, typer.Option(
        "--mt", help="Machine translation for the MT-based check: none (the default here: it multiplies the cost), "
        "auto, a model name or a model folder; loaded once per worker")] = "none",
    back_mt: o.BackMt = None,
    mt_engine: o.MtEngine = "auto",
    mt_beam: o.MtBeam = 4,
    models_dir: o.ModelsDir = None,
    presegmented: o.Presegmented = False,
    profile: o.Profile = "balanced",
    thresholds: o.Thresholds = None,
    encoder: o.EncoderName = "e5",
    no_cache: o.NoCache = False,
    no_lang_check: o.NoLangCheck = False,
    force: o.Force = False,
    refine: o.Refine = True,
    max_mb: o.MaxMb = 20.0,
) -> None:
    """Align every document pair of FOLDER and write the aligned pairs to an output folder.

    Pairs are found by name (NAME.fr.txt with NAME.en.docx...) or listed in
    --manifest. Each document is written to OUTPUT/documents/ as soon as it is
    done, so an interrupted export resumes where it stopped. Exit code 15 if
    some documents failed (each is reported; the others are exported).
    """
    import signal
    import sys

    from compare.cli._util import cli_errors, progress_reporter

    with cli_errors():
        from compare.export.filters import FilterSettings
        from compare.export.runner import ExportOptions, export_corpus

        settings = o.pair_settings(
            langs, presegmented, encoder, no_cache, no_lang_check, force, max_mb, refine,
            checks=not no_checks, profile=profile, thresholds=str(thresholds) if thresholds else None,
            **o.mt_settings(mt, back_mt, mt_engine, mt_beam, models_dir),
        )
        filters = FilterSettings(
            min_score=min_score, drop_flagged=drop_flagged.value if drop_flagged else None,
            drop_unaligned=drop_unaligned, min_length_ratio=min_length_ratio, max_length_ratio=max_length_ratio,
            dedup=dedup,
        )
        options = ExportOptions(
            formats=tuple(dict.fromkeys(f.value for f in format)), name=name, filters=filters,
            jobs=jobs or (0 if engine is EngineName.ray else 1), threads=threads, engine=engine.value,
            ray_address=ray_address, overwrite=overwrite,
        )

        def report(result) -> None:
            if not result.ok:
                err = result.error
                sys.stderr.write(f"compare: {result.id}: skipped: {err.message}\n")

        def stop(signum, frame):  # a plain `kill` stops as cleanly as Ctrl-C
            raise KeyboardInterrupt

        try:
            previous = signal.signal(signal.SIGTERM, stop)
        except ValueError:  # not the main thread: leave signals alone
            previous = None
        try:
            with progress_reporter(sys.stderr.isatty()) as progress:
                result = export_corpus(folder, output, settings, options, manifest=manifest, progress=progress,
                                       on_result=report)
        except KeyboardInterrupt:
            sys.stderr.write(
                f"compare: interrupted; the documents finished so far are kept in {output}: "
                "run the same command again to do the rest\n"
            )
            raise typer.Exit(130) from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        sys.stderr.write(summary(result) + "\n")
        if result.failed:
            from compare.errors import PartialFailureError

            raise PartialFailureError(
                f"{len(result.failed)} of {result.documents} documents failed and were left out "
                f"(listed in {output / 'export.json'})"
            )


def summary(result) -> str:
    """A few lines for stderr: what was done, what the filters removed, where the files are."""
    counts = result.counts
    done = f"{result.computed} aligned now, {result.reused} already done"
    if result.failed:
        done += f", {len(result.failed)} failed"
    lines = [
        f"compare: {result.documents} documents ({done}) in {result.seconds:.1f} s",
        f"  pairs: {counts['pairs']}, kept {counts['kept']}"
        + (
            "; removed by " + ", ".join(f"{k} {v}" for k, v in counts["removed"].items())
            if counts["removed"] else ""
        ),
        "  wrote: " + ", ".join(str(p) for p in result.outputs),
    ]
    if result.unmatched:
        shown = "; ".join(f"{u.path.name} ({u.reason})" for u in result.unmatched[:3])
        more = f" and {len(result.unmatched) - 3} more" if len(result.unmatched) > 3 else ""
        lines.append(f"  not used: {len(result.unmatched)} file(s): {shown}{more} (all in export.json)")
    return "\n".join(lines)
