"""Translator behaviour that needs no model: splitting, cache, pivot, registry, models folder."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest

from compare.errors import ConfigurationError, ModelError
from compare.translate import get_translator
from compare.translate.base import ModelTranslator, length_sorted_batches, split_long
from compare.translate.cache import CachedTranslator
from compare.translate.models import (
    MANIFEST, find_installed, installed_models, load_registry, pull, read_manifest, write_manifest,
)
from compare.translate.pivot import PivotTranslator


class Upper(ModelTranslator):
    """A fake model: upper-cases, counts words as tokens, limit of 8 tokens."""

    max_input_tokens = 8

    def __init__(self, name="upper", src="fr", tgt="en", beam=1):
        super().__init__(name, src, tgt, beam_size=beam)
        self.seen: list[str] = []

    def token_count(self, text):
        return len(text.split()) + 1

    def _generate(self, texts):
        self.seen.extend(texts)
        return [t.upper() for t in texts]



# ---------------------------------------------------------------- splitting
@pytest.mark.parametrize(
    "text, limit, parts",
    [
        ("one two three", 10, ["one two three"]),
        ("un deux, trois quatre, cinq six", 4, ["un deux, trois quatre,", "cinq six"]),
        ("un deux trois, quatre cinq, six", 3, ["un deux trois,", "quatre cinq, six"]),
        ("a b c d e f g", 3, ["a b c", "d e f", "g"]),
        ("first part; second part that is longer", 4, ["first part;", "second part that is", "longer"]),
    ],
)
def test_split_long_cuts_at_clauses_then_words(text, limit, parts):
    got = split_long(text, lambda t: len(t.split()) <= limit)
    assert got == parts
    assert " ".join(got).split() == text.split()


def test_split_long_handles_a_text_without_spaces():
    text = "x" * 1000
    parts = split_long(text, lambda t: len(t) <= 100)
    assert all(len(p) <= 100 for p in parts) and "".join(parts) == text


def test_length_sorted_batches_cover_every_index_once():
    batches = length_sorted_batches([3, 10, 1, 7, 7], 2)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3, 4]
    assert batches[0] == [1, 3] and all(len(b) <= 2 for b in batches)


# ---------------------------------------------------------------- ModelTranslator
def test_blank_and_duplicate_sentences_do_not_reach_the_model():
    model = Upper()
    out = model.translate(["bonjour", "", "   ", "bonjour", "merci"])
    assert out == ["BONJOUR", "", "", "BONJOUR", "MERCI"]
    assert model.seen == ["bonjour", "merci"] and model.calls == 2


def test_long_sentence_is_split_translated_and_joined_with_a_note():
    model = Upper()
    sentence = "mot " * 30
    out = model.translate([sentence])
    assert out[0].split() == ["MOT"] * 30  # nothing lost
    assert all(model.token_count(t) <= model.max_input_tokens for t in model.seen)
    assert len(model.seen) > 1 or len(set(model.seen)) == 1  # parts (identical parts are translated once)
    assert "translated in" in model.notes[0] and "120 characters" in model.notes[0]


# ---------------------------------------------------------------- cache
def test_cache_serves_a_second_run_without_model_work(tmp_path):
    path = tmp_path / "t.sqlite"
    first = CachedTranslator(Upper(), path)
    assert first.translate(["un", "deux", ""]) == ["UN", "DEUX", ""]
    first.close()
    inner = Upper()
    second = CachedTranslator(inner, path)
    assert second.translate(["deux", "un", "trois"]) == ["DEUX", "UN", "TROIS"]
    assert inner.seen == ["trois"] and second.hits == 2


def test_cache_keys_include_the_model_setup(tmp_path):
    path = tmp_path / "t.sqlite"
    CachedTranslator(Upper(beam=1), path).translate(["un"])
    other = Upper(beam=4)
    CachedTranslator(other, path).translate(["un"])
    renamed = Upper(name="other-model")
    CachedTranslator(renamed, path).translate(["un"])
    assert other.seen == ["un"] and renamed.seen == ["un"]


def test_unusable_cache_only_costs_speed(tmp_path):
    path = tmp_path / "t.sqlite"
    path.write_bytes(b"not a database" * 100)
    cached = CachedTranslator(Upper(), path)
    assert cached.translate(["un"]) == ["UN"]
    assert any("cache" in note for note in cached.notes)
    assert path.read_bytes() == b"not a database" * 100  # left as it was


def test_memory_is_bounded_and_evicted_entries_come_from_sqlite(tmp_path):
    path = tmp_path / "t.sqlite"
    inner = Upper()
    cached = CachedTranslator(inner, path, max_entries=3)
    for i in range(10):
        assert cached.translate([f"mot {i}", "mot 0"]) == [f"MOT {i}", "MOT 0"]
        assert len(cached._memory) <= 3
    assert list(cached._memory) == ["mot 8", "mot 9", "mot 0"]  # least recently used first; "mot 0" stays in use
    assert inner.seen == [f"mot {i}" for i in range(10)] and cached.hits == 0
    # evicted sentences are read back from the SQLite store, not translated again
    assert cached.translate(["mot 1", "mot 2", "mot 9"]) == ["MOT 1", "MOT 2", "MOT 9"]
    assert inner.calls == 10 and cached.hits == 2 and len(cached._memory) == 3
    # a batch larger than the memory is answered in full
    batch = [f"phrase {i}" for i in range(8)] + ["mot 5"]
    assert cached.translate(batch) == [s.upper() for s in batch]
    assert len(cached._memory) == 3 and inner.calls == 18 and cached.hits == 3


def test_memory_only_cache_is_bounded_too():
    inner = Upper()
    cached = CachedTranslator(inner, max_entries=2)
    assert cached.translate(["un", "deux", "trois"]) == ["UN", "DEUX", "TROIS"]
    assert list(cached._memory) == ["deux", "trois"]
    assert cached.translate(["trois", "un"]) == ["TROIS", "UN"] and inner.seen == ["un", "deux", "trois", "un"]
    with pytest.raises(ValueError):
        CachedTranslator(Upper(), max_entries=0)


def _fill(path, start):
    cached = CachedTranslator(Upper(), path)
    for i in range(start, start + 200, 10):
        cached.translate([f"phrase {j}" for j in range(i, i + 10)])
    cached.close()


def test_concurrent_runs_share_the_cache_safely(tmp_path):
    path = tmp_path / "t.sqlite"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_fill, args=(path, start)) for start in (0, 100, 200)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM translations").fetchone()[0] == 400  # 0..399, overlaps once
    inner = Upper()
    CachedTranslator(inner, path).translate([f"phrase {j}" for j in range(400)])
    assert inner.seen == []


# ---------------------------------------------------------------- pivot
def test_pivot_chains_two_translators_and_says_so():
    first, second = Upper("de-en", "de", "en"), Upper("en-fr", "en", "fr")
    pivot = PivotTranslator(first, second)
    assert pivot.translate(["hallo welt"]) == ["HALLO WELT"]
    assert second.seen == ["HALLO WELT"]
    sig = pivot.signature()
    assert (sig["src_lang"], sig["tgt_lang"], sig["pivot"]) == ("de", "fr", "en") and len(sig["steps"]) == 2
    assert pivot.calls == 2


def test_pivot_refuses_mismatched_languages():
    with pytest.raises(ConfigurationError, match="cannot pivot"):
        PivotTranslator(Upper("de-en", "de", "en"), Upper("fr-es", "fr", "es"))


# ---------------------------------------------------------------- registry
def test_registry_lists_the_models_the_issue_names(tmp_path):
    registry = load_registry(tmp_path)
    for name in ("opus-mt-fr-en", "opus-mt-en-fr", "opus-mt-tc-big-fr-en"):
        assert registry[name].hub_id.startswith("Helsinki-NLP/") and registry[name].licence
    multilingual = [s for s in registry.values() if s.multilingual]
    assert multilingual and all(s.covers("de", "fr") for s in multilingual)
    assert registry["opus-mt-fr-en"].covers("fr", "en") and not registry["opus-mt-fr-en"].covers("en", "fr")


def test_local_registry_adds_entries_and_rejects_unknown_fields(tmp_path):
    (tmp_path / "registry.toml").write_text(
        '[models.my-it-en]\nhub_id = "me/it-en"\nlangs = ["it", "en"]\n', encoding="utf-8"
    )
    assert load_registry(tmp_path)["my-it-en"].covers("it", "en")
    (tmp_path / "registry.toml").write_text('[models.x]\nhub_id = "a"\nlangs = ["it", "en"]\nsize = 3\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown field"):
        load_registry(tmp_path)


# ---------------------------------------------------------------- models folder
def _fake_model(folder, name="opus-mt-fr-en", langs=("fr", "en")):
    path = folder / name
    path.mkdir(parents=True)
    (path / "config.json").write_text("{}", encoding="utf-8")
    (path / "model.safetensors").write_bytes(b"0" * 64)
    write_manifest(path, {"name": name, "engine": "transformers", "langs": list(langs), "revision": "abc"})
    return path


def test_manifest_detects_missing_and_damaged_files(tmp_path):
    path = _fake_model(tmp_path)
    assert read_manifest(path)["files"]["model.safetensors"] == 64
    (path / "model.safetensors").write_bytes(b"0" * 10)
    with pytest.raises(ModelError, match="damaged"):
        read_manifest(path)
    (path / MANIFEST).unlink()
    with pytest.raises(ModelError, match="not a complete model folder"):
        read_manifest(path)


def test_installed_models_separates_complete_broken_and_partial(tmp_path):
    _fake_model(tmp_path)
    (tmp_path / "half").mkdir()
    (tmp_path / ".partial-opus-mt-en-fr").mkdir()
    good, bad = installed_models(tmp_path)
    assert [m.name for m in good] == ["opus-mt-fr-en"]
    assert {p.name for p, _ in bad} == {"half", ".partial-opus-mt-en-fr"}


def test_missing_model_names_the_command_that_installs_it(tmp_path):
    with pytest.raises(ModelError, match="compare models pull opus-mt-en-fr"):
        find_installed("opus-mt-en-fr", "transformers", tmp_path)
    with pytest.raises(ModelError, match="compare models build-tiny"):
        find_installed("tiny-fr-en", "transformers", tmp_path)
    _fake_model(tmp_path)
    with pytest.raises(ModelError, match="compare models convert opus-mt-fr-en"):
        find_installed("opus-mt-fr-en", "ctranslate2", tmp_path)


def test_wrong_language_pair_is_refused(tmp_path):
    _fake_model(tmp_path)
    with pytest.raises(ModelError, match="translates fr->en, not en->fr"):
        get_translator("opus-mt-fr-en", "en", "fr", folder=tmp_path, cache=False)


def test_auto_without_a_model_says_what_to_install(tmp_path):
    translator, reason = get_translator("auto", "fr", "en", folder=tmp_path, cache=False)
    assert translator is None and "compare models pull opus-mt-fr-en" in reason
    translator, reason = get_translator("auto", "xx", "yy", folder=tmp_path, cache=False)
    assert translator is None and "xx->yy" in reason and "pull" not in reason


def test_auto_pivots_through_english(tmp_path):
    _fake_model(tmp_path, "opus-mt-de-en", ("de", "en"))
    _fake_model(tmp_path, "opus-mt-en-fr", ("en", "fr"))
    translator, reason = get_translator("auto", "de", "fr", folder=tmp_path, cache=False, engine="transformers")
    assert reason is None and translator.signature()["pivot"] == "en"
    assert [s["name"] for s in translator.signature()["steps"]] == ["opus-mt-de-en", "opus-mt-en-fr"]


def _download_ok(repo, revision, target):
    (target / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    (target / "model.safetensors").write_bytes(b"w" * 100)
    return "0123abcd"


def test_pull_installs_with_a_manifest_and_the_resolved_revision(tmp_path):
    installed = pull("opus-mt-fr-en", tmp_path, download=_download_ok)
    assert installed.path == tmp_path / "opus-mt-fr-en"
    assert installed.manifest["revision"] == "0123abcd" and installed.manifest["hub_id"] == "Helsinki-NLP/opus-mt-fr-en"
    with pytest.raises(ModelError, match="already installed"):
        pull("opus-mt-fr-en", tmp_path, download=_download_ok)


def test_interrupted_pull_leaves_nothing_loadable_and_a_retry_completes(tmp_path):
    def interrupted(repo, revision, target):
        (target / "model.safetensors").write_bytes(b"w" * 10)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pull("opus-mt-fr-en", tmp_path, download=interrupted)
    assert not (tmp_path / "opus-mt-fr-en").exists()
    with pytest.raises(ModelError, match="not installed"):
        find_installed("opus-mt-fr-en", "transformers", tmp_path)
    seen = {}

    def resume(repo, revision, target):
        seen["kept"] = (target / "model.safetensors").stat().st_size  # the partial file is still there to resume
        return _download_ok(repo, revision, target)

    pull("opus-mt-fr-en", tmp_path, download=resume)
    assert seen["kept"] == 10 and read_manifest(tmp_path / "opus-mt-fr-en")["revision"] == "0123abcd"


def test_pull_of_unknown_or_tiny_model(tmp_path):
    with pytest.raises(ModelError, match="unknown model"):
        pull("opus-mt-xx-yy", tmp_path, download=_download_ok)
    with pytest.raises(ModelError, match="build-tiny"):
        pull("tiny-fr-en", tmp_path, download=_download_ok)
