"""Any sentence-transformers model (e.g. LaBSE) for users who have it installed.

Loading is explicit: with ``offline=True`` (or ``HF_HUB_OFFLINE=1``) only the
local cache is used and a missing model is a one-line ``ModelError``.
"""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from compare.embed.base import Encoder, normalise_rows
from compare.errors import ModelError


class SentenceTransformerEncoder(Encoder):
    def __init__(self, model: str = "sentence-transformers/LaBSE", offline: bool | None = None, batch_size: int = 32) -> None:
        self.model_id = model
        self.name = f"sentence-transformers/{model.split('/')[-1]}"
        self.offline = offline if offline is not None else os.environ.get("HF_HUB_OFFLINE") == "1"
        self.batch_size = batch_size
        self._model = None
        self._calls = 0

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelError(
                    "sentence-transformers is not installed: pip install 'compare[labse]'"
                ) from exc
            try:
                self._model = SentenceTransformer(self.model_id, local_files_only=self.offline)
            except Exception as exc:  # the library raises many kinds; report one line
                raise ModelError(f"cannot load encoder {self.model_id!r}: {str(exc).splitlines()[0]}") from exc
            self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        model = self._load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)
        self._calls += len(texts)
        return normalise_rows(vecs)

    def signature(self) -> dict:
        return {"name": self.name, "model": self.model_id, "dim": self.dim}
