"""Small helpers shared by the checks: options, robust statistics, text folding."""

from __future__ import annotations

import re
import statistics
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Iterable

from compare.document import Document
from compare.errors import ConfigurationError

# 1.4826 * MAD estimates the standard deviation of normally distributed data.
MAD_TO_SD = 1.4826

WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")


class Configurable:
    """Mixin: a check's tunable detection parameters, given as keyword options.

    ``options`` on the class holds the defaults; configuration may override them
    under ``[checks.<name>.options]``. Unknown options raise ConfigurationError.
    """

    name: str = "base"
    options: dict[str, Any] = {}

    def __init__(self, **overrides: Any) -> None:
        unknown = sorted(set(overrides) - set(self.options))
        if unknown:
            raise ConfigurationError(
                f"checks.{self.name}.options: unknown option {unknown[0]!r} "
                f"(known: {', '.join(sorted(self.options)) or 'none'})"
            )
        self.opts = {**self.options, **overrides}


def robust_location_scale(values: Iterable[float], min_scale: float) -> tuple[float, float]:
    """Median and MAD-based standard deviation (floored at ``min_scale``)."""
    vals = [float(v) for v in values]
    if not vals:
        return 0.0, min_scale
    med = statistics.median(vals)
    mad = statistics.median(abs(v - med) for v in vals)
    return med, max(MAD_TO_SD * mad, min_scale)


def fold(text: str) -> str:
    """Lowercase, accents removed, typographic apostrophes and dashes unified."""
    text = text.replace("’", "'").replace("‐", "-").replace("–", "-")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=None)
def folded_function_words(lang: str) -> frozenset[str]:
    """The language's function words as ``fold`` writes them ("après" -> "apres"), to
    test folded words against (the lists keep their accents)."""
    from compare.lang import get_resources

    return frozenset(fold(w) for w in get_resources(lang).function_words)


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def strip_bounds(text: str) -> tuple[int, int]:
    """Local (start, end) of ``text`` without surrounding whitespace."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return (start, end) if end > start else (0, 0)


def sentence_number(doc: Document, offset: int) -> int | None:
    """1-based number of the sentence containing absolute ``offset`` (None if unknown)."""
    if not doc.sentences:
        return None
    starts = [s.start for s in doc.sentences]
    i = bisect_right(starts, offset) - 1
    return doc.sentences[max(i, 0)].index + 1


def quote(text: str, limit: int = 60) -> str:
    """'text' for messages, shortened on one line."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def join_numbers(nums: list[int]) -> str:
    nums = sorted(set(nums))
    if len(nums) == 1:
        return f"sentence {nums[0]}"
    return "sentences " + ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"


def similarity_gains(encoder: Any, anchor: str, text: str, variants: list[str]) -> list[float]:
    """For each variant of ``text``: its cosine to ``anchor`` minus ``text``'s own
    (positive = the variant is closer in meaning to ``anchor``). One call to
    ``encoder.encode``, which returns unit vectors: the encoder, or a
    ``CheckContext`` (it serves the texts embedded before the checks ran)."""
    vectors = encoder.encode([anchor, text, *variants])
    base = float(vectors[0] @ vectors[1])
    return [float(vectors[0] @ v) - base for v in vectors[2:]]
