"""Translation with Hugging Face ``transformers`` (Marian / opus-mt, NLLB, M2M-100).

The model is loaded on first use with ``local_files_only=True`` (no network
at run time; ``compare models pull`` is the only command that downloads).
Batches are grouped by length so little time goes into padding; CUDA is used
when present.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from compare.errors import ModelError
from compare.translate.base import ModelTranslator, length_sorted_batches
from compare.translate.models import NLLB_CODES


class TransformersTranslator(ModelTranslator):
    engine = "transformers"

    def __init__(self, path: str | Path, src_lang: str, tgt_lang: str, **options: Any) -> None:
        super().__init__(path, src_lang, tgt_lang, **options)
        self._model = None
        self._tokenizer = None

    # ---------------------------------------------------------- loading
    def _load(self) -> None:
        if self._model is not None:
            return
        try:
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise ModelError(f"transformers and torch are needed for this model ({exc})") from None
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. "Recommended: pip install sacremoses"
                tokenizer = AutoTokenizer.from_pretrained(str(self.path), local_files_only=True)
                model = AutoModelForSeq2SeqLM.from_pretrained(str(self.path), local_files_only=True)
        except (OSError, ValueError, KeyError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot load the model in {self.path}: {first}") from None
        if self.device is None:
            self.device = "cuda" if torch.cuda.is_available() else "cpu"
        model.to(self.device).eval()
        limit = getattr(model.config, "max_position_embeddings", None) or 512
        self.max_input_tokens = min(limit, 512)
        if self.scheme == "nllb":
            tokenizer.src_lang = NLLB_CODES.get(self.src_lang, self.src_lang)
        elif self.scheme == "m2m100":
            tokenizer.src_lang = self.src_lang
        self._model, self._tokenizer = model, tokenizer

    def _forced_bos(self) -> dict[str, Any]:
        tok = self._tokenizer
        if self.scheme == "nllb":
            return {"forced_bos_token_id": tok.convert_tokens_to_ids(NLLB_CODES.get(self.tgt_lang, self.tgt_lang))}
        if self.scheme == "m2m100":
            return {"forced_bos_token_id": tok.get_lang_id(self.tgt_lang)}
        return {}

    # ---------------------------------------------------------- translating
    def token_count(self, text: str) -> int:
        self._load()
        return len(self._tokenizer(text, add_special_tokens=True)["input_ids"])

    def _generate(self, texts: list[str]) -> list[str]:
        import torch

        self._load()
        tok, model = self._tokenizer, self._model
        lengths = [len(t) for t in texts]
        out: list[str] = [""] * len(texts)
        for batch in length_sorted_batches(lengths, self.batch_size):
            enc = tok([texts[i] for i in batch], return_tensors="pt", padding=True).to(self.device)
            with torch.inference_mode():
                generated = model.generate(
                    **enc,
                    num_beams=self.beam_size,
                    max_new_tokens=self.max_new_tokens,
                    **self._forced_bos(),
                )
            for i, text in zip(batch, tok.batch_decode(generated, skip_special_tokens=True), strict=True):
                out[i] = text
        return out
