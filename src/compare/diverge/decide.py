"""Configuration of the divergence checks and the severity decision.

Checks *score*; this module *decides*. A :class:`DivergenceConfig` holds, per
check, whether it runs, its detection options and a list of
``(min_score, severity)`` steps: a finding gets the highest severity whose
``min_score`` its score reaches, and is dropped below the first step.

Configuration is TOML (see the packaged ``thresholds.toml`` for the format and
the meaning of every score). A user file is merged over the defaults, so it
only needs the keys it changes. Unknown keys are rejected, never ignored.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from compare.diverge.base import SEVERITIES, Finding, severity_rank
from compare.errors import ConfigurationError

__all__ = ["CheckConfig", "DivergenceConfig", "load_config", "default_config_text", "PROFILES"]

PROFILES = ("strict", "balanced", "lenient")
_TOP_KEYS = {"checks", "profiles"}
_CHECK_KEYS = {"enabled", "steps", "options"}
_PROFILE_KEYS = {"scale", "checks"}


@dataclass(frozen=True)
class CheckConfig:
    name: str
    enabled: bool
    steps: tuple[tuple[float, str], ...]
    options: dict[str, Any] = field(default_factory=dict)

    def decide(self, score: float) -> str | None:
        """The severity for ``score``, or None when below the first step."""
        chosen = None
        for min_score, severity in self.steps:
            if score >= min_score:
                chosen = severity
        return chosen


@dataclass(frozen=True)
class DivergenceConfig:
    profile: str
    checks: dict[str, CheckConfig]
    source: str = "default"  # path of the user file, or "default"

    @property
    def enabled(self) -> list[str]:
        return [name for name, c in self.checks.items() if c.enabled]

    def steps(self, check: str) -> list[tuple[float, str]]:
        return list(self._get(check).steps)

    def options(self, check: str) -> dict[str, Any]:
        return dict(self._get(check).options)

    def decide(self, finding: Finding) -> str | None:
        """Severity of a finding under this configuration (None = not reported)."""
        return self._get(finding.check).decide(finding.score)

    def lowest_threshold(self, check: str) -> float | None:
        steps = self._get(check).steps
        return steps[0][0] if steps else None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the output signature (reproduces the decisions)."""
        return {
            "profile": self.profile,
            "source": self.source,
            "checks": {
                name: {
                    "enabled": c.enabled,
                    "steps": [[s, sev] for s, sev in c.steps],
                    "options": dict(sorted(c.options.items())),
                }
                for name, c in self.checks.items()
            },
        }

    def _get(self, check: str) -> CheckConfig:
        try:
            return self.checks[check]
        except KeyError:
            raise ConfigurationError(f"checks.{check}: unknown check") from None


def default_config_text() -> str:
    """The packaged thresholds.toml (documented defaults)."""
    return resources.files("compare.diverge").joinpath("thresholds.toml").read_text(encoding="utf-8")


def load_config(
    path: str | Path | None = None,
    profile: str = "balanced",
    overrides: dict | None = None,
) -> DivergenceConfig:
    """Defaults, then the TOML file at ``path``, then ``overrides``; apply ``profile``.

    ``overrides`` has the same shape as the TOML file, e.g.
    ``{"checks": {"numbers": {"enabled": False}}}``.
    Raises ConfigurationError for unreadable files, bad TOML, unknown checks,
    unknown fields, unknown profiles and malformed steps.
    """
    from compare.diverge import CHECKS  # registry (names only; no check imported here)

    data = _parse(default_config_text(), "thresholds.toml (packaged)")
    source = "default"
    if path is not None:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigurationError(f"cannot read configuration {p}: {exc.strerror or exc}") from None
        user = _parse(text, str(p))
        _validate_tree(user, CHECKS, str(p))
        data = _merge(data, user)
        source = str(p)
    if overrides:
        _validate_tree(overrides, CHECKS, "overrides")
        data = _merge(data, overrides)
    _validate_tree(data, CHECKS, source)

    profiles = data.get("profiles", {})
    if profile not in profiles:
        raise ConfigurationError(
            f"profile {profile!r}: unknown profile (known: {', '.join(sorted(profiles))})"
        )
    prof = profiles[profile]
    scale = prof.get("scale", 1.0)
    if not isinstance(scale, (int, float)) or isinstance(scale, bool) or scale <= 0:
        raise ConfigurationError(f"profiles.{profile}.scale: must be a positive number, got {scale!r}")

    checks: dict[str, CheckConfig] = {}
    for name in CHECKS:
        base = data.get("checks", {}).get(name)
        if base is None:
            raise ConfigurationError(f"checks.{name}: missing from the configuration")
        specific = prof.get("checks", {}).get(name, {})
        enabled = specific.get("enabled", base.get("enabled", True))
        if not isinstance(enabled, bool):
            raise ConfigurationError(f"checks.{name}.enabled: must be true or false")
        if "steps" in specific:
            steps = _steps(specific["steps"], f"profiles.{profile}.checks.{name}.steps")
        else:
            steps = tuple(
                (round(s * scale, 6), sev)
                for s, sev in _steps(base.get("steps", []), f"checks.{name}.steps")
            )
        options = {**base.get("options", {}), **specific.get("options", {})}
        _check_options(name, options, CHECKS)
        checks[name] = CheckConfig(name=name, enabled=enabled, steps=steps, options=options)
    return DivergenceConfig(profile=profile, checks=checks, source=source)


def _parse(text: str, where: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{where}: invalid TOML: {exc}") from None


def _merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _table(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigurationError(f"{where}: must be a table")
    return value


def _validate_checks_table(checks: Any, known: dict, where: str) -> None:
    for name, body in _table(checks, where).items():
        if name not in known:
            raise ConfigurationError(
                f"{where}.{name}: unknown check (known: {', '.join(sorted(known))})"
            )
        for key in _table(body, f"{where}.{name}"):
            if key not in _CHECK_KEYS:
                raise ConfigurationError(
                    f"{where}.{name}.{key}: unknown field (known: {', '.join(sorted(_CHECK_KEYS))})"
                )
        if "options" in body:
            _table(body["options"], f"{where}.{name}.options")


def _validate_tree(data: dict, known: dict, source: str) -> None:
    for key in data:
        if key not in _TOP_KEYS:
            raise ConfigurationError(
                f"{key}: unknown key in {source} (known: {', '.join(sorted(_TOP_KEYS))})"
            )
    if "checks" in data:
        _validate_checks_table(data["checks"], known, "checks")
    for pname, prof in _table(data.get("profiles", {}), "profiles").items():
        for key in _table(prof, f"profiles.{pname}"):
            if key not in _PROFILE_KEYS:
                raise ConfigurationError(
                    f"profiles.{pname}.{key}: unknown field (known: {', '.join(sorted(_PROFILE_KEYS))})"
                )
        if "checks" in prof:
            _validate_checks_table(prof["checks"], known, f"profiles.{pname}.checks")


def _steps(raw: Any, where: str) -> tuple[tuple[float, str], ...]:
    if not isinstance(raw, list):
        raise ConfigurationError(f"{where}: must be a list of [min_score, severity]")
    steps: list[tuple[float, str]] = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or isinstance(item[0], bool)
            or not isinstance(item[0], (int, float))
            or item[1] not in SEVERITIES
        ):
            raise ConfigurationError(
                f"{where}: bad step {item!r}; expected [min_score, one of {', '.join(SEVERITIES)}]"
            )
        steps.append((float(item[0]), item[1]))
    for (s1, v1), (s2, v2) in zip(steps, steps[1:], strict=False):
        if not (s2 > s1 and severity_rank(v2) > severity_rank(v1)):
            raise ConfigurationError(
                f"{where}: steps must rise in both score and severity ({s1} {v1} -> {s2} {v2})"
            )
    return tuple(steps)


def _check_options(name: str, options: dict, known: dict) -> None:
    if not options:
        return
    from compare.diverge import get_check_class

    defaults = get_check_class(name).options
    for key in options:
        if key not in defaults:
            raise ConfigurationError(
                f"checks.{name}.options.{key}: unknown option "
                f"(known: {', '.join(sorted(defaults)) or 'none'})"
            )
