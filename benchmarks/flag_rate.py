"""How noisy are the divergence flags on faithful professional translations?

Runs the full `compare diff` pipeline (segmentation, embedding, alignment,
checks at the given profile) on every document pair of the dev news set, whose
English is a professional translation of the French, and prints for each check
the share of aligned pairs it flags at major or above. Some of these flags are
real errors in the reference translations (misspelt names, changed figures), so
this is an upper bound on the noise, not a false-positive rate::

    .venv/bin/python benchmarks/flag_rate.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--profile", default="balanced")
    parser.add_argument("--examples", type=int, default=0, help="print N example messages per check")
    parser.add_argument("--sample", type=int, default=0,
                        help="print N flags drawn at random (any severity) with their pair, to read by hand")
    parser.add_argument("--seed", type=int, default=7, help="seed of the --sample draw")
    args = parser.parse_args(argv)

    from compare.embed import get_encoder
    from compare.pipeline import Settings, compare_documents, load_documents

    encoder = get_encoder()
    settings = Settings(profile=args.profile)
    docs = sorted((args.data / "news_fr_en").glob("*.fr.txt"))
    pairs = 0
    flagged: collections.Counter[str] = collections.Counter()
    flagged_any: collections.Counter[str] = collections.Counter()
    any_flag = any_flag_minor = 0
    examples: dict[str, list[str]] = collections.defaultdict(list)
    links: collections.Counter[str] = collections.Counter()
    every: list[tuple[str, str, str, str, str]] = []  # document, check, severity, message, pair texts
    for fr in docs:
        src, tgt = load_documents(fr, fr.with_name(fr.name.replace(".fr.txt", ".en.txt")), settings)
        comparison = compare_documents(src, tgt, settings, encoder=encoder)
        pairs += len(comparison.pairs)
        links.update(comparison.alignment.stats.get("link_types", {}))
        seen: set[tuple[int, str]] = set()
        seen_any: set[tuple[int, str]] = set()
        for flag in comparison.flags:
            f = flag.finding
            p = comparison.pairs[f.pair]
            every.append((fr.name, f.check, flag.severity, f.message, f"FR: {p.src_text.strip()}\n    EN: {p.tgt_text.strip()}"))
            if (f.pair, f.check) not in seen_any:
                seen_any.add((f.pair, f.check))
                flagged_any[f.check] += 1
            if flag.severity in ("major", "critical") and (f.pair, f.check) not in seen:
                seen.add((f.pair, f.check))
                flagged[f.check] += 1
                examples[f.check].append(f.message)
        any_flag += len({pair for pair, _ in seen})
        any_flag_minor += len({pair for pair, _ in seen_any})
    print(f"## Flags on {len(docs)} dev news documents ({pairs} aligned pairs), profile `{args.profile}`\n")
    print("| check | pairs flagged (any severity) | share | pairs flagged major or above | share |")
    print("|---|---:|---:|---:|---:|")
    for check, count in flagged_any.most_common():
        print(f"| {check} | {count} | {count / pairs:.1%} | {flagged[check]} | {flagged[check] / pairs:.1%} |")
    print(f"| any check | {any_flag_minor} | {any_flag_minor / pairs:.1%} | {any_flag} | {any_flag / pairs:.1%} |")
    print(f"\nLink types found: {dict(links)}")
    for check in flagged:
        for message in examples[check][: args.examples]:
            print(f"- {check}: {message}")
    if args.sample:
        import random

        print(f"\n### {args.sample} flags drawn at random (seed {args.seed}) of {len(every)}\n")
        for k, (doc, check, severity, message, texts) in enumerate(
                random.Random(args.seed).sample(every, min(args.sample, len(every))), 1):
            print(f"{k}. [{check}, {severity}] {doc}: {message}\n    {texts}\n")
    prov = provenance(["benchmarks/flag_rate.py", *argv])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}; compare {prov['compare_version']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
