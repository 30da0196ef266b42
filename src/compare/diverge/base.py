"""Divergence checks: each one *scores* an aligned pair and returns evidence.

A separate step (``compare.diverge.decide``) turns scores into severities
using thresholds from configuration, so tuning never touches a check.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from compare.align.base import Alignment, Link
from compare.document import Document, Span

# MQM-style category names.
OMISSION = "accuracy/omission"
ADDITION = "accuracy/addition"
MISTRANSLATION = "accuracy/mistranslation"
NUMBERS = "accuracy/mistranslation/number"
NAMES = "accuracy/mistranslation/entity"
NAME_CONSISTENCY = "fluency/inconsistency/entity"
QUOTATION = "accuracy/mistranslation/quotation"
NEGATION = "accuracy/mistranslation/polarity"
# A word replaced by its opposite ("increase" for "baisse", "after" for "avant").
OPPOSITE = "accuracy/mistranslation/opposite"

SEVERITIES = ("minor", "major", "critical")

# How a reviser names each side, and the other one.
SIDE_LABELS = {"src": ("original", "translation"), "tgt": ("translation", "original")}


def severity_rank(name: str | None) -> int:
    """0 for no severity, then 1 minor, 2 major, 3 critical."""
    return SEVERITIES.index(name) + 1 if name in SEVERITIES else 0


@dataclass
class Pair:
    """One aligned pair as the checks see it. Offsets are absolute in each document."""

    index: int
    link: Link
    src_text: str  # source document text of the pair's span ("" for 0-1)
    tgt_text: str
    src_start: int  # offset of src_text in the source Document.text
    tgt_start: int

    @property
    def kind(self) -> str:
        return self.link.kind

    @property
    def similarity(self) -> float | None:
        return self.link.similarity

    def src_span(self, start: int, end: int) -> Span:
        """Absolute span for a range local to ``src_text``."""
        return Span(self.src_start + start, self.src_start + end)

    def tgt_span(self, start: int, end: int) -> Span:
        return Span(self.tgt_start + start, self.tgt_start + end)

    def side_span(self, side: str, start: int, end: int) -> Span:
        """Absolute span for a range local to the ``side`` ("src" or "tgt") text."""
        return self.src_span(start, end) if side == "src" else self.tgt_span(start, end)


def side_spans(side: str, spans: list[Span]) -> dict[str, list[Span]]:
    """``src_spans`` / ``tgt_spans`` keyword arguments with ``spans`` on ``side``."""
    return {"src_spans": spans if side == "src" else [], "tgt_spans": spans if side == "tgt" else []}


@dataclass
class Finding:
    """What a check reports: a score and the evidence. No severity yet."""

    check: str
    category: str
    pair: int  # Pair.index
    score: float  # check-specific, documented on each check; higher = more divergent
    message: str  # one line a reviser understands
    src_spans: list[Span] = field(default_factory=list)
    tgt_spans: list[Span] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Flag:
    """A finding with the severity the configured thresholds gave it."""

    finding: Finding
    severity: str


@dataclass
class MTReference:
    """Machine translations the MT-based check compares with (see ``diverge.mt``).

    ``forward``: pair index -> machine translation of the pair's original text
    (its sentences translated one by one and joined). ``backward``: pair index
    -> translation of the pair's human translation back into the original's
    language; empty when back-translation is off.
    """

    forward: dict[int, str]
    backward: dict[int, str] = field(default_factory=dict)


@dataclass
class CheckContext:
    """Document-level information available to every check."""

    source: Document
    target: Document
    alignment: Alignment
    pairs: list[Pair]
    src_lang: str
    tgt_lang: str
    stats: dict[str, Any] = field(default_factory=dict)  # filled by checks' prepare()
    mt: MTReference | None = None  # None: no MT model, the MT-based check stays silent
    encoder: Any = None  # the sentence encoder (compare.embed.base.Encoder) for checks that probe; None: no probes
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)  # work shared by checks (the word aligner)
    # texts checks will embed, named in their prepare(): run_checks embeds them all in one
    # encoder call before any run() (one batch on both cores instead of a few small ones)
    wanted: list[str] = field(default_factory=list, repr=False)
    embedded: dict[str, Any] = field(default_factory=dict, repr=False)  # text -> vector, by embed_wanted()

    def want(self, texts) -> None:
        """Ask for ``texts`` to be embedded before the checks run (see ``wanted``)."""
        if self.encoder is not None:
            self.wanted.extend(texts)

    def embed_wanted(self) -> None:
        """Embed what the checks asked for, in one encoder call."""
        if self.encoder is not None and self.wanted:
            texts = [t for t in dict.fromkeys(self.wanted) if t not in self.embedded]
            self.wanted.clear()
            if texts:
                plain = getattr(self.encoder, "encode_vectors", None)
                self.embedded.update(zip(texts, (plain or self.encoder.encode)(texts), strict=True))

    def encode(self, texts) -> Any:
        """The encoder's unit vectors of ``texts`` (an array, one row per text), those
        embedded by :meth:`embed_wanted` served without a model call."""
        import numpy as np

        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.embedded]
        if missing:
            self.embedded.update(zip(missing, self.encoder.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([np.asarray(self.embedded[t], dtype=np.float32) for t in texts])


class Check(ABC):
    """A scorer. Subclasses set ``name`` and implement ``run``."""

    name: str = "base"

    def prepare(self, ctx: CheckContext) -> None:  # noqa: B027 - optional hook
        """Compute document-level statistics once (norms, name inventories...)."""

    @abstractmethod
    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        """Score one pair; return zero or more findings with evidence spans."""
