"""The ``Translator`` interface.

A translator turns a list of sentences into a list of translations of the
same length and order. Model-backed implementations (``transformers`` Marian,
CTranslate2) subclass :class:`ModelTranslator`, which handles what every
model needs the same way:

* empty or blank sentences translate to ``""`` without reaching the model;
* a sentence longer than the model's input limit is split at clause or word
  boundaries, each part translated, and the parts joined; a note says so
  (``notes``), nothing is truncated silently;
* duplicates within a call reach the model once;
* ``calls`` counts the texts sent to the model, so tests and benchmarks can
  tell whether a run did model work.

Decorators (:mod:`compare.translate.cache`, :mod:`compare.translate.pivot`)
wrap any translator and keep the same interface.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Sequence


class Translator(ABC):
    name: str = "base"
    src_lang: str = ""
    tgt_lang: str = ""

    @abstractmethod
    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate each sentence; the output has the same length and order."""

    @property
    def calls(self) -> int:
        """Texts sent to a model so far (0 for a run served from cache)."""
        return 0

    @property
    def notes(self) -> list[str]:
        """Things a user should know about the translations (splits, fallbacks)."""
        return []

    def signature(self) -> dict[str, Any]:
        return {"name": self.name, "src_lang": self.src_lang, "tgt_lang": self.tgt_lang}


# Where a long sentence may be cut, best first: after clause punctuation,
# then before a conjunction-like word boundary (any space).
_CLAUSE_BREAK = re.compile(r"(?<=[;:,\u2014\u2013)\]»\"”])\s+|(?<=[.!?])\s+")


def split_long(text: str, fits, max_parts: int = 10_000) -> list[str]:
    """Cut ``text`` into consecutive parts for which ``fits(part)`` holds.

    Cuts after clause punctuation where possible, else between words, else
    (a single enormous token) between characters. Joining the parts with
    single spaces gives back the text up to whitespace.
    """
    text = text.strip()
    if fits(text):
        return [text]
    pieces = [p for p in _CLAUSE_BREAK.split(text) if p.strip()]
    if len(pieces) == 1:
        pieces = text.split()
    if len(pieces) == 1:  # no space at all: halve by characters
        mid = len(text) // 2
        return split_long(text[:mid], fits, max_parts) + split_long(text[mid:], fits, max_parts)
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if fits(candidate):
            current = candidate
            continue
        if current:
            parts.append(current)
        if fits(piece):
            current = piece
        else:  # one clause is itself too long: split it by words
            sub = split_long(piece, fits, max_parts)
            parts.extend(sub[:-1])
            current = sub[-1]
        if len(parts) > max_parts:
            break
    if current:
        parts.append(current)
    return parts


class ModelTranslator(Translator):
    """Shared behaviour of translators backed by a model (see module docstring).

    Subclasses implement ``_generate`` (translate texts that all fit the
    model) and ``token_count``; they set ``max_input_tokens``.
    """

    max_input_tokens: int = 256
    engine: str = "model"
    precision: str = "float32"

    def __init__(
        self,
        path,
        src_lang: str,
        tgt_lang: str,
        *,
        name: str | None = None,
        revision: str | None = None,
        scheme: str = "marian",
        beam_size: int = 4,
        max_new_tokens: int = 256,
        batch_size: int = 16,
        device: str | None = None,
        threads: int | None = None,
    ) -> None:
        from pathlib import Path

        self.path = Path(path)
        self.name = name or self.path.name
        self.revision = revision
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.scheme = scheme  # how the model marks languages: marian, nllb, m2m100
        self.beam_size, self.max_new_tokens, self.batch_size = beam_size, max_new_tokens, batch_size
        self.device = device  # None: CUDA when present, else CPU
        self.threads = threads
        self._calls = 0
        self._notes: list[str] = []

    def signature(self) -> dict[str, Any]:
        return {
            "name": self.name, "revision": self.revision, "engine": self.engine, "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang, "beam_size": self.beam_size, "max_new_tokens": self.max_new_tokens,
            "precision": self.precision,
        }

    @property
    def calls(self) -> int:
        return self._calls

    @property
    def notes(self) -> list[str]:
        return list(self._notes)

    @abstractmethod
    def _generate(self, texts: list[str]) -> list[str]:
        """Translate non-empty texts that each fit ``max_input_tokens``."""

    @abstractmethod
    def token_count(self, text: str) -> int:
        """Input tokens the model would see for ``text`` (end-of-sentence included)."""

    def translate(self, sentences: Sequence[str]) -> list[str]:
        sentences = list(sentences)
        plans: dict[str, list[str]] = {}  # distinct non-blank sentence -> its parts
        for sentence in sentences:
            if sentence.strip() and sentence not in plans:
                parts = split_long(sentence, lambda t: self.token_count(t) <= self.max_input_tokens)
                if len(parts) > 1:
                    self._notes.append(
                        f"a sentence of {len(sentence):,} characters is longer than the model's "
                        f"{self.max_input_tokens}-token input limit: translated in {len(parts)} parts"
                    )
                plans[sentence] = parts
        todo = list(dict.fromkeys(part for parts in plans.values() for part in parts))
        done: dict[str, str] = {}
        if todo:
            outputs = self._generate(todo)
            if len(outputs) != len(todo):
                raise RuntimeError(f"{self.name}: {len(outputs)} translations for {len(todo)} inputs")
            self._calls += len(todo)
            done = dict(zip(todo, outputs, strict=True))
        joined = {s: " ".join(done[p].strip() for p in parts).strip() for s, parts in plans.items()}
        return [joined.get(s, "") for s in sentences]


def length_sorted_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length (less padding), longest first."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
