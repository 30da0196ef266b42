"""``compare export`` end to end: folders, failures, resuming, conflicts, full disks, interruptions, jobs.

The corpora are a few paragraphs of the sample article (tests/_export_helpers.py),
so each document takes a fraction of a second with the real encoder.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from _export_helpers import add_bad_documents, hammer_cache, make_corpus, tree
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import (
    EmptyInputError,
    OutputError,
    PartialFailureError,
    UnreadableInputError,
)

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
ALL_FORMATS = ["tmx", "xliff", "tsv", "jsonl", "moses", "vecalign"]
KILL_HOOK = ROOT / "tests" / "_worker_death"  # a sitecustomize that kills a process opening given files


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "export-cache"))


def run(*args):
    return runner.invoke(app, ["export", *[str(a) for a in args]])


def formats(*names):
    return [x for name in names for x in ("-f", name)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus") / "in")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """An uninterrupted export of ``corpus`` in every format."""
    out = tmp_path_factory.mktemp("reference") / "out"
    os.environ["COMPARE_CACHE_DIR"] = str(tmp_path_factory.getbasetemp() / "export-cache")
    result = run(corpus, "-o", out, *formats(*ALL_FORMATS))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.encoder
def test_every_format_carries_the_signature(reference):
    state = json.loads((reference / "export.json").read_text(encoding="utf-8"))
    assert state["status"] == "complete" and [d["id"] for d in state["documents"]] == ["alpha", "bravo", "charlie"]
    signature = state["signature"]
    assert signature["encoder"]["name"].startswith("e5/") and "mt" in signature
    assert signature["settings"]["langs"] == ["fr", "en"] and signature["counts"]["documents"] == 3
    kept = signature["counts"]["kept"]

    from compare.export.tmx import read_tmx
    from compare.export.xliff import read_xliff

    header, units = read_tmx(reference / "corpus.tmx")
    assert json.loads(header["props"]["x-compare-signature"][0]) == signature and len(list(units)) == kept
    xliff = list(read_xliff(reference / "corpus.xlf"))
    assert [json.loads(f["header_notes"]["compare-signature"]) for f in xliff] == [signature] * 3
    lines = (reference / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["signature"] == signature
    assert sum(json.loads(line)["record"] == "pair" for line in lines) == kept
    for sidecar in ("corpus.tsv.json", "corpus.moses.json", "corpus.vecalign/signature.json"):
        assert json.loads((reference / sidecar).read_text(encoding="utf-8"))["signature"] == signature
    assert len((reference / "corpus.fr").read_text(encoding="utf-8").splitlines()) == kept
    # flags are exported: the sample's planted "trois"/"two" slip is in alpha
    assert "numbers:major" in (reference / "corpus.ids").read_text(encoding="utf-8")


@pytest.mark.encoder
def test_failing_documents_are_reported_and_skipped(tmp_path):
    folder = make_corpus(tmp_path / "in", names=("alpha",))
    expected = add_bad_documents(folder)
    (folder / "lonely.en.txt").write_text("Alone here.\n", encoding="utf-8")
    result = run(folder, "-o", tmp_path / "out", "-f", "tsv")
    assert result.exit_code == PartialFailureError.exit_code, result.output
    assert "Traceback" not in result.output
    for name in expected:
        assert sum(line.startswith(f"compare: {name}: skipped: ") for line in result.output.splitlines()) == 1
    assert "lonely.en.txt" in result.output and "3 of 4 documents failed" in result.output
    state = json.loads((tmp_path / "out" / "export.json").read_text(encoding="utf-8"))
    failed = {d["id"]: d["error"]["type"] for d in state["documents"] if d["status"] == "failed"}
    assert failed == expected
    assert [u["reason"] for u in state["unmatched"]] == ["no NAME.fr.* file for 'lonely'"]
    assert state["status"] == "incomplete" and (tmp_path / "out" / "corpus.tsv").is_file()
    assert sorted(p.name for p in (tmp_path / "out" / "documents").iterdir()) == ["alpha.jsonl"]


@pytest.mark.encoder
def test_rerun_does_only_what_is_missing_and_refilters(corpus, reference, tmp_path):
    out = tmp_path / "out"
    assert run(corpus, "-o", out, "-f", "tsv").exit_code == 0
    shards = tree(out / "documents")
    result = run(corpus, "-o", out, "-f", "tsv", "--min-score", "0.45", "--drop-flagged", "major")
    assert result.exit_code == 0, result.output
    assert "(0 aligned now, 3 already done)" in result.output
    assert tree(out / "documents") == shards  # nothing recomputed
    counts = json.loads((out / "export.json").read_text(encoding="utf-8"))["counts"]
    assert counts["removed"]["min_score"] > 0 and counts["removed"]["flagged"] > 0
    assert counts["kept"] == counts["pairs"] - sum(counts["removed"].values())
    rows = (out / "corpus.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == counts["kept"] and all("major" not in row.split("\t")[9] for row in rows)
    # an input that changed is redone, the others are not
    copy = tmp_path / "in"
    copy.mkdir()
    for path in corpus.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "bravo.en.txt").write_text((corpus / "bravo.en.txt").read_text(encoding="utf-8") + "One more line.\n",
                                      encoding="utf-8")
    assert "(1 aligned now, 2 already done)" in run(copy, "-o", out, "-f", "tsv").output


@pytest.mark.encoder
def test_output_folder_from_other_settings_is_refused_until_overwrite(corpus, tmp_path):
    out = tmp_path / "out"
    assert run(corpus, "-o", out, "-f", "jsonl").exit_code == 0
    result = run(corpus, "-o", out, "-f", "jsonl", "--no-checks")
    assert result.exit_code == OutputError.exit_code
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"compare: error: {out} holds an export made with other settings (")
    assert "settings.checks: true there, false now" in line and "thresholds: changed" in line
    assert line.endswith("pass --overwrite to redo it, or choose another folder")
    result = run(corpus, "-o", out, "-f", "jsonl", "--no-checks", "--overwrite")
    assert result.exit_code == 0 and "(3 aligned now, 0 already done)" in result.output
    pairs = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    assert all(p["flags"] is None for p in pairs if p["record"] == "pair")
    assert run(corpus, "-o", out, "--no-checks", "--drop-flagged", "major").exit_code == 12


@pytest.mark.parametrize(
    "setup, code, message",
    [
        (lambda d: d / "missing", UnreadableInputError.exit_code, "not a folder"),
        (lambda d: (d / "e").mkdir() or d / "e", EmptyInputError.exit_code, "no document pairs found"),
        (lambda d: _only_unmatched(d), EmptyInputError.exit_code, "1 file(s) not matched, e.g. a.fr.txt"),
    ],
    ids=["missing-folder", "empty-folder", "no-pair"],
)
def test_no_pairs_is_one_line_error(tmp_path, setup, code, message):
    result = run(setup(tmp_path), "-o", tmp_path / "out")
    assert result.exit_code == code and message in result.output
    assert len(result.output.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def _only_unmatched(folder: Path) -> Path:
    (folder / "a.fr.txt").write_text("Une phrase.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", ["file", "foreign-folder"])
def test_unusable_output_is_refused(corpus, tmp_path, kind):
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("mine", encoding="utf-8")
    else:
        out.mkdir()
        (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(corpus, "-o", out, "--overwrite")
    assert result.exit_code == OutputError.exit_code and "compare: error: " in result.output
    assert "not a folder" in result.output if kind == "file" else "holds no compare export" in result.output
    assert (out if kind == "file" else out / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.encoder
def test_disk_full_keeps_finished_documents_and_a_rerun_finishes(corpus, reference, tmp_path, monkeypatch):
    from compare.export import base, outdir

    real = tempfile.mkstemp
    fail = {"where": "shard"}

    def full_disk(*args, **kwargs):
        folder = Path(kwargs.get("dir", "."))
        shard = folder.name == "documents" and any(folder.glob("*.jsonl"))
        output = kwargs.get("prefix", "").startswith(".corpus")
        if (fail["where"] == "shard" and shard) or (fail["where"] == "output" and output):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(outdir.tempfile, "mkstemp", full_disk)
    monkeypatch.setattr(base.tempfile, "mkstemp", full_disk)
    out = tmp_path / "out"
    result = run(corpus, "-o", out, *formats(*ALL_FORMATS))
    assert result.exit_code == OutputError.exit_code
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"compare: error: disk full while writing {out / 'documents'}")
    assert line.endswith(f"the 1 documents done so far are kept in {out}: run the same command again to go on")
    assert [p.name for p in (out / "documents").iterdir()] == ["alpha.jsonl"]  # the finished one is kept

    fail["where"] = "output"  # shards go through, the corpus files do not
    result = run(corpus, "-o", out, *formats(*ALL_FORMATS))
    assert result.exit_code == OutputError.exit_code and "disk full" in result.output
    assert "the 3 documents done so far are kept" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["documents", "export.json"]  # no half-written output

    monkeypatch.setattr(outdir.tempfile, "mkstemp", real)
    monkeypatch.setattr(base.tempfile, "mkstemp", real)
    result = run(corpus, "-o", out, *formats(*ALL_FORMATS))
    assert result.exit_code == 0 and "(0 aligned now, 3 already done)" in result.output
    assert tree(out) == tree(reference)


@pytest.mark.encoder
def test_jobs_2_writes_the_same_files_as_jobs_1(corpus, reference, tmp_path):
    out = tmp_path / "out"
    result = run(corpus, "-o", out, "--jobs", "2", *formats(*ALL_FORMATS))
    assert result.exit_code == 0, result.output
    assert tree(out) == tree(reference)


def _kill_workers_opening(monkeypatch, *paths: Path) -> None:
    """Worker processes started from now on die (SIGKILL) when they open one of ``paths``: see tests/_worker_death."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(KILL_HOOK), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("COMPARE_TEST_KILL_ON_OPEN", os.pathsep.join(str(p) for p in paths))


@pytest.mark.encoder
def test_worker_killed_on_one_document_fails_it_alone_and_a_rerun_finishes(corpus, reference, tmp_path, monkeypatch):
    """A worker really dies (SIGKILL) while it reads bravo; the documents in flight with it are retried."""
    _kill_workers_opening(monkeypatch, corpus / "bravo.fr.txt")
    out = tmp_path / "out"
    result = run(corpus, "-o", out, "--jobs", "2", *formats(*ALL_FORMATS))
    assert result.exit_code == PartialFailureError.exit_code, result.output
    assert "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if ": skipped: " in line]
    assert skipped == [("compare: bravo: skipped: a worker process died (killed by SIGKILL) "
                        "while this document was in progress; out of memory?")]
    assert "(2 aligned now, 0 already done, 1 failed)" in result.output
    assert "1 of 3 documents failed" in result.output
    state = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert state["status"] == "incomplete"
    assert {d["id"]: d["status"] for d in state["documents"]} == {"alpha": "ok", "bravo": "failed", "charlie": "ok"}
    (dead,) = [d for d in state["documents"] if d["status"] == "failed"]
    assert dead["error"]["type"] == "WorkerDied" and "SIGKILL" in dead["error"]["message"]
    # the other documents are complete: the same shards as the uninterrupted run, all their pairs exported
    expected = {k: v for k, v in tree(reference / "documents").items() if k != "bravo.jsonl"}
    assert tree(out / "documents") == expected

    def records(folder):
        lines = (folder / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[1:]  # after the header
        return [line for line in lines if json.loads(line)["doc"] != "bravo"]

    assert records(out) == records(reference) and records(out)
    assert '"doc": "bravo"' not in (out / "corpus.jsonl").read_text(encoding="utf-8")
    assert "bravo#" not in (out / "corpus.tmx").read_text(encoding="utf-8")

    monkeypatch.delenv("COMPARE_TEST_KILL_ON_OPEN")  # the same command, nothing kills the workers now
    result = run(corpus, "-o", out, "--jobs", "2", *formats(*ALL_FORMATS))
    assert result.exit_code == 0, result.output
    assert "(1 aligned now, 2 already done)" in result.output
    assert tree(out) == tree(reference)


def test_workers_that_keep_dying_stop_the_restarts(tmp_path, monkeypatch):
    """Every document kills its worker: after max_restarts restarts in a row, the rest are reported as not run."""
    from compare.export.runner import ProcessEngine, Task
    from compare.pipeline import Settings

    folder = make_corpus(tmp_path / "in")
    _kill_workers_opening(monkeypatch, *sorted(folder.glob("*.fr.txt")))
    tasks = [Task(name, str(folder / f"{name}.fr.txt"), str(folder / f"{name}.en.txt"), str(folder), "key")
             for name in ("alpha", "bravo", "charlie")]
    with ProcessEngine(Settings(src_lang="fr", tgt_lang="en"), jobs=2) as engine:
        engine.max_restarts = 1
        results = {r.id: r.error for r in engine.run(tasks)}
    # all three were in flight when the first worker died; retried alone, alpha killed its worker again
    assert {k: e.type for k, e in results.items()} == dict.fromkeys(("alpha", "bravo", "charlie"), "WorkerDied")
    assert "killed by SIGKILL" in results["alpha"].message
    assert results["bravo"].message == results["charlie"].message == "not run: worker processes kept dying (2 times in a row)"


@pytest.mark.encoder
def test_encoder_is_built_once_per_worker_not_per_document(corpus, tmp_path, monkeypatch):
    from compare import embed
    from compare.export.runner import ExportOptions, export_corpus
    from compare.pipeline import Settings

    built = []
    real = embed.get_encoder
    monkeypatch.setattr(embed, "get_encoder", lambda *a, **k: built.append(a) or real(*a, **k))
    result = export_corpus(corpus, tmp_path / "out", Settings(src_lang="fr", tgt_lang="en"), ExportOptions())
    assert result.computed == 3 and len(built) == 1


def test_sqlite_embedding_cache_is_safe_with_concurrent_workers(tmp_path):
    import multiprocessing
    import sqlite3
    from concurrent.futures import ProcessPoolExecutor

    path = str(tmp_path / "embeddings.sqlite")
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(hammer_cache, [path] * 4, range(4)))
    assert [problems for _, problems in results] == [[]] * 4  # no store gave up on a lock
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (table,) = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (50,)  # every distinct text, once
    assert sum(total for total, _ in results) < 4 * 30 * 20  # workers served each other's vectors


def _wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.encoder
def test_interrupted_and_killed_runs_resume_to_identical_output(tmp_path):
    """Ctrl-C (two workers), then kill -9, then a full run: same files as one uninterrupted run."""
    # enough documents that a loaded machine cannot finish them all before the signal lands
    names = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett")
    folder = make_corpus(tmp_path / "in", names=names)
    reference = tmp_path / "reference"
    assert run(folder, "-o", reference, *formats("tmx", "jsonl", "moses")).exit_code == 0
    out = tmp_path / "out"
    command = [sys.executable, "-m", "compare", "export", str(folder), "-o", str(out), "--no-cache",
               *formats("tmx", "jsonl", "moses")]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    shards = out / "documents"

    def count():
        return len(list(shards.glob("*.jsonl"))) if shards.is_dir() else 0

    for sig, extra, after in ((signal.SIGINT, ["--jobs", "2"], 1), (signal.SIGKILL, [], 2)):
        process = subprocess.Popen(command + extra, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True, text=True)
        assert _wait_for(lambda after=after: count() >= after), process.communicate()
        os.killpg(process.pid, sig)  # the whole job, as a terminal's Ctrl-C or `kill -9 -PGID` would
        _, stderr = process.communicate(timeout=60)
        assert count() < len(names), "the run finished before it could be interrupted"
        if sig == signal.SIGINT:
            assert process.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr
        else:
            assert process.returncode == -signal.SIGKILL
    assert not (out / "corpus.tmx").exists()
    before = count()
    # the same command, with the embedding cache this time: it changes speed, not results
    final = subprocess.run([c for c in command if c != "--no-cache"], check=False, env=env, capture_output=True, text=True,
                           timeout=120)
    assert final.returncode == 0, final.stderr
    assert f"({len(names) - before} aligned now, {before} already done)" in final.stderr
    assert not list(out.rglob(".*.tmp"))
    assert tree(out) == tree(reference)


@pytest.mark.ray
@pytest.mark.encoder
def test_ray_engine_writes_the_same_files_with_one_encoder_per_actor(corpus, reference, tmp_path):
    """A local Ray instance started for the run; Ray is in the test extra, so this is not skipped without it."""
    import ray

    from compare.export.runner import ExportOptions, export_corpus
    from compare.pipeline import Settings

    options = ExportOptions(formats=tuple(ALL_FORMATS), engine="ray", jobs=2)
    done = export_corpus(corpus, tmp_path / "out", Settings(src_lang="fr", tgt_lang="en"), options)
    assert done.engine["engine"] == "ray" and done.engine["address"] == "local"
    assert done.computed == 3 and not done.failed
    assert len(done.workers) == 2  # both actors took documents; each built its encoder once
    assert tree(tmp_path / "out") == tree(reference)
    assert not ray.is_initialized()  # the instance started for the run is shut down


@pytest.mark.encoder
def test_manifest_lists_the_pairs_and_names_them(corpus, tmp_path):
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text(
        "source\ttarget\tname\n"
        f"{corpus / 'alpha.fr.txt'}\t{corpus / 'alpha.en.txt'}\tfirst article\n"
        f"{corpus / 'bravo.fr.txt'}\t{corpus / 'bravo.en.txt'}\n"
        f"{corpus / 'gone.fr.txt'}\t{corpus / 'bravo.en.txt'}\tgone\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(tmp_path, "--manifest", manifest, "-o", out, "-f", "tsv")
    assert result.exit_code == 0, result.output
    state = json.loads((out / "export.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in state["documents"]] == ["bravo", "first-article"]
    assert [Path(u["path"]).name for u in state["unmatched"]] == ["gone.fr.txt"]
    docs = {row.split("\t")[2] for row in (out / "corpus.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    assert docs == {"bravo", "first-article"}


@pytest.mark.parametrize("extra, code, message", [
    (["--encoder", "nope", "--jobs", "2"], 12, "unknown encoder 'nope'"),  # reported by the workers, run stopped
    (["--name", "../up"], 12, "--name takes a plain file name"),
    (["--engine", "local", "--ray-address", "10.0.0.1:6379"], 12, "--ray-address needs --engine ray"),
])
def test_bad_options_stop_with_one_line(corpus, tmp_path, extra, code, message):
    result = run(corpus, "-o", tmp_path / "out", *extra)
    assert result.exit_code == code, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("compare: error: ") and message in line


@pytest.mark.mt
@pytest.mark.encoder
def test_mt_model_is_loaded_once_per_worker_and_signed(corpus, tiny_models, tmp_path, monkeypatch):
    from compare import translate

    loads = []
    real = translate.get_translator
    monkeypatch.setattr(translate, "get_translator", lambda *a, **k: loads.append(a[:3]) or real(*a, **k))
    out = tmp_path / "out"
    result = run(corpus, "-o", out, "-f", "jsonl", "--mt", "tiny-fr-en", "--models-dir", tiny_models)
    assert result.exit_code == 0, result.output
    assert loads == [("tiny-fr-en", "fr", "en")]  # one worker, three documents, one model load
    header = json.loads((out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert header["signature"]["mt"]["status"] == "used" and "tiny-fr-en" in json.dumps(header["signature"]["mt"])
    missing = run(corpus, "-o", tmp_path / "other", "--mt", "no-such-model", "--models-dir", tiny_models)
    assert missing.exit_code == 13 and len(missing.output.strip().splitlines()) == 1
