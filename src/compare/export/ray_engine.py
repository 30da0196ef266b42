"""The export task on Ray: one actor per worker, resources loaded once per actor.

Without an address, a local Ray instance is started for the run (and shut
down after); with ``--ray-address HOST:PORT`` the run joins that cluster.
Each actor reserves ``threads`` CPUs (default 1) and caps its math libraries
to that many threads before loading the encoder. Actors read the input files
themselves, so on a cluster the corpus must be at the same path on every
node (a shared file system); results come back to this process, which alone
writes the output folder. ``compare`` must be importable on the workers
(same environment, or a Ray ``runtime_env``).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from compare.errors import CompareError, ConfigurationError
from compare.export.runner import (
    INTERNAL_ERROR_CODE,
    Engine,
    Task,
    TaskError,
    TaskResult,
    configure_threads,
    process_document,
    setup_failure,
    worker_resources,
)


class ExportWorker:
    """The actor's body (made a Ray actor class at run time, so Ray is imported only when used)."""

    def __init__(self, settings, threads: int) -> None:
        configure_threads(threads)
        self.settings = settings
        self.setup_error: CompareError | None = None
        try:
            self.resources = worker_resources(settings, threads)
        except CompareError as exc:  # reported with the first task: the driver stops the run
            self.setup_error = exc

    def run(self, task: Task) -> TaskResult:
        if self.setup_error is not None:
            return setup_failure(task.id, self.setup_error)
        return process_document(task, self.settings, self.resources)


class RayEngine(Engine):
    name = "ray"
    max_replacements = 3

    def __init__(self, settings, jobs: int = 0, threads: int | None = None, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise ConfigurationError("--engine ray needs Ray: pip install 'compare[ray]'") from None
        self.ray = ray
        self.address = address
        self._started = False
        if not ray.is_initialized():
            try:
                ray.init(address=address, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.ERROR, configure_logging=True)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = f"the Ray cluster at {address}" if address else "a local Ray instance"
                raise ConfigurationError(f"cannot start or reach {where}: {exc}".splitlines()[0]) from None
            self._started = True
        threads = threads or 1
        cpus = int(ray.cluster_resources().get("CPU", 1))
        super().__init__(settings, jobs if jobs and jobs > 0 else max(1, cpus // threads), threads)
        self._actor_class = ray.remote(num_cpus=threads)(ExportWorker)
        self._actors: list[Any] = []

    def _new_actor(self):
        return self._actor_class.remote(self.settings, self.threads)

    def run(self, tasks):
        ray = self.ray
        from ray.exceptions import RayActorError, RayTaskError

        pending = list(reversed(tasks))
        self._actors = [self._new_actor() for _ in range(min(self.jobs, len(tasks)) or 1)]
        idle = list(self._actors)
        running: dict[Any, tuple[Any, Task]] = {}
        replaced = 0
        while pending or running:
            while pending and idle:
                actor, task = idle.pop(), pending.pop()
                running[actor.run.remote(task)] = (actor, task)
            ready, _ = ray.wait(list(running), num_returns=1)
            for ref in ready:
                actor, task = running.pop(ref)
                try:
                    result = ray.get(ref)
                except RayActorError as exc:
                    yield TaskResult(task.id, error=TaskError(
                        "WorkerDied", f"the Ray worker died while this document was in progress ({type(exc).__name__})",
                        INTERNAL_ERROR_CODE))
                    replaced += 1
                    if replaced <= self.max_replacements:
                        idle.append(self._new_actor())
                    elif not idle and not running:
                        for left in reversed(pending):
                            yield TaskResult(left.id, error=TaskError(
                                "WorkerDied", "not run: Ray workers kept dying", INTERNAL_ERROR_CODE))
                        return
                    continue
                except RayTaskError as exc:  # pragma: no cover - process_document catches its own errors
                    result = TaskResult(task.id, error=TaskError(
                        "RayTaskError", f"internal error: {exc}".splitlines()[0], INTERNAL_ERROR_CODE))
                idle.append(actor)
                yield result

    def close(self) -> None:
        for actor in self._actors:
            with contextlib.suppress(Exception):  # best effort on the way out: it may be dead already
                self.ray.kill(actor)
        self._actors = []
        if self._started and self.ray.is_initialized():
            self.ray.shutdown()
            self._started = False

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        info["address"] = self.address or "local"
        return info
