"""The ``compare`` command line: thin wrappers over ``compare.pipeline``."""

from __future__ import annotations

import sys

import typer

from compare import __version__

app = typer.Typer(
    name="compare",
    help="Align an original and its translation sentence by sentence and flag where they diverge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
STATE = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"compare {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    STATE["debug"] = debug


from compare.cli import align as _align  # noqa: E402,F401  (registers commands)
from compare.cli import diff as _diff  # noqa: E402,F401
from compare.cli import export as _export  # noqa: E402,F401
from compare.cli import models as _models  # noqa: E402,F401
from compare.cli import report as _report  # noqa: E402,F401
from compare.cli import translate as _translate  # noqa: E402,F401


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (errors are mapped inside each command)."""
    try:
        app(args=argv, standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def console() -> None:
    """The ``compare`` command (and ``python -m compare``): :func:`main`, then an exit
    without the interpreter's teardown.

    When ``main`` returns, every output file is written (atomically) and closed. What
    the interpreter would still do is free the run's objects one by one (the
    tokenizer's 250,000-piece vocabulary, the documents): 0.07 s of the 2.2 s a
    40-sentence article takes from a cold start (``benchmarks/cold.py``). The exit
    handlers registered by libraries still run, and the standard streams are flushed;
    with a thread still running, the exit is the ordinary one."""
    import atexit
    import os
    import threading

    code = main()
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe ("compare ... | head")
        code = code or 1
    os._exit(code)
