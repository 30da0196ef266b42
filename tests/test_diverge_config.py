import pytest

from _diverge_helpers import make_ctx
from compare.diverge import CHECKS, run_checks
from compare.diverge.base import Finding
from compare.diverge.decide import load_config
from compare.errors import ConfigurationError


def test_defaults_enable_every_check():
    config = load_config()
    assert config.enabled == list(CHECKS)
    assert config.profile == "balanced"
    data = config.as_dict()
    assert set(data["checks"]) == set(CHECKS)
    assert data["checks"]["numbers"]["steps"] == [[0.75, "minor"], [0.9, "major"]]


@pytest.mark.parametrize(
    "toml, key",
    [
        ("[checks.numbres]\nenabled = false\n", "numbres"),
        ("[checks.numbers]\nthreshold = 3\n", "threshold"),
        ("[checks.numbers.options]\nbogus = 1\n", "bogus"),
        ("colour = 'red'\n", "colour"),
        ("[profiles.strict]\nfactor = 2\n", "factor"),
        ("[checks.numbers]\nsteps = [[1, 'huge']]\n", "huge"),
        ("[checks.numbers]\nsteps = [[1, 'major'], [0.5, 'critical']]\n", "rise"),
        ("[checks.numbers\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_rejected(tmp_path, toml, key):
    path = tmp_path / "c.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=key):
        load_config(path)


def test_unknown_profile():
    with pytest.raises(ConfigurationError, match="paranoid"):
        load_config(profile="paranoid")


def test_missing_file():
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_config("/nonexistent/thresholds.toml")


def test_user_file_merges_over_defaults(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[checks.negation]\nenabled = false\n", encoding="utf-8")
    config = load_config(path)
    assert "negation" not in config.enabled and "numbers" in config.enabled
    assert config.as_dict()["source"] == str(path)


def test_overrides_and_options():
    config = load_config(overrides={"checks": {"names": {"options": {"near_ratio": 80.0}}}})
    assert config.options("names") == {"near_ratio": 80.0}
    with pytest.raises(ConfigurationError, match="near"):
        load_config(overrides={"checks": {"names": {"options": {"near": 80.0}}}})


def _finding(check, score):
    return Finding(check=check, category="x", pair=0, score=score, message="m")


@pytest.mark.parametrize(
    "profile, check, score, severity",
    [
        # calibrated on benchmarks/divergence.py (docs/divergence.md): a changed value
        # (1.0) is major, a value in digits with no counterpart (0.8) minor, a
        # spelled-out one (0.4) only at the strict profile
        ("balanced", "numbers", 1.0, "major"),
        ("balanced", "numbers", 0.8, "minor"),  # a digit value with no counterpart: never silent
        ("balanced", "numbers", 0.4, None),
        ("strict", "numbers", 0.4, "minor"),
        ("strict", "numbers", 0.8, "major"),
        ("lenient", "numbers", 1.0, "major"),
        ("lenient", "numbers", 0.8, "minor"),
        ("balanced", "quotes", 0.5, None),
        ("strict", "quotes", 0.5, "minor"),
        ("balanced", "omission", 2, "minor"),
        ("balanced", "omission", 12, "major"),
        ("balanced", "omission", 40, "critical"),
    ],
)
def test_profiles_change_decisions(profile, check, score, severity):
    assert load_config(profile=profile).decide(_finding(check, score)) == severity


def test_profile_can_replace_steps(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        "[profiles.strict.checks.numbers]\nsteps = [[0.1, 'critical']]\n", encoding="utf-8"
    )
    assert load_config(path, profile="strict").steps("numbers") == [(0.1, "critical")]
    assert load_config(path, profile="balanced").steps("numbers") == [(0.75, "minor"), (0.9, "major")]


def test_run_checks_disabled_check_and_sorting():
    ctx = make_ctx([("Il a 3 enfants.", "He has 4 children."), ("Bonjour.", "Hello."),
                    ("Une phrase oubliée ici et là.", None)])
    flags = run_checks(ctx)
    assert [f.finding.pair for f in flags] == sorted(f.finding.pair for f in flags)
    assert {f.finding.check for f in flags} >= {"numbers", "omission"}
    config = load_config(overrides={"checks": {"numbers": {"enabled": False}}})
    assert "numbers" not in {f.finding.check for f in run_checks(ctx, config)}


def test_run_checks_survives_empty_sides_and_unknown_languages():
    ctx = make_ctx([(None, "Added sentence with 5 words."), ("Phrase 3.", None),
                    ("Texte 12 « cité ici »", "Text 12")], src_lang="xx", tgt_lang="yy")
    flags = run_checks(ctx)
    checks = {f.finding.check for f in flags}
    assert {"addition", "omission"} <= checks
    assert "negation" not in checks
