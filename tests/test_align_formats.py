"""Vecalign-format and gold-TSV reading/writing."""

from __future__ import annotations

import pytest

from compare.align.base import Alignment, Link
from compare.align.formats import (
    AlignmentFormatError,
    dumps_vecalign,
    format_link,
    loads_gold_tsv,
    loads_vecalign,
    read_gold_tsv,
    read_vecalign,
    write_vecalign,
)
from compare.errors import InputError, UnreadableInputError


@pytest.mark.parametrize(
    "link, line",
    [
        (Link((0,), (0, 1), 0.8734), "[0]:[0, 1]:0.873"),
        (Link((1, 2), (2,), 0.5), "[1, 2]:[2]:0.500"),
        (Link((), (5,), 0.0), "[]:[5]:0.000"),
        (Link((7,), (), 0.25), "[7]:[]:0.250"),
        (Link((3,), (4,), 1.0), "[3]:[4]:1.000"),
    ],
)
def test_format_link(link, line):
    assert format_link(link) == line


def test_format_link_digits():
    assert format_link(Link((0,), (0,), 0.123456), digits=6) == "[0]:[0]:0.123456"


LINKS = [
    Link((0,), (0,), 0.9),
    Link((1,), (1, 2), 0.75),
    Link((), (3,), 0.0),
    Link((2, 3), (4,), 0.5),
    Link((4,), (), 0.0),
]


def test_round_trip_links():
    assert loads_vecalign(dumps_vecalign(LINKS)) == LINKS


def test_round_trip_alignment(tmp_path):
    path = tmp_path / "out.align"
    write_vecalign(path, Alignment(links=LINKS))
    assert read_vecalign(path) == LINKS
    assert path.read_text(encoding="utf-8").splitlines()[2] == "[]:[3]:0.000"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[0]:[0]", [Link((0,), (0,), 0.0)]),  # Bertalign gold: no score
        ("[0]:[0]:-0.25\n", [Link((0,), (0,), -0.25)]),  # Vecalign writes costs
        ("  [0,1] : [ 2 ] : 0.5  ", [Link((0, 1), (2,), 0.5)]),  # spacing is free
        ("\n[0]:[0]:1\n\n[1]:[]:0\n", [Link((0,), (0,), 1.0), Link((1,), (), 0.0)]),
        ("", []),
    ],
)
def test_loads_vecalign_variants(text, expected):
    assert loads_vecalign(text) == expected


@pytest.mark.parametrize(
    "text, line_no, fragment",
    [
        ("[0]:[0]:0.5\n[1]-[1]:0.5\n", 2, "expected"),
        ("[0]:[0]:0.5\n\n[a]:[1]:0.5\n", 3, "not a non-negative integer"),
        ("[-1]:[1]:0.5", 1, "not a non-negative integer"),
        ("[0]:[1,]:0.5", 1, "not a non-negative integer"),
        ("[2, 1]:[1]:0.5", 1, "strictly increasing"),
        ("[1, 1]:[1]:0.5", 1, "strictly increasing"),
        ("[]:[]:0.0", 1, "no sentence"),
        ("[0]:[0]:high", 1, "finite"),
        ("[0]:[0]:nan", 1, "finite"),
        ("[0]:[0]:0.5:extra", 1, "expected"),
        ("0:0:0.5", 1, "expected"),
    ],
)
def test_loads_vecalign_malformed(text, line_no, fragment):
    with pytest.raises(AlignmentFormatError) as info:
        loads_vecalign(text, source="x.align")
    err = info.value
    assert isinstance(err, InputError)
    assert err.line_no == line_no
    assert f"x.align, line {line_no}" in str(err)
    assert fragment in str(err)


GOLD = (
    "fr_idx\ten_idx\tfr_text\ten_text\n"
    "0\t0\tBonjour.\tHello.\n"
    "1\t1,2\tUne phrase longue.\tA long. Sentence.\n"
    "2\t\tOubliée.\t\n"
    "\t3\t\tAdded.\n"
    "3,4\t4\tDeux\tphrases\tavec tabulation.\tOne.\n"
)


def test_loads_gold_tsv():
    gold = loads_gold_tsv(GOLD)
    assert (gold.l1, gold.l2) == ("fr", "en")
    assert gold.links == [
        Link((0,), (0,)),
        Link((1,), (1, 2)),
        Link((2,), ()),
        Link((), (3,)),
        Link((3, 4), (4,)),
    ]
    assert [link.kind for link in gold.links] == ["1-1", "1-2", "1-0", "0-1", "2-1"]


def test_read_gold_tsv_file(tmp_path):
    path = tmp_path / "doc.gold.tsv"
    path.write_text("\ufeffde_idx\tfr_idx\n0\t0\n", encoding="utf-8")
    gold = read_gold_tsv(path)
    assert (gold.l1, gold.l2, gold.links) == ("de", "fr", [Link((0,), (0,))])


@pytest.mark.parametrize(
    "text, line_no, fragment",
    [
        ("", 1, "missing header"),
        ("src\ttgt\n0\t0\n", 1, "header"),
        ("fr_idx\n0\t0\n", 1, "two idx columns"),
        ("fr_idx\ten_idx\n0\t0\n1\n", 3, "two tab-separated columns"),
        ("fr_idx\ten_idx\n0\tx\n", 2, "en index"),
        ("fr_idx\ten_idx\n\t\ttexts\n", 2, "no sentence"),
        ("fr_idx\ten_idx\n0 1\t0\n", 2, "fr index"),
    ],
)
def test_loads_gold_tsv_malformed(text, line_no, fragment):
    with pytest.raises(AlignmentFormatError) as info:
        loads_gold_tsv(text)
    assert info.value.line_no == line_no
    assert fragment in str(info.value)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableInputError):
        read_vecalign(tmp_path / "nope.align")
    with pytest.raises(UnreadableInputError):
        read_gold_tsv(tmp_path / "nope.tsv")
