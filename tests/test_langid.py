"""Language identification and language codes in file names."""

from __future__ import annotations

import pytest

from compare.errors import ConfigurationError
from compare.langid import detect_language, lang_from_filename

FR = (
    "Le gouvernement a annoncé jeudi une série de mesures pour soutenir les "
    "entreprises touchées par la crise, a indiqué le ministre de l'Économie."
)
EN = (
    "The government announced on Thursday a series of measures to support "
    "businesses hit by the crisis, the economy minister said."
)
DE = "Die Regierung hat am Donnerstag eine Reihe von Maßnahmen angekündigt."

DETECT_CASES = [
    pytest.param(FR, None, "fr", 0.9, id="fr"),
    pytest.param(EN, None, "en", 0.9, id="en"),
    pytest.param(DE, None, "de", 0.9, id="de"),
    pytest.param(FR, ["en", "fr"], "fr", 0.99, id="fr-among-candidates"),
    pytest.param(EN, ["FR", "en"], "en", 0.99, id="candidates-case-insensitive"),
    pytest.param(DE, ["en", "fr"], None, 0.5, id="outside-candidates-picks-one"),
    pytest.param(EN * 200, None, "en", 0.9, id="long-text-sampled"),
]


@pytest.mark.parametrize("text, candidates, expected, min_conf", DETECT_CASES)
def test_detect_language(text, candidates, expected, min_conf):
    lang, conf = detect_language(text, candidates)
    if expected is None:
        assert lang in candidates
    else:
        assert lang == expected
    assert min_conf <= conf <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "12 345 — 67 %", "!!!"])
def test_detect_language_nothing_to_go_on(text):
    assert detect_language(text) == ("und", 0.0)


@pytest.mark.parametrize("candidates", [["en", "qq"], []])
def test_detect_language_bad_candidates(candidates):
    with pytest.raises(ConfigurationError):
        detect_language(EN, candidates)


FILENAME_CASES = [
    ("NAME.fr.txt", "fr"),
    ("x.en.sents", "en"),
    ("/data/news.html.fr.txt", "fr"),
    ("Report.EN.docx", "en"),
    ("book.deu.md", "deu"),
    ("x.txt", None),
    ("report.final.txt", None),
    ("notes.old.txt", None),
    ("x.zz.txt", None),
    ("x.fr", None),
    ("fr", None),
]


@pytest.mark.parametrize("path, expected", FILENAME_CASES)
def test_lang_from_filename(path, expected):
    assert lang_from_filename(path) == expected


_ES = (
    "El gobierno de España anunció hoy que la economía del país crecerá más de lo previsto este año, "
    "según los datos publicados por el instituto nacional de estadística, que también señaló que el "
    "desempleo ha bajado en las principales ciudades y que las exportaciones han aumentado de forma "
    "notable durante los últimos meses del año."
)
_IT = (
    "Il governo italiano ha annunciato oggi che l'economia del paese crescerà più del previsto quest'anno, "
    "secondo i dati pubblicati dall'istituto nazionale di statistica, che ha anche segnalato che la "
    "disoccupazione è scesa nelle principali città e che le esportazioni sono aumentate in modo notevole "
    "negli ultimi mesi dell'anno."
)


@pytest.mark.parametrize(
    "text, quick, final",
    [
        (_ES, None, "es"),  # close to French: the fast path must stay out of it
        (_IT, None, "it"),
        (" ".join(["Le gouvernement a annoncé mardi qu'il ne reviendrait pas sur la réforme des retraites."] * 5), "fr", "fr"),
        (" ".join(["The government said on Tuesday that it would not go back on the pension reform."] * 5), "en", "en"),
    ],
)
def test_frequent_words_fast_path_answers_only_clear_cases(text, quick, final):
    from compare.langid import _frequent_words_guess

    assert _frequent_words_guess(text, min_tokens=20) == quick
    assert detect_language(text)[0] == final
