"""Evidence behind "these texts do not look like translations of each other".

For dev news documents, aligns each French document with its own English
(true pairs) and with another document's English (false pairs), and prints
the range of the two numbers `compare.pipeline.looks_unrelated` decides on
(coverage: share of sentences aligned; gap: median similarity of aligned
pairs minus that of unaligned ones), with how many of each the rule gets
right::

    .venv/bin/python benchmarks/relatedness.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--shift", type=int, default=7, help="false pair: French doc i with English doc i+shift")
    args = parser.parse_args(argv)

    from compare.api import default_aligner
    from compare.embed import get_encoder
    from compare.pipeline import align_texts, looks_unrelated, relatedness

    encoder = get_encoder()
    aligner = default_aligner()
    docs = sorted((args.data / "news_fr_en").glob("*.fr.sents"))[: args.limit]

    def evidence(fr: Path, en: Path) -> dict:
        src = fr.read_text(encoding="utf-8").splitlines()
        tgt = en.read_text(encoding="utf-8").splitlines()
        alignment, sv, tv = align_texts(src, tgt, [0] * len(src), [0] * len(tgt), encoder, aligner)
        return relatedness(alignment, sv, tv)

    def english(p: Path) -> Path:
        return p.with_name(p.name.replace(".fr.sents", ".en.sents"))

    true = [evidence(d, english(d)) for d in docs]
    false = [evidence(d, english(docs[(k + args.shift) % len(docs)])) for k, d in enumerate(docs)]
    print(f"## Relatedness evidence on {len(docs)} dev news documents\n")
    print("| pairs | coverage (min-max) | gap (min-max) | coverage x gap (min-max) | judged unrelated |")
    print("|---|---|---|---|---:|")
    for label, rows in (("own translation", true), (f"another document's English (+{args.shift})", false)):
        cov = [r["coverage"] for r in rows]
        gap = [r["gap"] for r in rows]
        prod = [c * g for c, g in zip(cov, gap, strict=True)]
        judged = sum(looks_unrelated(r) for r in rows)
        print(f"| {label} | {min(cov):.2f}-{max(cov):.2f} | {min(gap):.3f}-{max(gap):.3f} | "
              f"{min(prod):.3f}-{max(prod):.3f} | {judged}/{len(rows)} |")
    prov = provenance(["benchmarks/relatedness.py", *argv])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}; compare {prov['compare_version']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
