"""English resources."""

from compare.lang import LangResources, months_with_abbreviations

_MONTHS = months_with_abbreviations(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"],
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
     "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
)

_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "hundred": 100, "thousand": 1000, "both": 2,
}

_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "twentieth": 20,
}

_FUNCTION = """
the a an this that these those he she it they we i you me him her us them
his its their our your my mine
but and or nor so yet for if when while after before since until as because though
although whether then than
in on at by from of to into onto with without about over under between among
through during against within per via
there here what which who whom whose where why how
all any each every some no not both either neither such
is are was were be been being has have had do does did will would can could
shall should may might must
also even only just still however meanwhile moreover furthermore indeed yes
mr mrs ms mx dr prof sir st
""".split()

RESOURCES = LangResources(
    code="en",
    months=_MONTHS,
    number_words=_NUMBERS,
    ambiguous_number_words=frozenset({"hundred", "thousand", "both"}),
    ordinal_words=_ORDINALS,
    ordinal_suffixes=("st", "nd", "rd", "th"),
    one_words=frozenset({"a", "an", "one"}),
    scale_words={
        "million": 1e6, "millions": 1e6, "mn": 1e6, "billion": 1e9, "billions": 1e9,
        "bn": 1e9, "trillion": 1e12, "trillions": 1e12, "thousand": 1e3,
    },
    word_only_scales={"hundred": 100},
    percent_words=("percent", "per cent", "pc"),
    time_markers=("a.m.", "p.m.", "am", "pm", "o'clock", "o’clock"),
    decimal_sep=".",
    thousands_seps=", \u00a0\u202f\u2009",
    negation_words=frozenset({
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor",
        "without", "cannot", "nowhere",
    }),
    negation_suffixes=("n't", "n’t"),
    negation_skip=(
        r"\bnon[-‐]\w+",
        r"\bno\.?\s*\d",
        r"\bnothing but\b",
    ),
    implicit_negation=(
        r"\b(?:unable|fail\w*|avoid\w*|lack\w*|refus\w+|prevent\w*|absen\w+|den(?:y|ied|ies)|"
        r"impossible|instead|rather than|rule[sd]? out|reject\w*|ban(?:s|ned)?|forbid\w*|"
        r"prohibit\w*|exclud\w+|free of|devoid|barely|hardly|little|few|uncertain|broken)\b",
        r"\b(?!under|until|united|union|universit|unit|uniqu|unifor|unive)un[a-z]{4,}\b",
        r"\b(?:in|im|il|ir|dis)[a-z]{4,}(?:able|ible|ent|ed)\b",
        r"\w+less\b",
    ),
    # straight single quotes only as a clear pair (headlines: says 'no deal')
    quotes=(("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»")),
    function_words=frozenset(_FUNCTION),
    titles=frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "sir"}),
    inflection_suffixes=("s", "es", "'s", "’s"),
    derivation_suffixes=("n", "an", "ans", "ian", "ians", "i", "is", "er", "ers", "ese", "ish",
                         "ic", "ite", "ites", "ist", "ists", "ism", "a", "e", "ean", "eans"),
)
