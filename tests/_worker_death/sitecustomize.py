"""Makes a worker process die in the middle of a chosen document, for the export tests.

Python imports ``sitecustomize`` when it starts, from the first folder of
``sys.path`` that has one: a test puts this folder in ``PYTHONPATH`` before an
export spawns its workers. When ``COMPARE_TEST_KILL_ON_OPEN`` names files
(several separated by ``os.pathsep``), a process that opens one of them sends
itself SIGKILL, as the kernel's out-of-memory killer would. The test's own
process started before, so it is not affected; nothing in ``compare`` knows
about this.
"""

from __future__ import annotations

import os
import signal
import sys

_TARGETS = {os.path.abspath(p) for p in os.environ.get("COMPARE_TEST_KILL_ON_OPEN", "").split(os.pathsep) if p}


def _kill_on_open(event: str, args: tuple) -> None:
    if event != "open" or not args or not isinstance(args[0], (str, os.PathLike)):
        return
    path = os.fspath(args[0])
    if isinstance(path, str) and os.path.abspath(path) in _TARGETS:
        os.kill(os.getpid(), signal.SIGKILL)


if _TARGETS:
    sys.addaudithook(_kill_on_open)
