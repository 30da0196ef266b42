"""Fit the partial check's removed-clause model on the calibration set, and say what it gains.

Every dev news document is compared undamaged and, for ``--seeds`` seeds,
with comma clauses removed from its English (``divergence.py``'s ``clause``
generator, the calibration set). For every pair the partial check's
``features`` are taken (``compare.diverge.structure.CLAUSE_FEATURES``): both
sides of undamaged pairs are negatives, the French side of the pairs holding a
removed clause is positive. A logistic regression (standardised features, L2
penalty ``--l2``, Newton steps) is fitted

- in 5 folds of documents, to read its recall out of fold at a fixed share of
  undamaged pairs scored above it (1%, 2%, 3%, 5%; a pair scores the larger
  of its two sides), against the check's hand-set sum (length z-score, half
  the similarity shortfall, 0.5 a word of the run, the run's deletion probe)
  read the same way;
- on everything, to print ``CLAUSE_MODEL`` for ``diverge/structure.py``.

The held-out benchmark (``heldout.py``) never enters: the model is judged
there after it is fixed here. Nothing is written; paste the printed tuple::

    .venv/bin/python benchmarks/clause_model.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import divergence as dv  # noqa: E402


def side_rows(fr_doc, en_doc, encoder, settings, model: bool):
    """(comparison, {pair index: {"src": features, "tgt": features}})."""
    from compare.diverge.base import CheckContext
    from compare.diverge.structure import PartialCheck
    from compare.pipeline import compare_documents

    comp = compare_documents(fr_doc, en_doc, settings, encoder=encoder)
    ctx = CheckContext(comp.source, comp.target, comp.alignment, comp.pairs, "fr", "en", mt=None, encoder=encoder)
    partial = PartialCheck(model=model)
    partial.prepare(ctx)
    rows = {}
    for p in ctx.pairs:
        both = {side: partial.features(p, ctx, side) for side in ("src", "tgt")}
        if both["src"] is not None:
            rows[p.index] = both
    return comp, rows


def hand_score(x: list[float]) -> float:
    """The check's sum without the model (features: toward, shortfall, run, ..., probe x 100 clipped)."""
    toward, shortfall, run, probe = x[0], x[1], x[2], x[4]
    run = run if run >= 2 else 0
    if toward >= 0.5:
        return toward + 0.5 * shortfall + 0.5 * min(run, 5) + (min(1.0, probe) if run and probe >= 1.5 else 0.0)
    if not run:
        return -9.0
    return toward + 0.5 * min(run, 5) + min(2.0, probe)


def fit(X: np.ndarray, y: np.ndarray, l2: float, steps: int = 30):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.c_[np.ones(len(X)), (X - mu) / sd]
    w = np.zeros(Z.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-Z @ w))
        grad = Z.T @ (p - y) + penalty @ w
        hess = (Z * (p * (1 - p))[:, None]).T @ Z + penalty
        w -= np.linalg.solve(hess, grad)
    return float(w[0]), mu, sd, w[1:]


def logit(model, X: np.ndarray) -> np.ndarray:
    bias, mu, sd, w = model
    return bias + ((X - mu) / sd) @ w


def recall_at(neg: np.ndarray, pos: np.ndarray, shares=(0.01, 0.02, 0.03, 0.05)) -> list[float]:
    return [float((pos > np.quantile(neg, 1 - b)).mean()) for b in shares]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--fold-seed", type=int, default=0, help="seed of the documents' split into folds")
    args = parser.parse_args(argv)
    from align import provenance
    from compare.diverge.structure import CLAUSE_FEATURES
    from compare.embed import get_encoder
    from compare.pipeline import Settings

    from compare.diverge import structure

    structure.CLAUSE_MODEL = None  # the pipeline's own checks run without it: the features do not depend on it
    encoder, settings = get_encoder(), Settings(profile="balanced")
    docs = dv.load_news(args.data, args.limit)
    all_en = [(d.name, s) for d in docs for s in d.en]
    clean, damaged = [], []  # (document, rows)
    for d in docs:
        fr_doc = dv.build_document(d.fr, d.fr_paras, "fr", f"{d.name}.fr")
        _, rows = side_rows(fr_doc, dv.build_document(d.en, d.en_paras, "en", f"{d.name}.en"), encoder, settings,
                            model=False)
        clean.extend((d.name, r) for r in rows.values())
        for _, dmg, en_doc in dv.clause_copies(d, args.seeds, all_en):
            comp, rows = side_rows(fr_doc, en_doc, encoder, settings, model=False)
            for x in dmg.damages:
                damaged.append((d.name, [rows[i]["src"] for i in sorted(dv._pairs_of(comp, x)) if i in rows]))

    names = sorted({name for name, _ in clean})
    random.Random(args.fold_seed).shuffle(names)
    fold = {name: k % 5 for k, name in enumerate(names)}
    neg = np.array([[r["src"], r["tgt"]] for _, r in clean], dtype=float)
    neg_fold = np.array([fold[name] for name, _ in clean])
    pos = [np.array(rs, dtype=float).reshape(-1, len(CLAUSE_FEATURES)) for _, rs in damaged]
    pos_fold = np.array([fold[name] for name, _ in damaged])

    out_neg, out_pos = np.zeros(len(neg)), np.full(len(pos), -99.0)
    for k in range(5):
        train_pos = [x for x, f in zip(pos, pos_fold, strict=True) if f != k and len(x)]
        X = np.r_[neg[neg_fold != k].reshape(-1, len(CLAUSE_FEATURES)), *train_pos]
        y = np.r_[np.zeros(2 * int((neg_fold != k).sum())), np.ones(sum(len(x) for x in train_pos))]
        model = fit(X, y, args.l2)
        test = neg[neg_fold == k]
        out_neg[neg_fold == k] = np.maximum(logit(model, test[:, 0]), logit(model, test[:, 1]))
        for i in np.where(pos_fold == k)[0]:
            if len(pos[i]):
                out_pos[i] = logit(model, pos[i]).max()
    hand_neg = np.array([max(hand_score(r[0]), hand_score(r[1])) for r in neg])
    hand_pos = np.array([max([hand_score(x) for x in rs] or [-99.0]) for rs in pos])

    print(f"{len(damaged)} removed clauses, {len(clean)} undamaged pairs ({len(docs)} documents, {args.seeds} seeds)\n")
    print("| score | recall at 1% of undamaged pairs | 2% | 3% | 5% |")
    print("|---|---:|---:|---:|---:|")
    for label, (n, p) in (("the check's hand-set sum", (hand_neg, hand_pos)),
                          ("logistic model, out of fold (5 folds of documents)", (out_neg, out_pos))):
        print(f"| {label} | " + " | ".join(f"{v:.3f}" for v in recall_at(n, p)) + " |")

    X = np.r_[neg.reshape(-1, len(CLAUSE_FEATURES)), *[x for x in pos if len(x)]]
    y = np.r_[np.zeros(2 * len(neg)), np.ones(sum(len(x) for x in pos))]
    bias, mu, sd, w = fit(X, y, args.l2)
    print("\nWeights (standardised features):")
    for name, v in zip(CLAUSE_FEATURES, w, strict=True):
        print(f"  {name:22s} {v:+.3f}")
    r = lambda a: tuple(round(float(v), 4) for v in a)  # noqa: E731
    print(f"\nCLAUSE_MODEL = ({round(bias, 4)}, {r(mu)}, {r(sd)}, {r(w)})")
    prov = provenance(["benchmarks/clause_model.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
