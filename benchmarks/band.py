"""Banded search against full search on a long document pair.

Concatenates the four TransRead novels (twice, so the pair has several
thousand sentences a side), aligns them with the default banded search and
with the search forced over every cell, and prints cells searched, seconds
(alignment only, embeddings taken from the cache) and whether the links agree::

    .venv/bin/python benchmarks/band.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args(argv)

    from compare.align.base import AlignInput
    from compare.align.dp import DPAligner, DPSettings
    from compare.embed import get_encoder

    folder = args.data / "align_gold_fr_en"
    src: list[str] = []
    tgt: list[str] = []
    for gold in sorted(folder.glob("*.gold.tsv")):
        stem = gold.name[: -len(".gold.tsv")]
        src += (folder / f"{stem}.fr.sents").read_text(encoding="utf-8").splitlines()
        tgt += (folder / f"{stem}.en.sents").read_text(encoding="utf-8").splitlines()
    src, tgt = src * args.copies, tgt * args.copies
    vectors = get_encoder().encode(src + tgt)
    a = AlignInput(src, [0] * len(src), vectors[: len(src)])
    b = AlignInput(tgt, [0] * len(tgt), vectors[len(src) :])
    rows = []
    for label, settings in (("banded (default)", DPSettings()), ("full", DPSettings(full_search_cells=10**12))):
        start = time.perf_counter()
        alignment = DPAligner(settings).align(a, b)
        rows.append((label, alignment, time.perf_counter() - start))
    same = [(l.src, l.tgt) for l in rows[0][1].links] == [(l.src, l.tgt) for l in rows[1][1].links]
    print(f"## Banded vs full search, {len(src)} x {len(tgt)} sentences\n")
    print("| search | cells | seconds |")
    print("|---|---:|---:|")
    for label, alignment, seconds in rows:
        print(f"| {label} | {alignment.stats['cells']:,} | {seconds:.1f} |")
    print(f"\nIdentical links: {'yes' if same else 'no'}.")
    prov = provenance(["benchmarks/band.py", *argv])
    print(f"Obtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}; compare {prov['compare_version']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
