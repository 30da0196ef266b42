"""``compare report``: the translator QA report (HTML, Markdown, JSON, XLSX), one pair or a folder."""

from __future__ import annotations

import os
from datetime import UTC
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from compare.cli import _options as o
from compare.cli import app
from compare.cli.diff import FailOn


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    json = "json"
    xlsx = "xlsx"


EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json", ".xlsx": "xlsx"}


@app.command()
def report(
    original: Path = typer.Argument(
        ..., help="The original (NAME.fr.txt...), a FOLDER of pairs (NAME.fr.* / NAME.en.*), "
        "a manifest .tsv, or a comparison saved by `compare diff --format json`",
    ),
    translation: Optional[Path] = typer.Argument(None, help="The translation (with an original)"),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="Report file (.html, .md, .json or .xlsx: the extension picks the format), or a folder for a batch",
    ),
    format: Optional[ReportFormat] = typer.Option(
        None, "--format", "-f", help="Batch: format of each report (default html); one pair: the extension decides",
    ),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace report files that already exist"),
    decisions: Optional[list[Path]] = typer.Option(
        None, "--decisions", exists=True, dir_okay=False,
        help="Leave out flags judged false positive in this file (exported from an HTML report, or a report "
        ".xlsx); repeatable",
    ),
    manifest: Optional[Path] = typer.Option(
        None, "--manifest", exists=True, dir_okay=False, help="Batch: pairs listed as 'source<TAB>target[<TAB>name]'",
    ),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="Exit 1 if a flag of this severity or worse is found"),
    langs: o.Langs = None,
    presegmented: o.Presegmented = False,
    profile: o.Profile = "balanced",
    thresholds: o.Thresholds = None,
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
    """Write a QA report a reviser opens: ORIGINAL TRANSLATION -o report.html, or FOLDER -o reports/.

    The HTML report is one self-contained file (works offline, printable) with
    the flags highlighted side by side, filters, search, keyboard navigation
    and accept / false-positive marks exported as JSON for --decisions.
    --overwrite replaces existing report files (--force keeps its shared
    meaning: go on even if the texts do not look like translations).
    """
    from compare.cli._util import EXIT_FLAGS, cli_errors

    with cli_errors():
        settings_args = dict(
            langs=langs, presegmented=presegmented, encoder=encoder, no_cache=no_cache,
            no_lang_check=no_lang_check, force=force, max_mb=max_mb, refine=refine,
            profile=profile, thresholds=str(thresholds) if thresholds else None,
            **o.mt_settings(mt, back_mt, mt_engine, mt_beam, models_dir),
        )
        batch = translation is None and (original.is_dir() or original.suffix.lower() == ".tsv" or manifest is not None)
        if batch:
            worst = _run_batch(original, output, format, overwrite, decisions or [], manifest, settings_args)
        else:
            if manifest is not None:
                raise _config_error("--manifest is for a folder: give FOLDER --manifest FILE, not two documents")
            worst = _run_single(original, translation, output, format, overwrite, decisions or [], settings_args)
        if fail_on is not FailOn.never:
            from compare.report.model import severity_rank

            if severity_rank(worst) >= severity_rank(fail_on.value):
                raise typer.Exit(EXIT_FLAGS)


# ---------------------------------------------------------------- one pair
def _run_single(original, translation, output, fmt, overwrite, decision_files, settings_args) -> str | None:
    from compare.report.decisions import load_decisions

    if output is None:
        raise _config_error("compare report needs -o FILE (.html, .md, .json or .xlsx) or, for a folder, -o FOLDER")
    check_output_file(output, overwrite)
    kind = format_of(output)
    if fmt is not None and fmt.value != kind:
        raise _config_error(f"--format {fmt.value} contradicts the extension of {output} ({kind})")
    decisions = load_decisions(decision_files)
    if translation is None:
        source = _load_saved_comparison(original)
    else:
        from compare.cli._options import pair_settings, run_comparison

        settings = pair_settings(**settings_args)
        source = run_comparison(original, translation, settings)
    from compare.report.model import build_report

    model = build_report(source, decisions)
    write_report(model, kind, output)
    return model.worst


def _load_saved_comparison(path: Path) -> dict:
    import json

    from compare.errors import UnreadableInputError, UnsupportedFormatError

    if path.suffix.lower() != ".json":
        raise _config_error(
            f"give the translation too (compare report ORIGINAL TRANSLATION -o FILE); {path} alone is neither a "
            "folder, a manifest .tsv nor a saved comparison .json"
        )
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UnreadableInputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInputError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise UnsupportedFormatError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from None


def format_of(output: Path) -> str:
    kind = EXTENSIONS.get(output.suffix.lower())
    if kind is None:
        raise _config_error(
            f"cannot tell the report format of {output}: use .html, .md, .json or .xlsx "
            "(or a folder for a batch)"
        )
    return kind


def check_output_file(path: Path, overwrite: bool) -> None:
    """Refuse before any work: an existing file without --overwrite, a missing or read-only folder."""
    from compare.errors import OutputError

    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name such as {path / 'report.html'}")
    if path.exists() and not overwrite:
        raise OutputError(f"{path} already exists; pass --overwrite to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: folder {folder} is not writable")


def render(model, kind: str) -> str | bytes:
    if kind == "html":
        from compare.report.html import render_html

        return render_html(model)
    if kind == "md":
        from compare.report.markdown import render_markdown

        return render_markdown(model)
    if kind == "xlsx":
        from compare.report.xlsx import render_xlsx

        return render_xlsx(model)
    import json

    return json.dumps(model.data, ensure_ascii=False, indent=2) + "\n"


def write_report(model, kind: str, path: Path) -> None:
    from compare.cli._util import write_atomic

    write_atomic(path, render(model, kind))


# ---------------------------------------------------------------- batch
def _run_batch(folder, output, fmt, overwrite, decision_files, manifest, settings_args) -> str | None:
    import json
    from datetime import datetime

    from compare import __version__, errors
    from compare.cli._options import pair_settings
    from compare.cli._util import parse_langs, progress_reporter, write_atomic
    from compare.report.batch import DEFAULT_LANGS, BatchEntry, find_pairs, sort_entries
    from compare.report.decisions import load_decisions
    from compare.report.html import render_index_html
    from compare.report.model import build_report, severity_rank

    if folder.is_file() and folder.suffix.lower() == ".tsv":
        manifest, folder = folder, folder.parent
    if output is None:
        raise _config_error("a batch needs -o FOLDER for the reports and their index")
    kind = (fmt or ReportFormat.html).value
    src_lang, tgt_lang = parse_langs(settings_args["langs"])
    pairs, unmatched = find_pairs(folder, manifest, (src_lang, tgt_lang) if src_lang else DEFAULT_LANGS)
    if not pairs:
        langs = f"{src_lang},{tgt_lang}" if src_lang else ",".join(DEFAULT_LANGS)
        raise errors.EmptyInputError(
            f"no pairs to compare in {manifest or folder} ({len(unmatched)} file(s) left aside); name them "
            f"NAME.{langs.replace(',', '.* and NAME.')}.* (--langs sets the two codes) or list them with --manifest"
        )
    targets = [output / f"{p.name}.{kind}" for p in pairs] + [output / "index.html", output / "index.json"]
    _prepare_folder(output, targets, overwrite)
    decisions = load_decisions(decision_files)
    settings = pair_settings(**settings_args)
    for item in unmatched:
        typer.echo(f"compare: skipped {item.path}: {item.reason}", err=True)

    from compare.embed import get_encoder
    from compare.pipeline import compare_documents, load_documents

    shared_encoder = get_encoder(settings.encoder, cache=settings.cache)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    entries: list[BatchEntry] = []
    first_error: errors.CompareError | None = None
    for number, pair in enumerate(pairs, 1):
        prefix = f"[{number}/{len(pairs)}] {pair.name}"
        try:
            src, tgt = load_documents(pair.source, pair.target, settings)
            with progress_reporter(len(src.sentences) + len(tgt.sentences) > 300) as progress:
                comparison = compare_documents(src, tgt, settings, encoder=shared_encoder, progress=progress)
            model = build_report(comparison, decisions, created=created)
            path = output / f"{pair.name}.{kind}"
            write_report(model, kind, path)
            entries.append(BatchEntry.of_report(pair, model, path.name))
            typer.echo(f"{prefix}: {model.verdict}", err=True)
        except errors.OutputError:
            raise  # the folder went away or filled up: stop, do not pretend
        except errors.CompareError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            entries.append(BatchEntry(pair.name, str(pair.source), str(pair.target), error=message))
            first_error = first_error or exc
            typer.echo(f"{prefix}: not compared: {message}", err=True)
    entries = sort_entries(entries)
    title = str(manifest or folder)
    write_atomic(output / "index.html", render_index_html(entries, title, created, f"compare {__version__}"))
    write_atomic(
        output / "index.json",
        json.dumps(
            {"schema": "compare.report-index", "schema_version": 1, "created": created, "tool": f"compare {__version__}",
             "reports": [x.as_dict() for x in entries],
             "skipped": [{"path": str(u.path), "reason": u.reason} for u in unmatched]},
            ensure_ascii=False, indent=2,
        ) + "\n",
    )
    done = sum(1 for x in entries if not x.error)
    typer.echo(f"compare: {done} report(s) written to {output} (index: {output / 'index.html'})", err=True)
    if first_error is not None:
        failed = len(entries) - done
        partial = getattr(errors, "PartialFailureError", None)  # shared with the corpus export, once it lands
        if partial is not None:
            raise partial(f"{failed} of {len(entries)} pair(s) could not be compared (listed in the index)")
        raise type(first_error)(f"{failed} of {len(entries)} pair(s) could not be compared (listed in the index)")
    return max((x.worst for x in entries if x.worst), key=severity_rank, default=None)


def _prepare_folder(output: Path, targets: list[Path], overwrite: bool) -> None:
    from compare.errors import OutputError

    if output.exists() and not output.is_dir():
        raise OutputError(f"{output} is a file; a batch writes a folder of reports (give -o FOLDER)")
    if not output.exists():
        parent = output.parent if str(output.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"cannot create {output}: folder {parent} does not exist")
        try:
            output.mkdir()
        except OSError as exc:
            raise OutputError(f"cannot create {output}: {exc.strerror}") from None
    if not os.access(output, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write into {output}: not writable")
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise OutputError(f"{existing[0]}{more} already exist(s); pass --overwrite to replace them")


def _config_error(message: str):
    from compare.errors import ConfigurationError

    return ConfigurationError(message)
