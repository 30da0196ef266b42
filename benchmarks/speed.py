"""Wall time and peak memory of the `compare` command line on real inputs.

Each measurement runs ``python -m compare ...`` as a child process and reads
that child's own resource usage (``os.wait4``: peak resident set size, user and
system CPU time), so one run does not leak into the next. Cases:

a. one news article pair, ``compare diff SRC TGT --format json``: the largest
   WMT document of the dev data (by sentences) and the project's sample corpus,
   each run *cold* (a fresh, empty embedding cache: ``COMPARE_CACHE_DIR`` points
   to a new temporary folder) then *warm* (second run, same cache folder);
b. a whole novel pair, ``compare align X.fr.sents Y.en.sents --presegmented
   --format vecalign`` (cold cache);
c. a 1,000-sentence pair: sentences of the four TransRead novels concatenated
   until each side has 1,000, aligned as in (b) (cold cache). Each side is cut
   at 1,000 on its own, so the two tails do not correspond: this case measures
   time and memory, not quality.

Prints a Markdown table and how it was obtained::

    .venv/bin/python benchmarks/speed.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance, wait_with_rusage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    case: str
    cache: str
    command: str
    sentences: str
    exit_code: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    output: str  # short check of what came out
    error: str = ""


def _measure(case: str, cache: str, args: list[str], cache_dir: Path, python: str,
             sentences: str, timeout: float) -> Run:
    env = dict(os.environ, COMPARE_CACHE_DIR=str(cache_dir))
    cmd = [python, "-m", "compare", *args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        status, rusage = wait_with_rusage(proc, t0 + timeout, poll=0.02)  # a hung child cannot block us
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")

    code = proc.returncode
    if code == 0:
        output = _check_output(args[0], stdout)
    else:
        output = "timed out" if seconds > timeout else "failed"
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    rss = rusage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(
        case=case,
        cache=cache,
        command=" ".join(["compare", *[_short(a) for a in args]]),
        sentences=sentences,
        exit_code=code,
        seconds=seconds,
        cpu_seconds=rusage.ru_utime + rusage.ru_stime,
        peak_rss_mb=rss,
        output=output,
        error="" if code == 0 else stderr.strip().splitlines()[-1][:200] if stderr.strip() else "",
    )


def _short(arg: str) -> str:
    return Path(arg).name if os.sep in arg else arg


def _check_output(command: str, stdout: str) -> str:
    if command == "diff":
        try:
            json.loads(stdout)
        except ValueError:
            return "not JSON"
        return "valid JSON"
    links = [line for line in stdout.splitlines() if line.strip()]
    return f"{len(links)} links"


def _count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _largest_news(data: Path) -> str:
    folder = data / "news_fr_en"
    docs = sorted(folder.glob("*.fr.sents"), key=lambda p: (_count(p), p.name))
    if not docs:
        raise SystemExit(f"no news documents in {folder}")
    return str(docs[-1])[: -len(".fr.sents")]


def _concat(novels: list[Path], lang: str, n: int, dest: Path) -> Path:
    sents: list[str] = []
    while len(sents) < n:
        for prefix in novels:
            sents += Path(f"{prefix}.{lang}.sents").read_text(encoding="utf-8").splitlines()
    dest.write_text("\n".join(sents[:n]) + "\n", encoding="utf-8")
    return dest


def markdown(runs: list[Run]) -> str:
    rows = [
        "| case | cache | sentences (src/tgt) | seconds (wall) | CPU seconds | peak RSS (MB) | exit | output |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        note = r.output + (f": {r.error}" if r.error else "")
        rows.append(
            f"| {r.case} | {r.cache} | {r.sentences} | {r.seconds:.1f} | {r.cpu_seconds:.1f} "
            f"| {r.peak_rss_mb:.0f} | {r.exit_code} | {note.replace('|', '/')} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="dev data folder (e.g. ../shared/data/dev)")
    parser.add_argument("--novel", default="transread_AlicesAdventuresInWonderland",
                        help="TransRead novel for case (b)")
    parser.add_argument("--cases", default="a,b,c", help="comma-separated among a,b,c")
    parser.add_argument("--article", default="newstest2012_liberation_2011_11_15_101898.html",
                        help="news document of about 40 sentences a side for case (a), besides the largest")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs `-m compare`")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a run is killed")
    parser.add_argument("--json", type=Path, default=None, help="also save results to this file")
    args = parser.parse_args(argv)
    cases = {c.strip() for c in args.cases.split(",")}
    gold_fr_en = args.data / "align_gold_fr_en"

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="compare-speed-") as tmp_name:
        tmp = Path(tmp_name)

        def measure(case, cache, cmd, cache_dir, sentences):
            run = _measure(case, cache, cmd, cache_dir, args.python, sentences, args.timeout)
            print(f"{case} [{cache}]: {run.seconds:.1f}s, {run.peak_rss_mb:.0f} MB, exit {run.exit_code}",
                  file=sys.stderr)
            runs.append(run)

        if "a" in cases:
            news = _largest_news(args.data)
            typical = str(args.data / "news_fr_en" / args.article)
            articles = [
                (f"news article {args.article}", f"{typical}.fr.txt", f"{typical}.en.txt",
                 f"{_count(Path(typical + '.fr.sents'))}/{_count(Path(typical + '.en.sents'))} (gold .sents)"),
                (f"news article {Path(news).name}", f"{news}.fr.txt", f"{news}.en.txt",
                 f"{_count(Path(news + '.fr.sents'))}/{_count(Path(news + '.en.sents'))} (gold .sents)"),
                ("sample corpus iran-israel", str(ROOT / "corpus/iran-israel.fr.txt"),
                 str(ROOT / "corpus/iran-israel.en.txt"), "18/19"),
            ]
            for k, (label, src, tgt, sentences) in enumerate(articles):
                cache_dir = tmp / f"cache-a{k}"
                cache_dir.mkdir()
                for cache in ("cold", "warm"):
                    measure(f"(a) diff, {label}", cache, ["diff", src, tgt, "--format", "json"],
                            cache_dir, sentences)

        if "b" in cases:
            prefix = gold_fr_en / args.novel
            src, tgt = Path(f"{prefix}.fr.sents"), Path(f"{prefix}.en.sents")
            cache_dir = tmp / "cache-b"
            cache_dir.mkdir()
            measure(f"(b) align, novel {args.novel}", "cold",
                    ["align", str(src), str(tgt), "--presegmented", "--format", "vecalign"],
                    cache_dir, f"{_count(src)}/{_count(tgt)}")

        if "c" in cases:
            novels = [p.with_name(p.name[: -len(".gold.tsv")]) for p in sorted(gold_fr_en.glob("*.gold.tsv"))]
            src = _concat(novels, "fr", 1000, tmp / "thousand.fr.sents")
            tgt = _concat(novels, "en", 1000, tmp / "thousand.en.sents")
            cache_dir = tmp / "cache-c"
            cache_dir.mkdir()
            measure("(c) align, 1,000 sentences per side (TransRead novels concatenated)", "cold",
                    ["align", str(src), str(tgt), "--presegmented", "--format", "vecalign"],
                    cache_dir, "1000/1000")

    prov = provenance(["benchmarks/speed.py", *argv])
    print("## Speed and memory of the `compare` CLI\n")
    print(markdown(runs))
    print()
    print("Each row is one `python -m compare ...` child process; peak RSS and CPU time are that "
          "child's own (`os.wait4`). *cold*: empty `COMPARE_CACHE_DIR`; *warm*: same cache, second run.")
    print(f"Obtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; "
          f"Python {prov['python']}; compare {prov['compare_version']}.")
    if args.json:
        payload = {"provenance": prov, "runs": [asdict(r) for r in runs]}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r.exit_code == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
