"""Make alignment test cases with known gold from 1-1 news documents.

The WMT news documents in the dev data are translated segment by segment, so
their gold alignment is all 1-1: too easy to measure an aligner on. This module
edits the English side with a seeded random generator and keeps track of the
gold links as it goes:

========  ==============================================  ===========
edit      what happens to the English side                gold link
========  ==============================================  ===========
merge     two adjacent sentences become one               2-1
split     a long sentence is cut at a comma or semicolon  1-2
          near its middle into two sentences
drop      a sentence is removed                           1-0
insert    a sentence from another document is inserted    0-1
========  ==============================================  ===========

The French side is never touched. Each edit applies to sentences no earlier
edit has touched, so every gold link has one of the kinds above or is 1-1.

Usable as a library (``perturb``) or from the command line to look at one
document::

    python benchmarks/perturb.py ../shared/data/dev/news_fr_en/NAME --seed 1
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from compare.align.base import Link

EDITS = ("merge", "split", "drop", "insert")


@dataclass
class _Bead:
    src: tuple[int, ...]
    tgt: list[str]
    touched: bool = False


@dataclass
class Perturbed:
    """The edited English side and its gold alignment to the French side."""

    tgt_sents: list[str]
    gold: list[Link]
    edits: list[str] = field(default_factory=list)  # e.g. "merge src 3,4"


_SPLIT_POINT = re.compile(r"[,;](?=\s)")


def _split_sentence(text: str, min_words: int) -> tuple[str, str] | None:
    """Cut ``text`` at the comma/semicolon closest to its middle, if any.

    Both halves must keep at least a third of the words, so the cut is "near the
    middle"; the first half gets a full stop, the second a capital letter.
    """
    words = text.split()
    if len(words) < min_words:
        return None
    middle = len(text) / 2
    best = None
    for m in _SPLIT_POINT.finditer(text):
        left, right = text[: m.start()].strip(), text[m.end():].strip()
        if len(left.split()) < len(words) / 3 or len(right.split()) < len(words) / 3:
            continue
        if best is None or abs(m.start() - middle) < abs(best[0] - middle):
            best = (m.start(), left, right)
    if best is None:
        return None
    _, left, right = best
    left = left.rstrip(",;:") + "."
    right = right[0].upper() + right[1:]
    return left, right


def perturb(
    src_sents: Sequence[str],
    tgt_sents: Sequence[str],
    foreign: Sequence[str],
    rng: random.Random,
    rate: float = 0.06,
    min_split_words: int = 16,
) -> Perturbed:
    """Edit the target side of a 1-1 document; return it with its gold links.

    ``src_sents[i]`` must translate ``tgt_sents[i]`` (same length). ``foreign``
    holds sentences from *other* documents, the pool for insertions. ``rate`` is
    the share of sentences each kind of edit is applied to (at least one of each
    kind when the document allows it). The source side is returned unchanged,
    so gold ``src`` indices point into ``src_sents``.
    """
    if len(src_sents) != len(tgt_sents):
        raise ValueError(
            f"a 1-1 document needs as many sentences on both sides "
            f"({len(src_sents)} vs {len(tgt_sents)})"
        )
    beads = [_Bead((i,), [t]) for i, t in enumerate(tgt_sents)]
    n_each = max(1, round(rate * len(beads)))
    log: list[str] = []

    def fresh(k: int) -> bool:
        return 0 <= k < len(beads) and not beads[k].touched and len(beads[k].src) == 1

    # Order matters only for how candidates are drawn; each edit marks its beads.
    for edit in rng.sample(EDITS, len(EDITS)):
        for _ in range(n_each):
            if edit == "merge":
                cands = [k for k in range(len(beads) - 1) if fresh(k) and fresh(k + 1)]
                if not cands:
                    break
                k = rng.choice(cands)
                a, b = beads[k], beads.pop(k + 1)
                beads[k] = _Bead(a.src + b.src, [f"{a.tgt[0]} {b.tgt[0]}"], True)
                log.append(f"merge src {a.src[0]},{b.src[0]}")
            elif edit == "split":
                cands = []
                for k in range(len(beads)):
                    if fresh(k):
                        parts = _split_sentence(beads[k].tgt[0], min_split_words)
                        if parts:
                            cands.append((k, parts))
                if not cands:
                    break
                k, parts = rng.choice(cands)
                beads[k] = _Bead(beads[k].src, list(parts), True)
                log.append(f"split src {beads[k].src[0]}")
            elif edit == "drop":
                cands = [k for k in range(len(beads)) if fresh(k)]
                if len(cands) < 2:
                    break
                k = rng.choice(cands)
                beads[k] = _Bead(beads[k].src, [], True)
                log.append(f"drop src {beads[k].src[0]}")
            else:  # insert
                if not foreign:
                    break
                k = rng.randrange(len(beads) + 1)
                sentence = rng.choice(list(foreign))
                beads.insert(k, _Bead((), [sentence], True))
                log.append(f"insert before bead {k}")

    out: list[str] = []
    gold: list[Link] = []
    for bead in beads:
        start = len(out)
        out.extend(bead.tgt)
        gold.append(Link(bead.src, tuple(range(start, len(out)))))
    return Perturbed(tgt_sents=out, gold=gold, edits=log)


def read_sents(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("doc", type=Path, help="path prefix NAME of NAME.fr.sents / NAME.en.sents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rate", type=float, default=0.06)
    args = parser.parse_args(argv)

    fr = read_sents(Path(f"{args.doc}.fr.sents"))
    en = read_sents(Path(f"{args.doc}.en.sents"))
    others = [
        s
        for p in sorted(args.doc.parent.glob("*.en.sents"))
        if p.name != f"{args.doc.name}.en.sents"
        for s in read_sents(p)
    ]
    rng = random.Random(f"{args.seed}:{args.doc.name}")
    result = perturb(fr, en, others, rng, rate=args.rate)
    print("\n".join(result.edits), file=sys.stderr)
    for link in result.gold:
        s = " | ".join(fr[i] for i in link.src)
        t = " | ".join(result.tgt_sents[j] for j in link.tgt)
        print(f"{link.kind}\t{list(link.src)}:{list(link.tgt)}\t{s[:60]}\t{t[:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
