"""Readers: paragraphs, kinds, offsets, encodings and input errors."""

from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys

import pytest

from compare.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnreadableInputError,
    UnsupportedFormatError,
)
from compare.load import READERS, read_document

ARTICLE_TAIL = (
    "The Hamas leader was killed on July 31.\n"
    "Washington ready to defend Israel\n"
    "U.S. officials said Tehran appeared increasingly aligned.\n"
    "- New Israeli strike on Froun Valley: Day 337 of the Gaza war.\n"
    "- At least 10 missiles fired at Froun: Day 336 of the Gaza war\n"
    "- German Foreign Minister says 'purely military approach' not the solution in Gaza"
)


def paras(doc):
    """(kind, text) of every paragraph, checking the spans on the way."""
    out = []
    for i, p in enumerate(doc.paragraphs):
        assert p.index == i
        span = doc.text[p.start : p.end]
        assert span == span.strip() and span
        out.append((p.kind, span))
    return out


def write(tmp_path, name, data):
    path = tmp_path / name
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


# --- plain text ---------------------------------------------------------------

TEXT_CASES = [
    pytest.param(
        ARTICLE_TAIL,
        [
            ("body", "The Hamas leader was killed on July 31."),
            ("heading", "Washington ready to defend Israel"),
            ("body", "U.S. officials said Tehran appeared increasingly aligned."),
            ("list-item", "New Israeli strike on Froun Valley: Day 337 of the Gaza war."),
            ("list-item", "At least 10 missiles fired at Froun: Day 336 of the Gaza war"),
            (
                "list-item",
                "German Foreign Minister says 'purely military approach' not the solution in Gaza",
            ),
        ],
        id="one-paragraph-per-line",
    ),
    pytest.param(
        "Title here\r\n\r\nFirst line of a wrapped\r\nparagraph. Second sentence\r\nends here.\r\n\r\n"
        "Another wrapped\r\nparagraph.\r\n",
        [
            ("heading", "Title here"),
            ("body", "First line of a wrapped\r\nparagraph. Second sentence\r\nends here."),
            ("body", "Another wrapped\r\nparagraph."),
        ],
        id="hard-wrapped-blocks-crlf",
    ),
    pytest.param(
        "Intro line one\nintro line two.\n\n- item one\n- item two\n  continued\n",
        [
            ("body", "Intro line one\nintro line two."),
            ("list-item", "item one"),
            ("list-item", "item two\n  continued"),
        ],
        id="list-inside-block",
    ),
    pytest.param(
        "  Indented line.  \n\n\nLast line without stop",
        [("body", "Indented line."), ("body", "Last line without stop")],
        id="last-short-line-is-not-heading",
    ),
    pytest.param(
        "1. First point.\n2) Second point.\n— Dialogue line.",
        [
            ("list-item", "First point."),
            ("list-item", "Second point."),
            ("body", "— Dialogue line."),
        ],
        id="numbered-and-dialogue",
    ),
]


@pytest.mark.parametrize("content, expected", TEXT_CASES)
def test_txt_paragraphs(tmp_path, content, expected):
    doc = read_document(write(tmp_path, "a.txt", content))
    assert doc.text == content  # the file exactly, line endings kept
    assert paras(doc) == expected
    assert doc.format == "txt" and doc.lang is None and doc.sentences == []


def test_txt_metadata(tmp_path):
    raw = ARTICLE_TAIL.encode("utf-8")
    path = write(tmp_path, "a.en.txt", raw)
    doc = read_document(path)
    assert doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert (doc.encoding, doc.warnings) == ("utf-8", [])


# --- encodings ----------------------------------------------------------------

ENCODING_CASES = [
    pytest.param(codecs.BOM_UTF8 + "Café noir.".encode("utf-8"), "Café noir.", "utf-8-sig", False, id="utf8-bom"),
    pytest.param("Café noir.\n".encode("utf-16"), "Café noir.\n", "utf-16-le", False, id="utf16-bom"),
    pytest.param(
        codecs.BOM_UTF16_BE + "Été.".encode("utf-16-be"), "Été.", "utf-16-be", False, id="utf16be-bom"
    ),
    pytest.param(
        "L'été à Orléans était très chaud, déjà ; après la fête, ça a été dur.\n".encode("cp1252"),
        "L'été à Orléans était très chaud, déjà ; après la fête, ça a été dur.\n",
        "cp1252",
        True,
        id="cp1252",
    ),
]


@pytest.mark.parametrize("raw, text, encoding, warned", ENCODING_CASES)
def test_encodings(tmp_path, raw, text, encoding, warned):
    path = write(tmp_path, "e.txt", raw)
    doc = read_document(path)
    assert doc.text == text
    assert doc.encoding == encoding
    if warned:
        assert doc.warnings == [f"{path} decoded as cp1252 (not UTF-8)"]
    else:
        assert doc.warnings == []
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


# --- errors -------------------------------------------------------------------

ERROR_CASES = [
    pytest.param("missing.txt", None, {}, UnreadableInputError, id="missing"),
    pytest.param("adir.txt", "DIR", {}, UnreadableInputError, id="directory"),
    pytest.param("empty.txt", b"", {}, EmptyInputError, id="empty"),
    pytest.param("blank.txt", b" \n\t\r\n  ", {}, EmptyInputError, id="whitespace"),
    pytest.param("blank16.txt", " \n ".encode("utf-16"), {}, EmptyInputError, id="utf16-whitespace"),
    pytest.param("nul.txt", b"abc\x00def\x00", {}, BinaryInputError, id="nul-bytes"),
    pytest.param("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, BinaryInputError, id="png"),
    pytest.param("ctrl.txt", bytes(range(1, 9)) * 50, {}, BinaryInputError, id="control-chars"),
    pytest.param("fake.docx", b"just some text", {}, BinaryInputError, id="docx-not-zip"),
    pytest.param("a.pdf", b"%PDF-1.4", {}, UnsupportedFormatError, id="pdf"),
    pytest.param("noext", b"text", {}, UnsupportedFormatError, id="no-extension"),
    pytest.param("big.txt", b"x" * 101, {"max_bytes": 100}, InputTooLargeError, id="too-large"),
    pytest.param("empty.html", b"<html><body><script>x()</script></body></html>", {}, EmptyInputError, id="html-no-text"),
]


@pytest.mark.parametrize("name, content, kwargs, error", ERROR_CASES)
def test_input_errors(tmp_path, name, content, kwargs, error):
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(error) as info:
        read_document(path, **kwargs)
    message = str(info.value)
    assert isinstance(info.value, InputError)
    assert str(path) in message and "\n" not in message


def test_unsupported_lists_supported(tmp_path):
    path = write(tmp_path, "a.pdf", b"%PDF")
    with pytest.raises(UnsupportedFormatError, match=r"\.docx, \.htm, \.html, \.md, \.sents, \.txt"):
        read_document(path)


def test_size_checked_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", b"x" * 50)
    from pathlib import Path

    def boom(self):  # reading would be a bug: the size must be checked first
        raise AssertionError("read before size check")

    monkeypatch.setattr(Path, "read_bytes", boom)
    with pytest.raises(InputTooLargeError):
        read_document(path, max_bytes=10)


# --- pre-segmented ------------------------------------------------------------

SENTS_CASES = [
    pytest.param(
        "a.sents",
        False,
        "First one.\r\nSecond one.  \n\nThird, new paragraph.\n",
        [(0, "First one."), (0, "Second one."), (1, "Third, new paragraph.")],
        2,
        "sents",
        id="sents-extension",
    ),
    pytest.param(
        "a.txt",
        True,
        "One.\nTwo.\nThree.",
        [(0, "One."), (0, "Two."), (0, "Three.")],
        1,
        "sents",
        id="presegmented-txt-one-block",
    ),
]


@pytest.mark.parametrize("name, preseg, content, expected, n_paras, fmt", SENTS_CASES)
def test_presegmented(tmp_path, name, preseg, content, expected, n_paras, fmt):
    doc = read_document(write(tmp_path, name, content), presegmented=preseg)
    assert [(s.paragraph, s.text) for s in doc.sentences] == expected
    for i, s in enumerate(doc.sentences):
        assert s.index == i and doc.text[s.start : s.end] == s.text
    assert len(doc.paragraphs) == n_paras and doc.format == fmt
    assert doc.text == content


# --- markdown -----------------------------------------------------------------

MD = (
    "---\ntitle: Front matter\n---\n"
    "# Le titre #\n\n"
    "Un paragraphe avec **gras**\net une suite.\n\n"
    "- premier point\n"
    "- second point\n  sur deux lignes\n\n"
    "1. numéroté\n\n"
    "> Une citation.\n\n"
    "Sous-titre\n----------\n\n"
    "```\ncode()\n```\n"
)


def test_markdown(tmp_path):
    doc = read_document(write(tmp_path, "a.md", MD))
    assert doc.text == MD
    assert paras(doc) == [
        ("heading", "Le titre"),
        ("body", "Un paragraphe avec **gras**\net une suite."),
        ("list-item", "premier point"),
        ("list-item", "second point\n  sur deux lignes"),
        ("list-item", "numéroté"),
        ("body", "Une citation."),
        ("heading", "Sous-titre"),
    ]
    assert doc.format == "md"
    assert doc.warnings == ["markdown: 1 code block left out of the comparison"]


# --- html ---------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><title>Page</title>
<script>var tracking = "do not keep";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Accueil</a> <a href="/a">À propos</a></nav>
<header><p>Le Journal du site, bandeau de tête</p></header>
<article>
<h1>Le titre principal de l'article</h1>
<p>Premier paragraphe de l'article, assez long pour que l'extraction le garde. Il contient
   deux phrases.</p>
<h2>Un intertitre</h2>
<p>Deuxième paragraphe avec du <b>gras</b> et un <a href="x">lien</a>. M.&nbsp;Dupont a parlé.</p>
<ul><li>premier point de la liste</li><li>second point de la liste</li></ul>
<p>Dernier paragraphe du texte, bien sûr, avec une conclusion.</p>
</article>
<footer><p>Copyright 2024, tous droits réservés</p></footer></body></html>"""


def test_html(tmp_path):
    doc = read_document(write(tmp_path, "a.html", HTML))
    got = paras(doc)
    assert ("body", "Premier paragraphe de l'article, assez long pour que l'extraction le garde. "
            "Il contient deux phrases.") in got
    assert ("heading", "Un intertitre") in got
    # trafilatura turns &nbsp; into a plain space
    assert ("body", "Deuxième paragraphe avec du gras et un lien. M. Dupont a parlé.") in got
    assert ("list-item", "premier point de la liste") in got
    assert got[-1] == ("body", "Dernier paragraphe du texte, bien sûr, avec une conclusion.")
    for bad in ("do not keep", "color", "Accueil", "Copyright", "bandeau"):
        assert bad not in doc.text
    assert doc.text == "\n".join(t for _, t in got)
    assert doc.format == "html"


def test_html_fallback_without_article(tmp_path, monkeypatch):
    import compare.load.html as html_mod

    monkeypatch.setattr(html_mod, "_with_trafilatura", lambda html: [])
    doc = read_document(write(tmp_path, "a.htm", "<h3>Titre</h3><p>Un  texte.</p><li>point</li>"))
    assert paras(doc) == [("heading", "Titre"), ("body", "Un texte."), ("list-item", "point")]
    assert doc.text == "Titre\nUn texte.\npoint"
    assert len(doc.warnings) == 1 and "trafilatura" in doc.warnings[0]


# --- docx ---------------------------------------------------------------------


def make_docx(path):
    import docx

    d = docx.Document()
    d.add_heading("Le titre", level=1)
    d.add_paragraph("Premier paragraphe. Deux phrases.")
    d.add_paragraph("")
    d.add_paragraph("   ")
    d.add_paragraph("un point", style="List Bullet")
    d.add_paragraph("deux points", style="List Number")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "cellule A"
    table.cell(0, 1).text = "cellule B"
    d.add_paragraph("Fin\u00a0!")
    d.save(str(path))


def test_docx(tmp_path):
    path = tmp_path / "a.docx"
    make_docx(path)
    doc = read_document(path)
    assert paras(doc) == [
        ("heading", "Le titre"),
        ("body", "Premier paragraphe. Deux phrases."),
        ("list-item", "un point"),
        ("list-item", "deux points"),
        ("body", "cellule A"),
        ("body", "cellule B"),
        ("body", "Fin\u00a0!"),
    ]
    assert doc.text == "Le titre\nPremier paragraphe. Deux phrases.\nun point\ndeux points\ncellule A\ncellule B\nFin\u00a0!"
    assert doc.format == "docx"


def test_docx_presegmented_one_sentence_per_paragraph(tmp_path):
    path = tmp_path / "a.docx"
    make_docx(path)
    doc = read_document(path, presegmented=True)
    assert [s.text for s in doc.sentences][:2] == ["Le titre", "Premier paragraphe. Deux phrases."]
    assert len(doc.sentences) == len(doc.paragraphs)


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(BinaryInputError, match="a.docx"):
        read_document(path)


# --- registry -----------------------------------------------------------------


def test_registry_is_lazy():
    code = (
        "import sys, compare.load, compare.segment, compare.langid\n"
        "heavy = {'trafilatura', 'docx', 'lxml', 'markdown_it', 'sentence_splitter',"
        " 'py3langid', 'charset_normalizer'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert all(":" in target and target.startswith("compare.load.") for target in READERS.values())
