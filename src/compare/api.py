"""The library's front door: plain functions the CLI and benchmarks call."""

from __future__ import annotations

from typing import Sequence

from compare.align.base import Aligner, Alignment, ProgressFn
from compare.embed.base import Encoder


def default_aligner(encoder: Encoder | None = None, refine: bool = True) -> Aligner:
    """The DP aligner; with ``refine`` (and an encoder) a second pass on real embeddings of joined spans."""
    from compare.align.dp import DPAligner, DPSettings

    spans = None if encoder is None else getattr(encoder, "encode_vectors", encoder.encode)
    return DPAligner(DPSettings(refine=refine), span_encoder=spans)


def align_sentences(
    src_sents: Sequence[str],
    tgt_sents: Sequence[str],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    encoder: Encoder | None = None,
    aligner: Aligner | None = None,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    progress: ProgressFn | None = None,
) -> Alignment:
    """Align two lists of sentences; paragraph indices are optional.

    Each distinct sentence is embedded once, then (default aligner) the
    joined text of candidate spans of 2-4 sentences around the links the
    first pass did not make 1-1. ``Alignment.stats["encoder_calls"]`` counts
    the texts actually sent to the model.
    """
    if encoder is None:
        from compare.embed import get_encoder

        encoder = get_encoder()
    aligner = aligner or default_aligner(encoder)
    from compare.pipeline import align_texts

    alignment, _, _ = align_texts(
        src_sents,
        tgt_sents,
        src_paragraphs if src_paragraphs is not None else [0] * len(src_sents),
        tgt_paragraphs if tgt_paragraphs is not None else [0] * len(tgt_sents),
        encoder,
        aligner,
        progress,
    )
    alignment.settings["langs"] = [src_lang, tgt_lang]
    return alignment
