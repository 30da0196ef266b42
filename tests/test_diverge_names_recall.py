"""The names check on damaged names it used to miss, and on faithful
translations that look like them (each table has both).

Balanced flags a names finding at 0.65 or more (``diverge/thresholds.toml``).
"""

from __future__ import annotations

import pytest

from _diverge_helpers import findings, span_texts

FLAG = 0.65  # the balanced profile's first step for names


def _strong(items):
    ctx, found = findings("names", items)
    return ctx, [f for f in found if f.score >= FLAG]


# --- a misspelling that two ending lists together would take for a derivation ---
# ("Biden" / "Bideen": a French "-n" and an English "-en"; English has no "-en")

MISSPELLED_LIKE_A_DERIVATION = [
    ("Il a vu Joseph Biden lors du débat.", "He saw Joseph Bideen during the debate.", "Biden", "Bideen"),
    ("Ils citent Ronald Reagan comme modèle.", "They cite Ronald Reagn as a model.", "Reagan", "Reagn"),
    ("Le film avec Paul Newman est sorti.", "The film with Paul Newmn came out.", "Newman", "Newmn"),
    ("La candidate Michele Bachmann a parlé.", "The candidate Michele Bachmannn spoke.", "Bachmann", "Bachmannn"),
    ("Son avocat, Me Yann Arnoux, a parlé.", "His attorney, Yannn Arnoux, spoke.", "Yann", "Yannn"),
]


@pytest.mark.parametrize("fr,en,src,tgt", MISSPELLED_LIKE_A_DERIVATION)
def test_misspelling_inside_an_ending_is_flagged(fr, en, src, tgt):
    ctx, strong = _strong([(fr, en)])
    assert [span_texts(ctx, f) for f in strong] == [([src], [tgt])]
    assert strong[0].details["one_letter"]


DERIVED_ACROSS_LANGUAGES = [
    ("Les Canadiens ont voté pour Harper.", "The Canadians voted for Harper."),
    ("Le sommet réunit Israël et les Palestiniens.", "The summit brings together Israel and the Palestinians."),
    ("Au Congrès, les Démocrates ont gagné.", "In Congress, the Democrats won."),
    ("Le gouvernement a aidé les Kurdes.", "The government helped the Kurds."),
    ("Le président du Honduras est parti.", "The Honduran president left."),
    ("Le ministre a rencontré les Européens.", "The minister met the Europeans."),
]


@pytest.mark.parametrize("fr,en", DERIVED_ACROSS_LANGUAGES)
def test_endings_of_each_language_are_not_misspellings(fr, en):
    _, strong = _strong([(fr, en)])
    assert strong == []


# --- a four-letter name losing a letter ---

SHORT_NAMES = [
    ("Le commissaire Olli Rehn a parlé.", "Commissioner Olli Rhn spoke.", "Rehn", "Rhn"),
    ("Le groupe EADS a annoncé des pertes.", "The group EAS announced losses.", "EADS", "EAS"),
    ("Pour GDF Suez, l'investissement est de 240 millions.", "For GDF Sez, the investment is 240 million.",
     "Suez", "Sez"),
]


@pytest.mark.parametrize("fr,en,src,tgt", SHORT_NAMES)
def test_letter_dropped_from_a_four_letter_name(fr, en, src, tgt):
    ctx, strong = _strong([(fr, en)])
    assert [span_texts(ctx, f) for f in strong] == [([src], [tgt])]


SHORT_NAMES_KEPT = [
    ("Le commissaire Olli Rehn a parlé.", "Commissioner Olli Rehn spoke."),
    ("Selon l'ONU, la guerre continue.", "According to the UN, the war goes on."),
    ("Le groupe EADS a annoncé des pertes à Paris.", "The EADS group announced losses in Paris."),
]


@pytest.mark.parametrize("fr,en", SHORT_NAMES_KEPT)
def test_short_names_kept_or_translated_are_not_flagged(fr, en):
    _, strong = _strong([(fr, en)])
    assert strong == []


# --- a name that is accented or an acronym, replaced, while the translation keeps it elsewhere ---

OTHER = ("La ville compte 300 000 habitants.", "The city has 300,000 inhabitants.")

REPLACED_KEPT_ELSEWHERE = [
    ([("Le Québec a voté hier.", "Quebec voted yesterday."),
      ("Le premier ministre du Québec a parlé.", "The premier of Hector spoke.")], "Québec", "Hector"),
    ([("EADS a annoncé ses résultats.", "EADS announced its results."),
      ("Les pertes de EADS sont lourdes.", "The losses of Park are heavy.")], "EADS", "Park"),
    ([("La Réserve fédérale a agi.", "The Federal Reserve acted."),
      ("AIG doit rembourser la Réserve fédérale.", "AIG must repay the Federal Human.")], "Réserve", "Human"),
]


@pytest.mark.parametrize("items,src,tgt", REPLACED_KEPT_ELSEWHERE)
def test_replacement_of_a_name_the_translation_keeps_elsewhere(items, src, tgt):
    ctx, strong = _strong([*items, OTHER])
    assert [(f.pair, span_texts(ctx, f)) for f in strong] == [(1, ([src], [tgt]))]
    assert strong[0].details["replaced"]


TRANSLATED_NOT_REPLACED = [
    # "Sûreté" is translated everywhere: the translation never keeps it
    [("Un porte-parole de la Sûreté a parlé.", "A spokesman for the Police spoke."),
     ("La Sûreté a réagi hier.", "The Police reacted yesterday.")],
    # an acronym with its letters reordered is the translated acronym ("TAN" / "NAT")
    [("Les tests d'acide nucléique (TAN) sont sensibles.", "Nucleic acid tests (NAT) are sensitive."),
     ("Les TAN sont chers, dit TAN Corp.", "NAT are expensive, says TAN Corp.")],
]


@pytest.mark.parametrize("items", TRANSLATED_NOT_REPLACED)
def test_translated_names_are_not_replacements(items):
    _, strong = _strong([*items, OTHER])
    assert strong == []


# --- the dot of a title does not start a sentence ---

TITLES = [
    ("Peut-être M. Garver pourrait-il expliquer ce débat.", "Perhaps Mr Jakobsen could explain this debate.",
     [(["Garver"], ["Jakobsen"])]),
    ("Peut-être M. Garver pourrait-il expliquer ce débat.", "Perhaps Mr Garver could explain this debate.", []),
    ("Hier, le Dr. Dupont a opéré.", "Yesterday, Dr. Dupond operated.", [(["Dupont"], ["Dupond"])]),
]


@pytest.mark.parametrize("fr,en,expected", TITLES)
def test_name_after_a_title_abbreviation_is_a_name(fr, en, expected):
    ctx, strong = _strong([(fr, en)])
    assert [span_texts(ctx, f) for f in strong] == expected
