"""Would integer matrix products keep the encoder's sentence vectors? (emulated in numpy)

The encoder's four linear products per layer are run with their operands rounded
as an int8 kernel would see them: weights to int8 per output channel (symmetric),
activations to 8 bits in one of three ways:

- ``tensor``: unsigned, one scale and zero point for the whole activation matrix
  (ONNX Runtime's ``DynamicQuantizeLinear`` + ``MatMulInteger`` on CPU);
- ``token-symmetric``: signed, one scale per token, no zero point (what that kernel
  allows with per-token scales applied outside it);
- ``token``: unsigned, a scale and a zero point per token (not offered by that kernel).

Each mode's pooled sentence vectors are compared with the float32 ones of the same
texts (cosine). The products are computed in float32 on the rounded values, which
is what the integer kernel's result equals up to float rounding. Attention products
stay float32 in every mode.

    .venv/bin/python benchmarks/int8_emulation.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import sys
import types
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance  # noqa: E402

LINEAR = ("qkv.w", "ao.w", "fi.w", "fo.w")


def round_weight(w: np.ndarray) -> np.ndarray:
    """``w`` ([in, out]) rounded to int8 per output channel, back as float32."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return (np.clip(np.rint(w / scale), -127, 127) * scale).astype(np.float32)


def round_activations(x: np.ndarray, mode: str) -> np.ndarray:
    if mode == "token-symmetric":
        scale = np.abs(x).max(axis=1, keepdims=True) / 127.0
        scale[scale == 0] = 1.0
        return (np.rint(x / scale) * scale).astype(np.float32)
    axis = 1 if mode == "token" else None
    lo = np.minimum(x.min(axis=axis, keepdims=True), 0)
    hi = np.maximum(x.max(axis=axis, keepdims=True), 0)
    scale = (hi - lo) / 255.0
    scale = np.where(scale == 0, 1.0, scale)
    zero = np.rint(-lo / scale)
    return ((np.clip(np.rint(x / scale) + zero, 0, 255) - zero) * scale).astype(np.float32)


def pooled(texts: list[str], mode: str | None) -> np.ndarray:
    """The pooled vectors of ``texts``; ``mode``: the activations' rounding (None: float32)."""
    import compare.embed.states as states

    model = states.E5States()
    real = states.np
    if mode is not None:
        rounded: set[int] = set()
        for i in range(model.config.layers):
            lay = model._layer(i)
            for k in LINEAR:
                lay[k] = round_weight(np.asarray(lay[k]))
                rounded.add(id(lay[k]))
        proxy = types.ModuleType("numpy_int8_emulation")
        proxy.__dict__.update(real.__dict__)

        def matmul(x, w, out=None):
            if id(w) in rounded:
                x = round_activations(x, mode)
            return real.matmul(x, w, out=out)

        proxy.matmul = matmul
        states.np = proxy
    try:
        return np.array([s.pooled for s in model.run(texts)])
    finally:
        states.np = real


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="dev data folder (../shared/data/dev)")
    parser.add_argument("--files", type=int, default=40, help="first N news .sents files")
    parser.add_argument("--per-file", type=int, default=13)
    args = parser.parse_args(argv)
    texts: list[str] = []
    for f in sorted((args.data / "news_fr_en").glob("*.sents"))[: args.files]:
        texts += [t for t in f.read_text(encoding="utf-8").splitlines()[: args.per_file] if t.strip()]
    if not texts:
        raise SystemExit(f"no .sents files under {args.data / 'news_fr_en'}")
    ref = pooled(texts, None)
    print(f"## Integer products, emulated: {len(texts)} dev news sentences, cosine to the float32 vectors\n")
    print("| activations | min | 1st percentile | median | below 0.999 |\n|---|---:|---:|---:|---:|")
    for mode in ("tensor", "token-symmetric", "token"):
        vec = pooled(texts, mode)
        cos = (ref * vec).sum(1) / np.linalg.norm(ref, axis=1) / np.linalg.norm(vec, axis=1)
        print(f"| {mode} | {cos.min():.5f} | {np.quantile(cos, 0.01):.5f} | {np.median(cos):.5f} | "
              f"{int((cos < 0.999).sum())} |")
    prov = provenance(["benchmarks/int8_emulation.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
