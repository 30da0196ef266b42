"""German resources."""

from compare.lang import LangResources, months_with_abbreviations

_MONTHS = months_with_abbreviations(
    ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
     "september", "oktober", "november", "dezember"],
    {"jan": 1, "jänner": 1, "feb": 2, "febr": 2, "mär": 3, "maerz": 3, "apr": 4,
     "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12},
)

_NUMBERS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
    "dutzend": 12, "beide": 2, "beiden": 2,
}

_ORDINALS = {
    "zweite": 2, "zweiten": 2, "zweiter": 2, "dritte": 3, "dritten": 3, "dritter": 3,
    "vierte": 4, "vierten": 4, "fünfte": 5, "fünften": 5,
}

_FUNCTION = """
der die das den dem des ein eine einen einem einer eines
er sie es wir ihr ich du man sich ihm ihn ihnen uns euch
sein seine seiner seinen seinem ihre ihrer ihren ihrem unser unsere
und oder aber denn sondern doch so dass daß wenn als ob weil da wie wo was wer
in im an am auf aus bei mit nach seit von vom zu zum zur für gegen ohne um über unter
vor hinter neben zwischen durch während wegen trotz
dies diese dieser dieses diesen jeder jede jedes alle auch noch schon nur sehr
nicht kein keine ist sind war waren wird werden hat haben
hr herr frau dr prof
""".split()

RESOURCES = LangResources(
    code="de",
    months=_MONTHS,
    number_words=_NUMBERS,
    ambiguous_number_words=frozenset({"acht", "elf", "hundert", "tausend", "beide", "beiden"}),
    ordinal_words=_ORDINALS,
    ordinal_suffixes=(".",),
    one_words=frozenset({"ein", "eine", "einer", "einen", "einem", "eines"}),
    scale_words={
        "million": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9,
        "milliarden": 1e9, "mrd": 1e9, "billion": 1e12, "billionen": 1e12,
        "tausend": 1e3, "tsd": 1e3,
    },
    word_only_scales={"hundert": 100},
    percent_words=("prozent", "vh"),
    time_markers=("uhr",),
    decimal_sep=",",
    thousands_seps=". \u00a0\u202f\u2009'",
    negation_words=frozenset({
        "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie",
        "niemals", "nichts", "niemand", "ohne", "weder", "nirgends", "nirgendwo",
    }),
    implicit_negation=(
        r"\b(?:un\w{4,}|\w+los|\w+lose[nrms]?|verhinder\w*|vermied\w*|vermeid\w*|fehl\w*|"
        r"mangel\w*|verbot\w*|verweiger\w*|abgelehnt|lehnt\w* ab|kaum)\b",
    ),
    quotes=(("„", "“"), ("„", "”"), ("»", "«"), ("‚", "‘"), ("«", "»"), ('"', '"')),
    function_words=frozenset(_FUNCTION),
    titles=frozenset({"hr", "herr", "frau", "dr", "prof"}),
    inflection_suffixes=("s", "es", "e", "n", "en", "er", "ern", "ns"),
    derivation_suffixes=("er", "erin", "isch", "ische", "ischen", "ischer", "ier", "iens", "aner"),
    capitalises_nouns=True,
)
