"""The real model path on the project's tiny Marian models: save, from_pretrained,
generate, CTranslate2 conversion, translate, cache, and the CLI around them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import ModelError
from compare.translate import get_translator, translate_document
from compare.translate.models import convert, read_manifest
from compare.translate.tiny import training_pairs

pytestmark = pytest.mark.mt
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PAIRS = training_pairs()
FR = [fr for fr, _ in PAIRS]
EN = [en for _, en in PAIRS]


def _exact(outputs, references):
    return sum(o == r for o, r in zip(outputs, references, strict=True))


def test_tiny_model_is_a_complete_opus_mt_style_folder(tiny_models):
    path = tiny_models / "tiny-fr-en"
    manifest = read_manifest(path)
    assert {"config.json", "source.spm", "target.spm", "vocab.json"} <= set(manifest["files"])
    vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "marian" and config["decoder_start_token_id"] == vocab["<pad>"]
    assert manifest["training"]["exact_match"] == manifest["training"]["pairs"]


@pytest.mark.parametrize("direction", ["fr-en", "en-fr"])
def test_transformers_path_repeats_the_training_text(tiny_models, direction):
    src, tgt = direction.split("-")
    translator, _ = get_translator(f"tiny-{direction}", src, tgt, folder=tiny_models, engine="transformers",
                                   cache=False, beam_size=1)
    inputs, refs = (FR, EN) if src == "fr" else (EN[-12:], FR[-12:])  # one direction on all, one on the short
    out = translator.translate(inputs)
    assert _exact(out, refs) >= len(refs) - 1
    assert translator.signature()["engine"] == "transformers" and translator.calls == len(set(inputs))


def test_ctranslate2_int8_path_translates_like_the_original(tiny_models):
    translator, _ = get_translator("tiny-fr-en", "fr", "en", folder=tiny_models, cache=False, beam_size=1)
    assert translator.signature()["engine"] == "ctranslate2" and translator.signature()["precision"] == "int8"
    out = translator.translate(FR)
    # int8 weights on a model this small cost a few exact matches; most sentences survive
    assert _exact(out, EN) >= int(0.8 * len(EN))


def test_ctranslate2_float32_matches_transformers(models_copy):
    convert("tiny-fr-en", models_copy, quantization="float32")
    ct2, _ = get_translator("tiny-fr-en", "fr", "en", folder=models_copy, cache=False, beam_size=1,
                            engine="ctranslate2")
    # the int8 copy is picked first when present; remove it to load the float32 one
    shutil.rmtree(models_copy / "tiny-fr-en.ct2-int8")
    ct2, _ = get_translator("tiny-fr-en", "fr", "en", folder=models_copy, cache=False, beam_size=1,
                            engine="ctranslate2")
    hf, _ = get_translator("tiny-fr-en", "fr", "en", folder=models_copy, cache=False, beam_size=1,
                           engine="transformers")
    assert ct2.signature()["precision"] == "float32"
    a, b = ct2.translate(FR[:10]), hf.translate(FR[:10])
    assert _exact(a, b) >= 9


def test_order_is_kept_whatever_the_length_sorting(tiny_models):
    translator, _ = get_translator("tiny-fr-en", "fr", "en", folder=tiny_models, cache=False, beam_size=1,
                                   engine="transformers")
    short = FR[-12:]
    forward = translator.translate(short)
    backward = translator.translate(list(reversed(short)))
    assert list(reversed(backward)) == forward


def test_long_and_empty_sentences(tiny_models):
    translator, _ = get_translator("tiny-fr-en", "fr", "en", folder=tiny_models, cache=False, beam_size=1)
    long = " ".join(FR[:3] * 12)  # about 5,000 characters, far over the 512-token input limit
    assert len(long) > 4500
    out = translator.translate(["", long, "Bonjour."])
    assert out[0] == "" and out[2] == "Hello." and len(out[1]) > 1000
    assert any("translated in" in note for note in translator.notes)


def test_cached_rerun_does_no_model_work(tiny_models, tmp_path):
    cache = str(tmp_path / "t.sqlite")
    first, _ = get_translator("tiny-fr-en", "fr", "en", folder=tiny_models, cache=cache)
    out = first.translate(FR)
    second, _ = get_translator("tiny-fr-en", "fr", "en", folder=tiny_models, cache=cache)
    assert second.translate(FR) == out and second.calls == 0 and first.calls == len(FR)


def test_damaged_model_folder_is_refused(models_copy):
    weights = models_copy / "tiny-fr-en" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ModelError, match="damaged"):
        get_translator("tiny-fr-en", "fr", "en", folder=models_copy, engine="transformers", cache=False)


def test_bare_folder_without_manifest_loads_by_path(models_copy, tmp_path):
    bare = tmp_path / "bare"
    shutil.copytree(models_copy / "tiny-fr-en", bare)
    (bare / "compare-model.json").unlink()
    translator, _ = get_translator(str(bare), "fr", "en", cache=False, beam_size=1)
    assert translator.translate(["Merci beaucoup."]) == ["Thank you very much."]


def test_translate_document_keeps_paragraphs_and_line_breaks(tiny_models, tmp_path):
    from compare.load import read_document
    from compare.segment import segment_document

    path = tmp_path / "a.fr.txt"
    path.write_text("Bonjour.\n\nLe chat dort sur le canapé. Il pleut depuis trois jours.\n- Merci beaucoup.\n",
                    encoding="utf-8")
    doc = read_document(path)
    segment_document(doc, "fr")
    translator, _ = get_translator("tiny-fr-en", "fr", "en", folder=tiny_models, cache=False, beam_size=1,
                                   engine="transformers")
    assert translate_document(doc, translator) == (
        "Hello.\n\nThe cat is sleeping on the sofa. It has been raining for three days.\n- Thank you very much.\n"
    )


# ---------------------------------------------------------------- CLI
runner = CliRunner()


def test_cli_translate_the_sample(tiny_models, tmp_path):
    out = tmp_path / "sample.en.txt"
    result = runner.invoke(app, ["translate", str(CORPUS / "iran-israel.fr.txt"), "--to", "en", "--mt", "tiny-fr-en",
                                 "--models-dir", str(tiny_models), "--mt-engine", "transformers", "--mt-beam", "1",
                                 "--no-cache", "-o", str(out)])
    assert result.exit_code == 0, result.output
    source_lines = (CORPUS / "iran-israel.fr.txt").read_text(encoding="utf-8").split("\n")
    lines = out.read_text(encoding="utf-8").split("\n")
    assert len(lines) == len(source_lines)
    assert lines[4] == "Washington ready to defend Israel" and lines[0] == EN[0]


def test_cli_models_list_and_errors(tiny_models, tmp_path):
    result = runner.invoke(app, ["models", "list", "--models-dir", str(tiny_models)])
    assert result.exit_code == 0 and "tiny-fr-en" in result.output and "opus-mt-fr-en" in result.output
    assert "ctranslate2 int8" in result.output
    result = runner.invoke(app, ["models", "convert", "opus-mt-fr-en", "--models-dir", str(tmp_path)])
    assert result.exit_code == 13 and "compare models pull opus-mt-fr-en" in result.output
    result = runner.invoke(app, ["translate", str(CORPUS / "iran-israel.fr.txt"), "--to", "en",
                                 "--models-dir", str(tmp_path)])
    assert result.exit_code == 13 and "Traceback" not in result.output


def test_cli_pull_offline_is_one_line(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, HF_HUB_OFFLINE="1")  # read by huggingface_hub at import: a fresh process
    result = subprocess.run(
        [sys.executable, "-m", "compare", "models", "pull", "opus-mt-fr-en", "--models-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 13, result.stderr
    assert result.stderr.count("\n") == 1 and "Hugging Face hub" in result.stderr and result.stdout == ""
    assert not (tmp_path / "opus-mt-fr-en").exists()


def test_network_failures_become_model_errors(tmp_path, monkeypatch):
    import huggingface_hub

    from compare.translate.models import _hub_download

    class Unreachable(Exception):
        pass

    def refuse(*args, **kwargs):
        raise Unreachable("[Errno -2] Name or service not known")

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", refuse)
    with pytest.raises(ModelError, match="cannot reach the Hugging Face hub.*Name or service not known"):
        _hub_download("Helsinki-NLP/opus-mt-fr-en", "main", tmp_path)


def test_cli_build_tiny_builds_and_converts(tmp_path):
    # a few steps only: the full training is what the tiny_models fixture does
    result = runner.invoke(app, ["models", "build-tiny", "--pair", "fr-en", "--max-steps", "3",
                                 "--models-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "3 steps" in result.output
    assert read_manifest(tmp_path / "tiny-fr-en")["langs"] == ["fr", "en"]
    assert read_manifest(tmp_path / "tiny-fr-en.ct2-int8")["engine"] == "ctranslate2"
    again = runner.invoke(app, ["models", "build-tiny", "--pair", "fr-en", "--max-steps", "3",
                                "--models-dir", str(tmp_path)])
    assert again.exit_code == 13 and "--force" in again.output


# ---------------------------------------------------------------- comparison with MT
def test_diff_with_mt_records_the_model_and_translations(tiny_models, tmp_path):
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[1] / "src/compare/report/diff.schema.json").read_text())
    result = runner.invoke(app, ["diff", str(CORPUS / "iran-israel.fr.txt"), str(CORPUS / "iran-israel.en.txt"),
                                 "--mt", "tiny-fr-en", "--models-dir", str(tiny_models), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    mt = data["signature"]["mt"]
    assert mt["status"] == "used" and mt["forward"]["name"] == "tiny-fr-en"
    assert mt["forward"]["revision"].startswith("tiny-") and mt["forward"]["engine"] == "ctranslate2"
    linked = [p for p in data["pairs"] if p["src"] and p["tgt"]]
    assert all(p["mt"] for p in linked) and all(p["mt"] is None for p in data["pairs"] if not p["tgt"])
    heading = next(p for p in data["pairs"] if data["target"]["text"][slice(*p["tgt_span"])] == "Washington ready to defend Israel")
    assert heading["mt"] == "Washington ready to defend Israel"


def test_cached_rerun_of_a_comparison_does_no_model_work(tiny_models, tmp_path, monkeypatch):
    from compare.pipeline import Settings, compare_documents, load_documents

    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))
    settings = Settings(mt="tiny-fr-en", back_mt="tiny-en-fr", models_dir=str(tiny_models))
    runs = []
    for _ in range(2):
        src, tgt = load_documents(CORPUS / "iran-israel.fr.txt", CORPUS / "iran-israel.en.txt", settings)
        runs.append(compare_documents(src, tgt, settings))
    first, second = runs
    assert first.stats["mt_model_calls"] > 0 and second.stats["mt_model_calls"] == 0
    assert second.mt == first.mt and second.mt.backward
    assert [f.finding.message for f in second.flags] == [f.finding.message for f in first.flags]


def test_auto_without_a_model_runs_and_says_so(tmp_path):
    result = runner.invoke(app, ["diff", str(CORPUS / "iran-israel.fr.txt"), str(CORPUS / "iran-israel.en.txt"),
                                 "--models-dir", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["signature"]["mt"]["status"] == "unavailable"
    assert any("MT-based check did not run" in w and "compare models pull opus-mt-fr-en" in w for w in data["warnings"])
    assert all(p["mt"] is None for p in data["pairs"])


def test_wrong_pair_model_is_a_one_line_error(tiny_models):
    result = runner.invoke(app, ["diff", str(CORPUS / "iran-israel.fr.txt"), str(CORPUS / "iran-israel.en.txt"),
                                 "--mt", "tiny-en-fr", "--models-dir", str(tiny_models)])
    assert result.exit_code == 13 and "translates en->fr, not fr->en" in result.output


def test_cli_models_remove_and_list_shows_broken_folders(models_copy):
    (models_copy / ".partial-opus-mt-en-fr").mkdir()
    result = runner.invoke(app, ["models", "list", "--models-dir", str(models_copy)])
    assert result.exit_code == 0 and "not usable" in result.output and "unfinished download" in result.output
    result = runner.invoke(app, ["models", "remove", "tiny-fr-en", "--models-dir", str(models_copy)])
    assert result.exit_code == 0 and result.output.count("removed") == 2
    assert not (models_copy / "tiny-fr-en").exists() and not (models_copy / "tiny-fr-en.ct2-int8").exists()
    assert (models_copy / "tiny-en-fr").exists()
    result = runner.invoke(app, ["models", "remove", "tiny-fr-en", "--models-dir", str(models_copy)])
    assert result.exit_code == 13
