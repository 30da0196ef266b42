"""Pairs much less similar than the rest of the document (possible mistranslation)."""

from __future__ import annotations

from compare.diverge._common import Configurable, robust_location_scale, strip_bounds
from compare.diverge.base import MISTRANSLATION, Check, CheckContext, Finding, Pair


class SimilarityCheck(Configurable, Check):
    """Robust z-score of the pair's similarity against the document.

    Encoder cosines sit in a narrow high band (about 0.75-0.95) whose position
    depends on the encoder and the language pair, so no fixed cosine threshold
    is used: the median and MAD over the document's 1-1 pairs define "usual".
    Score: ``-z`` (how many robust standard deviations *below* the median the
    pair is); pairs at or above the median score <= 0 and are not reported.
    Needs at least ``min_pairs`` pairs with a similarity, else reports nothing.
    """

    name = "similarity"
    options = {"min_pairs": 5, "min_scale": 0.015, "min_score": 1.5}

    def prepare(self, ctx: CheckContext) -> None:
        sims = [p.similarity for p in ctx.pairs if p.similarity is not None and p.kind == "1-1"]
        if len(sims) < self.opts["min_pairs"]:
            sims = [p.similarity for p in ctx.pairs if p.similarity is not None]
        if len(sims) < self.opts["min_pairs"]:
            self.stats = None
        else:
            self.stats = robust_location_scale(sims, self.opts["min_scale"])
            ctx.stats["similarity"] = {
                "median": round(self.stats[0], 4),
                "scale": round(self.stats[1], 4),
                "pairs": len(sims),
            }

    def run(self, pair: Pair, ctx: CheckContext) -> list[Finding]:
        if self.stats is None or pair.similarity is None:
            return []
        if not (pair.src_text.strip() and pair.tgt_text.strip()):
            return []
        med, sd = self.stats
        z = (pair.similarity - med) / sd
        if -z < self.opts["min_score"]:
            return []
        s0, s1 = strip_bounds(pair.src_text)
        t0, t1 = strip_bounds(pair.tgt_text)
        return [
            Finding(
                check=self.name,
                category=MISTRANSLATION,
                pair=pair.index,
                score=round(-z, 4),
                message=(
                    f"the meaning may differ: this pair is much less similar than the others of the document "
                    f"(similarity {pair.similarity:.2f}; half of the pairs are above {med:.2f})"
                ),
                src_spans=[pair.src_span(s0, s1)],
                tgt_spans=[pair.tgt_span(t0, t1)],
                details={"similarity": pair.similarity, "median": med, "scale": sd, "z": round(z, 3)},
            )
        ]
