"""The comparison pipeline: load -> segment -> embed -> align -> diverge.

Plain functions returning data. Nothing here prints; long steps report
through an optional ``progress(stage, done, total)`` callback.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare import __version__
from compare.align.base import AlignInput, Aligner, Alignment, Link, ProgressFn
from compare.document import Document
from compare.embed.base import Encoder
from compare.errors import LanguageMismatchError, NotTranslationsError, SameInputError

SCHEMA = "compare.diff"
SCHEMA_VERSION = 1


@dataclass
class Settings:
    """Everything a comparison depends on; recorded in the output signature."""

    src_lang: str | None = None  # None: from the file name, else detected
    tgt_lang: str | None = None
    encoder: str = "e5"
    cache: bool | str = True  # persistent embedding cache (True: user cache dir)
    presegmented: bool = False
    max_bytes: int = 20_000_000
    lang_check: bool = True  # refuse swapped languages
    relatedness_check: bool = True  # refuse texts that are not translations
    profile: str = "balanced"
    thresholds: str | None = None  # a TOML file overriding the packaged thresholds
    checks: bool = True  # run divergence checks (False for `compare align`)
    refine: bool = True  # aligner: second pass on real embeddings of joined spans (align/dp.py)
    mt: str | None = None  # machine translation for the MT-based check: None, "auto", a model name or folder
    back_mt: str | None = None  # back-translation (target -> source) model: None, "auto", a name or folder
    mt_engine: str = "auto"  # "auto" (CTranslate2 copy if installed), "ctranslate2", "transformers"
    mt_beam: int = 4
    models_dir: str | None = None  # None: COMPARE_MODELS_DIR, else the default models folder


@dataclass
class Comparison:
    source: Document
    target: Document
    alignment: Alignment
    pairs: list  # list[compare.diverge.base.Pair]
    flags: list  # list[compare.diverge.base.Flag]
    relatedness: dict[str, Any]
    signature: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    mt: Any = None  # compare.diverge.base.MTReference when machine translation was used
    stats: dict[str, Any] = field(default_factory=dict)  # run facts that are not settings (model calls...)


# ---------------------------------------------------------------- loading
def load_documents(src_path: str | Path, tgt_path: str | Path, settings: Settings) -> tuple[Document, Document]:
    """Read, check and segment both sides; set each document's language."""
    from compare.load import read_document

    src_path, tgt_path = Path(src_path), Path(tgt_path)
    try:
        same = src_path.exists() and tgt_path.exists() and os.path.samefile(src_path, tgt_path)
    except OSError:
        same = False
    if same:
        raise SameInputError(f"both sides are the same file: {src_path}")
    src = read_document(src_path, max_bytes=settings.max_bytes, presegmented=settings.presegmented)
    tgt = read_document(tgt_path, max_bytes=settings.max_bytes, presegmented=settings.presegmented)
    if src.sha256 == tgt.sha256 or src.text.strip() == tgt.text.strip():
        raise SameInputError(f"{src_path} and {tgt_path} hold the same text: nothing to compare")
    resolve_languages(src, tgt, settings)
    segment(src)
    segment(tgt)
    return src, tgt


def resolve_languages(src: Document, tgt: Document, settings: Settings) -> None:
    """Declared language (option, else file name) checked against detection."""
    from compare.langid import detect_language, lang_from_filename

    for doc, declared in ((src, settings.src_lang), (tgt, settings.tgt_lang)):
        doc.lang = declared or (lang_from_filename(doc.path) if doc.path else None)
        lang, conf = detect_language(doc.text)
        doc.lang_detected, doc.lang_confidence = lang, conf
    confident = all((d.lang_confidence or 0) >= 0.9 for d in (src, tgt))
    if src.lang and tgt.lang and confident and src.lang != tgt.lang:
        swapped = src.lang_detected == tgt.lang and tgt.lang_detected == src.lang
        if swapped and settings.lang_check:
            raise LanguageMismatchError(
                f"the files look swapped: {src.path} reads as '{src.lang_detected}' and {tgt.path} as "
                f"'{tgt.lang_detected}'; give the original ('{src.lang}') first, or pass --no-lang-check"
            )
    for doc in (src, tgt):
        if doc.lang is None:
            doc.lang = doc.lang_detected
        elif confident and doc.lang_detected != doc.lang:
            doc.warnings.append(
                f"{doc.path} is declared '{doc.lang}' but reads as '{doc.lang_detected}' "
                f"(confidence {doc.lang_confidence:.2f})"
            )
    if src.lang == tgt.lang and settings.lang_check and confident:
        src.warnings.append(f"both sides read as '{src.lang}': is one of them really a translation?")


def segment(doc: Document) -> None:
    from compare.segment import segment_document

    segment_document(doc, doc.lang or "en")


# ---------------------------------------------------------------- embedding
def embed_sentences(encoder: Encoder, texts: list[str], progress: ProgressFn | None = None, chunk: int = 64):
    import numpy as np

    if not texts:
        return np.zeros((0, encoder.dim or 1), dtype=np.float32)
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(encoder.encode(texts[start : start + chunk]))
        if progress:
            progress("embed", min(len(texts), start + chunk), len(texts))
    return np.vstack(parts)


def align_texts(src_texts, tgt_texts, src_paragraphs, tgt_paragraphs, encoder: Encoder, aligner: Aligner, progress=None):
    """Embed every sentence once and align; returns (alignment, src vectors, tgt vectors)."""
    calls_before = encoder.calls
    vectors = embed_sentences(encoder, list(src_texts) + list(tgt_texts), progress)
    src_vecs, tgt_vecs = vectors[: len(src_texts)], vectors[len(src_texts) :]
    alignment = aligner.align(
        AlignInput(list(src_texts), list(src_paragraphs), src_vecs),
        AlignInput(list(tgt_texts), list(tgt_paragraphs), tgt_vecs),
        progress,
    )
    alignment.stats["encoder_calls"] = encoder.calls - calls_before
    return alignment, src_vecs, tgt_vecs


# ---------------------------------------------------------------- relatedness
def relatedness(alignment: Alignment, src_vecs, tgt_vecs, seed: int = 0) -> dict[str, Any]:
    """Evidence that the two texts are translations of each other.

    Compares the similarity of aligned pairs with that of random pairs of the
    same documents, and counts how many sentences found a counterpart.
    """
    import numpy as np

    n, m = len(src_vecs), len(tgt_vecs)
    linked = [link for link in alignment.links if link.src and link.tgt]
    covered_src = sum(len(link.src) for link in linked)
    covered_tgt = sum(len(link.tgt) for link in linked)
    coverage = (covered_src + covered_tgt) / max(1, n + m)
    sims = [link.similarity for link in linked if link.similarity is not None]
    aligned_median = float(np.median(sims)) if sims else 0.0
    evidence: dict[str, Any] = {"coverage": round(coverage, 3), "aligned_median_similarity": round(aligned_median, 4)}
    partner = {i: set(link.tgt) for link in linked for i in link.src}
    candidates = [(i, j) for i in range(n) for j in range(m) if j not in partner.get(i, ())] if n * m <= 160_000 else None
    if n < MIN_SENTENCES_TO_JUDGE or m < MIN_SENTENCES_TO_JUDGE or candidates == []:
        # too short for a chance level: say so rather than guess
        evidence.update(random_median_similarity=None, gap=None)
        return evidence
    rng = random.Random(seed)
    rand = []
    for _ in range(400):
        i, j = rng.choice(candidates) if candidates is not None else (rng.randrange(n), rng.randrange(m))
        rand.append(float(src_vecs[i] @ tgt_vecs[j]))
    random_median = float(np.median(rand))
    evidence.update(
        random_median_similarity=round(random_median, 4), gap=round(aligned_median - random_median, 4)
    )
    return evidence


MIN_SENTENCES_TO_JUDGE = 3


def looks_unrelated(
    evidence: dict[str, Any], min_gap: float = 0.05, min_coverage: float = 0.5, min_product: float = 0.06
) -> bool:
    """Decide from ``relatedness`` evidence.

    Measured with benchmarks/relatedness.py on 40 dev news documents:
    true translations had coverage 1.0 and a gap of 0.090-0.151; each French
    document against another document's English had coverage 0.11-0.69 and a
    gap of 0.03-0.10, and coverage x gap at most 0.040 (true pairs: at least
    0.090). The product threshold sits between the two.
    """
    if evidence["gap"] is None:
        return False  # too short to judge
    gap, coverage = evidence["gap"], evidence["coverage"]
    return gap < min_gap or coverage < min_coverage or coverage * gap < min_product


# ---------------------------------------------------------------- pairs
def build_pairs(src: Document, tgt: Document, links: list[Link]) -> list:
    from compare.diverge.base import Pair

    pairs = []
    src_pos = tgt_pos = 0  # where an empty side "sits", for display
    for index, link in enumerate(links):
        s_span = src.sentence_range(link.src)
        t_span = tgt.sentence_range(link.tgt)
        if s_span:
            src_pos = s_span.end
        if t_span:
            tgt_pos = t_span.end
        pairs.append(
            Pair(
                index=index,
                link=link,
                src_text=src.text[s_span.start : s_span.end] if s_span else "",
                tgt_text=tgt.text[t_span.start : t_span.end] if t_span else "",
                src_start=s_span.start if s_span else src_pos,
                tgt_start=t_span.start if t_span else tgt_pos,
            )
        )
    return pairs


# ---------------------------------------------------------------- the job
def compare_documents(
    src: Document,
    tgt: Document,
    settings: Settings | None = None,
    *,
    encoder: Encoder | None = None,
    aligner: Aligner | None = None,
    translator=None,
    back_translator=None,
    progress: ProgressFn | None = None,
) -> Comparison:
    """Align two segmented documents and (unless ``settings.checks`` is off) flag divergences.

    ``translator`` / ``back_translator`` (``compare.translate.Translator``)
    override ``settings.mt`` / ``settings.back_mt``, so a batch job can load
    a model once and reuse it.
    """
    settings = settings or Settings()
    if encoder is None:
        from compare.embed import get_encoder

        encoder = get_encoder(settings.encoder, cache=settings.cache)
    if aligner is None:
        from compare.api import default_aligner

        aligner = default_aligner(encoder, refine=settings.refine)
    config = None
    if settings.checks:
        from compare.diverge.decide import load_config

        config = load_config(settings.thresholds, profile=settings.profile)

    alignment, src_vecs, tgt_vecs = align_texts(
        [s.text for s in src.sentences],
        [s.text for s in tgt.sentences],
        [s.paragraph for s in src.sentences],
        [s.paragraph for s in tgt.sentences],
        encoder,
        aligner,
        progress,
    )
    evidence = relatedness(alignment, src_vecs, tgt_vecs)
    if settings.relatedness_check and looks_unrelated(evidence):
        raise NotTranslationsError(
            "these texts do not look like translations of each other: "
            f"aligned pairs are {evidence['aligned_median_similarity']:.2f} similar (median) against "
            f"{evidence['random_median_similarity']:.2f} for random pairs, and "
            f"{evidence['coverage']:.0%} of sentences found a counterpart"
        )
    pairs = build_pairs(src, tgt, alignment.links)
    warnings = [w for doc in (src, tgt) for w in doc.warnings]
    mt_ref, mt_signature, stats = None, None, {}
    if config is not None and "mt" in config.enabled:
        translator, back_translator, mt_signature = resolve_translators(
            settings, src.lang, tgt.lang, translator, back_translator, warnings
        )
        if translator is not None:
            mt_ref, stats = machine_translate(src, tgt, alignment.links, translator, back_translator, progress)
            warnings.extend(note for t in (translator, back_translator) if t is not None for note in t.notes)
    flags: list = []
    if config is not None:
        from compare.diverge import run_checks
        from compare.diverge.base import CheckContext

        ctx = CheckContext(src, tgt, alignment, pairs, src.lang or "und", tgt.lang or "und", mt=mt_ref,
                           encoder=encoder)
        flags = run_checks(ctx, config)
    signature = make_signature(src, tgt, settings, encoder, aligner, config, mt_signature)
    return Comparison(src, tgt, alignment, pairs, flags, evidence, signature, warnings, mt_ref, stats)


# ---------------------------------------------------------------- machine translation
def resolve_translators(settings: Settings, src_lang, tgt_lang, translator, back_translator, warnings):
    """The forward and back translators (given, or built from settings) and the signature's ``mt``.

    ``--mt auto`` without an installed model is not an error: the comparison
    runs without the MT-based check and says so in its warnings and signature.
    """
    from compare.translate import get_translator

    common = dict(engine=settings.mt_engine, folder=settings.models_dir, cache=settings.cache, beam_size=settings.mt_beam)
    reason = None
    if translator is None and settings.mt:
        translator, reason = get_translator(settings.mt, src_lang, tgt_lang, **common)
    if translator is None:
        if settings.mt and reason:
            warnings.append(f"the MT-based check did not run: {reason}")
        return None, None, ({"status": "unavailable", "requested": settings.mt, "reason": reason} if settings.mt else None)
    if back_translator is None and settings.back_mt:
        back_translator, back_reason = get_translator(settings.back_mt, tgt_lang, src_lang, **common)
        if back_translator is None and back_reason:
            warnings.append(f"no back-translation: {back_reason}")
    return translator, back_translator, {
        "status": "used",
        "forward": translator.signature(),
        "backward": back_translator.signature() if back_translator is not None else None,
    }


def machine_translate(src: Document, tgt: Document, links: list[Link], translator, back_translator=None, progress=None):
    """Translate the sentences of linked pairs; return the MTReference and run stats.

    Sentences are translated one by one (so the cache serves them whatever
    the alignment) and joined per pair.
    """
    from compare.diverge.base import MTReference
    from compare.translate import translate_texts

    linked = [(i, link) for i, link in enumerate(links) if link.src and link.tgt]
    calls_before = translator.calls + (back_translator.calls if back_translator is not None else 0)
    src_ids = sorted({k for _, link in linked for k in link.src})
    src_mt = dict(zip(src_ids, translate_texts(translator, [src.sentences[k].text for k in src_ids], progress), strict=True))
    forward = {i: " ".join(src_mt[k] for k in link.src) for i, link in linked}
    backward: dict[int, str] = {}
    tgt_ids: list[int] = []
    if back_translator is not None:
        tgt_ids = sorted({k for _, link in linked for k in link.tgt})
        tgt_mt = dict(zip(tgt_ids, translate_texts(back_translator, [tgt.sentences[k].text for k in tgt_ids], progress), strict=True))
        backward = {i: " ".join(tgt_mt[k] for k in link.tgt) for i, link in linked}
    calls_after = translator.calls + (back_translator.calls if back_translator is not None else 0)
    stats = {"mt_model_calls": calls_after - calls_before, "mt_sentences": len(src_ids) + len(tgt_ids)}
    return MTReference(forward, backward), stats


def make_signature(src: Document, tgt: Document, settings: Settings, encoder, aligner, config, mt=None) -> dict[str, Any]:
    """What a reader needs to reproduce a result: versions, models, settings, inputs."""
    splitter = "presegmented"
    if not settings.presegmented:
        try:
            from importlib.metadata import version

            splitter = f"sentence-splitter=={version('sentence-splitter')}"
        except Exception:  # noqa: BLE001 - metadata is best effort
            splitter = "sentence-splitter"
    return {
        "tool": f"compare {__version__}",
        "schema": f"{SCHEMA}/{SCHEMA_VERSION}",
        "encoder": encoder.signature(),
        "segmenter": splitter,
        "aligner": aligner.settings(),
        "checks": config.as_dict() if config is not None else None,
        "profile": settings.profile if config is not None else None,
        "mt": mt,
        "inputs": [
            {"path": d.path, "sha256": d.sha256, "lang": d.lang, "format": d.format, "encoding": d.encoding}
            for d in (src, tgt)
        ],
    }
