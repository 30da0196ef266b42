"""Resolve the ``"module:Class"`` strings the stage registries use, on first use."""

from __future__ import annotations

import importlib
from typing import Any


def import_target(target: str) -> Any:
    """The object named by ``"package.module:Name"``, importing the module now."""
    module_name, _, name = target.partition(":")
    return getattr(importlib.import_module(module_name), name)
