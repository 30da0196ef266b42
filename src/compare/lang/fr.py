"""French resources."""

from compare.lang import LangResources, antonym_pairs, months_with_abbreviations

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

_WEEKDAYS = {"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7}

# Concept -> (words of one pole, words of the other); the concepts are those of en.py.
_OPPOSITES = {
    "increase/decrease": (
        r"hausses?|augment\w*|croissance|croî\w*|croiss\w*|accroiss\w*|accroî\w*|accru\w*|"
        r"progress(?:e|es|ent|é|ée|és|ées|er|ion|ions|ait|aient)|mont(?:ée|ées|e|ent|é|er)|grimp\w*|envol\w*|"
        r"bond(?:i|ir|it|issent)|flamb\w*|élarg\w*|expansion|gagn\w*|majoration\w*|major(?:é|ée|és|ées|er)|"
        r"remont(?:é|ée|és|ées)",
        r"baisses?|baiss\w*|diminu\w*|recul\w*|chut\w*|rédu\w*|décroiss\w*|décroî\w*|déclin\w*|"
        r"fléchi\w*|effondr\w*|abaiss\w*|contraction|perd\w*|plong(?:é|ée|és|ées|eon)",
    ),
    "more/less": (r"plus|davantage|la plupart", r"moins"),
    # "à trois jours des élections" = three days before the elections
    "before/after": (r"avant|auparavant|précédemment|veille"
                     r"|(?:à|(?-i:A)) (?:\d+|\w+) (?:jours?|semaines?|mois|heures?) d(?:e|es|u)\b",
                     r"après|ensuite|lendemain"),
    "high/low": (
        r"haut|haute|hauts|hautes|élevé\w*|supérieur\w*|au-dessus",
        r"bas|basse|basses|inférieur\w*|au-dessous|en dessous|en deçà|sous (?:le seuil|la barre)",
    ),
    "win/lose": (
        r"gagn\w*|victoire\w*|vainqu\w*|remport\w*|l['’]emport\w*|triomph\w*",
        r"perd\w*|défaite\w*|vaincu\w*",
    ),
    "majority/minority": (r"majorit\w*", r"minorit\w*"),
    "maximum/minimum": (r"maxim\w*", r"minim\w*"),
    "first/last": (r"premi(?:er|ère|ers|ères)", r"derni(?:er|ère|ers|ères)|final\w*|ultime\w*"),
    "start/end": (
        r"commenc\w*|début\w*|démarr\w*|tôt",
        r"termin\w*|fin|fins|finir|finit|finiss\w*|achev\w*|achèv\w*|boucl(?:er|é|ée|és|ées|ent|era|eront)|"
        r"tard|tardi\w*",
    ),
    "success/failure": (r"succès|réussi\w*|réussite\w*", r"échec\w*|échou\w*"),
    "accept/reject": (r"accept\w*|approuv\w*|adopt\w*", r"rejet\w*|rejett\w*|refus\w*"),
    "buy/sell": (
        r"achat\w*|achet\w*|acquisition\w*|acquér\w*",
        r"vend(?:re|s|u|ue|us|ues|ait|aient|ent|ons|ez|eur|eurs|euse)?|ventes?|cession\w*|céd\w*",
    ),
    "import/export": (
        r"import(?:ation|ations|er|é|ée|és|ées|e|ent|ateur|ateurs)",
        r"export(?:ation|ations|er|é|ée|és|ées|e|ent|ateur|ateurs)",
    ),
    "strong/weak": (r"fort|forte|forts|fortes|renforc\w*", r"faible\w*|affaibl\w*"),
    "better/worse": (r"meilleur\w*|mieux", r"pire\w*|pis"),
    "profit/loss": (r"bénéfices?|profits?|excédent\w*", r"pertes?|déficit\w*"),
    "north/south": (r"nord\w*|septentrion\w*", r"sud|méridion\w*"),
    "east/west": (r"de l['’]est|à l['’]est|(?:nord|sud)-est|(?<=ouest en )est|d['’]est(?= en ouest)|orient\w*",
                  r"ouest|occident\w*|(?:nord|sud)-ouest"),
    "yesterday/tomorrow": (r"hier", r"demain"),
    "rich/poor": (r"riche\w*|richesse\w*|fortuné\w*", r"pauvre\w*|pauvreté"),
    "cheap/expensive": (r"bon marché|abordable\w*", r"coûteu\w*|onéreu\w*"),
    "positive/negative": (r"positi\w*", r"négati\w*"),
    "legal/illegal": (r"légal\w*|licite\w*", r"illégal\w*|illicite\w*"),
    "large/small": (r"grand|grande|grands|grandes|gros|grosse\w*|énorme\w*", r"petit\w*|minuscule\w*"),
    "inside/outside": (r"intérieur\w*|interne\w*|dedans", r"extérieur\w*|externe\w*|dehors"),
    "true/false": (r"vrai|vraie|vrais|vraies|vérité\w*", r"faux|fausse\w*"),
    "allow/ban": (r"autoris\w*|permis|permise\w*|licite\w*", r"interdi\w*|prohib\w*|illicite\w*"),
    "future/past": (r"avenir|futur\w*|à venir", r"passé|passée|passés|passées"),
    "next/previous": (r"prochain\w*|suivant\w*", r"précédent\w*"),
    "optimistic/pessimistic": (r"optimis\w*", r"pessimis\w*"),
    "easy/difficult": (r"facile\w*|facilit\w*", r"difficile\w*|difficult\w*"),
    "safe/dangerous": (r"sûr|sûre|sûrs|sûres|sécuri\w*", r"danger\w*"),
    "include/exclude": (r"inclu\w*|y compris", r"exclu(?:s|e|es|re|t|ent|sion|sions)?"),
    "support/oppose": (
        r"soutien\w*|souten\w*|soutient|soutiennent|partisan\w*|favorable\w*",
        r"oppos\w*|adversaire\w*|hostile\w*",
    ),
    "open/closed": (
        r"ouvr(?:e|es|ent|ir|it|irent|ait|aient|ira|iront)|ouvert\w*|ouverture\w*",
        r"ferm(?:é|ée|és|ées|er|ent|ait|aient|eture|etures)",
    ),
    "ally/enemy": (r"alli(?:é|ée|és|ées|ance|ances)", r"ennemi\w*"),
    "agree/disagree": (r"accords?", r"désaccord\w*"),
    "confirm/deny": (r"confirm\w*", r"dément\w*|démenti\w*|nier|nie|nient|nié|niée|niant|niait|niaient"),
    "guilty/innocent": (r"coupables?", r"innocen\w*"),
    "war/peace": (r"guerres?", r"paix"),
    "alive/dead": (r"vivant\w*|en vie|surviv\w*|survécu\w*", r"morts?|mortes?|décès|décéd\w*|tué\w*|tu(?:er|ent)"),
    "public/private": (r"publi(?:c|cs|que|ques)", r"privé\w*"),
    "man/woman": (
        r"hommes?|masculin\w*|garçons?|pères?|maris?|frères?|fils",
        r"femmes?|féminin\w*|filles?|mères?|épouses?|sœurs?|soeurs?",
    ),
}

# Words and their opposites in the same form, for the opposites check's
# embedding probe (see compare/lang/en.py).
_ANTONYMS = antonym_pairs("""
hausse baisse
hausses baisses
augmente diminue
augmenté diminué
augmentation diminution
augmentations diminutions
plus moins
avant après
premier dernier
première dernière
premiers derniers
premières dernières
précédent suivant
précédente suivante
haut bas
haute basse
élevé faible
élevée faible
supérieur inférieur
supérieure inférieure
gagné perdu
victoire défaite
majorité minorité
maximum minimum
début fin
succès échec
accepté refusé
acceptée refusée
achat vente
achats ventes
importations exportations
fort faible
forte faible
meilleur pire
meilleure pire
bénéfice perte
bénéfices pertes
excédent déficit
nord sud
est ouest
hier demain
riche pauvre
riches pauvres
positif négatif
positive négative
légal illégal
légale illégale
grand petit
grande petite
grands petits
grandes petites
intérieur extérieur
vrai faux
autorisé interdit
autorisée interdite
optimiste pessimiste
facile difficile
inclus exclu
ouvert fermé
ouverte fermée
allié ennemi
alliés ennemis
coupable innocent
guerre paix
public privé
publique privée
toujours jamais
""")

_OPPOSITES_SKIP = (
    r"\bn(?:e\b|['’])\s*(?:[^\s.,;:]+\s+){0,4}?(?P<x>plus)\b",  # "ne ... plus" = no longer
    r"\bnon plus\b",
    r"\bde plus\s*,|\bde plus en plus\b|\ben plus\b|\bplus ou moins\b",
    r"\b(?:au|du|pour le) moins\b|\bà moins\b",
    r"\b(?P<x>plus) (?:tard|tôt)\b",
    r"\b(?:avant|après)-\w+|\bd['’](?P<y>après)\b|\bci-(?P<z>après)\b",
    r"\b(?P<x>premi(?:er|ère)s?)[-\s]+ministres?\b",
    r"\b(?P<x>avant) tout\b|\ben (?P<y>avant)\b",
    r"\bbien sûr\b",
    r"\b(?P<x>grande?)-bretagne\b",
    r"\b(?P<x>fin) (?:connaisseur|stratège|gourmet)\b",
    r"\bsans précédent\b",
)

# Names that French writes differently from English (accents removed, lowercase)
# -> their English forms ('|' between alternatives; several words must all be
# present). The names check uses English as the pivot between languages.
_EXONYMS = {
    # countries
    "afghanistan": "afghanistan", "albanie": "albania", "algerie": "algeria",
    "allemagne": "germany|german", "andorre": "andorra", "angleterre": "england|english",
    "angola": "angola", "arabie": "arabia", "argentine": "argentina", "armenie": "armenia",
    "australie": "australia", "autriche": "austria", "azerbaidjan": "azerbaijan",
    "bahrein": "bahrain", "belgique": "belgium", "bielorussie": "belarus",
    "birmanie": "burma|myanmar", "bolivie": "bolivia", "bosnie": "bosnia", "bresil": "brazil",
    "bulgarie": "bulgaria", "cambodge": "cambodia", "cameroun": "cameroon", "canada": "canada",
    "chili": "chile", "chine": "china|chinese", "chypre": "cyprus", "colombie": "colombia",
    "coree": "korea", "croatie": "croatia", "cuba": "cuba", "danemark": "denmark",
    "egypte": "egypt", "emirats": "emirates", "equateur": "ecuador", "erythree": "eritrea",
    "espagne": "spain|spanish", "estonie": "estonia",
    "etats-unis": "united states|us|usa|america|american", "ethiopie": "ethiopia",
    "finlande": "finland", "france": "france|french", "georgie": "georgia",
    "grande-bretagne": "britain|great britain|british|uk", "grece": "greece|greek",
    "guinee": "guinea", "hongrie": "hungary", "inde": "india|indian", "indonesie": "indonesia",
    "irak": "iraq", "iran": "iran", "irlande": "ireland|irish", "islande": "iceland",
    "israel": "israel", "italie": "italy|italian", "jamaique": "jamaica", "japon": "japan|japanese",
    "jordanie": "jordan", "kazakhstan": "kazakhstan", "kenya": "kenya", "kirghizstan": "kyrgyzstan",
    "koweit": "kuwait", "lettonie": "latvia", "liban": "lebanon", "liberia": "liberia",
    "libye": "libya", "lituanie": "lithuania", "luxembourg": "luxembourg", "macedoine": "macedonia",
    "malaisie": "malaysia", "mali": "mali", "maroc": "morocco", "mauritanie": "mauritania",
    "mexique": "mexico|mexican", "moldavie": "moldova", "mongolie": "mongolia",
    "montenegro": "montenegro", "mozambique": "mozambique", "namibie": "namibia",
    "nigeria": "nigeria", "norvege": "norway", "nouvelle-zelande": "new zealand",
    "ouganda": "uganda", "ouzbekistan": "uzbekistan", "pakistan": "pakistan",
    "palestine": "palestine", "pays-bas": "netherlands|holland|dutch", "perou": "peru",
    "philippines": "philippines", "pologne": "poland|polish", "portugal": "portugal",
    "qatar": "qatar", "roumanie": "romania", "royaume-uni": "united kingdom|uk|britain|british",
    "russie": "russia|russian", "rwanda": "rwanda", "salvador": "salvador", "senegal": "senegal",
    "serbie": "serbia", "singapour": "singapore", "slovaquie": "slovakia", "slovenie": "slovenia",
    "somalie": "somalia", "soudan": "sudan", "suede": "sweden|swedish",
    "suisse": "switzerland|swiss", "syrie": "syria", "tadjikistan": "tajikistan",
    "taiwan": "taiwan", "tanzanie": "tanzania", "tchad": "chad", "tchequie": "czechia|czech",
    "tchetchenie": "chechnya", "thailande": "thailand", "tunisie": "tunisia",
    "turkmenistan": "turkmenistan", "turquie": "turkey|turkish", "ukraine": "ukraine",
    "uruguay": "uruguay", "venezuela": "venezuela", "vietnam": "vietnam", "yemen": "yemen",
    "zambie": "zambia", "zimbabwe": "zimbabwe", "cote-d'ivoire": "ivory coast", "haiti": "haiti",
    "nouvelle-caledonie": "new caledonia", "tibet": "tibet", "kosovo": "kosovo",
    "ecosse": "scotland|scottish", "galles": "wales", "flandre": "flanders", "wallonie": "wallonia",
    "catalogne": "catalonia", "sicile": "sicily", "sardaigne": "sardinia", "corse": "corsica",
    "baviere": "bavaria", "californie": "california", "floride": "florida",
    "louisiane": "louisiana", "caroline": "carolina", "virginie": "virginia",
    "pennsylvanie": "pennsylvania", "nouveau-mexique": "new mexico",
    "nouvelle-orleans": "new orleans", "nouvelle-ecosse": "nova scotia",
    "terre-neuve": "newfoundland", "colombie-britannique": "british columbia",
    "groenland": "greenland", "antarctique": "antarctica", "arctique": "arctic",
    "cisjordanie": "west bank", "gaza": "gaza", "abkhazie": "abkhazia", "ossetie": "ossetia",
    "crimee": "crimea", "caucase": "caucasus", "balkans": "balkans", "scandinavie": "scandinavia",
    "sahara": "sahara",
    # continents, regions, seas
    "afrique": "africa|african", "amerique": "america|american", "asie": "asia|asian",
    "europe": "europe|european", "oceanie": "oceania", "moyen-orient": "middle east",
    "proche-orient": "near east|middle east", "extreme-orient": "far east", "maghreb": "maghreb",
    "mediterranee": "mediterranean", "atlantique": "atlantic", "pacifique": "pacific",
    "manche": "channel", "asie-pacifique": "asia-pacific", "occident": "west|western",
    "orient": "east|eastern", "nord": "north|northern", "sud": "south|southern",
    "est": "east|eastern", "ouest": "west|western",
    # cities
    "londres": "london", "bruxelles": "brussels", "copenhague": "copenhagen", "moscou": "moscow",
    "pekin": "beijing|peking", "varsovie": "warsaw", "vienne": "vienna", "venise": "venice",
    "florence": "florence", "naples": "naples", "rome": "rome", "milan": "milan", "turin": "turin",
    "genes": "genoa", "athenes": "athens", "lisbonne": "lisbon", "seville": "seville",
    "saragosse": "zaragoza", "barcelone": "barcelona", "haye": "hague", "anvers": "antwerp",
    "bruges": "bruges", "gand": "ghent", "cologne": "cologne", "munich": "munich",
    "francfort": "frankfurt", "hambourg": "hamburg", "berlin": "berlin", "prague": "prague",
    "budapest": "budapest", "bucarest": "bucharest", "belgrade": "belgrade", "sofia": "sofia",
    "geneve": "geneva", "bale": "basel", "zurich": "zurich", "caire": "cairo",
    "alexandrie": "alexandria", "damas": "damascus", "beyrouth": "beirut", "jerusalem": "jerusalem",
    "bagdad": "baghdad", "teheran": "tehran", "kaboul": "kabul", "alger": "algiers",
    "tunis": "tunis", "tripoli": "tripoli", "cap": "cape", "washington": "washington",
    "havane": "havana", "mexico": "mexico city|mexico", "montreal": "montreal", "quebec": "quebec",
    "edimbourg": "edinburgh", "douvres": "dover",
    "saint-petersbourg": "st petersburg|saint petersburg", "kiev": "kiev|kyiv",
    "canton": "guangzhou|canton", "shanghai": "shanghai", "bombay": "mumbai|bombay",
    "manille": "manila", "tokyo": "tokyo", "seoul": "seoul", "pyongyang": "pyongyang",
    "mecque": "mecca", "nankin": "nanjing", "dakar": "dakar", "abidjan": "abidjan",
    "nouakchott": "nouakchott", "khartoum": "khartoum", "mogadiscio": "mogadishu",
    "addis-abeba": "addis ababa", "jakarta": "jakarta", "tbilissi": "tbilisi", "erevan": "yerevan",
    "bakou": "baku", "achgabat": "ashgabat", "douchanbe": "dushanbe", "islamabad": "islamabad",
    "riyad": "riyadh", "doha": "doha", "dubai": "dubai", "amman": "amman", "ramallah": "ramallah",
    "naplouse": "nablus", "hebron": "hebron", "tel-aviv": "tel aviv", "jaffa": "jaffa",
    "strasbourg": "strasbourg", "marseille": "marseilles|marseille", "lyon": "lyons|lyon",
    "nice": "nice",
    # institutions and capitalised words of names
    "etat": "state", "etats": "states", "etat-major": "staff", "conseil": "council|board",
    "cour": "court", "tribunal": "court|tribunal", "parti": "party", "partis": "parties",
    "banque": "bank", "chambre": "chamber|house", "affaires": "affairs",
    "societe": "society|company|corporation", "comite": "committee", "assemblee": "assembly",
    "senat": "senate", "parlement": "parliament|parliamentary", "gouvernement": "government",
    "ministere": "ministry|department",
    "ministre": "minister|secretary", "premier": "prime|first|premier", "president": "president",
    "presidente": "president", "commission": "commission", "agence": "agency",
    "organisation": "organization|organisation", "union": "union", "nations": "nations",
    "unies": "united", "federation": "federation", "fondation": "foundation",
    "institut": "institute", "universite": "university", "ecole": "school", "academie": "academy",
    "musee": "museum", "eglise": "church", "armee": "army", "marine": "navy", "police": "police",
    "justice": "justice", "sante": "health", "education": "education",
    "travail": "labour|labor|work", "interieur": "interior|home", "exterieur": "foreign",
    "defense": "defence|defense", "finances": "finance|treasury", "tresor": "treasury",
    "economie": "economy|economic", "culture": "culture", "environnement": "environment",
    "securite": "security", "bourse": "stock exchange|stock market|exchange|bourse",
    "ligue": "league", "coupe": "cup", "championnat": "championship", "jeux": "games",
    "mondial": "world cup|world|mondial", "olympiques": "olympic|olympics", "noel": "christmas",
    "paques": "easter", "toussaint": "all saints", "ramadan": "ramadan", "terre": "earth",
    "lune": "moon", "soleil": "sun", "dieu": "god", "saint": "saint|st", "sainte": "saint|st",
    "mont": "mount|mountain", "lac": "lake", "fleuve": "river", "riviere": "river", "mer": "sea",
    "ocean": "ocean", "golfe": "gulf", "ile": "island", "iles": "islands", "baie": "bay",
    "vallee": "valley", "pays": "country", "ville": "city|town", "rue": "street", "place": "square",
    "avenue": "avenue", "pont": "bridge", "gare": "station", "palais": "palace",
    "chateau": "castle", "maison": "house", "maison-blanche": "white house", "blanche": "white",
    "vatican": "vatican", "elysee": "elysee|elysée", "matignon": "matignon", "quai": "quai",
    "droits": "rights", "homme": "man|human", "hommes": "men|human", "monde": "world",
    "mondiale": "world", "guerre": "war", "paix": "peace", "prix": "prize|award|price",
    "nobel": "nobel", "nouvel": "new", "an": "year", "fonds": "fund", "monetaire": "monetary",
    "international": "international", "internationale": "international", "europeenne": "european",
    "europeen": "european", "centrale": "central", "nationale": "national", "national": "national",
    "federal": "federal", "federale": "federal", "general": "general", "generale": "general",
    "superieur": "supreme|high|higher", "supreme": "supreme", "haute": "high", "haut": "high",
    "grand": "grand|great|big", "grande": "great|grand", "petit": "little|small", "vieux": "old",
    "nouveau": "new", "nouvelle": "new",
    # words of names and titles seen translated in news
    "noir": "black", "noirs": "black|blacks", "noire": "black", "stade": "stadium", "vive": "long|live",
    "vertu": "virtue", "mort": "death|dead", "direction": "management|directorate|direction|leadership",
    "bureau": "office|bureau", "chancellerie": "chancellery|chancery", "amnistie": "amnesty",
    "cendrillon": "cinderella", "printemps": "spring", "bretagne": "brittany|britain", "iouri": "yuri",
    "premiere": "first|prime|premiere", "dames": "ladies|women|dames", "amis": "friends", "jo": "olympic|olympics|games",
    "cote": "coast", "ivoire": "ivory", "francais": "french|frenchman|frenchmen|france",
    "francaise": "french|frenchwoman", "medecins": "doctors", "peche": "fishing|fisheries", "pere": "father|claus",
    "democratie": "democracy", "produit": "product", "jaunes": "yellow", "croix": "cross", "croix-rouge": "red cross",
    "tricolore": "tricolour|tricolor|habs", "age": "age|ages", "moyen": "middle", "mouvement": "movement",
    "ong": "ngo|ngos", "opa": "takeover|bid", "pe": "ep|european parliament", "afp": "afp|agency",
    "onze": "eleven", "vingt-sept": "twenty-seven", "occidentaux": "western|westerners|west",
    "mondiaux": "world|worlds|championships", "suedois": "swedish|swede|swedes", "danois": "danish|dane|danes",
    "italiens": "italian|italians", "grecs": "greek|greeks", "equatoriens": "ecuadorian|ecuadorians",
    "bielorusses": "belarusian|belarusians", "sud-est": "south-east|southeast", "nord-est": "north-east|northeast",
    "sud-ouest": "south-west|southwest", "nord-ouest": "north-west|northwest", "xxe": "xxth|20th|twentieth",
    "ressources": "resources", "selecao": "selecao|selection", "republique": "republic",
    # acronyms
    "ue": "eu|european union", "onu": "un|united nations", "otan": "nato", "fmi": "imf",
    "omc": "wto", "ocde": "oecd", "oms": "who", "bce": "ecb", "pib": "gdp", "tva": "vat",
    "sida": "aids", "vih": "hiv", "adn": "dna", "ovni": "ufo", "pme": "sme|smes|small",
    "ps": "socialist|ps", "ump": "ump", "pq": "pq|parti quebecois", "plq": "liberal", "ndp": "ndp",
    "npd": "ndp", "unesco": "unesco", "unicef": "unicef", "usa": "us|usa", "urss": "ussr|soviet",
    "rfa": "frg|west germany", "rda": "gdr|east germany", "opep": "opec", "aiea": "iaea",
    "cpi": "icc", "cij": "icj", "bei": "eib", "cia": "cia", "fbi": "fbi", "snc": "snc",
    "sncf": "sncf", "ratp": "ratp", "edf": "edf", "co": "co", "cnrs": "cnrs", "insee": "insee",
    "cac": "cac", "pdg": "ceo|chief executive", "dg": "director|general", "rer": "rer",
    "tgv": "tgv",
    # people
    "poutine": "putin", "medvedev": "medvedev", "gorbatchev": "gorbachev", "eltsine": "yeltsin",
    "staline": "stalin", "lenine": "lenin", "khrouchtchev": "khrushchev", "netanyahou": "netanyahu",
    "nasrallah": "nasrallah", "kadhafi": "gaddafi|qaddafi|kadhafi", "moubarak": "mubarak",
    "saddam": "saddam", "hussein": "hussein", "bachar": "bashar", "assad": "assad",
    "ahmadinejad": "ahmadinejad", "khamenei": "khamenei", "khomeini": "khomeini",
    "arafat": "arafat", "abbas": "abbas", "mahmoud": "mahmoud|mahmud",
    "mohamed": "mohammed|muhammad|mohamed|mohammad", "mohammed": "mohammed|muhammad|mohamed",
    "ismail": "ismail", "hamas": "hamas", "hezbollah": "hezbollah|hizbollah", "talibans": "taliban",
    "taliban": "taliban", "al-qaida": "al-qaeda|al qaeda", "qaida": "qaeda", "oussama": "osama",
    "laden": "laden", "alexandre": "alexander", "guillaume": "william", "henri": "henry",
    "jacques": "james|jacques", "jean": "john|jean", "pierre": "peter|pierre", "paul": "paul",
    "louis": "louis", "charles": "charles", "francois": "francis|francois",
    "elisabeth": "elizabeth", "marie": "mary|marie", "catherine": "catherine", "jesus": "jesus",
    "christ": "christ", "pape": "pope", "benoit": "benedict", "jean-paul": "john paul",
}

# Inhabitants and peoples: capitalised as nouns in French ("les Kurdes"), so not
# names. Masculine singular, accents removed; feminine and plural forms follow.
_DEMONYM_BASES = """
francais anglais allemand americain britannique italien espagnol portugais belge suisse russe chinois
japonais iranien irakien israelien palestinien libanais syrien turc kurde grec egyptien libyen tunisien
algerien marocain afghan pakistanais indien canadien quebecois mexicain bresilien argentin cubain europeen
africain asiatique arabe juif musulman chretien ukrainien polonais tcheque hongrois roumain bulgare serbe
croate bosniaque albanais kosovar georgien armenien azerbaidjanais ouzbek kazakh coreen vietnamien
thailandais indonesien philippin australien neo-zelandais sud-africain nigerian kenyan ethiopien somalien
soudanais tchadien malien senegalais ivoirien congolais camerounais rwandais haitien venezuelien colombien
peruvien chilien bolivien equatorien hondurien guatemalteque nicaraguayen saoudien yemenite omanais qatari
emirati jordanien koweitien norvegien suedois danois finlandais islandais irlandais ecossais gallois
neerlandais hollandais autrichien slovaque slovene letton lituanien estonien bielorusse moldave chypriote
maltais luxembourgeois parisien marseillais lyonnais basque catalan flamand wallon inuit
occidental oriental
""".split()


def _demonym_forms(base: str) -> set[str]:
    """'iranien' -> iranien, iraniens, iranienne, iraniennes; 'grec' -> grecque(s)..."""
    if base.endswith("e"):
        feminine = base
    elif base.endswith(("ien", "en")):
        feminine = base + "ne"
    elif base == "grec":
        feminine = "grecque"
    elif base == "turc":
        feminine = "turque"
    else:
        feminine = base + "e"
    forms = {base, feminine, feminine + "s"}
    forms.add(base if base.endswith(("s", "x")) else base + "s")
    if base.endswith("al"):
        forms.add(base[:-2] + "aux")
    return forms


_DEMONYMS = frozenset(form for base in _DEMONYM_BASES for form in _demonym_forms(base))


RESOURCES = LangResources(
    code="fr",
    demonyms=_DEMONYMS,
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
    # "jamais" alone negates too ("une perte jamais vue": "never seen"); with "ne" it is its completer
    negation_words=frozenset({"sans", "ni", "non", "pas", "aucun", "aucune", "rien", "jamais"}),
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
        "puisse", "puisses", "puissent", "puissions", "puissiez", "pût", "pourrais", "pourrions", "pourriez",
        "pouvais", "pu", "sache", "sachent", "saurais", "sauraient", "osa", "cessa",
    }),
    negation_skip=(
        r"\bsans (?:doute|cesse|compter|façon|faute)\b",
        r"\b(?:va|allait|ira|irait) sans dire\b",  # "cela va sans dire": of course
        r"\bni plus ni moins\b",
        r"\bnon[-‐]\w+",
        r"(?<!\bet )(?<!\bmais )(?<!\bou )(?<!, )\bnon (?!pas\b|plus\b|seulement\b|loin\b|sans\b|sur\b|et\b|de\b|à\b|au\b)(?=[^\W\d_])",
        r"\b(?:un|le|les|des|ce|ces|ses|mes|tes|nos|vos|leurs|son|mon|ton|du|au|aux|faux|premiers?|"
        r"grands?|petits?|nouveaux?|quelques|deux|trois|cent|mille) pas\b",
        r"\bpas mal\b",
        r"\bpas à pas\b",
        r"\bpas plus tard\b",
        r"\baucun doute\b",
        r"\b(?:à|pour|si|que|qu'|qu’) jamais\b",  # "forever", "if ever", "plus que jamais": more than ever
        # "le plus beau qu'il ait jamais vu": "ever" after a relative or comparative, with no "ne" between
        r"\b(?:que|qu|qui|s|auquel|auxquels|auxquelles|laquelle|lequel|lesquels|lesquelles|dont|où|si|plus|moins|mieux)"
        r"(?:[’' ]+(?!n\b|ne\b|jamais\b)[^\W\d_]+){1,3}[’' ]+jamais\b(?!\s+n(?:e\b|['’]))",
        r"\bsans (?:délai|tarder|attendre)\b",  # "promptly" (English skips "without delay")
    ),
    implicit_negation=(
        r"\b(?:sans|faute|absence|absent\w*|manqu\w+|évit\w+|empêch\w+|refus\w*|interdi\w+|"
        r"dépourvu\w*|plutôt que|au lieu|incapable\w*|impossible\w*|ignor\w+|échou\w+|rejet\w*|nié|nier|démenti\w*|"
        r"exclu(?:e|es|s|t|ent|re|rait|ant|sion|sions)?|écart(?:e|é|ée|és|ées|er|ent|ait|aient|era)|échapp\w+)\b",
        r"(?<!\bun )(?<!\bà )\bpeu\b",  # "un peu" (a little) and "à peu près" (about) are not negative
        r"\bà peine\b",  # "hardly", "barely" (English lists them)
        r"(?<!\bau )(?<!\bdu )(?<!\bà )(?<!\ble )\bmoins\b",  # "au moins", "du moins", "à moins", "le moins"
        r"\b(?:in|im|il|ir)(?:capable|connu|certain|utile|suffisant|acceptable|admissible|exact|existant|efficace|"
        r"juste|attendu|compatible|complet|possible|prévu|disponible|légal|légitime|régulier|responsable|"
        r"vraisemblable|tolérable|évitable|éligible|opérant|apte)\w*",
        r"\b(?:défavorable|déconseill|désapprouv|désaccord|méconn)\w*",
        # "non délocalisables" (the skip list does not count it as a negation), words in -able/-ible
        # with a negative prefix ("incontrôlables": "cannot be checked"), "immérité", a failure, "en vain"
        r"\bnon[-‐ ](?!pas\b|plus\b|seulement\b|loin\b|sans\b|sur\b|et\b|de\b|à\b|au\b)[^\W\d_]{3,}",
        r"\b(?:in|im|ir|il)(?!flammable|dispensable|estimable|peccable)[^\W\d_]{3,}(?:able|ible)s?\b",
        r"\bimmérit\w*|\béchecs?\b|\ben vain\b|\bvainement\b",
        r"\b(?:se|s'|s’|me|te|nous|vous)\s*gard\w* (?:bien )?d(?:e|'|’)",  # "se garder de": refrain from
    ),
    quotes=(("«", "»"), ("“", "”"), ("‹", "›"), ('"', '"')),
    function_words=frozenset(_FUNCTION),
    titles=frozenset({"m", "mm", "mme", "mmes", "mlle", "me", "dr", "pr", "mgr"}),
    institution_words=frozenset("""
        ministere ministre premier affaires etrangeres interieur defense finances justice
        secretaire general president vice chef etat etats departement agence bureau autorite
        commission comite conseil assemblee parlement senat congres chambre cour supreme appel
        tribunal constitutionnel constitutionnelle national nationale federal federale central
        centrale regional regionale republique royaume union parti front mouvement democrate
        socialiste republicain republicains armee marine forces force garde police services
        banque fonds reserve bourse universite ecole college academie institut eglise cathedrale
        coupe ligue championnat jeux olympiques monde europeen europeenne international
        internationale nations unies nord sud est ouest moyen nouveau nouvelle grand grande
        haut haute administration gouvernement cabinet maire gouverneur prefet prefecture
    """.split()),
    inflection_suffixes=("s", "x", "e", "es"),
    derivation_suffixes=("ien", "iens", "ienne", "iennes", "ais", "aise", "aises", "ain", "ains",
                         "aine", "aines", "éen", "éens", "éenne", "en", "ens", "enne", "ois",
                         "oise", "in", "ine", "ique", "iste", "isme", "ite", "ites", "a", "n"),
    weekdays=_WEEKDAYS,
    exonyms=_EXONYMS,
    respellings=(  # how French spells foreign names that English spells otherwise
        ("ou", "u"), ("ou", "o"), ("ch", "sh"), ("tch", "ch"), ("dj", "j"), ("i$", "y"), ("re$", "er"),
        ("c$", "ck"), ("cs$", "cks"), ("gue", "ge"), ("k", "c"), ("ie$", "y"), ("e$", ""),
        ("ei", "ey"), ("ue", "ye"), ("ph", "f"), ("y", "j"), ("i", "y"), ("k", "q"),
    ),
    opposites=_OPPOSITES,
    antonyms=_ANTONYMS,
    opposites_skip=_OPPOSITES_SKIP,
    negation_bridge=frozenset("""
est sont était étaient été être serait seraient sera seront a ont avait avaient aura auront eu y en se s l lui leur me te nous vous plus moins encore toujours jamais vraiment forcément nécessairement guère tout très trop si aussi à peut peuvent pouvait pourrait doit doivent devait devrait faut fallait va vont allait semble semblent
""".split()),
    negation_flips=frozenset("ne n pas jamais guère point nullement".split()),
    negation_additive=frozenset("seulement uniquement simplement".split()),
    negation_ever=frozenset({"jamais"}),
    negation_prepositions=frozenset({"sans"}),
)
