"""Bytes to text: UTF-8 first, then UTF-16 by its byte-order mark, then a guess.

``decode(raw, name)`` returns ``(text, encoding, warnings)``. The text is the
decoded file with the byte-order mark removed and nothing else changed (line
endings are kept), so offsets into it are offsets into the file's text.
"""

from __future__ import annotations

import codecs

from compare.errors import BinaryInputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Control characters that do not occur in text (everything below 0x20 except
# tab, line feed, vertical tab, form feed and carriage return).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D}

# charset-normalizer cannot tell the Western and Central European single-byte
# code pages apart on short texts (French often comes out as cp1257 or
# cp1250). When Windows-1252 is among the code pages it finds plausible, that
# is the one a French or English file really uses.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if ord(ch) in _CONTROL)
    return bad > max(2, len(text) // 1000)


def decode(raw: bytes, name: str = "input") -> tuple[str, str, list[str]]:
    """Decode ``raw``; raise ``BinaryInputError`` when it is not text.

    ``encoding`` in the result is the codec used: ``"utf-8"``, ``"utf-8-sig"``
    (UTF-8 with a byte-order mark), ``"utf-16-le"``/``"utf-16-be"`` or the
    codec charset-normalizer chose (with a warning).
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise BinaryInputError(
                    f"{name}: starts with a {label} byte-order mark but does not decode as {label}"
                ) from exc
            if _looks_binary(text):
                raise BinaryInputError(f"{name}: looks like a binary file, not text")
            return text, codec, []

    if b"\x00" in raw:
        raise BinaryInputError(f"{name}: looks like a binary file (contains NUL bytes), not text")

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise BinaryInputError(f"{name}: looks like a binary file, not text")
        return text, "utf-8", []

    from charset_normalizer import from_bytes  # imported on use

    results = from_bytes(raw)
    best = results.best()
    if best is None or best.encoding is None:
        raise BinaryInputError(f"{name}: not text in any encoding that could be detected")
    codec = best.encoding
    plausible = {c for r in results for c in r.could_be_from_charset}
    if any(c in plausible for c in _PREFERRED):
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            codec = "cp1252"
    try:
        text = raw.decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        raise BinaryInputError(f"{name}: not text in any encoding that could be detected") from exc
    if _looks_binary(text):
        raise BinaryInputError(f"{name}: looks like a binary file, not text")
    return text, codec, [f"{name} decoded as {codec} (not UTF-8)"]
