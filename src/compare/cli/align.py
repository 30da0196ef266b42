"""``compare align``: sentence alignment only, in interoperable formats."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from compare.cli import _options as o
from compare.cli import app


class AlignFormat(str, Enum):
    vecalign = "vecalign"
    tsv = "tsv"
    json = "json"
    tmx = "tmx"
    xliff = "xliff"
    jsonl = "jsonl"
    moses = "moses"


# Formats written by compare.export's writers (one document, no filters); the others are rendered here.
EXPORT_FORMATS = {AlignFormat.tmx, AlignFormat.xliff, AlignFormat.jsonl, AlignFormat.moses}


@app.command()
def align(
    original: o.Original,
    translation: o.Translation,
    format: Optional[AlignFormat] = typer.Option(
        None, "--format", "-f",
        help="vecalign ('\\[i]:\\[j, k]:score' lines, the default), tsv, json, tmx, xliff, jsonl or moses "
        "(-o STEM: STEM.SRC, STEM.TGT, STEM.ids); default: from the -o extension (.tmx .xlf .xliff .tsv .jsonl .json)",
    ),
    output: o.Output = None,
    langs: o.Langs = None,
    presegmented: o.Presegmented = False,
    encoder: o.EncoderName = "e5",
    no_cache: o.NoCache = False,
    no_lang_check: o.NoLangCheck = False,
    force: o.Force = False,
    refine: o.Refine = True,
    max_mb: o.MaxMb = 20.0,
) -> None:
    """Align ORIGINAL and TRANSLATION sentence by sentence (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1...)."""
    from compare.cli._util import cli_errors, emit

    with cli_errors():
        format = format or format_for_output(output)
        settings = o.pair_settings(langs, presegmented, encoder, no_cache, no_lang_check, force, max_mb, refine, checks=False)
        if format is AlignFormat.moses and output is None:
            from compare.errors import OutputError

            raise OutputError("--format moses writes three files: give their stem with -o (e.g. -o pair)")
        comparison = o.run_comparison(original, translation, settings)
        if format in EXPORT_FORMATS:
            write_export(comparison, format.value, output, settings)
        else:
            emit(render_alignment(comparison, format), output)


def format_for_output(output) -> AlignFormat:
    """The format named by the output file's extension (pair.tmx -> tmx), else vecalign."""
    if output is None:
        return AlignFormat.vecalign
    from compare.export import format_from_path

    name = format_from_path(output)
    if name is None and output.suffix.lower() == ".json":
        return AlignFormat.json
    return AlignFormat(name) if name else AlignFormat.vecalign


def write_export(comparison, fmt: str, output, settings) -> None:
    """One document through the corpus export writers, signature included (no filters, no flags)."""
    from dataclasses import replace
    from pathlib import Path

    from compare.export.assemble import export_signature, write_single
    from compare.export.filters import FilterSettings
    from compare.export.records import from_comparison

    src, tgt = comparison.source, comparison.target
    parts = Path(src.path or "document").name.split(".")
    doc_id = ".".join(parts[:-2]) if len(parts) >= 3 else parts[0]  # NAME of NAME.fr.txt
    doc, pairs = from_comparison(comparison, doc_id, run_key="", root=None, checks=False)
    counts = {"documents": 1, "failed": 0, "pairs": len(pairs), "kept": len(pairs), "removed": {}}
    settings = replace(settings, src_lang=src.lang, tgt_lang=tgt.lang)
    signature = export_signature(comparison.signature, settings, None, FilterSettings(), counts)
    signature["inputs"] = comparison.signature.get("inputs")
    write_single((doc, pairs), fmt, output, signature, src.lang or "src", tgt.lang or "tgt", checks=False)


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
