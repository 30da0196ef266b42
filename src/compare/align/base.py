"""Alignment data types and the ``Aligner`` interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np


@dataclass(frozen=True)
class Link:
    """One alignment bead: source sentence indices to target sentence indices.

    ``src`` or ``tgt`` is empty for an omission (1-0) or an addition (0-1).
    ``score`` is the aligner's confidence in [0, 1] (higher is better).
    ``similarity`` is the cosine between the two sides' span vectors
    (None for 1-0 / 0-1).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    similarity: float | None = None

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass
class Alignment:
    links: list[Link]
    settings: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)


@dataclass
class AlignInput:
    """What an aligner sees of one side: sentences, paragraphs and vectors."""

    sentences: Sequence[str]
    paragraph_of: Sequence[int]  # paragraph index of each sentence
    vectors: np.ndarray  # (n, dim), L2-normalised


ProgressFn = Callable[[str, int, int], None]


class Aligner(ABC):
    name: str = "base"

    @abstractmethod
    def align(self, src: AlignInput, tgt: AlignInput, progress: ProgressFn | None = None) -> Alignment:
        """Return links covering every sentence of both sides exactly once, in order."""

    def settings(self) -> dict:
        return {"name": self.name}
