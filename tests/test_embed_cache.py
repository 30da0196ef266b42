"""CachedEncoder: each distinct text reaches the model once, across runs too."""

import numpy as np
import pytest

from compare.embed import get_encoder
from compare.embed.base import Encoder
from compare.embed.cache import CachedEncoder
from compare.errors import ConfigurationError


class FakeEncoder(Encoder):
    name = "fake"
    dim = 4

    def __init__(self):
        self._calls = 0
        self.seen: list[str] = []

    def encode(self, texts):
        self._calls += len(texts)
        self.seen.extend(texts)
        out = np.array([[len(t), t.count("a"), 1.0, 0.5] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_repeats_within_a_run_are_not_re_embedded():
    inner = FakeEncoder()
    enc = CachedEncoder(inner)
    first = enc.encode(["a b", "ccc", "a b"])
    second = enc.encode(["ccc", "dd"])
    assert inner.seen == ["a b", "ccc", "dd"]
    assert enc.calls == 3
    assert np.allclose(first[0], first[2]) and np.allclose(first[1], second[0])


def test_persistent_cache_serves_a_second_process(tmp_path):
    path = tmp_path / "cache" / "e.sqlite"
    a = CachedEncoder(FakeEncoder(), path)
    vecs = a.encode(["un", "deux"])
    a.close()
    inner = FakeEncoder()
    b = CachedEncoder(inner, path)
    again = b.encode(["deux", "un", "trois"])
    assert inner.seen == ["trois"]
    assert np.allclose(again[0], vecs[1]) and np.allclose(again[1], vecs[0])


def test_unusable_cache_file_only_costs_speed(tmp_path):
    path = tmp_path / "e.sqlite"
    path.write_bytes(b"this is not a database" * 10)
    inner = FakeEncoder()
    enc = CachedEncoder(inner, path)
    assert enc.encode(["x"]).shape == (1, 4)
    assert inner.seen == ["x"]


def test_empty_input_gives_empty_matrix():
    assert CachedEncoder(FakeEncoder()).encode([]).shape[0] == 0


def test_unknown_encoder_name_is_a_configuration_error():
    with pytest.raises(ConfigurationError):
        get_encoder("nope")
