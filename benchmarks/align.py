"""Sentence-alignment benchmark: strict/lax P/R/F1 against the dev gold sets.

Sets (all read from ``--data``, the dev data folder; nothing is copied):

* ``textberg``: Text+Berg dev document, German-French (``align_gold_de_fr``);
* ``transread``: four TransRead novels, French-English (``align_gold_fr_en``);
* ``news``: the WMT French-original news documents (``news_fr_en``), whose English
  side is edited by ``perturb.py`` (merges, splits, drops, insertions) once per
  seed, so that the gold has 2-1, 1-2, 1-0 and 0-1 links.

Aligners (``--aligner``):

* ``compare`` (default): ``compare.api.align_sentences``;
* ``diagonal``: a baseline that ignores the text and follows the diagonal of the
  alignment matrix with 1-1, 2-1 and 1-2 links;
* ``gold``: returns the gold links, a check of the harness (F1 must be 1.0).

The source side is the first language of each gold file (de, fr, fr). Scores
are micro-averaged over the documents of a set (Vecalign's convention, see
``compare.align.evaluate``). Prints a Markdown table and how it was obtained::

    .venv/bin/python benchmarks/align.py --data ../shared/data/dev --aligner diagonal
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
from compare.align.base import Alignment, Link  # noqa: E402
from compare.align.evaluate import NULL_LINK_CONVENTIONS, count_matches, scores_from_counts, MatchCounts  # noqa: E402
from compare.align.formats import read_gold_tsv  # noqa: E402
from perturb import perturb, read_sents  # noqa: E402

SETS = ("textberg", "transread", "news")


@dataclass
class Doc:
    name: str
    src_lang: str
    tgt_lang: str
    src: list[str]
    tgt: list[str]
    gold: list[Link]


@dataclass
class SetResult:
    name: str
    documents: int = 0
    src_sents: int = 0
    tgt_sents: int = 0
    gold_links: int = 0
    gold_not_1to1: int = 0
    counts: MatchCounts = field(default_factory=MatchCounts)
    seconds: float = 0.0
    encoder_calls: int | None = None


# ----------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------


def _gold_docs(folder: Path, limit: int | None) -> Iterator[Doc]:
    paths = sorted(folder.glob("*.gold.tsv"))
    if not paths:
        raise SystemExit(f"no *.gold.tsv in {folder}")
    for path in paths[:limit]:
        name = path.name[: -len(".gold.tsv")]
        gold = read_gold_tsv(path)
        yield Doc(
            name,
            gold.l1,
            gold.l2,
            read_sents(folder / f"{name}.{gold.l1}.sents"),
            read_sents(folder / f"{name}.{gold.l2}.sents"),
            gold.links,
        )


def _news_docs(folder: Path, seeds: int, limit: int | None) -> Iterator[Doc]:
    base = list(_gold_docs(folder, limit))
    # Insertions are drawn from the English of every *other* document.
    all_paths = sorted(folder.glob("*.gold.tsv"))
    pool = {p.name[: -len(".gold.tsv")]: read_sents(folder / (p.name[: -len(".gold.tsv")] + ".en.sents")) for p in all_paths}
    for seed in range(seeds):
        for doc in base:
            if any(link.kind != "1-1" for link in doc.gold) or len(doc.src) != len(doc.tgt):
                print(f"skipping {doc.name}: gold is not all 1-1", file=sys.stderr)
                continue
            foreign = [s for name, sents in pool.items() if name != doc.name for s in sents]
            rng = random.Random(f"{seed}:{doc.name}")
            p = perturb(doc.src, doc.tgt, foreign, rng)
            yield Doc(f"{doc.name}#seed{seed}", doc.src_lang, doc.tgt_lang, doc.src, p.tgt_sents, p.gold)


def load_set(name: str, data: Path, seeds: int, limit: int | None) -> Iterator[Doc]:
    if name == "textberg":
        return _gold_docs(data / "align_gold_de_fr", limit)
    if name == "transread":
        return _gold_docs(data / "align_gold_fr_en", limit)
    if name == "news":
        return _news_docs(data / "news_fr_en", seeds, limit)
    raise SystemExit(f"unknown set {name!r}; choose among {', '.join(SETS)}")


# ----------------------------------------------------------------------------
# Aligners
# ----------------------------------------------------------------------------


def diagonal_links(n_src: int, n_tgt: int) -> list[Link]:
    """Monotone 1-1 / 2-1 / 1-2 links hugging the diagonal; ignores the text.

    At each step, take the bead whose end point stays closest to the line from
    (0, 0) to (n_src, n_tgt), preferring 1-1 on ties; once a side runs out, the
    rest of the other side becomes 1-0 or 0-1 links.
    """
    links: list[Link] = []
    i = j = 0
    while i < n_src and j < n_tgt:
        best = None
        for a, b in ((1, 1), (2, 1), (1, 2)):
            if i + a > n_src or j + b > n_tgt:
                continue
            off = abs((i + a) / n_src - (j + b) / n_tgt)
            if best is None or off < best[0] - 1e-12:
                best = (off, a, b)
        _, a, b = best
        links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), 0.0))
        i, j = i + a, j + b
    links += [Link((k,), ()) for k in range(i, n_src)]
    links += [Link((), (k,)) for k in range(j, n_tgt)]
    return links


def make_aligner(name: str, refine: bool = True) -> Callable[[Doc], Alignment]:
    if name == "diagonal":
        return lambda d: Alignment(diagonal_links(len(d.src), len(d.tgt)), settings={"name": "diagonal"})
    if name == "gold":
        return lambda d: Alignment(list(d.gold), settings={"name": "gold"})
    if name == "compare":
        from compare.api import align_sentences, default_aligner
        from compare.embed import get_encoder

        encoder = get_encoder()
        aligner = default_aligner(encoder, refine=refine)
        return lambda d: align_sentences(d.src, d.tgt, d.src_lang, d.tgt_lang, encoder=encoder, aligner=aligner)
    raise SystemExit(f"unknown aligner {name!r}")


# ----------------------------------------------------------------------------
# Run and report
# ----------------------------------------------------------------------------


def run_set(name: str, docs: Sequence[Doc] | Iterator[Doc], align: Callable[[Doc], Alignment], null_links: str) -> tuple[SetResult, dict]:
    res = SetResult(name)
    settings: dict = {}
    for doc in docs:
        t0 = time.perf_counter()
        alignment = align(doc)
        res.seconds += time.perf_counter() - t0
        settings = settings or dict(alignment.settings)
        res.documents += 1
        res.src_sents += len(doc.src)
        res.tgt_sents += len(doc.tgt)
        res.gold_links += len(doc.gold)
        res.gold_not_1to1 += sum(link.kind != "1-1" for link in doc.gold)
        res.counts = res.counts + count_matches(doc.gold, alignment, null_links)
        calls = alignment.stats.get("encoder_calls")
        if calls is not None:
            res.encoder_calls = (res.encoder_calls or 0) + int(calls)
    return res, settings


def _nproc() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 0


def wait_with_rusage(proc, deadline: float, poll: float = 0.05):
    """Wait for ``proc`` (killed at ``time.perf_counter()`` ``deadline``) with
    ``os.wait4``, whose resource usage counts the child and the children it
    reaped: (wait status, rusage)."""
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return status, rusage
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, rusage = os.wait4(proc.pid, 0)
            return status, rusage
        time.sleep(poll)


def provenance(argv: list[str]) -> dict:
    return {
        "command": " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *argv]),
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {_nproc()} CPUs available ({os.cpu_count()} total), {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "compare_version": compare.__version__,
    }


def markdown(results: list[SetResult], null_links: str) -> str:
    rows = [
        "| set | docs | sentences (src/tgt) | gold links (not 1-1) | strict P | strict R | strict F1 | lax P | lax R | lax F1 | seconds | encoder calls |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = scores_from_counts(r.counts, null_links)
        calls = "—" if r.encoder_calls is None else str(r.encoder_calls)
        rows.append(
            f"| {r.name} | {r.documents} | {r.src_sents}/{r.tgt_sents} | {r.gold_links} ({r.gold_not_1to1}) "
            f"| {s.precision_strict:.3f} | {s.recall_strict:.3f} | {s.f1_strict:.3f} "
            f"| {s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | {r.seconds:.1f} | {calls} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="dev data folder (e.g. ../shared/data/dev)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, among {','.join(SETS)}")
    parser.add_argument("--seeds", type=int, default=3, help="perturbations per news document")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per set (before seeds)")
    parser.add_argument("--aligner", choices=("compare", "diagonal", "gold"), default="compare")
    parser.add_argument("--null-links", choices=NULL_LINK_CONVENTIONS, default="vecalign",
                        help="how 1-0/0-1 links are scored (see compare.align.evaluate)")
    parser.add_argument("--json", type=Path, default=None, help="also save results to this file")
    parser.add_argument("--no-refine", dest="refine", action="store_false",
                        help="compare aligner: first pass only (sentence vectors; no joined spans embedded)")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        parser.error(f"--data {args.data} is not a folder")
    align = make_aligner(args.aligner, args.refine)
    results: list[SetResult] = []
    settings: dict = {}
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        res, set_settings = run_set(name, load_set(name, args.data, args.seeds, args.limit), align, args.null_links)
        settings = settings or set_settings
        results.append(res)

    prov = provenance(["benchmarks/align.py", *argv])
    print(f"## Sentence alignment, aligner `{args.aligner}`\n")
    print(markdown(results, args.null_links))
    print()
    print(f"Scores: micro-averaged over documents; null links scored with the `{args.null_links}` convention.")
    if args.sets and "news" in args.sets:
        print(f"News: English side perturbed by benchmarks/perturb.py, {args.seeds} seed(s) per document.")
    print(f"Aligner settings: `{json.dumps(settings, sort_keys=True, default=str)}`")
    print(f"Obtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; "
          f"Python {prov['python']}; compare {prov['compare_version']}.")

    if args.json:
        payload = {
            "provenance": prov,
            "aligner": args.aligner,
            "aligner_settings": settings,
            "null_links": args.null_links,
            "sets": [
                {
                    "set": r.name,
                    "documents": r.documents,
                    "src_sentences": r.src_sents,
                    "tgt_sentences": r.tgt_sents,
                    "gold_links": r.gold_links,
                    "gold_not_1to1": r.gold_not_1to1,
                    "seconds": round(r.seconds, 3),
                    "encoder_calls": r.encoder_calls,
                    "scores": scores_from_counts(r.counts, args.null_links).as_dict(),
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
