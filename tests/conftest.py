"""Shared fixtures.

Every test session gets an empty models folder (``COMPARE_MODELS_DIR``), so
models a developer installed never change what the tests see. Tests that
need a real translation model use ``tiny_models``: the project's own tiny
Marian models, built once (``compare models build-tiny``) and kept under
the user cache keyed by a digest of their training data and settings.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest


def _test_models_root() -> Path:
    from compare.store import default_cache_dir

    return Path(os.environ.get("COMPARE_TEST_MODELS") or default_cache_dir() / "test-models")


# Fixed when the test session starts: tests that point COMPARE_CACHE_DIR elsewhere
# must not make the tiny models rebuild.
TEST_MODELS_ROOT = _test_models_root()


@pytest.fixture(autouse=True, scope="session")
def _empty_models_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("no-models")
    old = os.environ.get("COMPARE_MODELS_DIR")
    os.environ["COMPARE_MODELS_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("COMPARE_MODELS_DIR", None)
    else:
        os.environ["COMPARE_MODELS_DIR"] = old


def _tiny_digest() -> str:
    from compare import __version__
    from compare.translate import tiny

    data = json.dumps([tiny.training_pairs(), tiny.DEFAULTS, __version__], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


@pytest.fixture(scope="session")
def tiny_models() -> Path:
    """A models folder holding tiny-fr-en and tiny-en-fr, each with a CTranslate2 int8 copy.

    Treat it as read-only: tests that damage models work on a copy.
    """
    from compare.errors import ModelError
    from compare.translate.models import convert, read_manifest
    from compare.translate.tiny import build_tiny

    root = TEST_MODELS_ROOT
    folder = root / _tiny_digest()
    names = ["tiny-fr-en", "tiny-en-fr", "tiny-fr-en.ct2-int8", "tiny-en-fr.ct2-int8"]
    try:
        for name in names:
            read_manifest(folder / name)
        return folder
    except ModelError:
        pass
    work = root / f".build-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    for src, tgt in (("fr", "en"), ("en", "fr")):
        build_tiny(src, tgt, work)
        convert(f"tiny-{src}-{tgt}", work, quantization="int8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(work, folder)
    return folder


@pytest.fixture
def models_copy(tiny_models, tmp_path) -> Path:
    """A private, writable copy of the tiny models folder."""
    target = tmp_path / "models"
    shutil.copytree(tiny_models, target)
    return target
