"""Read and write alignments in the formats other tools and gold data use.

Two formats:

* **Vecalign format**, shared by Vecalign, Bertalign and SentAlign: one link per
  line, ``[src indices]:[tgt indices]:score``, 0-based sentence indices, e.g.::

      [0]:[0, 1]:0.873
      [1, 2]:[2]:0.641
      []:[3]:0.000

  An empty list is the side without a counterpart (``[]:[3]`` is a 0-1 link).
  The score field is optional when reading (Bertalign's gold files have none).
  Its meaning depends on who wrote the file: ``compare`` writes its confidence
  (higher is better); Vecalign writes a cost (lower is better). The value is kept
  as read, in ``Link.score``.

* **Gold TSV**, the format of the development gold sets (``NAME.gold.tsv``): a
  header ``<l1>_idx<TAB><l2>_idx<TAB>...`` then one row per link; each idx cell
  holds comma-separated 0-based line numbers of ``NAME.<lang>.sents``, an empty
  cell meaning no counterpart. Columns after the second (the texts) are ignored.

Malformed input raises :class:`AlignmentFormatError` (an ``InputError``) naming
the line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Iterable, Union

from compare.align.base import Alignment, Link
from compare.errors import InputError, OutputError, UnreadableInputError

__all__ = [
    "AlignmentFormatError",
    "GoldAlignment",
    "format_link",
    "dumps_vecalign",
    "loads_vecalign",
    "read_vecalign",
    "write_vecalign",
    "loads_gold_tsv",
    "read_gold_tsv",
]

PathType = Union[str, "PathLike[str]"]
Links = Union[Alignment, Iterable[Link]]


class AlignmentFormatError(InputError):
    """A line of an alignment file cannot be parsed.

    ``line_no`` is 1-based (as editors show it); ``source`` names the file or
    ``"<string>"``.
    """

    def __init__(self, message: str, line_no: int | None = None, source: str = "<string>"):
        self.line_no = line_no
        self.source = source
        where = source if line_no is None else f"{source}, line {line_no}"
        super().__init__(f"{where}: {message}")


# ----------------------------------------------------------------------------
# Vecalign format
# ----------------------------------------------------------------------------

_VECALIGN_LINE = re.compile(
    r"""^\s*\[(?P<src>[^\[\]]*)\]\s*:\s*\[(?P<tgt>[^\[\]]*)\]\s*(?::\s*(?P<score>[^\s:]+))?\s*$"""
)


def _format_side(indices: Iterable[int]) -> str:
    return "[" + ", ".join(str(i) for i in indices) + "]"


def format_link(link: Link, digits: int = 3) -> str:
    """``Link(src=(0,), tgt=(0, 1), score=0.8734)`` -> ``"[0]:[0, 1]:0.873"``."""
    return f"{_format_side(link.src)}:{_format_side(link.tgt)}:{link.score:.{digits}f}"


def _links_of(links: Links) -> list[Link]:
    return list(links.links) if isinstance(links, Alignment) else list(links)


def dumps_vecalign(links: Links, digits: int = 3) -> str:
    """Serialise links (or an ``Alignment``) to Vecalign format, one per line."""
    return "".join(format_link(link, digits) + "\n" for link in _links_of(links))


def write_vecalign(path: PathType, links: Links, digits: int = 3) -> None:
    """Write links to ``path`` in Vecalign format (UTF-8)."""
    try:
        Path(path).write_text(dumps_vecalign(links, digits), encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _parse_indices(cell: str, what: str, line_no: int, source: str) -> tuple[int, ...]:
    cell = cell.strip()
    if not cell:
        return ()
    out: list[int] = []
    for part in cell.split(","):
        part = part.strip()
        if not part.isdigit() or not part.isascii():
            raise AlignmentFormatError(
                f"{what} index {part!r} is not a non-negative integer", line_no, source
            )
        out.append(int(part))
    if any(b <= a for a, b in zip(out, out[1:], strict=False)):
        raise AlignmentFormatError(
            f"{what} indices {out} are not strictly increasing", line_no, source
        )
    return tuple(out)


def loads_vecalign(text: str, source: str = "<string>") -> list[Link]:
    """Parse Vecalign-format text into links, in file order.

    Blank lines are skipped. A line with both sides empty (``[]:[]``), a
    non-integer or repeated index, or a score that is not a finite number raises
    :class:`AlignmentFormatError`. A missing score reads as ``0.0``.
    """
    links: list[Link] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = _VECALIGN_LINE.match(line)
        if m is None:
            raise AlignmentFormatError(
                f"expected '[i, ...]:[j, ...]:score', got {line.strip()[:60]!r}", line_no, source
            )
        src = _parse_indices(m["src"], "source", line_no, source)
        tgt = _parse_indices(m["tgt"], "target", line_no, source)
        if not src and not tgt:
            raise AlignmentFormatError("link has no sentence on either side", line_no, source)
        score = 0.0
        if m["score"] is not None:
            try:
                score = float(m["score"])
            except ValueError:
                score = math.nan
            if not math.isfinite(score):
                raise AlignmentFormatError(
                    f"score {m['score']!r} is not a finite number", line_no, source
                )
        links.append(Link(src=src, tgt=tgt, score=score))
    return links


def _read_text(path: PathType) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UnreadableInputError(f"cannot read {path}: {reason}") from exc


def read_vecalign(path: PathType) -> list[Link]:
    """Read a Vecalign-format file."""
    return loads_vecalign(_read_text(path), source=str(path))


# ----------------------------------------------------------------------------
# Gold TSV
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldAlignment:
    """Links of a gold TSV, with the language codes named by its header.

    ``links[k].src`` indexes the ``l1`` sentences (first column), ``tgt`` the
    ``l2`` sentences (second column).
    """

    l1: str
    l2: str
    links: list[Link]


_HEADER_CELL = re.compile(r"^(?P<lang>[A-Za-z][A-Za-z_-]*?)_idx$")


def loads_gold_tsv(text: str, source: str = "<string>") -> GoldAlignment:
    """Parse a gold TSV (header + one row per link) into a :class:`GoldAlignment`.

    Blank lines after the header are skipped; a row with both idx cells empty,
    fewer than two columns or a non-integer index raises
    :class:`AlignmentFormatError`.
    """
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise AlignmentFormatError("missing header '<l1>_idx<TAB><l2>_idx...'", 1, source)
    header = lines[0].lstrip("\ufeff").split("\t")
    langs = []
    for cell in header[:2]:
        m = _HEADER_CELL.match(cell.strip())
        if m is None:
            raise AlignmentFormatError(
                f"header must start with '<l1>_idx<TAB><l2>_idx', got {lines[0][:60]!r}", 1, source
            )
        langs.append(m["lang"])
    if len(langs) != 2:
        raise AlignmentFormatError("header must name two idx columns", 1, source)

    links: list[Link] = []
    for line_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t", 2)
        if len(cells) < 2:
            raise AlignmentFormatError("expected at least two tab-separated columns", line_no, source)
        src = _parse_indices(cells[0], langs[0], line_no, source)
        tgt = _parse_indices(cells[1], langs[1], line_no, source)
        if not src and not tgt:
            raise AlignmentFormatError("link has no sentence on either side", line_no, source)
        links.append(Link(src=src, tgt=tgt))
    return GoldAlignment(l1=langs[0], l2=langs[1], links=links)


def read_gold_tsv(path: PathType) -> GoldAlignment:
    """Read a ``NAME.gold.tsv`` file."""
    return loads_gold_tsv(_read_text(path), source=str(path))
