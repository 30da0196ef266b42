"""From per-document shards to the exported files, streamed one document at a time.

Two passes over the shards, in document order: the first applies the
filters only to count what they remove (so headers can state the counts),
the second applies them again and hands each document's kept pairs to every
writer. The output files appear only when all writers have finished.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from compare import __version__
from compare.errors import CompareError, OutputError
from compare.export.base import (
    EXPORT_SCHEMA,
    EXPORT_VERSION,
    ExportInfo,
    OutputFiles,
    disk_message,
)
from compare.export.filters import FilterChain
from compare.export.records import read_shard

PIPELINE_KEYS = ("encoder", "segmenter", "aligner", "checks", "profile", "mt")


def export_signature(pipeline: dict[str, Any] | None, settings, run_key: str | None, filters, counts) -> dict[str, Any]:
    """The signature every export carries: tool, models, pipeline settings, filters and what they removed."""
    pipeline = pipeline or {}
    signature: dict[str, Any] = {"tool": f"compare {__version__}", "schema": f"{EXPORT_SCHEMA}/{EXPORT_VERSION}"}
    for key in PIPELINE_KEYS:
        signature[key] = pipeline.get(key)
    signature["settings"] = {
        "langs": [settings.src_lang, settings.tgt_lang] if settings.src_lang else None, "encoder": settings.encoder,
        "presegmented": settings.presegmented, "refine": settings.refine, "checks": settings.checks,
        "lang_check": settings.lang_check, "relatedness_check": settings.relatedness_check,
        "max_bytes": settings.max_bytes, "run_key": run_key,
    }
    signature["filters"] = filters.as_dict()
    signature["counts"] = counts
    return signature


def assemble(state, doc_ids: list[str], options, settings, run_key: str, failed: int = 0):
    """Write ``options.formats`` from the shards of ``doc_ids`` (in that order).

    Returns ``(output paths, counts, per-document summaries, signature)``.
    """
    from compare.export import get_writer_class

    chain = FilterChain(options.filters)
    documents: list[dict[str, Any]] = []
    pipeline = None
    for doc_id in doc_ids:
        doc, pairs = read_shard(state.shard_path(doc_id))
        pipeline = pipeline or doc.signature
        kept = chain.apply(pairs)
        documents.append({
            "id": doc_id,
            "src": {"path": doc.src.path, "sha256": doc.src.sha256},
            "tgt": {"path": doc.tgt.path, "sha256": doc.tgt.sha256},
            "pairs": doc.pairs, "kept": len(kept),
        })
    counts = {"documents": len(doc_ids), "failed": failed, **chain.counts()}
    signature = export_signature(pipeline, settings, run_key, options.filters, counts)
    info = ExportInfo(signature, settings.src_lang, settings.tgt_lang, settings.checks, documents)

    files = OutputFiles()
    target = Path(state.path) / options.name
    try:
        writers = [get_writer_class(fmt)(target, info, files) for fmt in options.formats]
        for writer in writers:
            writer.begin()
        again = FilterChain(options.filters)
        for doc_id in doc_ids:
            doc, pairs = read_shard(state.shard_path(doc_id))
            kept = again.apply(pairs)
            for writer in writers:
                writer.write(doc, kept)
        for writer in writers:
            writer.end()
        if again.counts() != chain.counts():  # pragma: no cover - the filters are deterministic
            raise OutputError("internal error: the two filter passes disagree")
        outputs = files.commit()
    except OSError as exc:
        files.abort()
        where = getattr(exc, "filename", None) or target
        raise OutputError(disk_message(where, exc)) from exc
    except (CompareError, Exception):
        files.abort()
        raise
    return outputs, counts, documents, signature


def write_single(comparison_records, fmt: str, output: Path | None, signature: dict[str, Any],
                 src_lang: str, tgt_lang: str, checks: bool) -> list[Path]:
    """One document (``compare align``): ``output`` is the file (or the stem for several files), None for stdout."""
    from compare.export import get_writer_class
    from compare.export.base import StdoutFiles

    doc, pairs = comparison_records
    cls = get_writer_class(fmt)
    documents = [{"id": doc.id, "src": {"path": doc.src.path, "sha256": doc.src.sha256},
                  "tgt": {"path": doc.tgt.path, "sha256": doc.tgt.sha256}, "pairs": doc.pairs, "kept": len(pairs)}]
    info = ExportInfo(signature, src_lang, tgt_lang, checks, documents)
    if output is None:
        if not cls.single_file:
            raise OutputError(f"--format {fmt} writes several files: give an output stem with -o")
        files: OutputFiles = StdoutFiles()
        target = Path("stdout")
    elif cls.single_file:
        # ``-o pair.xliff``: that file exactly, whatever suffix the format would pick
        output = Path(output)
        target = output.with_suffix("")
        files = OutputFiles(rename={cls.paths(target, src_lang, tgt_lang)[0]: output})
    else:
        target, files = Path(output), OutputFiles()  # a stem: pair -> pair.fr, pair.en, ...
    try:
        writer = cls(target, info, files)
        writer.begin()
        writer.write(doc, pairs)
        writer.end()
        return files.commit()
    except OSError as exc:
        files.abort()
        raise OutputError(disk_message(getattr(exc, "filename", None) or target, exc)) from exc
    except BaseException:
        files.abort()
        raise
