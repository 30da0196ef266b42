"""Removed clauses: can word alignment tell them from free translation? (offline feature study)

The first ``--limit`` dev news documents are run through the pipeline
undamaged and with clauses removed from their English (``divergence.py``'s
``clause`` generator, ``--seeds`` seeds). For every pair, features of the
longer side come from word coverage (``compare.diverge.coverage``: linked
words, each word's best CSLS similarity) and the partial check's length
z-score. Each candidate score's recall on the damaged pairs is read at a
fixed share of undamaged pairs above it (1%, 2%, 3%), the way a threshold
would be set. Nothing here is used by compare; the table is in
docs/divergence.md ("Removed clauses").

    .venv/bin/python benchmarks/clause_features.py --data ../shared/data/dev --limit 40 --seeds 1
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import divergence as dv  # noqa: E402


def side_features(cov, side: str, text: str) -> dict:
    from compare.diverge.structure import clause_bounds

    words, linked = cov._side(side, linked=True)
    best = cov.src_best if side == "src" else cov.tgt_best
    clauses = []
    for a, b in clause_bounds(text):
        ws = [k for k, w in enumerate(words) if w.content and w.start >= a and w.end <= b]
        if ws:
            clauses.append({"content": len(ws), "unlinked": sum(not linked[k] for k in ws),
                            "best": [best[k] for k in ws if best is not None and best[k] is not None]})
    gaps = cov.gaps(side, text)
    gap_chars = sum(1 for ch in text[gaps[0].start:gaps[0].end] if not ch.isspace()) if gaps else 0
    return {"gap": gaps[0].words if gaps else 0, "gap_chars": gap_chars, "clauses": clauses,
            "unlinked": sum(1 for k, w in enumerate(words) if w.content and not linked[k]),
            "best": [v for v in (best or []) if v is not None]}


def pair_rows(fr_doc, en_doc, encoder, settings):
    from compare.diverge.base import CheckContext
    from compare.diverge.coverage import aligner
    from compare.diverge.structure import PartialCheck
    from compare.pipeline import compare_documents

    comp = compare_documents(fr_doc, en_doc, settings, encoder=encoder)
    ctx = CheckContext(comp.source, comp.target, comp.alignment, comp.pairs, "fr", "en", mt=None, encoder=encoder)
    found = aligner(ctx)
    partial = PartialCheck()
    partial.prepare(ctx)
    rows = {}
    probes = []
    for p in ctx.pairs:
        ls, lt = partial._len(p.src_text), partial._len(p.tgt_text)
        if not (p.link.src and p.link.tgt and ls and lt):
            continue
        r = {"z": (partial._dev(ls, lt, partial.ratio) - partial.center) / partial.scale}
        if p.similarity is not None and partial.sim_stats is not None:
            r["zsim"] = (p.similarity - partial.sim_stats[0]) / partial.sim_stats[1]
        cov = found.cover(p)
        r["src"] = side_features(cov, "src", p.src_text)
        r["tgt"] = side_features(cov, "tgt", p.tgt_text)
        rows[p.index] = r
        # the length z-score with the side's longest unlinked run taken out of it
        gs, gt = r["src"]["gap_chars"], r["tgt"]["gap_chars"]
        r["src"]["zrest"] = (partial._dev(ls - gs, lt, partial.ratio) - partial.center) / partial.scale
        r["tgt"]["zrest"] = (partial._dev(ls, lt - gt, partial.ratio) - partial.center) / partial.scale
        for side, text, other_text in (("src", p.src_text, p.tgt_text), ("tgt", p.tgt_text, p.src_text)):
            gaps = cov.gaps(side, text)
            r[side]["probe"] = 0.0
            if gaps and gaps[0].words >= 2:
                cut = " ".join((text[: gaps[0].start] + " " + text[gaps[0].end :]).split())
                probes.append((r[side], cut, text, other_text))
    # clause matching: each comma clause of a side (3+ words) against the other side's
    # clauses, pairs of adjacent clauses and whole text, embedded alone
    from compare.diverge.structure import clause_bounds

    def windows(text):
        cl = [text[a:b] for a, b in clause_bounds(text)]
        return cl, cl + [" ".join(cl[i:i + 2]) for i in range(len(cl) - 1)] + [text]

    clause_items = []
    for p in ctx.pairs:
        if p.index not in rows:
            continue
        for side, text, other_text in (("src", p.src_text, p.tgt_text), ("tgt", p.tgt_text, p.src_text)):
            cl, _ = windows(text)
            cl = [c for c in cl if len(c.split()) >= 3]
            _, win = windows(other_text)
            rows[p.index][side]["clause_best"] = []
            if len(cl) >= 2:
                clause_items.append((rows[p.index][side], cl, win))
    if clause_items:
        texts = list(dict.fromkeys(t for _, cl, win in clause_items for t in (*cl, *win)))
        vec = dict(zip(texts, np.asarray(encoder.encode(texts)), strict=True))
        for feat, cl, win in clause_items:
            w = np.stack([vec[t] for t in win])
            feat["clause_best"] = [(float((w @ vec[c]).max()), len(c.split())) for c in cl]
    if probes:  # deletion probe: is the side closer to the other without its longest unlinked run?
        vecs = np.asarray(encoder.encode([t for _, cut, text, other in probes for t in (cut, text, other)]))
        vecs = vecs.reshape(len(probes), 3, -1)
        for (feat, *_), (cut, text, other) in zip(probes, vecs, strict=True):
            feat["probe"] = float(cut @ other - text @ other)
    return comp, rows


def clause_gap(f, frac=0.75, min_content=2):
    return max([c["unlinked"] for c in f["clauses"] if c["content"] >= min_content
                and c["unlinked"] / c["content"] >= frac] or [0])


def graded_clause(f, tau=0.0):
    out = 0
    for c in f["clauses"]:
        low = sum(1 for b in c["best"] if b < tau)
        if c["best"] and low / len(c["best"]) >= 0.75:
            out = max(out, low)
    return out


def neg_mass(f, tau=0.0):
    return sum(max(0.0, tau - b) for b in f["best"] if b < 3.9)  # 4.0: a shared spelling


def toward(r, side):
    """The length z-score toward ``side`` being the longer one."""
    return -r["z"] if side == "src" else r["z"]


def other(side):
    return "tgt" if side == "src" else "src"


def with_z(feature, weight, min_z=0.5):
    def score(r, side):
        z = toward(r, side)
        return z + weight * feature(r, side) if z > min_z else 0.0
    return score


def explained(r, side):
    """How much of the length deviation toward ``side`` its longest unlinked run explains."""
    z, rest = toward(r, side), toward({"z": r[side]["zrest"]}, side)
    return max(0.0, z - max(rest, 0.0)) if r[side]["gap"] >= 2 else 0.0


def clause_miss(r, side):
    """How far the side's least matched comma clause is from any stretch of the other side."""
    best = r[side].get("clause_best") or []
    return max((1.0 - b for b, _ in best), default=0.0)


SCORES = {
    "clause matching alone (1 - best cosine of the least matched clause)": lambda r, s: clause_miss(r, s),
    "z + 0.5 x run + 100 x probe (<= 1) + 20 x clause miss": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + min(1.0, 100 * r[s]["probe"]) + 20 * clause_miss(r, s), 1.0),
    "z + 0.5 x run + 100 x probe (<= 1) + 40 x clause miss": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + min(1.0, 100 * r[s]["probe"]) + 40 * clause_miss(r, s), 1.0),
    "z + 0.5 x run + 100 x probe + 40 x clause miss (any z)": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + 100 * r[s]["probe"] + 40 * clause_miss(r, s), 1.0, min_z=-9.0),
    "z + 0.5 x longest unlinked run (the check's form)": with_z(lambda r, s: min(r[s]["gap"], 5), 0.5),
    "z + 1.0 x longest unlinked run": with_z(lambda r, s: min(r[s]["gap"], 5), 1.0),
    "z + unlinked words of a clause with >= 75% unlinked": with_z(lambda r, s: min(clause_gap(r[s]), 5), 1.0),
    "z + the larger of the two": with_z(lambda r, s: min(max(r[s]["gap"], clause_gap(r[s])), 5), 1.0),
    "z + words of a clause below a CSLS of 0 (graded)": with_z(lambda r, s: graded_clause(r[s]), 1.0),
    "z + 0.5 x (unlinked content words, longer minus shorter side)":
        with_z(lambda r, s: r[s]["unlinked"] - r[other(s)]["unlinked"], 0.5),
    "z + 2 x (sum of negative CSLS, longer minus shorter side)":
        with_z(lambda r, s: neg_mass(r[s]) - neg_mass(r[other(s)]), 2.0, min_z=0.0),
    "longest unlinked run alone": lambda r, s: r[s]["gap"],
    "deletion probe alone (cosine gain x 100)": lambda r, s: 100 * r[s]["probe"],
    "z + 0.5 x run + 50 x probe gain": with_z(lambda r, s: 0.5 * min(r[s]["gap"], 5) + 50 * r[s]["probe"], 1.0),
    "z + 0.5 x run + 100 x probe gain": with_z(lambda r, s: 0.5 * min(r[s]["gap"], 5) + 100 * r[s]["probe"], 1.0),
    "z + 0.5 x run + 200 x probe gain": with_z(lambda r, s: 0.5 * min(r[s]["gap"], 5) + 200 * r[s]["probe"], 1.0),
    "z + 0.5 x run + 100 x probe (<= 1) + 1.0 x deviation the run explains": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + min(1.0, 100 * r[s]["probe"]) + explained(r, s), 1.0),
    "z + 0.5 x run + 100 x probe (<= 1) + 0.5 x deviation the run explains": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + min(1.0, 100 * r[s]["probe"]) + 0.5 * explained(r, s), 1.0),
    "z + 0.5 x run + 100 x probe (<= 1)": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + min(1.0, 100 * r[s]["probe"]), 1.0),
    "z + 0.5 x run + 100 x probe (<= 1) + 1.5 if the run explains it (rest z < 1)": with_z(
        lambda r, s: 0.5 * min(r[s]["gap"], 5) + min(1.0, 100 * r[s]["probe"])
        + (1.5 if r[s]["gap"] >= 2 and toward({"z": r[s]["zrest"]}, s) < 1.0 else 0.0), 1.0),
    "z + 0.5 x run + 100 x probe gain (any z)":
        with_z(lambda r, s: 0.5 * min(r[s]["gap"], 5) + 100 * r[s]["probe"], 1.0, min_z=-9.0),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--seeds", type=int, default=1)
    args = parser.parse_args(argv)
    from align import provenance
    from compare.embed import get_encoder
    from compare.pipeline import Settings

    encoder, settings = get_encoder(), Settings(profile="balanced")
    docs = dv.load_news(args.data, args.limit)
    all_en = [(d.name, s) for d in docs for s in d.en]
    clean, damaged = [], []
    for d in docs:
        fr_doc = dv.build_document(d.fr, d.fr_paras, "fr", f"{d.name}.fr")
        _, rows = pair_rows(fr_doc, dv.build_document(d.en, d.en_paras, "en", f"{d.name}.en"), encoder, settings)
        clean.extend(rows.values())
        for _, dmg, en_doc in dv.clause_copies(d, args.seeds, all_en):
            comp, rows = pair_rows(fr_doc, en_doc, encoder, settings)
            for x in dmg.damages:
                damaged.append([rows[i] for i in sorted(dv._pairs_of(comp, x)) if i in rows])
    print(f"{len(damaged)} removed clauses, {len(clean)} undamaged pairs\n")
    print("| score (z = length deviation toward the longer side) | recall at 1% | at 2% | at 3% |")
    print("|---|---:|---:|---:|")
    for name, score in SCORES.items():
        neg = np.array([max(score(r, "src"), score(r, "tgt")) for r in clean])
        pos = np.array([max([score(r, "src") for r in rs] or [0.0]) for rs in damaged])
        cells = [f"{(pos > max(np.quantile(neg, 1 - b), 1e-9)).mean():.3f}" for b in (0.01, 0.02, 0.03)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    prov = provenance(["benchmarks/clause_features.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
