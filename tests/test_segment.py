"""Sentence segmentation: offsets, French typography, abbreviations, fallback."""

from __future__ import annotations

import pytest

from compare.document import Document, Paragraph, Sentence
from compare.errors import ConfigurationError
from compare.load import read_document
from compare.segment import get_segmenter, segment_document, segment_text
from compare.segment.splitter import RegexSegmenter, SentenceSplitterSegmenter, locate, repair

NB = "\u00a0"
NNB = "\u202f"


def sentences_of(text: str, lang: str) -> list[str]:
    spans = segment_text(text, lang)
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2
    out = [text[s:e] for s, e in spans]
    assert all(t == t.strip() and t for t in out)
    return out


SPLIT_CASES = [
    pytest.param(
        "fr",
        f"Il a dit{NB}: «{NB}Non.{NB}» Puis il est parti.",
        [f"Il a dit{NB}: «{NB}Non.{NB}»", "Puis il est parti."],
        id="fr-quote-nbsp",
    ),
    pytest.param(
        "fr",
        f"Il a dit{NNB}: «{NNB}Non.{NNB}» Puis il est parti.",
        [f"Il a dit{NNB}: «{NNB}Non.{NNB}»", "Puis il est parti."],
        id="fr-quote-narrow-nbsp",
    ),
    pytest.param(
        "fr",
        "M. Dupont et Mme Martin sont venus. MM. Durand et Mgr. Petit aussi.",
        ["M. Dupont et Mme Martin sont venus.", "MM. Durand et Mgr. Petit aussi."],
        id="fr-honorifics",
    ),
    pytest.param(
        "fr",
        "Des fruits, p. ex. des pommes, des poires, etc. sont vendus. Voir cf. Dupont.",
        ["Des fruits, p. ex. des pommes, des poires, etc. sont vendus.", "Voir cf. Dupont."],
        id="fr-p-ex-etc-cf",
    ),
    pytest.param(
        "fr",
        f"Le taux est de 3,5{NB}% pour 1{NB}000 personnes. Il vaut 3.5 points.",
        [f"Le taux est de 3,5{NB}% pour 1{NB}000 personnes.", "Il vaut 3.5 points."],
        id="fr-numbers",
    ),
    pytest.param(
        "fr",
        "Vraiment\u2009? Oui\u2009! « Quoi ? » dit-il.",
        ["Vraiment\u2009?", "Oui\u2009!", "« Quoi ? » dit-il."],
        id="fr-thin-space-punctuation",
    ),
    pytest.param(
        "fr",
        'Il a fallu éviter des mines. " Une centaine a dû être détruite ", indique M. Müller.',
        ["Il a fallu éviter des mines.", '" Une centaine a dû être détruite ", indique M. Müller.'],
        id="fr-straight-quote-opens-next",
    ),
    pytest.param(
        "fr",
        'Il a dit : " Je pars. " Puis il est parti.',
        ['Il a dit : " Je pars. "', "Puis il est parti."],
        id="fr-straight-quote-closes",
    ),
    pytest.param(
        "fr",
        "Une loi de... 1987. Elle a échoué… Depuis, rien.",
        ["Une loi de... 1987.", "Elle a échoué…", "Depuis, rien."],
        id="fr-ellipsis",
    ),
    pytest.param(
        "fr",
        "Il a visité les États-Unis, etc. Le lendemain, il est rentré.",
        ["Il a visité les États-Unis, etc.", "Le lendemain, il est rentré."],
        id="fr-etc-at-end",
    ),
    pytest.param(
        "en",
        "U.S. officials met Dr. Smith in Washington. John F. Kennedy was president.",
        ["U.S. officials met Dr. Smith in Washington.", "John F. Kennedy was president."],
        id="en-us-dr-initials",
    ),
    pytest.param(
        "en",
        "Gov. Brown and Sen. Lee spoke. It cost $3.5 million. “If there is, we will act,” he said.",
        ["Gov. Brown and Sen. Lee spoke.", "It cost $3.5 million.", "“If there is, we will act,” he said."],
        id="en-titles-numbers",
    ),
    pytest.param(
        "en",
        "Yes and no. His answer was No. 5 on the list.",
        ["Yes and no.", "His answer was No. 5 on the list."],
        id="en-no-numeric-only",
    ),
    pytest.param(
        "en",
        "First line of a wrapped\nparagraph. Second\r\nsentence.",
        ["First line of a wrapped\nparagraph.", "Second\r\nsentence."],
        id="en-internal-newlines",
    ),
    pytest.param("en", "Washington ready to defend Israel", ["Washington ready to defend Israel"], id="heading"),
    pytest.param("en", "   ", [], id="blank"),
    pytest.param(
        "xx",
        "Hello there. John F. Kennedy came! Who? 3 went. 你好。再见。",
        ["Hello there.", "John F. Kennedy came!", "Who?", "3 went.", "你好。", "再见。"],
        id="unknown-language-regex",
    ),
    pytest.param(
        "fr-FR",
        "Bonjour. Au revoir.",
        ["Bonjour.", "Au revoir."],
        id="region-code",
    ),
]


@pytest.mark.parametrize("lang, text, expected", SPLIT_CASES)
def test_split(lang, text, expected):
    assert sentences_of(text, lang) == expected


SEGMENTER_CASES = [
    pytest.param("fr", SentenceSplitterSegmenter, id="fr"),
    pytest.param("EN", SentenceSplitterSegmenter, id="upper-case"),
    pytest.param("ja", RegexSegmenter, id="unknown-to-sentence-splitter"),
    pytest.param("", RegexSegmenter, id="empty"),
]


@pytest.mark.parametrize("lang, cls", SEGMENTER_CASES)
def test_get_segmenter(lang, cls):
    seg = get_segmenter(lang.lower())
    assert type(seg) is cls
    assert get_segmenter(lang.lower()) is seg  # cached


def test_unknown_segmenter_name():
    with pytest.raises(ConfigurationError, match="unknown segmenter"):
        get_segmenter("fr", "nope")


LOCATE_CASES = [
    pytest.param(["A  b.", "C d."], "A  b. \n C d.", [(0, 5), (8, 12)], id="collapsed-spaces"),
    pytest.param(["A b."], "A b. extra", [(0, 10)], id="unmatched-tail-joins-last"),
    pytest.param([], "  x ", [(2, 3)], id="nothing-matched"),
]


@pytest.mark.parametrize("pieces, text, expected", LOCATE_CASES)
def test_locate(pieces, text, expected):
    assert locate(pieces, text) == expected


REPAIR_CASES = [
    pytest.param('Fin. " Debut "', [(0, 6), (7, 14)], [(0, 4), (5, 14)], id="move-opening-quote"),
    pytest.param('" Fin. " Debut.', [(0, 8), (9, 15)], [(0, 8), (9, 15)], id="keep-closing-quote"),
    pytest.param("de... 1987.", [(0, 5), (6, 11)], [(0, 11)], id="merge-ellipsis-number"),
]


@pytest.mark.parametrize("text, spans, expected", REPAIR_CASES)
def test_repair(text, spans, expected):
    assert repair(text, spans) == expected


ARTICLE = (
    "Iran is reconsidering its plans, U.S. officials said. It would risk a confrontation.\n"
    "Washington ready to defend Israel\n"
    "National Security Council spokesperson John Kirby said he “does not want to see an escalation.” "
    "“If there is, we will be prepared,” he said.\n"
    "This article originally appeared in French in L'Orient-Le Jour.\n"
    "- New Israeli strike on Froun Valley; Hezbollah claims it repelled a drone: Day 337 of the Gaza war.\n"
    "- At least 10 missiles fired at Froun: Day 336 of the Gaza war\n"
    "- German Foreign Minister says 'purely military approach' not the solution in Gaza"
)


def test_segment_document_article(tmp_path):
    path = tmp_path / "article.en.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = segment_document(read_document(path), "en")
    got = [(s.paragraph, doc.paragraphs[s.paragraph].kind, s.text) for s in doc.sentences]
    assert got == [
        (0, "body", "Iran is reconsidering its plans, U.S. officials said."),
        (0, "body", "It would risk a confrontation."),
        (1, "heading", "Washington ready to defend Israel"),
        (2, "body", "National Security Council spokesperson John Kirby said he “does not want to see an escalation.”"),
        (2, "body", "“If there is, we will be prepared,” he said."),
        (3, "body", "This article originally appeared in French in L'Orient-Le Jour."),
        (4, "list-item", "New Israeli strike on Froun Valley; Hezbollah claims it repelled a drone: Day 337 of the Gaza war."),
        (5, "list-item", "At least 10 missiles fired at Froun: Day 336 of the Gaza war"),
        (6, "list-item", "German Foreign Minister says 'purely military approach' not the solution in Gaza"),
    ]
    for i, s in enumerate(doc.sentences):
        para = doc.paragraphs[s.paragraph]
        assert s.index == i
        assert doc.text[s.start : s.end] == s.text
        assert para.start <= s.start < s.end <= para.end


def test_segment_document_keeps_presegmented():
    text = "One. Two.\nThree."
    existing = [Sentence(0, 0, 9, 0, "One. Two."), Sentence(1, 10, 16, 1, "Three.")]
    doc = Document(text=text, paragraphs=[Paragraph(0, 0, 9), Paragraph(1, 10, 16)], sentences=list(existing))
    assert segment_document(doc, "en").sentences == existing


def test_segment_document_offsets_with_crlf_and_nbsp():
    text = f"Titre\r\nIl a dit{NB}: «{NB}Non.{NB}» Puis il est parti.\r\n"
    doc = Document(text=text, paragraphs=[Paragraph(0, 0, 5, "heading"), Paragraph(1, 7, 45)])
    assert text[7:45].endswith("parti.")
    segment_document(doc, "fr")
    assert [(s.start, s.end, s.paragraph) for s in doc.sentences] == [(0, 5, 0), (7, 26, 1), (27, 45, 1)]
    assert [s.text for s in doc.sentences] == ["Titre", f"Il a dit{NB}: «{NB}Non.{NB}»", "Puis il est parti."]
