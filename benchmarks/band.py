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
    parser.add_argument("--copies", default="2", help="comma-separated; the first size also runs a full search")
    args = parser.parse_args(argv)

    from compare.align.base import AlignInput
    from compare.align.dp import DPAligner, DPSettings
    from compare.embed import get_encoder

    folder = args.data / "align_gold_fr_en"
    base_src: list[str] = []
    base_tgt: list[str] = []
    for gold in sorted(folder.glob("*.gold.tsv")):
        stem = gold.name[: -len(".gold.tsv")]
        base_src += (folder / f"{stem}.fr.sents").read_text(encoding="utf-8").splitlines()
        base_tgt += (folder / f"{stem}.en.sents").read_text(encoding="utf-8").splitlines()
    encoder = get_encoder()
    print("## Banded vs full search on the TransRead novels repeated\n")
    print("| sentences (src x tgt) | search | coarse levels | cells | cells per sentence | seconds |")
    print("|---|---|---:|---:|---:|---:|")
    notes = []
    for k, copies in enumerate(int(c) for c in args.copies.split(",")):
        src, tgt = base_src * copies, base_tgt * copies
        vectors = encoder.encode(src + tgt)
        a = AlignInput(src, [0] * len(src), vectors[: len(src)])
        b = AlignInput(tgt, [0] * len(tgt), vectors[len(src) :])
        runs = [("banded (default)", DPSettings())]
        if k == 0:
            runs.append(("full", DPSettings(full_search_cells=10**12)))
        results = []
        for label, settings in runs:
            start = time.perf_counter()
            alignment = DPAligner(settings).align(a, b)
            seconds = time.perf_counter() - start
            results.append(alignment)
            cells = alignment.stats["cells"]
            print(f"| {len(src)} x {len(tgt)} | {label} | {alignment.stats['coarse_levels']} | {cells:,} | "
                  f"{cells / (len(src) + len(tgt)):.0f} | {seconds:.1f} |")
        if len(results) == 2:
            same = [(l.src, l.tgt) for l in results[0].links] == [(l.src, l.tgt) for l in results[1].links]
            notes.append(f"At {len(src)} x {len(tgt)}, banded and full search give identical links: {'yes' if same else 'no'}.")
    print()
    for note in notes:
        print(note)
    prov = provenance(["benchmarks/band.py", *argv])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}; compare {prov['compare_version']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
