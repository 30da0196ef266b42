"""Shared CLI plumbing: error mapping, atomic output, progress."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from compare.errors import CompareError, OutputError

# exit codes: 0 ok, 1 --fail-on threshold reached, 2 usage (typer), others per error class
EXIT_FLAGS = 1


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write the whole text (or bytes) or nothing: a temp file in the same folder, then rename.

    The file gets the permissions a plain ``open()`` would give (0666 minus
    the umask), not the 0600 of the temporary file.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: folder {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


@contextmanager
def progress_reporter(enabled: bool) -> Iterator:
    """A ``progress(stage, done, total)`` callback drawing a rich bar on stderr."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeRemainingColumn(), console=console, transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


def fail(exc: CompareError, debug: bool) -> int:
    """Print one line for a library error and return its exit code."""
    if debug:
        import traceback

        traceback.print_exception(exc)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    sys.stderr.write(f"compare: error: {message}\n")
    return exc.exit_code


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the class's exit code."""
    import typer

    from compare.cli import STATE

    try:
        yield
    except CompareError as exc:
        raise typer.Exit(fail(exc, STATE["debug"])) from None
    except KeyboardInterrupt:
        sys.stderr.write("compare: interrupted\n")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - last resort: still one line, no traceback
        if STATE["debug"]:
            raise
        sys.stderr.write(f"compare: internal error: {type(exc).__name__}: {exc} (run with --debug for details)\n")
        raise typer.Exit(70) from None


def parse_langs(langs: str | None) -> tuple[str | None, str | None]:
    from compare.errors import ConfigurationError

    if not langs:
        return None, None
    parts = [p.strip() for p in langs.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ConfigurationError(f"--langs takes two codes like 'fr,en', not {langs!r}")
    return parts[0], parts[1]
