"""The ``Encoder`` interface: sentences in, L2-normalised vectors out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

import numpy as np


class Encoder(ABC):
    """Turns sentences into unit-length vectors in a shared multilingual space."""

    name: str = "base"
    dim: int = 0

    @abstractmethod
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), rows L2-normalised."""

    def signature(self) -> dict:
        """What identifies this encoder in an output's signature."""
        return {"name": self.name, "dim": self.dim}

    @property
    def calls(self) -> int:
        """Number of sentences actually sent to the model (cache misses)."""
        return getattr(self, "_calls", 0)


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms
