"""Read an input file into a ``Document``.

Readers are found through ``READERS`` (extension -> "module:Class") and
imported only when a file of that kind is read, so ``import compare.load``
does not import trafilatura, lxml or python-docx.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from compare.document import Document
from compare.errors import (
    EmptyInputError,
    InputTooLargeError,
    UnreadableInputError,
    UnsupportedFormatError,
)
from compare.load.base import Reader, one_sentence_per_paragraph
from compare.registry import import_target

__all__ = ["READERS", "Reader", "get_reader", "read_document", "supported_extensions"]

READERS: dict[str, str] = {
    ".txt": "compare.load.text:TextReader",
    ".sents": "compare.load.text:SentsReader",
    ".md": "compare.load.markdown:MarkdownReader",
    ".html": "compare.load.html:HtmlReader",
    ".htm": "compare.load.html:HtmlReader",
    ".docx": "compare.load.docx:DocxReader",
}

# Extensions whose text is read line by line when ``presegmented`` is set.
_PLAIN = {".txt", ".sents"}

DEFAULT_MAX_BYTES = 20_000_000


def supported_extensions() -> list[str]:
    return sorted(READERS)


def get_reader(extension: str) -> Reader:
    """An instance of the reader registered for ``extension`` (".txt", ...)."""
    ext = extension.lower()
    if ext not in READERS:
        raise UnsupportedFormatError(
            f"unsupported file type {extension or '(no extension)'!r}; "
            f"supported: {', '.join(supported_extensions())}"
        )
    return import_target(READERS[ext])()


def read_document(
    path: str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    presegmented: bool = False,
) -> Document:
    """Read ``path`` into a ``Document`` (``lang`` is left to the caller).

    ``presegmented``: the file already has one sentence per line (as ``.sents``
    files always do); ``doc.sentences`` is filled from the lines. For html and
    docx input each paragraph becomes one sentence.

    Raises ``UnreadableInputError``, ``UnsupportedFormatError``,
    ``InputTooLargeError``, ``EmptyInputError`` or ``BinaryInputError``, each
    with a one-line message naming the file.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise UnreadableInputError(f"{p}: no such file") from None
    except OSError as exc:
        raise UnreadableInputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise UnreadableInputError(f"{p}: is a directory, not a file")

    ext = p.suffix.lower()
    if ext not in READERS:
        raise UnsupportedFormatError(
            f"{p}: unsupported file type {p.suffix or '(no extension)'!r}; "
            f"supported: {', '.join(supported_extensions())}"
        )
    if st.st_size > max_bytes:
        raise InputTooLargeError(
            f"{p}: {st.st_size:,} bytes, over the limit of {max_bytes:,} bytes"
        )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:  # the file grew after stat
        raise InputTooLargeError(f"{p}: over the limit of {max_bytes:,} bytes")
    if not raw.strip():
        raise EmptyInputError(f"{p}: the file is empty")

    if presegmented and ext in _PLAIN:
        reader = get_reader(".sents")
    else:
        reader = get_reader(ext)
    doc = reader.read(raw, p)
    if not doc.paragraphs:
        raise EmptyInputError(f"{p}: the file holds no text")
    if presegmented and not doc.sentences:
        one_sentence_per_paragraph(doc)
    doc.path = str(p)
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    doc.lang = None
    return doc
