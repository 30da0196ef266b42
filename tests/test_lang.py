import pytest

from compare.lang import KNOWN_LANGUAGES, get_resources, normalise_code


@pytest.mark.parametrize(
    "given, code",
    [("fr", "fr"), ("fr-FR", "fr"), ("EN_gb", "en"), ("deu", "de"), ("FRA", "fr"),
     (None, "und"), ("", "und"), ("xx", "xx")],
)
def test_normalise_code(given, code):
    assert normalise_code(given) == code


@pytest.mark.parametrize(
    "lang, word, month",
    [("fr", "juillet", 7), ("fr", "août", 8), ("fr", "févr", 2), ("en", "july", 7),
     ("en", "sept", 9), ("de", "märz", 3), ("de", "dez", 12)],
)
def test_months(lang, word, month):
    assert get_resources(lang).months[word] == month


@pytest.mark.parametrize(
    "lang, word, value",
    [("fr", "deux", 2), ("fr", "vingt", 20), ("en", "two", 2), ("en", "twenty", 20),
     ("de", "zwei", 2), ("de", "zwanzig", 20), ("fr", "dix-sept", 17)],
)
def test_number_words(lang, word, value):
    res = get_resources(lang)
    assert {**res.number_words, **res.compound_number_words}[word] == value


@pytest.mark.parametrize(
    "lang, article",
    [("fr", "un"), ("fr", "une"), ("en", "a"), ("en", "one"), ("de", "ein")],
)
def test_articles_are_not_number_words(lang, article):
    res = get_resources(lang)
    assert article not in res.number_words
    assert article in res.one_words


@pytest.mark.parametrize(
    "lang, word, factor",
    [("fr", "millions", 1e6), ("fr", "milliard", 1e9), ("fr", "billion", 1e12),
     ("en", "billion", 1e9), ("de", "mio", 1e6), ("de", "milliarden", 1e9)],
)
def test_scales(lang, word, factor):
    assert get_resources(lang).scale_words[word] == factor


@pytest.mark.parametrize("lang, sep", [("fr", ","), ("en", "."), ("de", ","), ("xx", "")])
def test_decimal_separator(lang, sep):
    assert get_resources(lang).decimal_sep == sep


@pytest.mark.parametrize(
    "lang, cue", [("fr", "sans"), ("en", "never"), ("en", "without"), ("de", "nicht"), ("de", "kein")]
)
def test_negation_words(lang, cue):
    assert cue in get_resources(lang).negation_words


def test_french_negation_clitic():
    res = get_resources("fr")
    assert "ne" in res.negation_clitics and "pas" in res.negation_completers


@pytest.mark.parametrize("lang", KNOWN_LANGUAGES)
def test_every_language_has_quotes_and_function_words(lang):
    res = get_resources(lang)
    assert res.quotes and res.function_words and res.months and not res.is_fallback


def test_unknown_language_falls_back():
    res = get_resources("tlh")
    assert res.is_fallback and res.months == {} and res.quotes
