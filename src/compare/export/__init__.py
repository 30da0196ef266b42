"""Export aligned pairs in the formats corpus builders use, for one pair or whole folders.

``FORMATS`` maps a format name to the ``"module:Class"`` of its writer, imported
on first use: importing this package pulls in neither lxml, translate-toolkit
nor Ray. The pieces, in data-flow order:

* ``discover``: find document pairs in a folder (by name or manifest);
* ``runner``: run the pipeline once per document (serially, in processes, or on
  Ray) and keep each document's result in the output folder (resumable);
* ``records``: the per-document result (document + pair records) and its
  JSONL form;
* ``filters``: decide which pairs to keep, counting what each filter removed;
* ``assemble`` + one module per format: stream the kept pairs into the files.
"""

from __future__ import annotations

from pathlib import Path

from compare.errors import ConfigurationError
from compare.registry import import_target

FORMATS: dict[str, str] = {
    "tmx": "compare.export.tmx:TmxWriter",
    "xliff": "compare.export.xliff:XliffWriter",
    "tsv": "compare.export.tsv:TsvWriter",
    "jsonl": "compare.export.jsonl:JsonlWriter",
    "moses": "compare.export.moses:MosesWriter",
    "vecalign": "compare.export.vecalign:VecalignWriter",
}

# File extensions that name a format (``compare align -o pair.tmx``).
EXTENSIONS: dict[str, str] = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
}


def get_writer_class(name: str):
    """The writer class registered as ``name`` (imported now)."""
    if name not in FORMATS:
        raise ConfigurationError(f"unknown export format {name!r}; known: {', '.join(FORMATS)}")
    return import_target(FORMATS[name])


def format_from_path(path: str | Path) -> str | None:
    """The format an output file name asks for (``pair.tmx`` -> ``"tmx"``), or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


__all__ = ["EXTENSIONS", "FORMATS", "format_from_path", "get_writer_class"]
