"""``compare models``: list, download, convert and build machine-translation models."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from compare.cli import _options as o
from compare.cli import app

models_app = typer.Typer(
    help="Machine-translation models: list, pull from the Hugging Face hub, convert to CTranslate2, build the tiny test models.",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


def _folder(models_dir: Path | None) -> Path:
    from compare.translate.models import models_dir as default

    return Path(models_dir) if models_dir else default()


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB" if n < 1e9 else f"{n / 1e9:,.2f} GB"


@models_app.command("list")
def list_models(models_dir: o.ModelsDir = None) -> None:
    """Known models (the registry) and what is installed, with sizes and paths."""
    from rich.console import Console
    from rich.table import Table

    from compare.cli._util import cli_errors
    from compare.translate.models import installed_models, load_registry

    with cli_errors():
        folder = _folder(models_dir)
        registry = load_registry(folder)
        installed, broken = installed_models(folder)
        console = Console(width=max(Console().width, 120))
        table = Table(title=f"Machine-translation models ({folder})", title_justify="left")
        for column in ("name", "pair", "installed", "size", "licence", "source"):
            table.add_column(column)
        names = list(registry) + sorted({m.name for m in installed} - set(registry))
        for name in names:
            spec = registry.get(name)
            copies = [m for m in installed if m.name == name]
            engines = ", ".join(
                m.engine + (f" {m.quantization}" if m.quantization else "") for m in copies
            ) or "-"
            size = _mb(sum(m.size_bytes() for m in copies)) if copies else (f"~{spec.size_mb:,.0f} MB" if spec else "")
            pair = spec.pair if spec else "-".join(copies[0].langs[:2]) or "?"
            source = (spec.hub_id or "compare models build-tiny") if spec else str(copies[0].path)
            table.add_row(name, pair, engines, size, spec.licence if spec else copies[0].manifest.get("licence", ""), source)
        console.print(table)
        for path, reason in broken:
            console.print(f"[yellow]not usable:[/] {path}: {reason}", soft_wrap=True, highlight=False)


@models_app.command("pull")
def pull(
    name: str = typer.Argument(..., help="A registry name, e.g. opus-mt-fr-en (see `compare models list`)"),
    revision: Optional[str] = typer.Option(None, "--revision", help="Hub commit, branch or tag (default: the registry's)"),
    force: bool = typer.Option(False, "--force", help="Download again even if installed"),
    models_dir: o.ModelsDir = None,
) -> None:
    """Download a model from the Hugging Face hub into the models folder (resumes an interrupted download)."""
    from compare.cli._util import cli_errors
    from compare.translate.models import pull as do_pull

    with cli_errors():
        installed = do_pull(name, _folder(models_dir), revision=revision, force=force)
        typer.echo(f"{name} installed in {installed.path} (revision {installed.manifest.get('revision')}, "
                   f"{_mb(installed.size_bytes())}); for fast CPU inference: compare models convert {name}")


@models_app.command("convert")
def convert(
    name: str = typer.Argument(..., help="An installed transformers model"),
    int8: bool = typer.Option(True, "--int8/--float32", help="int8 weights (default; fastest on CPU) or float32"),
    quantization: Optional[str] = typer.Option(
        None, "--quantization", help="Any CTranslate2 quantization (int8, int8_float32, int16, float16, float32)"
    ),
    force: bool = typer.Option(False, "--force", help="Convert again even if a copy exists"),
    models_dir: o.ModelsDir = None,
) -> None:
    """Make a CTranslate2 copy of an installed model (NAME.ct2-int8), used by --mt-engine auto."""
    from compare.cli._util import cli_errors
    from compare.translate.models import convert as do_convert

    with cli_errors():
        quant = quantization or ("int8" if int8 else "float32")
        installed = do_convert(name, _folder(models_dir), quantization=quant, force=force)
        typer.echo(f"{name}: CTranslate2 {quant} copy in {installed.path} ({_mb(installed.size_bytes())})")


@models_app.command("build-tiny")
def build_tiny(
    pair: str = typer.Option("both", "--pair", help="fr-en, en-fr or both"),
    convert: bool = typer.Option(True, "--convert/--no-convert", help="Also make the CTranslate2 int8 copies"),
    force: bool = typer.Option(False, "--force", help="Build again even if built"),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", min=1, help="Stop training after this many steps"),
    models_dir: o.ModelsDir = None,
) -> None:
    """Train the tiny offline test models (tiny-fr-en, tiny-en-fr) in seconds. They know only their training text."""
    from compare.cli._util import cli_errors, progress_reporter
    from compare.errors import ConfigurationError
    from compare.translate.models import convert as do_convert
    from compare.translate.tiny import build_tiny as do_build

    with cli_errors():
        pairs = {"fr-en": [("fr", "en")], "en-fr": [("en", "fr")], "both": [("fr", "en"), ("en", "fr")]}.get(pair)
        if pairs is None:
            raise ConfigurationError(f"--pair must be fr-en, en-fr or both, not {pair!r}")
        folder = _folder(models_dir)
        for src, tgt in pairs:
            with progress_reporter(True) as progress:
                extra = {"max_steps": max_steps} if max_steps else {}
                model = do_build(src, tgt, folder, force=force, progress=progress, **extra)
            t = model.manifest["training"]
            typer.echo(
                f"{model.name}: {t['steps']} steps, {t['seconds']} s, loss {t['final_loss']}, "
                f"repeats {t['exact_match']}/{t['pairs']} training sentences exactly -> {model.path}"
            )
            if convert:
                ct2 = do_convert(model.name, folder, quantization="int8", force=force)
                typer.echo(f"{model.name}: CTranslate2 int8 copy in {ct2.path}")


@models_app.command("remove")
def remove(name: str = typer.Argument(..., help="Installed model name"), models_dir: o.ModelsDir = None) -> None:
    """Delete every installed copy of a model (transformers and CTranslate2)."""
    import shutil

    from compare.cli._util import cli_errors
    from compare.errors import ModelError
    from compare.translate.models import installed_models

    with cli_errors():
        folder = _folder(models_dir)
        installed, broken = installed_models(folder)
        paths = [m.path for m in installed if m.name == name]
        paths += [p for p, _ in broken if p.name in (name, f".partial-{name}") or p.name.startswith(f"{name}.ct2-")]
        if not paths:
            raise ModelError(f"no installed copy of {name} in {folder}")
        for path in paths:
            shutil.rmtree(path)
            typer.echo(f"removed {path}")
