"""Machine translation: find a model, build a translator, translate documents.

``get_translator(spec, src, tgt)`` turns what a user typed after ``--mt``
into a ready :class:`Translator` (or None with the reason, for ``auto``):

* ``none`` - no MT;
* ``auto`` - an installed model for the pair (bilingual first), else a pivot
  through English with two installed models, else None and a message naming
  the command that installs one;
* a registry name (``opus-mt-fr-en``) - that model, installed in the models folder;
* a folder path - a transformers or CTranslate2 model folder.

Engines: ``ctranslate2`` (a copy made by ``compare models convert``), or
``transformers``; ``auto`` prefers the CTranslate2 copy when there is one.
Every model translator is wrapped in a :class:`CachedTranslator`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from compare.errors import ConfigurationError, ModelError
from compare.translate.base import Translator

__all__ = ["Translator", "get_translator", "translate_document", "ENGINES"]

ENGINES = ("auto", "ctranslate2", "transformers")
PIVOT = "en"


def get_translator(
    spec: str | None,
    src_lang: str,
    tgt_lang: str,
    *,
    engine: str = "auto",
    folder: Path | None = None,
    cache: bool | str = True,
    beam_size: int = 4,
    threads: int | None = None,
) -> tuple[Translator | None, str | None]:
    """(translator, None), or (None, why not) when ``spec`` is ``auto`` or ``none``.

    Raises ModelError for a named model that is missing, damaged or made for
    another language pair, ConfigurationError for a bad engine.
    """
    from compare.translate.models import installed_models, load_registry, models_dir

    if engine not in ENGINES:
        raise ConfigurationError(f"unknown MT engine {engine!r}; known: {', '.join(ENGINES)}")
    if spec is None or spec.lower() in ("none", "off", "no"):
        return None, "machine translation off"
    folder = Path(folder) if folder else models_dir()
    opts = dict(engine=engine, folder=folder, cache=cache, beam_size=beam_size, threads=threads)

    if spec.lower() == "auto":
        registry = load_registry(folder)
        installed, _ = installed_models(folder)
        eligible = [m for m in installed if registry.get(m.name) is None or registry[m.name].auto]

        def direct(src: str, tgt: str) -> str | None:
            names = [m.name for m in sorted(eligible, key=lambda m: m.multilingual) if m.covers(src, tgt)]
            return names[0] if names else None

        name = direct(src_lang, tgt_lang)
        if name:
            return _build(name, src_lang, tgt_lang, **opts), None
        first, second = direct(src_lang, PIVOT), direct(PIVOT, tgt_lang)
        if PIVOT not in (src_lang, tgt_lang) and first and second:
            from compare.translate.pivot import PivotTranslator

            return PivotTranslator(
                _build(first, src_lang, PIVOT, **opts), _build(second, PIVOT, tgt_lang, **opts)
            ), None
        from compare.translate.models import candidates_for

        wanted = candidates_for(src_lang, tgt_lang, registry)
        hint = f"; install one with: compare models pull {wanted[0].name}" if wanted else ""
        return None, f"no machine-translation model installed for {src_lang}->{tgt_lang} in {folder}{hint}"
    return _build(spec, src_lang, tgt_lang, **opts), None


def _build(spec, src_lang, tgt_lang, *, engine, folder, cache, beam_size, threads) -> Translator:
    from compare.translate.models import Installed, find_installed, read_manifest

    path = Path(spec).expanduser()
    if path.is_dir() and (path / "config.json").exists() or "/" in spec or path.is_absolute():
        if not path.is_dir():
            raise ModelError(f"model folder {path} does not exist")
        installed = _from_folder(path, read_manifest, Installed)
    else:
        installed = None
        if engine in ("auto", "ctranslate2"):
            try:
                installed = find_installed(spec, "ctranslate2", folder)
                import ctranslate2  # noqa: F401 - usable?
            except ModelError:
                if engine == "ctranslate2":
                    raise
                installed = None
            except ImportError:
                if engine == "ctranslate2":
                    raise ModelError("CTranslate2 is not installed: pip install ctranslate2") from None
                installed = None
        if installed is None:
            installed = find_installed(spec, "transformers", folder)
    if installed.langs and not installed.covers(src_lang, tgt_lang):
        what = "/".join(installed.langs) if installed.multilingual else "->".join(installed.langs[:2])
        raise ModelError(
            f"model {installed.name} translates {what}, not {src_lang}->{tgt_lang}"
        )
    common = dict(
        name=installed.name, revision=installed.manifest.get("revision"), scheme=installed.scheme,
        beam_size=beam_size, threads=threads,
    )
    if installed.engine == "ctranslate2":
        from compare.translate.ct2 import CT2Translator

        inner: Translator = CT2Translator(
            installed.path, src_lang, tgt_lang, compute_type=installed.quantization or "int8", **common
        )
    else:
        from compare.translate.hf import TransformersTranslator

        inner = TransformersTranslator(installed.path, src_lang, tgt_lang, **common)
    return _cached(inner, cache)


def _from_folder(path: Path, read_manifest, Installed):
    """A folder given by path: with our manifest, or a bare transformers / CTranslate2 folder."""
    from compare.translate.models import MANIFEST

    if (path / MANIFEST).exists():
        manifest = read_manifest(path)
        return Installed(manifest.get("name", path.name), path, manifest.get("engine", "transformers"), manifest)
    if (path / "model.bin").is_file():
        return Installed(path.name, path, "ctranslate2", {"quantization": "int8"})
    if (path / "config.json").is_file():
        return Installed(path.name, path, "transformers", {})
    raise ModelError(f"{path} is not a model folder (no config.json or model.bin)")


def _cached(inner: Translator, cache: bool | str) -> Translator:
    from compare.store import default_cache_dir
    from compare.translate.cache import CachedTranslator

    if cache is False:
        return CachedTranslator(inner)
    return CachedTranslator(inner, default_cache_dir() / "translations.sqlite" if cache is True else cache)


def translate_document(
    doc, translator: Translator, progress: Callable[[str, int, int], None] | None = None, chunk: int = 32
) -> str:
    """The document's text with each sentence replaced by its translation.

    Everything between sentences (spaces, line breaks, blank lines, list
    markers) is kept as it is, so paragraphs and line breaks survive.
    """
    sentences = sorted(doc.sentences, key=lambda s: s.start)
    out = translate_texts(translator, [s.text for s in sentences], progress, chunk)
    pieces, pos = [], 0
    for sentence, translated in zip(sentences, out, strict=True):
        pieces.append(doc.text[pos : sentence.start])
        pieces.append(translated)
        pos = sentence.end
    pieces.append(doc.text[pos:])
    return "".join(pieces)


def translate_texts(translator: Translator, texts: Sequence[str], progress=None, chunk: int = 32) -> list[str]:
    """Translate in chunks, reporting progress as ``("translate", done, total)``."""
    texts = list(texts)
    out: list[str] = []
    for start in range(0, len(texts), chunk):
        out.extend(translator.translate(texts[start : start + chunk]))
        if progress:
            progress("translate", min(len(texts), start + chunk), len(texts))
    return out
