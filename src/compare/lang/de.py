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

_WEEKDAYS = {"montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
             "sonnabend": 6, "sonntag": 7}

# Concept -> (words of one pole, words of the other); the concepts are those of en.py.
_OPPOSITES = {
    "increase/decrease": (
        r"anstieg\w*|steig\w*|gestiegen|stieg\w*|erhöh\w*|zunahme|zugenommen|nimmt zu|wachs\w*|wuchs|gewachsen|zuwachs\w*",
        r"rückgang\w*|sink\w*|gesunken|sank\w*|senk\w*|abnahme|abgenommen|nimmt ab|fall\w*|gefallen|fiel\w*|verringer\w*|reduzier\w*",
    ),
    "more/less": (r"mehr|meisten?", r"weniger|wenigsten?|mindestens"),
    "before/after": (r"bevor|vorher|zuvor", r"nachdem|danach|nachher"),
    "high/low": (r"hoch|hohe\w*|höher\w*|höchst\w*|oberhalb", r"niedrig\w*|tief\w*|unterhalb"),
    "win/lose": (r"gewinn\w*|gewann\w*|gewonnen|sieg\w*", r"verlier\w*|verlor\w*|niederlage\w*"),
    "majority/minority": (r"mehrheit\w*", r"minderheit\w*"),
    "maximum/minimum": (r"maxim\w*|höchstens", r"minim\w*|mindest\w*"),
    "first/last": (r"erste\w*", r"letzte\w*"),
    "start/end": (r"beginn\w*|begann\w*|anfang\w*|früh\w*", r"ende|enden|endet\w*|beendet|spät\w*"),
    "success/failure": (r"erfolg(?:e|es|s|en|reich\w*)?", r"misserfolg\w*|scheiter\w*|gescheitert"),
    "accept/reject": (r"akzeptier\w*|angenommen|nimmt an|billig(?:t|te|ten)", r"abgelehnt|lehnt\w* ab|ablehn\w*|zurückgewiesen"),
    "buy/sell": (r"kauf(?:t|te|ten|en)?|gekauft|ankauf\w*", r"verkauf\w*"),
    "import/export": (r"import\w*|einfuhr\w*", r"export\w*|ausfuhr\w*"),
    "strong/weak": (r"stark\w*|stärke\w*|stärker\w*", r"schwach\w*|schwäch\w*"),
    "better/worse": (r"besser\w*|beste\w*", r"schlechter\w*|schlechteste\w*"),
    "profit/loss": (r"gewinn\w*|überschuss\w*", r"verlust\w*|defizit\w*"),
    "north/south": (r"nord\w*", r"süd\w*"),
    "east/west": (r"ost\w*|östlich\w*|(?:nord|süd)-?ost\w*", r"west\w*|(?:nord|süd)-?west\w*"),
    "yesterday/tomorrow": (r"gestern", r"morgen"),
    "rich/poor": (r"reichtum|reicher\w*|reichste\w*", r"armut|ärmer\w*|ärmste\w*"),
    "cheap/expensive": (r"billig\w*|günstig\w*", r"teuer\w*|teure\w*"),
    "positive/negative": (r"positiv\w*", r"negativ\w*"),
    "legal/illegal": (r"legal\w*|rechtmäßig\w*", r"illegal\w*|rechtswidrig\w*"),
    "large/small": (r"groß\w*|größer\w*|größte\w*", r"klein\w*"),
    "inside/outside": (r"innen|innerhalb|intern\w*", r"außen|außerhalb|extern\w*"),
    "true/false": (r"wahr|wahre\w*|wahrheit", r"falsch\w*|unwahr\w*"),
    "allow/ban": (r"erlaub\w*|zugelassen|genehmig\w*", r"verbot\w*|verbiet\w*|untersag\w*"),
    "future/past": (r"zukunft|zukünftig\w*|künftig\w*", r"vergangenheit|vergangen\w*"),
    "next/previous": (r"nächste\w*|folgend\w*", r"vorig\w*|vorherig\w*"),
    "optimistic/pessimistic": (r"optimis\w*", r"pessimis\w*"),
    "easy/difficult": (r"leicht\w*|einfach\w*", r"schwierig\w*|schwer\w*"),
    "safe/dangerous": (r"sicher\w*", r"gefahr\w*|gefährlich\w*"),
    "include/exclude": (r"einschließ\w*|eingeschlossen", r"ausschließ\w*|ausgeschlossen"),
    "support/oppose": (r"unterstütz\w*|befürwort\w*", r"gegner\w*|gegen|ablehn\w*"),
    "open/closed": (r"offen\w*|geöffnet|öffn\w*|eröffn\w*", r"geschlossen|schließ\w*|schloss"),
    "ally/enemy": (r"verbündet\w*|alliiert\w*", r"feind\w*"),
    "agree/disagree": (r"einig\w*|zustimm\w*", r"uneinig\w*"),
    "confirm/deny": (r"bestätig\w*", r"dementier\w*|bestreit\w*|bestritt\w*"),
    "guilty/innocent": (r"schuldig\w*", r"unschuld\w*"),
    "war/peace": (r"krieg\w*", r"friede\w*"),
    "alive/dead": (r"lebend\w*|überleb\w*", r"tot|tote\w*|getötet|gestorben|starb\w*"),
    "public/private": (r"öffentlich\w*", r"privat\w*"),
    "man/woman": (r"mann|männer\w*|männlich\w*|vater|väter|sohn|söhne|bruder|brüder",
                  r"frau|frauen|weiblich\w*|mutter|mütter|tochter|töchter|schwester\w*"),
}

_OPPOSITES_SKIP = (
    r"\bmehr oder weniger\b",
    r"\bnicht (?P<x>mehr)\b|\bkein\w* (?P<y>mehr)\b",
    r"\b(?P<x>morgen)s\b|\bam (?P<y>morgen)\b|\b(?:heute|gestern) (?P<z>morgen)\b",
)

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
    weekdays=_WEEKDAYS,
    opposites=_OPPOSITES,
    opposites_skip=_OPPOSITES_SKIP,
    negation_bridge=frozenset("""
ist sind war waren sein gewesen wird werden wurde wurden hat haben hatte hatten kann können konnte könnte muss müssen soll sollen will wollen darf zu noch wirklich unbedingt sehr so allzu
""".split()),
    negation_flips=frozenset("nicht nie niemals".split()),
    negation_additive=frozenset("nur bloss bloß".split()),
    negation_prepositions=frozenset({"ohne"}),
)
