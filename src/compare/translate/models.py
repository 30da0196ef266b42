"""The models folder: known models, installed copies, download and conversion.

Layout of the folder (``models_dir()``)::

    models/
      registry.toml                 optional: extra or overriding entries
      opus-mt-fr-en/                a transformers copy (config.json, weights, *.spm, vocab.json)
        compare-model.json          the manifest: written last, so its presence means complete
      opus-mt-fr-en.ct2-int8/       a CTranslate2 copy (model.bin, *.spm) with its manifest
      .partial-opus-mt-fr-en/       an unfinished download or conversion: never loaded

A folder without a valid manifest, or whose files do not match it, is
refused with a message naming the command that repairs it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from compare import __version__
from compare.errors import ConfigurationError, ModelError

MANIFEST = "compare-model.json"
ENGINES = ("transformers", "ctranslate2")
SCHEMES = ("marian", "nllb", "m2m100")

# Language codes of the multilingual models, from ISO 639-1.
NLLB_CODES = {
    "fr": "fra_Latn", "en": "eng_Latn", "de": "deu_Latn", "es": "spa_Latn", "it": "ita_Latn",
    "pt": "por_Latn", "nl": "nld_Latn", "ar": "arb_Arab", "ru": "rus_Cyrl", "uk": "ukr_Cyrl",
    "zh": "zho_Hans", "ja": "jpn_Jpan", "tr": "tur_Latn", "pl": "pol_Latn",
}


def models_dir() -> Path:
    """``COMPARE_MODELS_DIR``; else the source checkout's ``models/``; else the user data folder."""
    env = os.environ.get("COMPARE_MODELS_DIR")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[3] / "models"
    if (checkout / "README.md").is_file():
        return checkout
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "compare" / "models"


@dataclass(frozen=True)
class ModelSpec:
    """A registry entry."""

    name: str
    hub_id: str
    langs: tuple[str, ...]
    scheme: str = "marian"
    revision: str = "main"
    multilingual: bool = False
    licence: str = ""
    size_mb: float = 0
    description: str = ""
    auto: bool = True

    def covers(self, src: str, tgt: str) -> bool:
        if self.multilingual:
            return src in self.langs and tgt in self.langs and src != tgt
        return tuple(self.langs[:2]) == (src, tgt)

    @property
    def pair(self) -> str:
        return "multilingual" if self.multilingual else "-".join(self.langs[:2])


@dataclass
class Installed:
    """A complete model folder and its manifest."""

    name: str
    path: Path
    engine: str
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self.manifest.get("langs", ()))

    @property
    def multilingual(self) -> bool:
        return bool(self.manifest.get("multilingual", False))

    @property
    def scheme(self) -> str:
        return self.manifest.get("scheme", "marian")

    @property
    def quantization(self) -> str | None:
        return self.manifest.get("quantization")

    def covers(self, src: str, tgt: str) -> bool:
        if self.multilingual:
            return src in self.langs and tgt in self.langs and src != tgt
        return tuple(self.langs[:2]) == (src, tgt)

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


# ---------------------------------------------------------------- registry
_SPEC_KEYS = {"hub_id", "revision", "langs", "scheme", "multilingual", "licence", "size_mb", "description", "auto"}


def load_registry(folder: Path | None = None) -> dict[str, ModelSpec]:
    """Packaged registry, then ``registry.toml`` in the models folder over it."""
    text = resources.files("compare.translate").joinpath("registry.toml").read_text(encoding="utf-8")
    entries = _parse_registry(text, "registry.toml (packaged)")
    local = (folder or models_dir()) / "registry.toml"
    if local.is_file():
        try:
            entries.update(_parse_registry(local.read_text(encoding="utf-8"), str(local)))
        except OSError as exc:
            raise ConfigurationError(f"cannot read {local}: {exc.strerror or exc}") from None
    return entries


def _parse_registry(text: str, where: str) -> dict[str, ModelSpec]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{where}: invalid TOML: {exc}") from None
    out = {}
    for name, body in data.get("models", {}).items():
        unknown = set(body) - _SPEC_KEYS
        if unknown:
            raise ConfigurationError(f"{where}: models.{name}: unknown field(s) {', '.join(sorted(unknown))}")
        langs = body.get("langs")
        if not isinstance(langs, list) or len(langs) < 2:
            raise ConfigurationError(f"{where}: models.{name}.langs must list at least two languages")
        scheme = body.get("scheme", "marian")
        if scheme not in SCHEMES:
            raise ConfigurationError(f"{where}: models.{name}.scheme must be one of {', '.join(SCHEMES)}")
        out[name] = ModelSpec(name=name, langs=tuple(langs), **{k: v for k, v in body.items() if k != "langs"})
    return out


# ---------------------------------------------------------------- installed copies
def ct2_folder_name(name: str, quantization: str) -> str:
    return f"{name}.ct2-{quantization}"


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a model folder, checked against the files; ModelError if broken."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise ModelError(
            f"{path} is not a complete model folder (no {MANIFEST}): an interrupted download or "
            f"conversion? Remove it and run the install command again"
        )
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{manifest_path} is unreadable ({exc}); remove {path} and install again") from None
    for rel, size in manifest.get("files", {}).items():
        f = path / rel
        if not f.is_file() or f.stat().st_size != size:
            raise ModelError(
                f"model folder {path} is damaged: {rel} is missing or has the wrong size; "
                f"remove the folder and install the model again"
            )
    return manifest


def installed_models(folder: Path | None = None) -> tuple[list[Installed], list[tuple[Path, str]]]:
    """Complete model folders, and the broken ones with the reason."""
    folder = folder or models_dir()
    good: list[Installed] = []
    bad: list[tuple[Path, str]] = []
    if not folder.is_dir():
        return good, bad
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):
        if path.name.startswith(".partial-"):
            bad.append((path, "unfinished download or conversion"))
            continue
        if path.name.startswith("."):
            continue
        try:
            manifest = read_manifest(path)
        except ModelError as exc:
            bad.append((path, str(exc)))
            continue
        good.append(Installed(manifest.get("name", path.name), path, manifest.get("engine", "transformers"), manifest))
    return good, bad


def write_manifest(path: Path, info: dict[str, Any]) -> None:
    """Record every file with its size, then write the manifest atomically (last)."""
    files = {
        str(f.relative_to(path)): f.stat().st_size
        for f in sorted(path.rglob("*"))
        if f.is_file() and f.name != MANIFEST and not f.name.startswith(".")
    }
    manifest = {**info, "files": files, "tool": f"compare {__version__}", "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    tmp = path / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path / MANIFEST)


def finish_install(partial: Path, final: Path, info: dict[str, Any], replace: bool = False) -> Path:
    """Manifest into the partial folder, then rename it into place."""
    write_manifest(partial, info)
    if final.exists():
        if not replace:
            raise ModelError(f"{final} already exists (pass --force to replace it)")
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        os.replace(final, old)
        os.replace(partial, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(partial, final)
    return final


def partial_folder(folder: Path, name: str) -> Path:
    """A fresh work folder for an install; a leftover one from a killed run is cleared."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".partial-{name}"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    return partial


# ---------------------------------------------------------------- pull / convert
HF_FILES = ["*.json", "*.spm", "*.model", "*.safetensors", "*.txt"]
HF_FALLBACK_WEIGHTS = ["pytorch_model.bin"]


def pull(
    name: str,
    folder: Path | None = None,
    revision: str | None = None,
    force: bool = False,
    download: Callable[..., str] | None = None,
) -> Installed:
    """Download a registry model from the Hugging Face hub into the models folder.

    The download goes to ``.partial-NAME`` (``huggingface_hub`` resumes
    interrupted files there) and is moved into place only when complete.
    """
    folder = folder or models_dir()
    registry = load_registry(folder)
    spec = registry.get(name)
    if spec is None:
        raise ModelError(f"unknown model {name!r}; known: {', '.join(sorted(registry))}")
    if not spec.hub_id:
        raise ModelError(f"{name} is not on the hub; build it with: compare models build-tiny")
    final = folder / name
    if final.exists() and not force:
        read_manifest(final)  # complete? else tell the user how to repair
        raise ModelError(f"{name} is already installed in {final} (pass --force to download again)")
    if download is None:
        download = _hub_download
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".partial-{name}"  # kept between attempts: the hub client resumes
    partial.mkdir(exist_ok=True)
    resolved = download(spec.hub_id, revision or spec.revision, partial)
    if not (partial / "config.json").is_file():
        raise ModelError(f"the download of {spec.hub_id} has no config.json: not a transformers model")
    for cache in (partial / ".cache",):  # huggingface_hub's resume bookkeeping
        shutil.rmtree(cache, ignore_errors=True)
    info = {
        "name": name, "engine": "transformers", "hub_id": spec.hub_id, "revision": resolved,
        "langs": list(spec.langs), "multilingual": spec.multilingual, "scheme": spec.scheme, "licence": spec.licence,
    }
    installed = finish_install(partial, final, info, replace=force)
    return Installed(name, installed, "transformers", read_manifest(installed))


def _hub_download(repo_id: str, revision: str, target: Path) -> str:
    """snapshot_download into ``target``; returns the commit hash actually downloaded."""
    try:
        from huggingface_hub import HfApi, snapshot_download
        from huggingface_hub.errors import HfHubHTTPError
    except ImportError as exc:  # pragma: no cover - a dependency of transformers
        raise ModelError(f"huggingface_hub is not installed ({exc})") from None
    try:
        info = HfApi().model_info(repo_id, revision=revision, files_metadata=False)
        sha = info.sha or revision
        names = {s.rfilename for s in (info.siblings or [])}
        patterns = list(HF_FILES)
        if not any(n.endswith(".safetensors") for n in names):
            patterns += HF_FALLBACK_WEIGHTS
        snapshot_download(repo_id, revision=sha, local_dir=str(target), allow_patterns=patterns)
    except HfHubHTTPError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot download {repo_id}@{revision} from the Hugging Face hub: {first}") from None
    except Exception as exc:  # noqa: BLE001 - offline, DNS, TLS, proxy: the HTTP stack raises many kinds
        raise ModelError(
            f"cannot reach the Hugging Face hub to download {repo_id} ({type(exc).__name__}: "
            f"{str(exc).strip().splitlines()[0] if str(exc).strip() else 'no detail'}); check the network, "
            f"or copy the model folder into {target.parent} by hand"
        ) from None
    return sha


def convert(
    name: str,
    folder: Path | None = None,
    quantization: str = "int8",
    force: bool = False,
) -> Installed:
    """A CTranslate2 copy of an installed transformers model (``NAME.ct2-QUANT``)."""
    folder = folder or models_dir()
    source = find_installed(name, "transformers", folder)
    try:
        import ctranslate2
    except ImportError:
        raise ModelError("CTranslate2 is not installed: pip install ctranslate2") from None
    final = folder / ct2_folder_name(name, quantization)
    if final.exists() and not force:
        raise ModelError(f"{final} already exists (pass --force to convert again)")
    partial = partial_folder(folder, final.name)
    try:
        import warnings

        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        converter = ctranslate2.converters.TransformersConverter(str(source.path))
        converter.convert(str(partial), quantization=quantization, force=True)
    except Exception as exc:  # noqa: BLE001 - the converter raises many kinds
        shutil.rmtree(partial, ignore_errors=True)
        raise ModelError(f"CTranslate2 could not convert {name}: {type(exc).__name__}: {exc}") from None
    for pattern in ("*.spm", "sentencepiece*.model", "vocab.json", "tokenizer_config.json", "special_tokens_map.json"):
        for f in source.path.glob(pattern):
            shutil.copy2(f, partial / f.name)
    info = {
        key: source.manifest.get(key)
        for key in ("name", "hub_id", "revision", "langs", "multilingual", "scheme", "licence")
    }
    info.update(engine="ctranslate2", quantization=quantization, ctranslate2=ctranslate2.__version__)
    installed = finish_install(partial, final, info, replace=force)
    return Installed(name, installed, "ctranslate2", read_manifest(installed))


def find_installed(name: str, engine: str, folder: Path | None = None, quantization: str | None = None) -> Installed:
    """The installed copy of ``name`` for ``engine``, or a ModelError saying how to get it."""
    folder = folder or models_dir()
    if engine == "transformers":
        candidates = [folder / name]
    else:
        wanted = [quantization] if quantization else ["int8", "int8_float32", "float32", "int16", "float16"]
        candidates = [folder / ct2_folder_name(name, q) for q in wanted]
    for path in candidates:
        if path.is_dir():
            return Installed(name, path, engine, read_manifest(path))
    if engine == "transformers":
        registry = load_registry(folder)
        if name in registry and not registry[name].hub_id:
            how = "compare models build-tiny"
        elif name in registry:
            how = f"compare models pull {name}"
        else:
            raise ModelError(f"unknown model {name!r} (see `compare models list`)")
        raise ModelError(f"model {name} is not installed in {folder}; install it with: {how}")
    raise ModelError(
        f"no CTranslate2 copy of {name} in {folder}; make one with: compare models convert {name}"
    )


def candidates_for(src: str, tgt: str, registry: dict[str, ModelSpec]) -> list[ModelSpec]:
    """Registry models that translate src -> tgt, bilingual first, in registry order."""
    specs = [s for s in registry.values() if s.auto and s.covers(src, tgt)]
    return sorted(specs, key=lambda s: s.multilingual)


