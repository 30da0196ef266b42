"""Throughput and memory of ``compare export`` on the dev news folder.

Each case runs in its own child process (this script with ``--child``), which
calls ``compare.export.runner.export_corpus`` exactly as ``compare export``
does and reports what it saw; the parent times the child (``os.wait4``). Every
case starts with an empty embedding cache (``COMPARE_CACHE_DIR`` set to a new
temporary folder) and an empty output folder, so each document is embedded
for real. Cases:

* throughput on the 109 documents of ``news_fr_en`` (or the first ``--limit``) (``.txt`` pairs; the
  ``.sents`` and gold files beside them are listed as not used), JSONL output:
  ``--jobs 1`` (in-process, the encoder uses every core), ``--jobs 1 --threads 1``
  (one worker, one thread: the per-core baseline), ``--jobs 2`` (two workers,
  cores/2 threads each), ``--jobs 2 --threads 2`` (two workers that each use
  every core: oversubscribed) and ``--engine ray`` (a local Ray instance, two
  actors of one CPU each);
* memory as the corpus grows: 100 and 1,000 documents, made by linking the dev
  documents under new names (copy k of NAME is NAME~k) in a temporary folder,
  ``--jobs 2``, all six formats. Only the first copy of each document is
  embedded; the other copies are served by the SQLite embedding cache (their
  sentences are identical), so these runs measure memory, not encoder speed.

Peak RSS per worker is each worker's own ``getrusage`` maximum, reported with
its results; the main process's is the child process's own. CPU seconds are
the child's and its worker processes' (``os.wait4``; not available for Ray,
whose workers belong to the Ray daemons): unlike wall time, they hardly move
with the machine's other load. The load average is
read before and after each case (the machine is shared); ``--max-load`` waits
for a quieter moment before each case.

    .venv/bin/python benchmarks/export.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align import provenance, wait_with_rusage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FORMATS_ALL = ("tmx", "xliff", "tsv", "jsonl", "moses", "vecalign")

THROUGHPUT = {
    "jobs1": {"jobs": 1, "threads": None, "engine": "local", "label": "--jobs 1 (encoder on all cores)"},
    "jobs1-t1": {"jobs": 1, "threads": 1, "engine": "local", "label": "--jobs 1 --threads 1"},
    "jobs2": {"jobs": 2, "threads": None, "engine": "local", "label": "--jobs 2 (1 thread each)"},
    "jobs2-t2": {"jobs": 2, "threads": 2, "engine": "local", "label": "--jobs 2 --threads 2 (oversubscribed)"},
    "ray": {"jobs": 2, "threads": None, "engine": "ray", "label": "--engine ray (2 actors, 1 CPU each)"},
}


# ---------------------------------------------------------------- child: one export
def child(config: dict) -> None:
    from compare.export.runner import ExportOptions, export_corpus
    from compare.pipeline import Settings

    settings = Settings(src_lang="fr", tgt_lang="en")
    options = ExportOptions(formats=tuple(config["formats"]), jobs=config["jobs"], threads=config["threads"],
                            engine=config["engine"])
    result = export_corpus(config["folder"], config["out"], settings, options)
    print(json.dumps({
        "documents": result.documents, "computed": result.computed, "failed": len(result.failed),
        "pairs": result.counts["pairs"], "seconds": result.seconds, "engine": result.engine,
        "workers_peak_rss_mb": sorted(round(kb / 1024, 1) for kb in result.workers.values()),
        "parent_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "unmatched": len(result.unmatched),
        "failures": {doc: f"{err.type}: {err.message}" for doc, err in result.failed.items()},
    }))


# ---------------------------------------------------------------- parent
def wait_for_quiet(max_load: float | None, patience: float = 600.0) -> None:
    if max_load is None:
        return
    end = time.monotonic() + patience
    while os.getloadavg()[0] > max_load and time.monotonic() < end:
        time.sleep(10)


def run_case(name: str, config: dict, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="compare-bench-") as tmp:
        config = {**config, "out": str(Path(tmp) / "out")}
        env = dict(os.environ, COMPARE_CACHE_DIR=str(Path(tmp) / "cache"))
        load_before = os.getloadavg()
        start = time.perf_counter()
        out_path, err_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        with open(out_path, "w") as out, open(err_path, "w") as err:
            proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(config)], cwd=ROOT, env=env,
                                    stdout=out, stderr=err)
            # os.wait4: the child's CPU time, its worker processes' included once reaped
            status, usage = wait_with_rusage(proc, start + timeout, poll=0.1)
        wall = time.perf_counter() - start
        load_after = os.getloadavg()
        code = os.waitstatus_to_exitcode(status)
        stdout, stderr = out_path.read_text(), err_path.read_text()
    if code != 0:
        return {"case": name, "error": (stderr.strip().splitlines() or ["?"])[-1], "exit": code}
    data = json.loads(stdout.strip().splitlines()[-1])
    data.update(case=name, wall_seconds=round(wall, 1), docs_per_second=round(data["documents"] / wall, 3),
                cpu_seconds=round(usage.ru_utime + usage.ru_stime, 1),
                load_before=[round(x, 2) for x in load_before], load_after=[round(x, 2) for x in load_after])
    return data


def best(results: list[dict]) -> dict:
    """The fastest successful run of a case (the one least disturbed by other load), with the run count."""
    ok = [r for r in results if "error" not in r] or results
    chosen = dict(max(ok, key=lambda r: r.get("docs_per_second", 0)))
    chosen["runs"] = len(results)
    chosen["all_wall_seconds"] = [r.get("wall_seconds") for r in results]
    return chosen


def scaled_corpus(source: Path, target: Path, count: int) -> Path:
    """``count`` document pairs linked from ``source`` under new names (NAME~k), nothing copied."""
    names = sorted({p.name[: -len(".fr.txt")] for p in source.glob("*.fr.txt")})
    target.mkdir(parents=True)
    for i in range(count):
        name, copy = names[i % len(names)], i // len(names)
        for lang in ("fr", "en"):
            (target / f"{name}~{copy}.{lang}.txt").symlink_to((source / f"{name}.{lang}.txt").resolve())
    return target


def fmt_load(load) -> str:
    return "/".join(f"{x:.1f}" for x in load)


def report(throughput: list[dict], memory: list[dict], info: dict) -> str:
    lines = ["#### Throughput on the dev news folder (cold embedding cache, JSONL output)", "",
             "| case | documents (failed) | pairs | wall s | documents/s | CPU s | peak RSS per worker (MB) | main process peak (MB) | load before/after (1, 5, 15 min) |",
             "|---|---:|---:|---:|---:|---:|---|---:|---|"]
    by_name = {}
    for r in throughput:
        if "error" in r:
            lines.append(f"| {THROUGHPUT[r['case']]['label']} | failed: {r['error']} |")
            continue
        by_name[r["case"]] = r
        workers = ", ".join(f"{x:.0f}" for x in r["workers_peak_rss_mb"])
        cpu = "n/a" if r["engine"]["engine"] == "ray" else f"{r['cpu_seconds']:.0f}"  # Ray workers are not our children
        lines.append(
            f"| {THROUGHPUT[r['case']]['label']} | {r['documents']} ({r['failed']}) | {r['pairs']} | {r['wall_seconds']:.1f} "
            f"| {r['docs_per_second']:.2f} | {cpu} | {workers} | {r['parent_peak_rss_mb']:.0f} "
            f"| {fmt_load(r['load_before'])} → {fmt_load(r['load_after'])} |"
        )
        for doc, message in sorted(r.get("failures", {}).items())[:3]:
            lines.append(f"|  failed: {doc}: {message[:100]} |")
    ratios = []
    for a, b in (("jobs2", "jobs1"), ("jobs2", "jobs1-t1"), ("ray", "jobs1"), ("jobs2-t2", "jobs2")):
        if a in by_name and b in by_name:
            ratios.append(f"{THROUGHPUT[a]['label']} / {THROUGHPUT[b]['label']}: "
                          f"{by_name[a]['docs_per_second'] / by_name[b]['docs_per_second']:.2f}x")
    if ratios:
        lines += ["", "Ratios (documents/s): " + "; ".join(ratios) + "."]
    repeated = [r for r in throughput if r.get("runs", 1) > 1]
    if repeated:
        lines += ["", "Each case ran " + str(repeated[0]["runs"]) + " times, in turn; the table shows its fastest run "
                  "(wall seconds of all runs: " + "; ".join(
                      f"{r['case']} {', '.join(str(w) for w in r['all_wall_seconds'])}" for r in repeated) + ")."]
    if memory:
        lines += ["", "#### Memory as the corpus grows (--jobs 2, all six formats)", "",
                  "| documents (failed) | embedded for real | wall s | CPU s | peak RSS per worker (MB) | main process peak (MB) | load before/after |",
                  "|---:|---:|---:|---:|---|---:|---|"]
        for r in memory:
            if "error" in r:
                lines.append(f"| {r['case']} | failed: {r['error']} |")
                continue
            workers = ", ".join(f"{x:.0f}" for x in r["workers_peak_rss_mb"])
            lines.append(
                f"| {r['documents']} ({r['failed']}) | {r['distinct']} (the rest from the cache) | {r['wall_seconds']:.1f} "
                f"| {r['cpu_seconds']:.0f} | {workers} | {r['parent_peak_rss_mb']:.0f} "
                f"| {fmt_load(r['load_before'])} → {fmt_load(r['load_after'])} |"
            )
    lines += ["", f"Obtained with `{info['command']}` on {info['date']}; {info['machine']}; "
                  f"Python {info['python']}; compare {info['compare_version']}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the dev data folder (holds news_fr_en/)")
    parser.add_argument("--cases", default=",".join(THROUGHPUT), help="throughput cases to run")
    parser.add_argument("--scale", default="100,1000", help="corpus sizes for the memory cases ('' for none)")
    parser.add_argument("--limit", type=int, help="use only the first N news documents (a quick check)")
    parser.add_argument("--max-load", type=float, help="before each case, wait (up to 10 min) for a lower 1-min load")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the throughput cases this many times, in turn, and keep each case's fastest run")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0
    if args.data is None:
        parser.error("--data is required")
    news = args.data / "news_fr_en"
    if not news.is_dir():
        parser.error(f"{news} is not a folder")
    info = provenance(sys.argv)
    with tempfile.TemporaryDirectory(prefix="compare-bench-corpus-") as tmp:
        folder = news
        if args.limit:
            folder = scaled_corpus(news, Path(tmp) / f"first{args.limit}", args.limit)
        runs: dict[str, list[dict]] = {}
        for _ in range(max(1, args.repeat)):
            for name in [c for c in args.cases.split(",") if c]:
                wait_for_quiet(args.max_load)
                config = {**THROUGHPUT[name], "folder": str(folder), "formats": ["jsonl"]}
                result = run_case(name, config, args.timeout)
                print(json.dumps(result), file=sys.stderr, flush=True)
                runs.setdefault(name, []).append(result)
        throughput = [best(results) for results in runs.values()]
        memory = []
        distinct = len(list(news.glob("*.fr.txt")))
        for size in [int(s) for s in args.scale.split(",") if s]:
            wait_for_quiet(args.max_load)
            corpus = scaled_corpus(news, Path(tmp) / f"scaled{size}", size)
            config = {"jobs": 2, "threads": None, "engine": "local", "folder": str(corpus), "formats": list(FORMATS_ALL)}
            result = run_case(f"scaled-{size}", config, args.timeout)
            result["distinct"] = min(size, distinct)
            print(json.dumps(result), file=sys.stderr, flush=True)
            memory.append(result)
    print(report(throughput, memory, info))
    if args.json:
        args.json.write_text(json.dumps({"info": info, "throughput": throughput, "memory": memory}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
