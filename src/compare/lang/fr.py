"""French resources."""

from compare.lang import LangResources, months_with_abbreviations

_MONTHS = months_with_abbreviations(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
     "septembre", "octobre", "novembre", "décembre"],
    {"janv": 1, "fév": 2, "févr": 2, "fevr": 2, "fevrier": 2, "avr": 4, "juil": 7,
     "aout": 8, "sept": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12, "decembre": 12},
)

_NUMBERS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100, "mille": 1000,
    "douzaine": 12,
}

_COMPOUNDS = {
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "quatre-vingt": 80,
    "quatre-vingts": 80, "soixante-dix": 70, "quatre-vingt-dix": 90,
}

_ORDINALS = {
    "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
    "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "onzième": 11, "douzième": 12, "vingtième": 20,
}

_FUNCTION = """
le la les l un une des du de d ce cet cette ces c ça cela ceci celui celle ceux celles
il elle ils elles on nous vous je j tu me te se s lui leur leurs y en
mais et ou donc or ni car que qu qui quoi quel quelle quels quelles où dont
à au aux dans pour par sur sous avec sans selon chez vers contre entre depuis pendant
avant après malgré parmi durant dès jusqu lors lorsque quand si comme puisque
son sa ses mon ma mes ton ta tes notre nos votre vos
tout tous toute toutes aucun aucune chaque plusieurs certains certaines autre autres
puis alors ainsi aussi encore déjà pourtant cependant toutefois enfin bien non oui
ne n pas plus moins très trop peu beaucoup même là ici voici voilà
est sont a ont était été être avoir fait
m mm mme mmes mlle mlles me dr pr
""".split()

RESOURCES = LangResources(
    code="fr",
    months=_MONTHS,
    number_words=_NUMBERS,
    compound_number_words=_COMPOUNDS,
    ambiguous_number_words=frozenset({"neuf", "cent", "cents", "mille"}),
    ordinal_words=_ORDINALS,
    ordinal_suffixes=("er", "re", "ère", "e", "è", "ème", "eme", "nd", "nde"),
    one_words=frozenset({"un", "une"}),
    scale_words={
        "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
        "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "billion": 1e12,
        "billions": 1e12, "mille": 1e3,
    },
    word_only_scales={"cent": 100, "cents": 100},
    percent_words=("pour cent", "pourcent", "pour-cent", "p. cent", "p. 100", "pour 100"),
    time_markers=("h", "heures", "heure"),
    decimal_sep=",",
    negation_words=frozenset({"sans", "ni", "non", "pas", "aucun", "aucune", "rien"}),
    negation_clitics=frozenset({"ne", "n"}),
    negation_completers=frozenset({
        "pas", "plus", "jamais", "rien", "personne", "aucun", "aucune", "guère",
        "nul", "nulle", "point", "ni", "nullement",
    }),
    negation_subject_completers=frozenset({"personne", "rien", "aucun", "aucune", "nul", "nulle", "jamais", "ni"}),
    negation_clitic_verbs=frozenset({
        "peut", "peux", "pouvait", "pouvaient", "pourrait", "pourraient", "pourra", "pourront",
        "puis", "pouvons", "pouvez", "peuvent", "sait", "sais", "savait", "saurait", "savent",
        "ose", "osait", "osent", "cesse", "cessait", "cessent",
    }),
    negation_skip=(
        r"\bsans (?:doute|cesse|compter)\b",
        r"\bni plus ni moins\b",
        r"\bnon[-‐]\w+",
        r"(?<!\bet )(?<!\bmais )(?<!\bou )(?<!, )\bnon (?!pas\b|plus\b|seulement\b|loin\b|sans\b|sur\b|et\b|de\b|à\b|au\b)(?=[^\W\d_])",
        r"\b(?:un|le|les|ce|ces|ses|mes|tes|nos|vos|leurs|son|mon|ton|du|au|aux|faux|premiers?|"
        r"grands?|petits?|nouveaux?|quelques) pas\b",
        r"\bpas mal\b",
        r"\bpas à pas\b",
        r"\bpas plus tard\b",
        r"\baucun doute\b",
    ),
    implicit_negation=(
        r"\b(?:sans|faute|absence|absent\w*|manqu\w+|évit\w+|empêch\w+|refus\w*|interdi\w+|"
        r"dépourvu\w*|peu|plutôt que|au lieu|moins|incapable\w*|impossible\w*|ignor\w+|échou\w+|rejet\w+|nié|nier|démenti\w*)\b",
        r"\b(?:in|im|il|ir|dé|dés)[a-zé]{4,}(?:é|ée|és|ées|able|ables|ible|ibles|u|ue|us|ues|cts?|ctes?)\b",
    ),
    quotes=(("«", "»"), ("“", "”"), ("‹", "›"), ('"', '"')),
    function_words=frozenset(_FUNCTION),
    titles=frozenset({"m", "mm", "mme", "mmes", "mlle", "me", "dr", "pr", "mgr"}),
    inflection_suffixes=("s", "x", "e", "es"),
    derivation_suffixes=("ien", "iens", "ienne", "iennes", "ais", "aise", "aises", "ain", "ains",
                         "aine", "aines", "éen", "éens", "éenne", "en", "ens", "enne", "ois",
                         "oise", "in", "ine", "ique", "iste", "isme", "ite", "ites", "a", "n"),
)
