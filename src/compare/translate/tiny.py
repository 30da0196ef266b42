"""Build the tiny test models offline (``compare models build-tiny``).

A real Marian model in the opus-mt layout, small enough to train in seconds
on the CPU: a SentencePiece vocabulary learnt from a parallel text the
project wrote (``tiny/parallel.fr-en.tsv``), a 2+2-layer ``MarianMTModel``,
and a few dozen optimiser steps on the whole text at once, until it repeats
its training translations. It is saved with ``save_pretrained`` exactly like
a downloaded opus-mt model, so tests exercise the real path (load with
``from_pretrained``, ``generate``, CTranslate2 conversion, cache) without a
network. It translates nothing else usefully.

Two details matter for CTranslate2: ``vocab.json`` follows opus-mt's order
(``</s>`` = 0, ``<unk>`` = 1, the pieces, ``<pad>`` last, also used as the
decoder start token), and the ``<pad>`` embedding row is kept at zero after
every step, as in the released models (CTranslate2 drops the first word
otherwise).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import time
from importlib import resources
from pathlib import Path
from typing import Callable

from compare.errors import ModelError
from compare.translate.models import Installed, finish_install, models_dir, partial_folder, read_manifest

DATA = "parallel.fr-en.tsv"
DEFAULTS = {
    "d_model": 64,
    "layers": 2,
    "heads": 4,
    "vocab_size": 600,
    "learning_rate": 0.01,
    "max_steps": 400,
    "target_loss": 0.01,
    "seed": 0,
}


def training_pairs() -> list[tuple[str, str]]:
    """The (French, English) pairs the tiny models learn."""
    text = resources.files("compare.translate").joinpath("tiny", DATA).read_text(encoding="utf-8")
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise ModelError(f"{DATA} line {number}: expected two tab-separated columns")
        pairs.append((cols[0], cols[1]))
    return pairs


def build_tiny(
    src: str = "fr",
    tgt: str = "en",
    folder: Path | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    **params,
) -> Installed:
    """Train ``tiny-SRC-TGT`` and install it in the models folder; returns it."""
    langs = ("fr", "en")
    if {src, tgt} != set(langs):
        raise ModelError(f"the tiny models know French and English only, not {src}->{tgt}")
    folder = folder or models_dir()
    name = f"tiny-{src}-{tgt}"
    final = folder / name
    if final.exists() and not force:
        read_manifest(final)
        raise ModelError(f"{name} is already built in {final} (pass --force to build it again)")
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        raise ModelError(f"unknown build-tiny parameter(s): {', '.join(sorted(unknown))}")
    p = {**DEFAULTS, **params}
    pairs = training_pairs()
    if src == "en":
        pairs = [(b, a) for a, b in pairs]
    partial = partial_folder(folder, name)
    started = time.perf_counter()
    try:
        stats = _train(pairs, src, tgt, partial, p, progress)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    digest = hashlib.sha256(
        json.dumps([pairs, p], ensure_ascii=False, sort_keys=True).encode("utf-8")
    ).hexdigest()[:12]
    info = {
        "name": name, "engine": "transformers", "hub_id": "", "revision": f"tiny-{digest}",
        "langs": [src, tgt], "multilingual": False, "scheme": "marian", "licence": "same as compare",
        "training": {**stats, "seconds": round(time.perf_counter() - started, 1), "params": p},
    }
    installed = finish_install(partial, final, info, replace=force)
    return Installed(name, installed, "transformers", read_manifest(installed))


def _train(pairs, src, tgt, out: Path, p: dict, progress) -> dict:
    import warnings

    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    torch.manual_seed(p["seed"])
    sources = [a for a, _ in pairs]
    targets = [b for _, b in pairs]

    # one SentencePiece model for both sides, saved as source.spm and target.spm
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sources + targets), model_writer=buffer, vocab_size=p["vocab_size"],
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False, num_threads=1,
        minloglevel=2,
    )
    for side in ("source.spm", "target.spm"):
        (out / side).write_bytes(buffer.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=buffer.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        piece = sp.id_to_piece(i)
        if piece not in ("<unk>", "<s>", "</s>") and piece not in vocab:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses"
        tokenizer = MarianTokenizer(
            str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
            source_lang=src, target_lang=tgt,
        )
    pad = vocab["<pad>"]
    d = p["d_model"]
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), d_model=d,
        encoder_layers=p["layers"], decoder_layers=p["layers"],
        encoder_attention_heads=p["heads"], decoder_attention_heads=p["heads"],
        encoder_ffn_dim=4 * d, decoder_ffn_dim=4 * d, max_position_embeddings=512,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        dropout=0.0, attention_dropout=0.0, activation_dropout=0.0, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
        num_beams=1, max_length=256,
    )
    model = MarianMTModel(config)
    batch = tokenizer(sources, text_target=targets, padding=True, return_tensors="pt")
    labels = batch["labels"].clone()
    labels[labels == pad] = -100
    optimiser = torch.optim.AdamW(model.parameters(), lr=p["learning_rate"])
    embeddings = model.get_input_embeddings()
    model.train()
    loss = float("nan")
    steps = 0
    for steps in range(1, p["max_steps"] + 1):
        result = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels)
        optimiser.zero_grad()
        result.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        with torch.no_grad():
            embeddings.weight[pad].zero_()
        loss = result.loss.item()
        if progress:
            progress(f"training tiny-{src}-{tgt}", steps, p["max_steps"])
        if loss < p["target_loss"]:
            break
    model.eval()
    with torch.inference_mode():
        enc = tokenizer(sources, padding=True, return_tensors="pt")
        # an undertrained model may never stop: cap at the longest reference
        generated = model.generate(**enc, num_beams=1, max_new_tokens=int(labels.shape[1]) + 5)
    outputs = tokenizer.batch_decode(generated, skip_special_tokens=True)
    exact = sum(o == t for o, t in zip(outputs, targets, strict=True))
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    return {"pairs": len(pairs), "steps": steps, "final_loss": round(loss, 5), "exact_match": exact}
