"""Fast CPU translation with CTranslate2 (int8 by default).

Works on a folder made by ``compare models convert``: ``model.bin`` plus the
SentencePiece models copied from the transformers folder. Tokenisation uses
``sentencepiece`` directly, so this path imports neither torch nor
transformers.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from compare.errors import ModelError
from compare.translate.base import ModelTranslator
from compare.translate.models import NLLB_CODES


class CT2Translator(ModelTranslator):
    engine = "ctranslate2"

    def __init__(
        self, path: str | Path, src_lang: str, tgt_lang: str, *, compute_type: str = "int8", **options: Any
    ) -> None:
        super().__init__(path, src_lang, tgt_lang, **options)
        self.compute_type = self.precision = compute_type
        self.threads = self.threads or (os.cpu_count() or 1)
        self.max_input_tokens = 512
        self._translator = None
        self._sp_src = self._sp_tgt = None

    def _load(self) -> None:
        if self._translator is not None:
            return
        try:
            import ctranslate2
            import sentencepiece as spm
        except ImportError as exc:
            raise ModelError(f"ctranslate2 and sentencepiece are needed for this model ({exc})") from None
        src_model, tgt_model = self._spm_files()
        try:
            device = self.device or ("cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu")
            compute = self.compute_type if device == "cpu" else "int8_float16"
            self._translator = ctranslate2.Translator(
                str(self.path), device=device, compute_type=compute, intra_threads=self.threads
            )
            self.device = device
            self._sp_src = spm.SentencePieceProcessor(model_file=str(src_model))
            self._sp_tgt = spm.SentencePieceProcessor(model_file=str(tgt_model))
        except (RuntimeError, ValueError, OSError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot load the CTranslate2 model in {self.path}: {first}") from None

    def _spm_files(self) -> tuple[Path, Path]:
        src, tgt = self.path / "source.spm", self.path / "target.spm"
        if src.is_file() and tgt.is_file():
            return src, tgt
        shared = sorted(self.path.glob("sentencepiece*.model"))
        if shared:
            return shared[0], shared[0]
        raise ModelError(f"{self.path} has no SentencePiece model (source.spm/target.spm): convert it again")

    def _source_tokens(self, text: str) -> list[str]:
        pieces = self._sp_src.encode(text, out_type=str)
        if self.scheme == "nllb":
            return [NLLB_CODES.get(self.src_lang, self.src_lang), *pieces, "</s>"]
        if self.scheme == "m2m100":
            return [f"__{self.src_lang}__", *pieces, "</s>"]
        return [*pieces, "</s>"]

    def _target_prefix(self) -> list[str] | None:
        if self.scheme == "nllb":
            return [NLLB_CODES.get(self.tgt_lang, self.tgt_lang)]
        if self.scheme == "m2m100":
            return [f"__{self.tgt_lang}__"]
        return None

    def token_count(self, text: str) -> int:
        self._load()
        return len(self._source_tokens(text))

    def _generate(self, texts: list[str]) -> list[str]:
        self._load()
        prefix = self._target_prefix()
        results = self._translator.translate_batch(
            [self._source_tokens(t) for t in texts],
            target_prefix=[prefix] * len(texts) if prefix else None,
            beam_size=self.beam_size,
            max_batch_size=self.batch_size,  # CTranslate2 sorts by length within this
            max_decoding_length=self.max_new_tokens,
        )
        out = []
        for result in results:
            tokens = result.hypotheses[0]
            if prefix and tokens[: len(prefix)] == prefix:
                tokens = tokens[len(prefix) :]
            out.append(self._sp_tgt.decode(tokens))
        return out
