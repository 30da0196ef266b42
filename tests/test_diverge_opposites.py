"""The opposites check (a word swapped for its opposite) and the newer rules of
the other checks: weekdays, names (one-letter typos, transliterations,
replacements, exonyms), a sentence of a multi-sentence link explaining a
length excess, quotes opened in a neighbouring sentence, pair scores."""

import pytest

from _diverge_helpers import findings, make_ctx, span_texts
from compare.diverge import make_check, pair_scores, run_checks
from compare.diverge.base import ADDITION, NAMES, NUMBERS, OPPOSITE
from compare.diverge.names import typo_like
from compare.diverge.opposites import pole_words
from compare.lang import get_resources


# --- opposites -------------------------------------------------------------

@pytest.mark.parametrize(
    "src, tgt, src_word, tgt_word",
    [
        ("Les prix sont en hausse de 3 %.", "Prices decreased by 3%.", "hausse", "decreased"),
        ("Il est parti avant la réunion.", "He left after the meeting.", "avant", "after"),
        ("Le chômage a baissé.", "Unemployment rose.", "baissé", "rose"),
        ("Le parti a gagné les élections.", "The party lost the election.", "gagné", "lost"),
        ("Une ville du nord du pays.", "A town in the south of the country.", "nord", "south"),
        ("Il y a plus de 50 blessés.", "There are fewer than 50 injured.", "plus", "fewer"),
        ("C'est la dernière tournée du chanteur.", "It is the singer's first tour.", "dernière", "first"),
        ("Les ventes n'ont pas augmenté.", "Sales increased.", "augmenté", "increased"),
        ("À Peshawar (nord-ouest).", "In Peshawar (North-East).", "nord-ouest", "North-East"),  # compass compounds
        ("Il traverse la ville d'ouest en est.", "It crosses the city from west to west.", "est", "west"),
        ("À trois jours des élections, il parle.", "Three days after the elections, he speaks.",
         "À trois jours des", "after"),
        ("Un habitant sur deux vit sous le seuil de pauvreté.", "One in two lives above the poverty line.",
         "sous le seuil", "above"),
        ("A trois jours des élections, il parle.", "Three days after the elections, he speaks.",
         "A trois jours des", "after"),  # capitals often lose their accent in French
        ("Ils ont été hués par des partisans du gouvernement.", "They were jeered by government opponents.",
         "partisans", "opponents"),
        # French forms the lists now name: "niant", "achèvera", "remonté", "plongé"
        ("La ministre a répliqué, niant toute collusion.", "The minister replied, confirming any collusion.",
         "niant", "confirming"),
        ("La médiation s'achèvera le 10 décembre.", "The mediation will start on 10 December.", "achèvera", "start"),
        ("Le yen est remonté depuis.", "The yen has fallen since.", "remonté", "fallen"),
        ("Le Dow Jones a plongé de 777 points.", "The Dow Jones rose by 777 points.", "plongé", "rose"),
    ],
)
def test_opposites_flag_a_swap(src, tgt, src_word, tgt_word):
    ctx, found = findings("opposites", [(src, tgt)])
    strong = [f for f in found if f.score >= 0.5]
    assert len(strong) == 1
    f = strong[0]
    assert f.category == OPPOSITE
    s, t = span_texts(ctx, f)
    assert s == [src_word] and t == [tgt_word]
    assert f"'{src_word}'" in f.message and "in the original means" in f.message


@pytest.mark.parametrize(
    "src, tgt",
    [
        ("Les prix sont en hausse.", "Prices rose."),
        ("Ce n'est pas facile.", "It is difficult."),  # negation reverses the pole
        ("Les ventes n'ont pas augmenté.", "Sales did not rise."),
        ("Il y a au moins 3 morts.", "At least three people died."),  # "au moins" is masked
        ("Il l'a vu cet après-midi.", "He saw him before noon."),  # "après-midi" is masked
        ("Il ne travaille plus.", "He works less."),  # "ne ... plus" = no longer
        ("Rien n'est moins sûr.", "Nothing is less certain."),  # quantifiers do not reverse
        ("Le Premier ministre a parlé.", "The last speaker was the Prime Minister."),
        ("Un pays en guerre.", "A country."),  # the translation says nothing of the concept
        ("À Peshawar (nord-ouest).", "In Peshawar (north-west)."),
        ("Il traverse la ville d'ouest en est.", "It crosses the city from west to east."),
        ("Il est au nord-est.", "He is in the northeast."),
        ("À trois jours des élections, il parle.", "Three days before the elections, he speaks."),
        ("Un habitant sur deux vit sous le seuil de pauvreté.", "One in two lives below the poverty line."),
        ("Il a trois jours de congé.", "He has three days off afterwards."),  # "a" the verb, not "à"
        ("Ils ont été hués par des opposants au gouvernement.", "They were jeered by government opponents."),
    ],
)
def test_opposites_quiet_on_faithful_pairs(src, tgt):
    _, found = findings("opposites", [(src, tgt)])
    assert [f for f in found if f.score >= 0.5] == []


def test_employment_is_not_probed():
    # the encoder prefers "employment" whatever the original says: the probe would only mislead
    from compare.lang import get_resources

    antonyms = get_resources("en").antonyms
    assert "unemployment" not in antonyms and "employed" not in antonyms
    assert antonyms["rose"] == "fell"


def test_opposites_mixed_poles_score_low():
    _, found = findings("opposites", [("Les hausses et les baisses.", "The falls, the falls and the falls.")])
    assert found and all(f.score < 0.5 for f in found)


def test_opposites_swap_among_words_of_both_poles_found_in_order():
    src = "Moins monumental que Brando, plus prudent dans son jeu, certainement plus fragile."
    tgt = "Less monumental than Brando, less cautious in his acting, certainly more fragile."
    _, found = findings("opposites", [(src, tgt)])
    assert len(found) == 1 and found[0].score == 0.8
    (t_span,) = found[0].tgt_spans
    assert tgt[t_span.start : t_span.end] == "less" and t_span.start == tgt.index("less cautious")
    (s_span,) = found[0].src_spans
    assert src[s_span.start : s_span.end] == "plus" and s_span.start == src.index("plus prudent")
    assert "at the same place" in found[0].message


def test_opposites_reordered_poles_not_reported():
    _, found = findings("opposites", [("Plus de chômage, moins de croissance.", "Less growth, more unemployment.")])
    assert found == []


def test_opposites_silent_for_unknown_language():
    _, found = findings("opposites", [("Les prix sont en hausse.", "Prices decreased.")], "fr", "xx")
    assert found == []


def test_pole_words_marks_negation():
    words = pole_words("Il n'a pas augmenté les prix.", "fr")["increase/decrease"]
    assert [(w.text, w.pole, w.negated) for w in words] == [("augmenté", 1, True)]


# --- numbers: weekdays -----------------------------------------------------

def test_weekday_changed_is_flagged_and_equal_weekdays_are_not():
    ctx, found = findings("numbers", [("Il est venu lundi.", "He came on Tuesday."),
                                      ("Il est venu lundi.", "He came on Monday.")])
    assert [(f.pair, f.score, f.category) for f in found] == [(0, 1.0, NUMBERS)]
    assert found[0].message == "'lundi' in the original, 'Tuesday' in the translation"


# --- names -----------------------------------------------------------------

@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("whitson", "whitosn", True),  # two letters swapped
        ("sherbrooke", "sherbooke", True),  # one dropped
        ("darfour", "darfur", False),  # French "ou" for English "u"
        ("dmitri", "dmitry", False),
        ("bagapch", "bagapsh", False),
        ("cour", "court", True),  # too short for a rule: one letter apart
        ("sarkozy", "obama", False),
    ],
)
def test_typo_like(a, b, expected):
    assert typo_like(a, b, get_resources("fr"), get_resources("en")) is expected


def test_names_typo_replacement_and_exonym():
    items = [
        ("Peggy Whitson dirige l'équipage.", "Peggy Whitosn leads the crew."),
        ("Barrick Gold a porté plainte.", "Barrick Wall filed a complaint."),
        ("L'Allemagne et les États-Unis ont signé.", "Germany and the United States signed."),
        ("Le Darfour est loin.", "Darfur is far away."),
    ]
    ctx, found = findings("names", items)
    strong = {f.pair: f for f in found if f.score >= 0.5}
    assert set(strong) == {0, 1}
    assert strong[0].category == NAMES and "one letter apart" in strong[0].message
    assert span_texts(ctx, strong[0]) == (["Whitson"], ["Whitosn"])
    assert strong[1].message == "'Gold' in the original is not in the translation, which has 'Wall' instead"
    assert span_texts(ctx, strong[1]) == (["Gold"], ["Wall"])


def test_names_replacement_beside_a_short_word_or_a_derived_word():
    items = [
        # "Parc" is near "par" of the original, which is no reason to take it for a cognate
        ("Le ministre Franco Frattini a parlé du rôle joué par des agents.",
         "Minister Franco Parc spoke of the role played by agents."),
        # "Honduran" derives from "Honduras", but the country itself became another name
        ("Un départ du Honduras devra se faire en tant que président du peuple hondurien.",
         "Any departure from Draganja would have to be as president of the Honduran people."),
        ("Le président du Honduras a parlé au peuple hondurien.",
         "The president of Honduras spoke to the Honduran people."),
    ]
    ctx, found = findings("names", items)
    strong = {f.pair: f for f in found if f.score >= 0.5}
    assert set(strong) == {0, 1}
    assert span_texts(ctx, strong[0]) == (["Frattini"], ["Parc"])
    assert span_texts(ctx, strong[1]) == (["Honduras"], ["Draganja"])
    assert "which has 'Draganja' instead" in strong[1].message


def test_names_part_of_a_compound_or_of_a_person_name_replaced():
    items = [
        ("Une voiture circulait à Villiers-le-Bel dimanche.", "A car was driving in Gianfranco-le-Bel on Sunday."),
        ("L'animateur Stéphane Dupont a subi un revers.", "The host Florent Dupont suffered a setback."),
        ("Le Conseil de Saint-Brieuc a voté.", "The Saint-Brieuc council voted."),
        ("Le maire Stéphane Dupont a parlé.", "Mayor Stéphane Dupont spoke."),
    ]
    ctx, found = findings("names", items)
    strong = {f.pair: f for f in found if f.score >= 0.5}
    assert set(strong) == {0, 1}
    assert span_texts(ctx, strong[0]) == (["Villiers-le-Bel"], ["Gianfranco-le-Bel"])
    assert span_texts(ctx, strong[1]) == (["Stéphane"], ["Florent"])


def test_names_misspelling_found_when_the_name_is_also_spelled_right():
    items = [
        ("La France et l'Allemagne, puis la France encore.", "France and Germany, then Fracne again."),
        ("La France et l'Allemagne, puis la France encore.", "France and Germany, then France again."),
        ("Marie Curie est née à Varsovie.", "Marie Curie was born in Warsaw."),
    ]
    ctx, found = findings("names", items)
    strong = {f.pair: f for f in found if f.score >= 0.5}
    assert set(strong) == {0}
    assert span_texts(ctx, strong[0]) == (["France"], ["Fracne"])
    assert strong[0].message.startswith("spelled 'France' in the original, 'Fracne' in the translation")


# --- partial: one sentence of a 1-2 link is an addition -------------------

def test_partial_points_at_the_added_sentence():
    from compare.align.base import Link

    items = [
        (f"La phrase numéro {i} parle du temps qu'il fait aujourd'hui.",
         f"Sentence number {i} talks about today's weather.", 0.86 + (i % 3) * 0.01)
        for i in range(20)
    ]
    extra = "The borrowing rates of Italy and Spain remain at very disquieting levels."
    items.insert(6, (None, extra))
    ctx = make_ctx(items)
    # merge the added sentence into the previous pair: a 1-2 link, as the aligner may do
    prev, added = ctx.pairs[5], ctx.pairs[6]
    link = Link(prev.link.src, prev.link.tgt + added.link.tgt, 1.0, 0.85)
    merged = type(prev)(5, link, prev.src_text, ctx.target.text[prev.tgt_start:added.tgt_start + len(extra)],
                        prev.src_start, prev.tgt_start)
    ctx.pairs[5:7] = [merged]
    for i, p in enumerate(ctx.pairs):
        p.index = i
    ctx.alignment.links = [p.link for p in ctx.pairs]
    check = make_check("partial")
    check.prepare(ctx)
    found = [f for f in check.run(ctx.pairs[5], ctx)]
    assert len(found) == 1 and found[0].category == ADDITION
    assert span_texts(ctx, found[0])[1] == [extra]
    assert found[0].message.startswith("sentence 7 of the translation has no counterpart in the original")


# --- quotes ----------------------------------------------------------------

def test_quote_running_into_the_next_sentence_scores_low():
    _, found = findings("quotes", [("Il a dit : « Nous viendrons demain matin sans faute.", "He said they would come.")])
    assert [f.score for f in found] == [0.4]


# --- pair scores -----------------------------------------------------------

def test_pair_scores_rank_flagged_and_dissimilar_pairs_first():
    items = [(f"Phrase {i} sans histoire aucune ici.", f"Sentence {i} with no story at all here.", 0.9)
             for i in range(10)]
    items[3] = ("Il a trois enfants.", "He has two children.", 0.9)
    items[7] = (items[7][0], items[7][1], 0.6)
    ctx = make_ctx(items)
    flags = run_checks(ctx)
    scores = pair_scores(ctx, flags)
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    assert set(order[:2]) == {3, 7}
    assert scores[3] == pytest.approx(0.125)  # one check at full strength (flag_weight), usual similarity
    assert scores[7] > 1.0  # similarity far below the document's (z / threshold)
    assert max(s for i, s in enumerate(scores) if i not in (3, 7)) < 0.125


@pytest.mark.parametrize(
    "src, tgt, flagged",
    [
        ("Au XXe siècle.", "In the XXth century.", False),
        ("Le socialisme du XXIème siècle.", "The twenty-first century socialism.", False),
        ("Au XXe siècle.", "In the XIXth century.", True),
        ("Jusqu'au 31 décembre.", "Until 31 February.", True),  # two dates must agree on the month
        ("Jusqu'au 31 décembre.", "Until the 31st.", False),  # a day number alone still matches
    ],
)
def test_numbers_ordinals_and_dates(src, tgt, flagged):
    _, found = findings("numbers", [(src, tgt)])
    assert bool([f for f in found if f.score >= 0.8]) is flagged


def test_long_name_one_letter_off_is_a_typo_even_when_very_similar():
    ctx, found = findings("names", [("Il est écrit dans la Constitution de leur pays.",
                                     "It is written in the Connstitution of their country.")])
    assert [f.score for f in found] == [0.7]
    assert span_texts(ctx, found[0]) == (["Constitution"], ["Connstitution"])


# --- partial: without MT, an embedding probe names the missing clause --------

class _BagOfWords:
    """A stand-in sentence encoder: normalised counts of lowercase words, so a
    text is closer to another the more words they share."""

    def __init__(self):
        self.vocab: dict[str, int] = {}
        self.seen: list[str] = []

    def encode(self, texts):
        import re

        import numpy as np

        self.seen.extend(texts)
        rows = []
        for text in texts:
            counts: dict[int, float] = {}
            for w in re.findall(r"\w+", text.lower()):
                j = self.vocab.setdefault(w, len(self.vocab))
                counts[j] = counts.get(j, 0) + 1
            rows.append(counts)
        out = np.zeros((len(texts), 4096), dtype=np.float32)
        for i, counts in enumerate(rows):
            for j, c in counts.items():
                out[i, j] = c
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _probe_items(missing_clause: bool):
    items = [(f"Le rapport numéro {i} parle du temps et du vent, selon les experts du service.",
              f"Le rapport numéro {i} parle du temps et du vent, selon les experts du service.", 0.9)
             for i in range(12)]
    src = "La ministre a signé le décret hier soir, après une longue réunion avec les syndicats, à Paris."
    tgt = ("La ministre a signé le décret hier soir, à Paris." if missing_clause else src)
    items.insert(5, (src, tgt, 0.9))
    return items, src


def test_partial_probe_names_the_clause_the_translation_lacks():
    items, src = _probe_items(missing_clause=True)
    ctx = make_ctx(items, "fr", "fr")
    ctx.encoder = _BagOfWords()
    check = make_check("partial", probe=True, gap_weight=0.0)
    check.prepare(ctx)
    (found,) = check.run(ctx.pairs[5], ctx)
    assert found.details["probe"]["clause"] == "après une longue réunion avec les syndicats"
    (span,) = found.src_spans
    assert ctx.source.text[span.start:span.end] == "après une longue réunion avec les syndicats"
    assert "without 'après une longue réunion avec les syndicats' the original is closer" in found.message
    # the same pair without an encoder: found on length alone, with a lower score and the whole pair as span
    ctx.encoder = None
    (plain,) = check.run(ctx.pairs[5], ctx)
    assert plain.score < found.score and plain.details["probe"] is None
    assert ctx.source.text[plain.src_spans[0].start:plain.src_spans[0].end].startswith("La ministre")


def test_partial_probe_costs_nothing_on_usual_pairs():
    items, _ = _probe_items(missing_clause=False)
    ctx = make_ctx(items, "fr", "fr")
    ctx.encoder = encoder = _BagOfWords()
    check = make_check("partial", probe=True, gap_weight=0.0)
    check.prepare(ctx)
    assert [f for p in ctx.pairs for f in check.run(p, ctx)] == []
    assert encoder.seen == []  # no pair was unusual enough to be probed


def test_partial_probe_is_off_by_default():
    items, _ = _probe_items(missing_clause=True)
    ctx = make_ctx(items, "fr", "fr")
    ctx.encoder = encoder = _BagOfWords()
    check = make_check("partial", gap_weight=0.0)  # the word-coverage gap also embeds (its own test)
    check.prepare(ctx)
    (found,) = check.run(ctx.pairs[5], ctx)
    assert found.details["probe"] is None and encoder.seen == []


def test_names_french_peoples_are_not_names():
    # "les Kurdes" is capitalised in French and translated: not a name replaced by 'Law'
    items = [("Les Kurdes ont salué la décision.", "The Kurdish people welcomed the Law.")]
    _, found = findings("names", items)
    assert [f for f in found if f.score >= 0.5] == []
    assert {"kurdes", "iraniennes", "grecs", "grecque"} <= get_resources("fr").demonyms


@pytest.mark.parametrize("src, tgt, agree", [
    ("La réunion a commencé à 15 heures 30.", "The meeting began at 1530 hours.", True),
    ("Le match débute à 20h45.", "The match starts at 20.45.", True),
    ("La réunion a commencé à 15 heures.", "The meeting began at 1530 hours.", False),
    ("La réunion a commencé à 15 heures 30.", "The meeting began at 1630 hours.", False),
])
def test_numbers_time_written_as_digits(src, tgt, agree):
    _, found = findings("numbers", [(src, tgt)])
    assert (found == []) is agree


# --- opposites: the embedding probe ------------------------------------------

def test_opposites_probe_reports_a_word_whose_opposite_fits_the_original_better():
    # the bag-of-words stand-in encoder "understands" the original only through shared words
    items = [("Italie troisième biggest économie", "Italy is the third smallest economy")]
    ctx = make_ctx(items)
    ctx.encoder = _BagOfWords()
    found = [f for f in make_check("opposites").run(ctx.pairs[0], ctx)]
    assert len(found) == 1 and 0.6 <= found[0].score <= 0.95
    assert found[0].score == round(min(0.95, 0.5 + 50 * found[0].details["probe_gain"]), 4)
    assert span_texts(ctx, found[0]) == ([], ["smallest"])
    assert "with 'biggest' instead" in found[0].message


def test_opposites_probe_stays_out_when_the_original_names_the_concept():
    items = [("Les prix sont en hausse de 5 %.", "Prices rose by 5%.")]
    ctx = make_ctx(items)
    ctx.encoder = encoder = _BagOfWords()
    assert make_check("opposites").run(ctx.pairs[0], ctx) == []
    assert encoder.seen == []  # "rose" is judged by the word lists: "hausse" = increase


def test_opposites_probe_needs_an_encoder_and_can_be_turned_off():
    items = [("Italie troisième biggest économie", "Italy is the third smallest economy")]
    ctx = make_ctx(items)
    assert make_check("opposites").run(ctx.pairs[0], ctx) == []
    ctx.encoder = encoder = _BagOfWords()
    assert make_check("opposites", probe=False).run(ctx.pairs[0], ctx) == []
    assert encoder.seen == []


def test_opposites_probe_works_into_french_and_from_a_language_without_lists():
    # English -> French: the French antonyms are used; Spanish (no word lists) -> English: only the target's
    for src, tgt, lang in (("Prices today hausse", "Les prix sont en baisse", "en"),
                           ("precios mas biggest economia", "the smallest economy", "es")):
        ctx = make_ctx([(src, tgt)], lang, "fr" if lang == "en" else "en")
        ctx.encoder = _BagOfWords()
        found = make_check("opposites").run(ctx.pairs[0], ctx)
        assert len(found) == 1 and found[0].details["probe_gain"] > 0
