"""``compare translate``: machine-translate a document, keeping its paragraphs and line breaks."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from compare.cli import _options as o
from compare.cli import app


@app.command()
def translate(
    document: Path = typer.Argument(..., help="The document to translate (.txt .md .html .docx .sents)"),
    to: str = typer.Option(..., "--to", help="Target language, e.g. en"),
    source_lang: Optional[str] = typer.Option(None, "--from", help="Source language (default: file name, else detected)"),
    output: o.Output = None,
    mt: o.Mt = "auto",
    mt_engine: o.MtEngine = "auto",
    mt_beam: o.MtBeam = 4,
    models_dir: o.ModelsDir = None,
    presegmented: o.Presegmented = False,
    no_cache: o.NoCache = False,
    max_mb: o.MaxMb = 20.0,
) -> None:
    """Translate DOCUMENT sentence by sentence; everything between sentences stays as it is."""
    import sys

    from compare.cli._util import cli_errors, emit, progress_reporter
    from compare.errors import ConfigurationError, ModelError

    with cli_errors():
        from compare.langid import detect_language, lang_from_filename
        from compare.load import read_document
        from compare.segment import segment_document
        from compare.translate import get_translator, translate_document

        doc = read_document(document, max_bytes=int(max_mb * 1_000_000), presegmented=presegmented)
        lang = source_lang or lang_from_filename(doc.path) or detect_language(doc.text)[0]
        if not lang:
            raise ConfigurationError(f"cannot tell the language of {document}; pass --from")
        if lang == to:
            raise ConfigurationError(f"{document} is already in '{to}'")
        if mt.lower() in ("none", "off"):
            raise ConfigurationError("--mt none: nothing to translate with")
        translator, reason = get_translator(
            mt, lang, to, engine=mt_engine, folder=models_dir, cache=not no_cache, beam_size=mt_beam
        )
        if translator is None:
            raise ModelError(reason)
        segment_document(doc, lang)
        with progress_reporter(len(doc.sentences) > 50) as progress:
            text = translate_document(doc, translator, progress)
        for note in [*doc.warnings, *translator.notes]:
            sys.stderr.write(f"compare: note: {note}\n")
        emit(text, output)
