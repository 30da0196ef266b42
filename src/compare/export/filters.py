"""Which aligned pairs a clean corpus keeps: score, then decide.

Each filter computes a value for a pair (its score, its worst flag, its
length ratio, a hash of its texts) and keeps or drops it against a threshold
from :class:`FilterSettings`. They run in a fixed order, and a dropped pair is
counted against the first filter that dropped it:

1. ``unaligned``    1-0 and 0-1 pairs (``--drop-unaligned``);
2. ``min_score``    aligner score below ``--min-score``;
3. ``flagged``      a divergence flag at ``--drop-flagged`` severity or worse;
4. ``length_ratio`` target/source length in characters (whitespace runs as one)
   outside ``--min-length-ratio`` / ``--max-length-ratio`` (an empty side
   gives 0 or infinity, so it is outside any bounds);
5. ``duplicate``    the same source and target text (whitespace runs as one)
   already kept earlier in the corpus (``--dedup``). Last, so that a pair
   dropped for another reason does not hide a later clean copy. The
   exporter keeps an 8-byte hash per kept pair, about 100 bytes of memory
   per distinct pair.
"""

from __future__ import annotations

import hashlib
import math
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from compare.errors import ConfigurationError
from compare.export.records import SEVERITY_ORDER, PairRecord, one_line


@dataclass(frozen=True)
class FilterSettings:
    min_score: float | None = None
    drop_flagged: str | None = None  # "minor" | "major" | "critical"
    drop_unaligned: bool = False
    min_length_ratio: float | None = None
    max_length_ratio: float | None = None
    dedup: bool = False

    def __post_init__(self) -> None:
        if self.min_score is not None and not (0.0 <= self.min_score <= 1.0):
            raise ConfigurationError(f"--min-score takes a value in [0, 1] (aligner scores), not {self.min_score}")
        if self.drop_flagged is not None and self.drop_flagged not in SEVERITY_ORDER:
            raise ConfigurationError(
                f"--drop-flagged takes one of {', '.join(SEVERITY_ORDER)}, not {self.drop_flagged!r}"
            )
        for name in ("min_length_ratio", "max_length_ratio"):
            value = getattr(self, name)
            if value is not None and not (value > 0 and math.isfinite(value)):
                raise ConfigurationError(f"--{name.replace('_', '-')} takes a positive number, not {value}")
        if (self.min_length_ratio is not None and self.max_length_ratio is not None
                and self.min_length_ratio > self.max_length_ratio):
            raise ConfigurationError(
                f"--min-length-ratio {self.min_length_ratio} is above --max-length-ratio {self.max_length_ratio}"
            )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def needs_flags(self) -> bool:
        return self.drop_flagged is not None


class Filter(ABC):
    """A scorer (``value``) and a decision (``keep``) on one pair."""

    name: str = "base"

    @abstractmethod
    def value(self, pair: PairRecord) -> Any:
        """What the decision looks at."""

    @abstractmethod
    def keep(self, value: Any) -> bool:
        """True to keep the pair."""

    def accept(self, pair: PairRecord) -> bool:
        return self.keep(self.value(pair))


class Unaligned(Filter):
    name = "unaligned"

    def value(self, pair):
        return bool(pair.src) and bool(pair.tgt)

    def keep(self, value):
        return value


class MinScore(Filter):
    name = "min_score"

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def value(self, pair):
        return pair.score

    def keep(self, value):
        return value >= self.threshold


class Flagged(Filter):
    name = "flagged"

    def __init__(self, severity: str) -> None:
        self.rank = SEVERITY_ORDER.index(severity)

    def value(self, pair):
        if pair.flags is None:
            raise ConfigurationError("--drop-flagged needs divergence checks, which were not run (--no-checks)")
        worst = pair.severity
        return -1 if worst is None else SEVERITY_ORDER.index(worst)

    def keep(self, value):
        return value < self.rank


def length_ratio(pair: PairRecord) -> float:
    """len(target) / len(source) in characters, whitespace runs counted as one; 0 or inf if a side is empty."""
    src, tgt = len(one_line(pair.src_text)), len(one_line(pair.tgt_text))
    if src == 0:
        return math.inf if tgt else 1.0
    return tgt / src


class LengthRatio(Filter):
    name = "length_ratio"

    def __init__(self, low: float | None, high: float | None) -> None:
        self.low, self.high = low, high

    def value(self, pair):
        return length_ratio(pair)

    def keep(self, value):
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


class Duplicates(Filter):
    """Stateful: remembers a hash of every pair it kept."""

    name = "duplicate"

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def value(self, pair):
        key = f"{one_line(pair.src_text)}\t{one_line(pair.tgt_text)}".encode()
        return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")

    def keep(self, value):
        if value in self.seen:
            return False
        self.seen.add(value)
        return True


def build_filters(settings: FilterSettings) -> list[Filter]:
    filters: list[Filter] = []
    if settings.drop_unaligned:
        filters.append(Unaligned())
    if settings.min_score is not None:
        filters.append(MinScore(settings.min_score))
    if settings.drop_flagged is not None:
        filters.append(Flagged(settings.drop_flagged))
    if settings.min_length_ratio is not None or settings.max_length_ratio is not None:
        filters.append(LengthRatio(settings.min_length_ratio, settings.max_length_ratio))
    if settings.dedup:
        filters.append(Duplicates())
    return filters


class FilterChain:
    """Applies the filters in order and counts, per filter, the pairs it removed."""

    def __init__(self, settings: FilterSettings) -> None:
        self.settings = settings
        self.filters = build_filters(settings)
        self.removed: dict[str, int] = {f.name: 0 for f in self.filters}
        self.total = 0
        self.kept = 0

    def apply(self, pairs: Iterable[PairRecord]) -> list[PairRecord]:
        kept = []
        for pair in pairs:
            self.total += 1
            for f in self.filters:
                if not f.accept(pair):
                    self.removed[f.name] += 1
                    break
            else:
                kept.append(pair)
        self.kept += len(kept)
        return kept

    def counts(self) -> dict[str, Any]:
        return {"pairs": self.total, "kept": self.kept, "removed": dict(self.removed)}
