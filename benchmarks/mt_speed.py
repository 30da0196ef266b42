"""Machine-translation throughput and memory: transformers fp32 vs CTranslate2 int8.

    python benchmarks/mt_speed.py [--sentences 64] [--length 48] [--repeats 3]

Two models, each run by both engines on the same inputs:

* ``tiny``: the project's tiny Marian model (``compare models build-tiny``),
  2+2 layers, d_model 64;
* ``opus-shape``: a randomly initialised Marian model with the shape of
  opus-mt-fr-en (6+6 layers, d_model 512, 8 heads, FFN 2048, vocabulary
  59,514), built here because model hubs are unreachable. Random weights
  produce nonsense, so every run is forced to the same output length
  (``min/max_new_tokens`` in transformers, ``min/max_decoding_length`` in
  CTranslate2): the engines do identical amounts of decoding work.

Each (model, engine) runs in its own process (so peak memory is its own),
with the same thread count, greedy decoding and batch size 16; the figure
is the best of ``--repeats`` timed passes after one warm-up pass. Ratios
are computed within one run of this script (the machine is shared).

Also measured: a cached re-run of a comparison with ``--mt`` (the sample
article, tiny model) does no model work.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPUS_SHAPE = dict(d_model=512, layers=6, heads=8, ffn=2048, vocab=59514)


def _status_mb(field: str) -> float:
    """VmRSS / VmHWM from /proc: per address space, so unlike ru_maxrss not
    inherited from the (large) parent that spawned this worker."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def worker(engine: str, folder: Path, name: str, sentences: list[str], length: int, repeats: int, threads: int) -> dict:
    base = _rss_mb()
    if engine == "transformers":
        import torch

        torch.set_num_threads(threads)
        from compare.translate.hf import TransformersTranslator

        translator = TransformersTranslator(folder / name, "fr", "en", beam_size=1, batch_size=16, threads=threads)
        translator._load()
        model, tok = translator._model, translator._tokenizer

        def run():
            outputs = []
            for start in range(0, len(sentences), 16):
                enc = tok(sentences[start : start + 16], return_tensors="pt", padding=True)
                with torch.inference_mode():
                    out = model.generate(**enc, num_beams=1, min_new_tokens=length, max_new_tokens=length)
                outputs.extend(out.tolist())
            return sum(len(o) - 1 for o in outputs)  # minus the decoder start token
    else:
        from compare.translate.ct2 import CT2Translator

        translator = CT2Translator(folder / f"{name}.ct2-int8", "fr", "en", beam_size=1, batch_size=16, threads=threads)
        translator._load()
        tokens = [translator._source_tokens(s) for s in sentences]

        def run():
            results = translator._translator.translate_batch(
                tokens, beam_size=1, max_batch_size=16, min_decoding_length=length, max_decoding_length=length,
            )
            return sum(len(r.hypotheses[0]) for r in results)

    loaded = _rss_mb()
    run()  # warm-up
    times, produced = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        produced = run()
        times.append(time.perf_counter() - start)
    best = min(times)
    return {
        "engine": engine, "model": name, "sentences": len(sentences), "output_tokens": produced,
        "seconds": round(best, 3), "sentences_per_s": round(len(sentences) / best, 2),
        "tokens_per_s": round(produced / best, 1), "rss_model_mb": round(loaded - base, 1),
        "peak_rss_mb": round(_status_mb("VmHWM"), 1),
    }


def build_opus_shape(folder: Path, tiny: Path) -> None:
    """A random Marian model with opus-mt-fr-en's shape, using the tiny tokenizer padded to 59,514 entries."""
    import shutil

    import torch
    from transformers import MarianConfig, MarianMTModel

    target = folder / "opus-shape"
    if (target / "compare-model.json").exists():
        return
    target.mkdir(parents=True, exist_ok=True)
    for f in ("source.spm", "target.spm"):
        shutil.copy2(tiny / f, target / f)
    vocab = json.loads((tiny / "vocab.json").read_text(encoding="utf-8"))
    pad = vocab.pop("<pad>")
    assert pad == len(vocab)
    while len(vocab) < OPUS_SHAPE["vocab"] - 1:
        vocab[f"<filler{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (target / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    from transformers import MarianTokenizer

    tokenizer = MarianTokenizer(str(target / "source.spm"), str(target / "target.spm"), str(target / "vocab.json"))
    tokenizer.save_pretrained(str(target))
    s = OPUS_SHAPE
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=s["vocab"], decoder_vocab_size=s["vocab"], d_model=s["d_model"],
        encoder_layers=s["layers"], decoder_layers=s["layers"], encoder_attention_heads=s["heads"],
        decoder_attention_heads=s["heads"], encoder_ffn_dim=s["ffn"], decoder_ffn_dim=s["ffn"],
        max_position_embeddings=512, pad_token_id=s["vocab"] - 1, eos_token_id=0,
        decoder_start_token_id=s["vocab"] - 1, forced_eos_token_id=0, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    with torch.no_grad():
        model.get_input_embeddings().weight[s["vocab"] - 1].zero_()
    model.save_pretrained(str(target))
    from compare.translate.models import write_manifest

    write_manifest(target, {"name": "opus-shape", "engine": "transformers", "hub_id": "", "revision": "random-seed-0",
                            "langs": ["fr", "en"], "scheme": "marian"})


def ensure_models(folder: Path) -> None:
    from compare.translate.models import convert
    from compare.translate.tiny import build_tiny

    if not (folder / "tiny-fr-en" / "compare-model.json").exists():
        build_tiny("fr", "en", folder)
    build_opus_shape(folder, folder / "tiny-fr-en")
    for name in ("tiny-fr-en", "opus-shape"):
        if not (folder / f"{name}.ct2-int8").exists():
            convert(name, folder, quantization="int8")


def cached_rerun(folder: Path) -> dict:
    """Two comparisons of the sample with --mt in fresh processes sharing one cache."""
    code = (
        "import json,sys,time;from compare.pipeline import Settings,load_documents,compare_documents;"
        f"s=Settings(mt='tiny-fr-en',models_dir={str(folder)!r});t=time.perf_counter();"
        "a,b=load_documents('corpus/iran-israel.fr.txt','corpus/iran-israel.en.txt',s);"
        "c=compare_documents(a,b,s);print(json.dumps({**c.stats,'seconds':round(time.perf_counter()-t,2)}))"
    )
    out = []
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, COMPARE_CACHE_DIR=cache)
        for _ in range(2):
            res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
            out.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return {"first": out[0], "second": out[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=64)
    parser.add_argument("--length", type=int, default=48, help="forced output length in tokens")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--models", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    from compare.translate.tiny import training_pairs

    french = [fr for fr, _ in training_pairs()]
    sentences = (french * (args.sentences // len(french) + 1))[: args.sentences]
    if args.worker:
        engine, name = args.worker
        print(json.dumps(worker(engine, args.models, name, sentences, args.length, args.repeats, args.threads)))
        return

    tmp = None
    folder = args.models
    if folder is None:
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name)
    started = time.time()
    ensure_models(folder)
    print(f"# {len(sentences)} French sentences (the tiny model's training text, repeated), output forced to "
          f"{args.length} tokens, greedy, batch 16, {args.threads} threads, best of {args.repeats} after a warm-up; "
          f"load average {os.getloadavg()[0]:.2f}")
    rows = {}
    for name in ("tiny-fr-en", "opus-shape"):
        for engine in ("transformers", "ctranslate2"):
            cmd = [sys.executable, __file__, "--worker", engine, name, "--models", str(folder),
                   "--sentences", str(args.sentences), "--length", str(args.length),
                   "--repeats", str(args.repeats), "--threads", str(args.threads)]
            res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if res.returncode != 0:
                sys.exit(f"worker failed: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}")
            rows[(name, engine)] = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"{'model':12s} {'engine':13s} {'sent/s':>8s} {'tok/s':>9s} {'out tok':>8s} {'model MB':>9s} {'peak MB':>8s}")
    for (name, engine), r in rows.items():
        print(f"{name:12s} {engine:13s} {r['sentences_per_s']:8.1f} {r['tokens_per_s']:9.0f} {r['output_tokens']:8d} "
              f"{r['rss_model_mb']:9.0f} {r['peak_rss_mb']:8.0f}")
    for name in ("tiny-fr-en", "opus-shape"):
        hf, ct = rows[(name, "transformers")], rows[(name, "ctranslate2")]
        print(f"{name}: CTranslate2 int8 / transformers fp32 = {ct['sentences_per_s'] / hf['sentences_per_s']:.2f}x "
              f"sentences/s (output tokens {ct['output_tokens']} vs {hf['output_tokens']}); "
              f"peak memory {ct['peak_rss_mb']:.0f} MB vs {hf['peak_rss_mb']:.0f} MB")
    rerun = cached_rerun(folder)
    print(f"cached re-run of a comparison with --mt (sample, tiny model): first run {rerun['first']['mt_model_calls']} "
          f"model translations ({rerun['first']['seconds']} s), second run {rerun['second']['mt_model_calls']} "
          f"({rerun['second']['seconds']} s)")
    print(f"# total {time.time() - started:.0f} s; load average {os.getloadavg()[0]:.2f}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
