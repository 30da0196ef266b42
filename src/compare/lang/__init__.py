"""Language resources the divergence checks need: month names, number words,
negation cues, quotation marks, number-format conventions, capitalised
function words.

``get_resources(lang)`` returns a :class:`LangResources` for a language code
("fr", "en-GB", "DEU"...). Unknown languages get a neutral fallback with empty
word lists, so checks that depend on words degrade gracefully (digits,
percent signs and quotation marks still work). Language modules are imported
only when asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["LangResources", "get_resources", "normalise_code", "KNOWN_LANGUAGES"]

KNOWN_LANGUAGES = ("fr", "en", "de")

# ISO 639-2/3 codes and a few names people type, mapped to the module name.
_ALIASES = {
    "fra": "fr", "fre": "fr", "french": "fr", "francais": "fr", "français": "fr",
    "eng": "en", "english": "en", "anglais": "en",
    "deu": "de", "ger": "de", "german": "de", "deutsch": "de", "allemand": "de",
}

# Quotation marks shared by every language: (opening, closing).
COMMON_QUOTES: tuple[tuple[str, str], ...] = (  # neutral fallback; order matters (first wins)
    ("«", "»"),
    ("„", "“"),
    ("“", "”"),
    ('"', '"'),
)


@dataclass(frozen=True)
class LangResources:
    """Word lists and conventions for one language. All words are lowercase.

    Attributes:
        code: the language code ("fr", "en", "de", or "und" for the fallback).
        months: month name or abbreviation (without trailing dot) -> 1..12.
        number_words: cardinal number word -> value ("deux" -> 2, "twenty" -> 20,
            "cent" -> 100). Articles that double as "one" are *not* here.
        compound_number_words: multi-part words handled as one ("quatre-vingt" -> 80).
        ambiguous_number_words: number words that are more often something else
            ("neuf" = nine or new); an unmatched one is not reported.
        ordinal_words: ordinal word -> value ("deuxième" -> 2, "second" -> 2).
        ordinal_suffixes: what may follow digits in an ordinal ("er", "e", "st").
        one_words: articles / "one" words that make "un million" = 1,000,000.
        scale_words: multiplier written after a number ("millions" -> 1e6,
            "milliard" -> 1e9, "Mio" -> 1e6). Note "billion" is 1e9 in English,
            1e12 in French and German.
        word_only_scales: multipliers only valid after a number *word*
            ("deux cents" -> 200, while "50 cents" is money).
        percent_words: spelled-out percent ("pour cent", "percent").
        time_markers: words after an hour ("h", "heures", "Uhr").
        decimal_sep: the language's decimal separator ("," or ".", "" = unknown).
        thousands_seps: characters used between groups of three digits.
        negation_words: words that negate on their own ("sans", "never").
        negation_clitics: words that negate only with a completer (French "ne").
        negation_completers: completers of a clitic ("pas", "jamais"...).
        negation_suffixes: bound negation ("n't").
        negation_subject_completers: completers that may come *before* the
            clitic ("personne n'est venu", "aucun accord n'a").
        negation_clitic_verbs: verbs a clitic negates on its own, without
            completer (literary "il ne peut venir").
        negation_skip: regexes (lowercase text) of phrases that look negative
            but are not ("sans doute" = probably, "non désiré" = unwanted, the
            noun "un pas"); their matches are ignored.
        implicit_negation: regexes of words negative in meaning without a cue
            ("unable", "dépourvu"); they weaken a one-sided-negation finding.
        quotes: (opening, closing) quotation mark pairs.
        function_words: words that are capitalised at sentence start or in
            titles but are not names (articles, pronouns, titles like "M").
        titles: honorifics before a name ("m", "mme", "mr", "dr").
        institution_words: capitalised common words of institutions' names
            and office titles, which translators translate ("Foreign
            Minister" for "cheffe de la diplomatie", "House", "Court"): a name
            check does not take them alone for a name the original lacks.
        inflection_suffixes: endings that make a plural / possessive / case
            form of a name (not a different spelling).
        derivation_suffixes: endings that turn a name into a related word
            ("Canada"/"Canadian", "Israël"/"Israélien"): with the inflection
            suffixes they tell related forms from misspellings.
        capitalises_nouns: True for German: capitalisation does not mark names.
        exonyms: names this language writes differently from English
            (lowercase, accents removed) -> their English forms, "|" between
            alternatives ("allemagne" -> "germany|german", "etats-unis" ->
            "united states|us"). English is the pivot, so a French-German pair
            matches through it; the English module needs none.
        respellings: (regex, replacement) rewrites that turn this language's
            spelling of a foreign name into the English one ("ou" -> "u":
            "Darfour" / "Darfur"; "i$" -> "y": "Dmitri" / "Dmitry"); a
            difference they explain is a transliteration, not a typing error.
        demonyms: capitalised words of this language that are not names
            (nationalities, languages, religions, parties: "German", "Muslim").
        weekdays: weekday name or abbreviation (without trailing dot) -> 1..7
            (Monday first).
        opposites: concept -> (regex of one pole, regex of the other), e.g.
            "increase/decrease" -> ("hausses?|augment...", "baisses?|diminu...").
            The concept names are shared by all languages: a word of one pole
            in the original and of the other pole in the translation is a
            possible swap (``diverge.opposites``). Regexes match whole words,
            lowercase, case-insensitively.
        negation_bridge: words that may stand between a negation and the word
            it negates: auxiliaries, modals, adverbs ("n'est pas facile",
            "could not be confirmed"); an article or a noun ends the scope.
        negation_flips: negation words that reverse the word they scope over
            ("pas", "not", "never"); quantifiers such as "rien" / "nothing"
            do not ("Rien n'est moins sûr" = "Nothing is less certain").
        negation_prepositions: negations that only reverse the word right
            after them ("sans danger" = safe).
        negation_additive: words that, right after a negation word, make it
            add rather than reverse ("not only", "non seulement", "nicht nur").
        negation_ever: negation words that mean "ever" in a question when no
            clitic goes with them ("combien ont jamais vu ?").
        opposites_skip: regexes of fixed phrases whose words do not carry
            their pole ("au moins" = at least, "d'après" = according to).
        antonyms: word -> a word of opposite meaning in the same grammatical
            form ("rose" -> "fell", "largest" -> "smallest"), both ways; the
            opposites check swaps them to probe a translation with the
            sentence encoder (``diverge.opposites``).
    """

    code: str
    months: dict[str, int] = field(default_factory=dict)
    number_words: dict[str, int] = field(default_factory=dict)
    compound_number_words: dict[str, int] = field(default_factory=dict)
    ambiguous_number_words: frozenset[str] = frozenset()
    ordinal_words: dict[str, int] = field(default_factory=dict)
    ordinal_suffixes: tuple[str, ...] = ()
    one_words: frozenset[str] = frozenset()
    scale_words: dict[str, float] = field(default_factory=dict)
    word_only_scales: dict[str, float] = field(default_factory=dict)
    percent_words: tuple[str, ...] = ()
    time_markers: tuple[str, ...] = ()
    decimal_sep: str = ""
    thousands_seps: str = " \u00a0\u202f\u2009"
    negation_words: frozenset[str] = frozenset()
    negation_clitics: frozenset[str] = frozenset()
    negation_completers: frozenset[str] = frozenset()
    negation_suffixes: tuple[str, ...] = ()
    negation_clitic_verbs: frozenset[str] = frozenset()
    negation_subject_completers: frozenset[str] = frozenset()
    negation_skip: tuple[str, ...] = ()
    implicit_negation: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = COMMON_QUOTES
    function_words: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    inflection_suffixes: tuple[str, ...] = ("s",)
    derivation_suffixes: tuple[str, ...] = ()
    capitalises_nouns: bool = False
    weekdays: dict[str, int] = field(default_factory=dict)
    exonyms: dict[str, str] = field(default_factory=dict)
    demonyms: frozenset[str] = frozenset()
    respellings: tuple[tuple[str, str], ...] = ()
    opposites: dict[str, tuple[str, str]] = field(default_factory=dict)
    opposites_skip: tuple[str, ...] = ()
    antonyms: dict[str, str] = field(default_factory=dict)
    negation_bridge: frozenset[str] = frozenset()
    negation_flips: frozenset[str] = frozenset()
    negation_prepositions: frozenset[str] = frozenset()
    negation_additive: frozenset[str] = frozenset()
    negation_ever: frozenset[str] = frozenset()

    @property
    def is_fallback(self) -> bool:
        return self.code == "und"


NEUTRAL = LangResources(code="und")


def normalise_code(lang: str | None) -> str:
    """'fr-FR' -> 'fr', 'FRA' -> 'fr', None/'' -> 'und'."""
    if not lang:
        return "und"
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(code, code)


@lru_cache(maxsize=None)
def get_resources(lang: str | None) -> LangResources:
    """Resources for ``lang``; the neutral fallback for unknown languages."""
    code = normalise_code(lang)
    if code not in KNOWN_LANGUAGES:
        return NEUTRAL
    module = importlib.import_module(f"compare.lang.{code}")
    return module.RESOURCES


def antonym_pairs(text: str) -> dict[str, str]:
    """Helper for language modules: "a b" lines (``a`` and ``b`` opposite, same
    grammatical form) -> a dict both ways; the first pairing of a word wins."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        a, b = line.split()
        out.setdefault(a, b)
        out.setdefault(b, a)
    return out


def months_with_abbreviations(full: list[str], abbreviations: dict[str, int]) -> dict[str, int]:
    """Helper for language modules: full month names (January first) plus abbreviations."""
    out = {name: i + 1 for i, name in enumerate(full)}
    out.update(abbreviations)
    return out
