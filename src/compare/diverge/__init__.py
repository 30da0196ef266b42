"""Divergence checks between an aligned original and translation.

Each check (one module per check family) *scores* aligned pairs and returns
:class:`~compare.diverge.base.Finding` objects with evidence spans;
:mod:`compare.diverge.decide` turns scores into severities using thresholds
from configuration. Checks are found through ``CHECKS``, a name ->
"module:Class" registry, and imported only when used.
"""

from __future__ import annotations

from typing import Callable

from compare.diverge.base import Check, CheckContext, Flag, severity_rank
from compare.errors import ConfigurationError
from compare.registry import import_target

__all__ = ["CHECKS", "available_checks", "get_check_class", "make_check", "pair_scores", "run_checks"]

CHECKS: dict[str, str] = {
    "omission": "compare.diverge.structure:OmissionCheck",
    "addition": "compare.diverge.structure:AdditionCheck",
    "partial": "compare.diverge.structure:PartialCheck",
    "coverage": "compare.diverge.coverage:CoverageCheck",
    "similarity": "compare.diverge.similarity:SimilarityCheck",
    "numbers": "compare.diverge.numbers:NumbersCheck",
    "names": "compare.diverge.names:NamesCheck",
    "name_consistency": "compare.diverge.names:NameConsistencyCheck",
    "quotes": "compare.diverge.quotes:QuotesCheck",
    "negation": "compare.diverge.negation:NegationCheck",
    "opposites": "compare.diverge.opposites:OppositesCheck",
    "mt": "compare.diverge.mt:MTCheck",
}


def available_checks() -> list[str]:
    return list(CHECKS)


def get_check_class(name: str) -> type[Check]:
    """Import and return the class registered under ``name``."""
    try:
        target = CHECKS[name]
    except KeyError:
        raise ConfigurationError(
            f"checks.{name}: unknown check (known: {', '.join(sorted(CHECKS))})"
        ) from None
    return import_target(target)


def make_check(name: str, **options) -> Check:
    return get_check_class(name)(**options)


ProgressFn = Callable[[str, int, int], None]


def run_checks(ctx: CheckContext, config=None, progress: ProgressFn | None = None) -> list[Flag]:
    """Run every enabled check on every pair and decide severities.

    Every check's ``prepare(ctx)`` runs once, then the texts they asked to have
    embedded (``ctx.want``) are embedded in one encoder call, then each check's
    ``run(pair, ctx)`` on each pair. Findings below their check's lowest threshold are dropped. Returns
    flags sorted by pair index, then by decreasing severity.
    ``progress(check_name, done, total)`` is called after each check if given.
    """
    from compare.diverge.decide import load_config

    if config is None:
        config = load_config()
    flags: list[Flag] = []
    enabled = config.enabled
    checks = [make_check(name, **config.options(name)) for name in enabled]
    for check in checks:  # every check prepared first: what they will embed, embedded at once
        check.prepare(ctx)
    ctx.embed_wanted()
    for done, (name, check) in enumerate(zip(enabled, checks, strict=True), 1):
        for pair in ctx.pairs:
            for finding in check.run(pair, ctx):
                severity = config.decide(finding)
                if severity is not None:
                    flags.append(Flag(finding=finding, severity=severity))
        if progress is not None:
            progress(name, done, len(enabled))
    order = {name: i for i, name in enumerate(CHECKS)}
    flags.sort(
        key=lambda f: (
            f.finding.pair,
            -severity_rank(f.severity),
            order.get(f.finding.check, len(order)),
            min((s.start for s in f.finding.src_spans), default=-1),
            min((s.start for s in f.finding.tgt_spans), default=-1),
        )
    )
    return flags


def pair_scores(ctx: CheckContext, findings, config=None, flag_weight: float = 0.125) -> list[float]:
    """One divergence score per pair of ``ctx``, on the scale of the thresholds.

    Two graded signals count in full, each divided by its check's lowest
    threshold: the similarity check's robust z-score below the document
    median (computed for every pair with a similarity, even below the
    threshold, so pairs are ranked by how unusual their similarity is) and
    the coverage check's findings, both sides added (content words one side
    leaves without counterpart). To them is added ``flag_weight`` times, for each
    other check, its strongest finding on the pair divided by that check's
    lowest threshold, capped at 1 (a check at its reporting threshold counts
    fully, stronger evidence of the same check no more). ``findings``:
    Finding or Flag objects, all of them before thresholds. The form and the
    weight were compared on REFreSD (see docs/divergence.md); they are not a
    probability.
    """
    from compare.diverge.decide import load_config

    if config is None:
        config = load_config()
    position = {p.index: i for i, p in enumerate(ctx.pairs)}
    strongest: list[dict[str, float]] = [{} for _ in ctx.pairs]
    graded = [0.0 for _ in ctx.pairs]
    for item in findings:
        f = getattr(item, "finding", item)
        if f.check == "similarity" or f.check not in config.enabled:
            continue
        low = config.lowest_threshold(f.check)
        if not low or low <= 0:
            continue
        i = position[f.pair]
        if f.check == "coverage":
            graded[i] += f.score / low  # one finding per side at most
        else:
            strongest[i][f.check] = max(strongest[i].get(f.check, 0.0), min(f.score / low, 1.0))
    out = [g + flag_weight * sum(best.values()) for g, best in zip(graded, strongest, strict=True)]
    stats = ctx.stats.get("similarity")
    low = config.lowest_threshold("similarity") if "similarity" in config.enabled else None
    if stats and low:
        for i, p in enumerate(ctx.pairs):
            if p.similarity is not None:
                out[i] += (stats["median"] - p.similarity) / stats["scale"] / low
    return out
