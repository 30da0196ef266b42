"""Cold time of one article: `compare diff` from an empty embedding cache, several runs.

Each run is a fresh ``python -m compare diff SRC TGT --presegmented --format
json -o FILE`` process with ``COMPARE_CACHE_DIR`` pointing to a new empty
folder; its wall time is measured from launch to exit. ``--stages`` adds one
more run in which the pipeline's stages and every forward pass of the e5
encoder are timed from inside the process (how the time divides; that run is
slower by its own bookkeeping and is not counted among the others).

    .venv/bin/python benchmarks/cold.py --data ../shared/data/dev --runs 8 --stages
    git worktree add /tmp/before COMMIT && .venv/bin/python benchmarks/cold.py --data ../shared/data/dev --against /tmp/before/src

Default article: the 40-sentence dev document of issue 14 (gold ``.sents``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance  # noqa: E402

ARTICLE = "newstest2012_liberation_2011_11_15_101898.html"

# Run inside the child for --stages: wraps the pipeline's stages and the encoder's forward pass.
_STAGES = r"""
import sys, time
T0 = time.perf_counter()
marks = []
def wrap(owner, name, label):
    f = getattr(owner, name)
    def timed(*a, **k):
        t = time.perf_counter(); r = f(*a, **k)
        marks.append((label(a) if callable(label) else label, t - T0, time.perf_counter() - t)); return r
    setattr(owner, name, timed)
import compare.pipeline as P, compare.diverge as D
from compare.embed import states as S
for n in ("load_documents", "embed_sentences", "align_texts", "compare_documents"):
    wrap(P, n, n)
wrap(D, "run_checks", "run_checks")
wrap(S.E5States, "__init__", "encoder loading (tokenizer, weights file)")
wrap(S.E5States, "forward", lambda a: f"forward pass, {len(a[1])} texts, {sum(map(len, a[1]))} tokens")
from compare.cli import main  # not python -m compare, whose exit would skip the report below
try:
    main(sys.argv[1:])
finally:
    for label, start, took in sorted(marks, key=lambda m: m[1]):
        print(f"STAGE\t{label}\t{start:.3f}\t{took:.3f}", file=sys.stderr)
    print(f"STAGE\tend of the command\t{time.perf_counter() - T0:.3f}\t", file=sys.stderr)
"""


def one_run(python: str, src: Path, tgt: Path, stages: bool, code: Path | None = None) -> tuple[float, str]:
    """One fresh process; ``code``: the ``src`` folder of another checkout to run instead."""
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        head = [python, "-c", _STAGES] if stages else [python, "-m", "compare"]
        cmd = [*head, "diff", str(src), str(tgt), "--presegmented", "--format", "json", "-o", f"{out}/out.json"]
        env = {**os.environ, "COMPARE_CACHE_DIR": cache}
        if code is not None:
            env["PYTHONPATH"] = str(code)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"compare diff failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        return seconds, proc.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="dev data folder (../shared/data/dev)")
    parser.add_argument("--article", default=ARTICLE, help="news_fr_en document (gold .sents used)")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--stages", action="store_true", help="one more run, timed stage by stage")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--against", type=Path, default=None,
                        help="the src folder of another checkout (e.g. a git worktree of an older commit): "
                             "its runs alternate with this tree's, same Python and packages")
    args = parser.parse_args(argv)
    base = args.data / "news_fr_en" / args.article
    src, tgt = Path(f"{base}.fr.sents"), Path(f"{base}.en.sents")
    for f in (src, tgt):
        if not f.is_file():
            raise SystemExit(f"not found: {f}")
    sizes = [sum(1 for line in f.open(encoding="utf-8") if line.strip()) for f in (src, tgt)]
    walls, other = [], []
    for _ in range(args.runs):  # with --against, the two trees alternate (the machine drifts)
        if args.against is not None:
            other.append(one_run(args.python, src, tgt, False, args.against)[0])
        walls.append(one_run(args.python, src, tgt, False)[0])
    print(f"## Cold `compare diff`: {args.article} ({sizes[0]}/{sizes[1]} sentences), {args.runs} runs\n")
    print("wall seconds: " + ", ".join(f"{w:.2f}" for w in walls))
    print(f"min {min(walls):.2f}, median {statistics.median(walls):.2f}, max {max(walls):.2f}")
    if other:
        print(f"\n{args.against}, alternating with the runs above: " + ", ".join(f"{w:.2f}" for w in other))
        print(f"min {min(other):.2f}, median {statistics.median(other):.2f}, max {max(other):.2f}; "
              f"this tree takes {statistics.median(walls) / statistics.median(other):.2f}x its median")
    if args.stages:
        _, stderr = one_run(args.python, src, tgt, True)
        print("\nOne more run, timed inside the process (seconds from the start of the script):\n")
        print("| stage | starts at | takes |\n|---|---:|---:|")
        for line in stderr.splitlines():
            if line.startswith("STAGE\t"):
                _, label, start, took = line.split("\t")
                print(f"| {label} | {start} | {took} |")
    prov = provenance(["benchmarks/cold.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; Python {prov['python']}; "
          f"compare {prov['compare_version']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
