"""Find the document pairs of a folder, and summarise a batch of reports.

``find_pairs(folder)`` matches ``NAME.SRC.EXT`` with ``NAME.TGT.EXT`` (for
every input extension ``compare.load`` reads); ``find_pairs(folder,
manifest)`` reads the pairs from a tab-separated file instead. Both return
the pairs and what could not be used, with a reason for each, so a caller
(``compare report FOLDER``, the corpus export) can say what it skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import ConfigurationError, UnreadableInputError

DEFAULT_LANGS = ("fr", "en")
# When one NAME.LANG exists in several formats, the richest source wins.
FORMAT_PREFERENCE = (".docx", ".html", ".htm", ".md", ".txt", ".sents")
MANIFEST_COLUMNS = ("source", "target", "name")


@dataclass(frozen=True)
class DocumentPair:
    name: str  # unique within one call; safe as a file name
    source: Path
    target: Path
    src_lang: str | None = None  # from the file names (folder) or the manifest's columns
    tgt_lang: str | None = None


@dataclass(frozen=True)
class Unmatched:
    path: Path
    reason: str


def supported_extensions() -> list[str]:
    from compare.load import supported_extensions as readers

    return readers()


def find_pairs(
    folder: str | Path,
    manifest: str | Path | None = None,
    langs: tuple[str, str] = DEFAULT_LANGS,
) -> tuple[list[DocumentPair], list[Unmatched]]:
    """The document pairs of ``folder``, sorted by name, and the files left aside.

    Without ``manifest``: files named ``NAME.<src>.<ext>`` and ``NAME.<tgt>.<ext>``
    (``langs``, default fr then en) directly in ``folder`` form a pair when
    ``ext`` is an input format; if one side exists in several formats the
    richest is used (docx, html, htm, md, txt, sents) and the others are
    reported. Files with the same NAME and extension on both sides are
    preferred over mixed ones.

    With ``manifest``: a UTF-8 tab-separated file, one pair per line,
    ``source<TAB>target[<TAB>name]``; an optional first line
    ``source<TAB>target[<TAB>name]`` is a header; blank lines and lines
    starting with ``#`` are skipped; relative paths are relative to the
    manifest's folder. Listed files that do not exist are reported, not paired.

    Raises ``UnreadableInputError`` if the folder or manifest cannot be read,
    ``ConfigurationError`` for a malformed manifest.
    """
    if manifest is not None:
        return _from_manifest(Path(manifest))
    folder = Path(folder)
    if not folder.is_dir():
        raise UnreadableInputError(f"{folder}: not a folder")
    src_lang, tgt_lang = (code.lower() for code in langs)
    readable = set(supported_extensions())
    groups: dict[str, dict[str, list[Path]]] = {}
    unmatched: list[Unmatched] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise UnreadableInputError(f"{folder}: cannot be listed ({exc.strerror or exc})") from None
    for path in entries:
        if not path.is_file() or path.name.startswith("."):
            continue
        parts = path.name.split(".")
        ext = "." + parts[-1].lower() if len(parts) > 1 else ""
        if ext not in readable:
            continue  # not an input document (manifests, reports, images...)
        if len(parts) < 3 or parts[-2].lower() not in (src_lang, tgt_lang):
            unmatched.append(Unmatched(path, f"not named NAME.{src_lang}{ext} or NAME.{tgt_lang}{ext}"))
            continue
        name = ".".join(parts[:-2])
        groups.setdefault(name, {}).setdefault(parts[-2].lower(), []).append(path)
    pairs: list[DocumentPair] = []
    for name in sorted(groups):
        sides = groups[name]
        if src_lang not in sides or tgt_lang not in sides:
            missing = tgt_lang if src_lang in sides else src_lang
            for paths in sides.values():
                unmatched.extend(Unmatched(p, f"no NAME.{missing}.* file for {name!r}") for p in paths)
            continue
        source, target = _choose(sides[src_lang], sides[tgt_lang])
        for p in sides[src_lang] + sides[tgt_lang]:
            if p not in (source, target):
                used = source if p in sides[src_lang] else target
                unmatched.append(Unmatched(p, f"{used.name} was used for this side instead"))
        pairs.append(DocumentPair(name, source, target, src_lang, tgt_lang))
    return _unique_names(pairs), unmatched


def _choose(sources: list[Path], targets: list[Path]) -> tuple[Path, Path]:
    def rank(path: Path) -> int:
        ext = path.suffix.lower()
        return FORMAT_PREFERENCE.index(ext) if ext in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)

    same = [(s, t) for s in sources for t in targets if s.suffix.lower() == t.suffix.lower()]
    if same:
        return min(same, key=lambda st: rank(st[0]))
    return min(sources, key=rank), min(targets, key=rank)


def _from_manifest(manifest: Path) -> tuple[list[DocumentPair], list[Unmatched]]:
    try:
        lines = manifest.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise UnreadableInputError(f"manifest {manifest}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInputError(f"manifest {manifest}: cannot be read ({exc})") from None
    base = manifest.parent
    pairs: list[DocumentPair] = []
    unmatched: list[Unmatched] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if number == 1 and [c.lower() for c in cells[:2]] == ["source", "target"]:
            continue  # header
        if len(cells) < 2 or len(cells) > 3 or not cells[0] or not cells[1]:
            raise ConfigurationError(
                f"manifest {manifest} line {number}: expected 'source<TAB>target[<TAB>name]', "
                f"found {len(cells)} column(s)"
            )
        source, target = (p if p.is_absolute() else base / p for p in (Path(cells[0]), Path(cells[1])))
        missing = [p for p in (source, target) if not p.is_file()]
        if missing:
            unmatched.extend(Unmatched(p, f"listed on manifest line {number} but not found") for p in missing)
            continue
        from compare.langid import lang_from_filename

        name = cells[2] if len(cells) == 3 and cells[2] else _name_of(source)
        pairs.append(DocumentPair(name, source, target, lang_from_filename(source), lang_from_filename(target)))
    if not pairs and not unmatched:
        raise ConfigurationError(f"manifest {manifest}: no pairs listed (one 'source<TAB>target' line per pair)")
    return _unique_names(pairs), unmatched


def _name_of(path: Path) -> str:
    parts = path.name.split(".")
    if len(parts) >= 3 and re.fullmatch(r"[A-Za-z]{2,3}", parts[-2]):
        return ".".join(parts[:-2])
    return path.stem


def _unique_names(pairs: list[DocumentPair]) -> list[DocumentPair]:
    """Names made safe as file names and unique ("a", "a-2", ...)."""
    seen: set[str] = set()
    out = []
    for pair in pairs:
        base = re.sub(r"[^\w.-]+", "-", pair.name, flags=re.UNICODE).strip("-.") or "pair"
        name, n = base, 1
        while name.lower() in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name.lower())
        out.append(DocumentPair(name, pair.source, pair.target, pair.src_lang, pair.tgt_lang))
    return out


# ---------------------------------------------------------------- batch summary
@dataclass
class BatchEntry:
    """One line of the batch index."""

    name: str
    source: str
    target: str
    report: str = ""  # report file, relative to the index
    counts: dict[str, int] = field(default_factory=dict)
    pairs: int = 0
    omitted: int = 0  # sentences of the original with no counterpart
    added: int = 0
    worst: str | None = None
    error: str = ""  # one line when the pair could not be compared

    @classmethod
    def of_report(cls, pair: DocumentPair, report, report_path: str) -> BatchEntry:
        return cls(
            name=pair.name, source=str(pair.source), target=str(pair.target), report=report_path,
            counts=report.counts(), pairs=len(report.pairs),
            omitted=sum(len(p.src_sentences) for p in report.pairs if p.gap == "tgt"),
            added=sum(len(p.tgt_sentences) for p in report.pairs if p.gap == "src"),
            worst=report.worst,
        )

    def sort_key(self) -> tuple:
        """Failures first, then most critical, most major, most minor flags, then by name."""
        c = self.counts
        return (0 if self.error else 1, -c.get("critical", 0), -c.get("major", 0), -c.get("minor", 0), self.name)

    def as_dict(self) -> dict:
        return {
            "name": self.name, "source": self.source, "target": self.target, "report": self.report,
            "flags": self.counts, "pairs": self.pairs, "omitted_sentences": self.omitted,
            "added_sentences": self.added, "worst": self.worst, "error": self.error or None,
        }


def sort_entries(entries: list[BatchEntry]) -> list[BatchEntry]:
    return sorted(entries, key=BatchEntry.sort_key)
