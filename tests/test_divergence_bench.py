"""The injection benchmark's damage functions and scoring, and the REFreSD
benchmark's helpers, on tiny inline text (no data set, no encoder)."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import divergence as bench  # noqa: E402
import refresd  # noqa: E402
from compare.diverge.decide import load_config  # noqa: E402

FR = "Le 31 juillet, Ismaïl Haniyeh a annoncé à Téhéran que 2 500 soldats seraient déployés avant la fin du mois."
EN = "On 31 July, Ismail Haniyeh announced in Tehran that 2,500 soldiers would be deployed before the end of the month."


def _apply(func, fr, en, seed=0, *extra):
    return func(fr, en, random.Random(seed), *extra)


def test_number_changes_one_digit_of_a_shared_number():
    for seed in range(10):
        d = _apply(bench.damage_number, FR, EN, seed)
        new = d.new_text[d.tgt[0]:d.tgt[1]]
        assert new != "2,500" and len(new) == len("2,500") and new.replace(",", "").isdigit()
        assert FR[d.src[0]:d.src[1]] == "2 500"
        assert d.new_text.replace(new, "2,500") == EN


def test_number_leaves_years_and_dates_alone():
    assert _apply(bench.damage_number, "Le 31 juillet 2024.", "On 31 July 2024.") is None


def test_date_changes_day_month_weekday_or_year():
    seen = set()
    for seed in range(20):
        d = _apply(bench.damage_date, "Il viendra lundi 31 juillet 2024.", "He will come on Monday 31 July 2024.", seed)
        assert d is not None and d.new_text != "He will come on Monday 31 July 2024."
        seen.add(d.what.split("'")[1])
    assert {"Monday", "31", "July", "2024"} & seen and len(seen) >= 3


def test_name_is_misspelled_or_replaced_and_points_at_the_french_name():
    outcomes = set()
    for seed in range(12):
        d = _apply(bench.damage_name, FR, EN, seed, ["Sarkozy", "Obama"])
        old = d.what.split("'")[1]
        assert old in ("Ismail", "Haniyeh", "Tehran") or FR[d.src[0]:d.src[1]] in ("Haniyeh", "Ismaïl")
        outcomes.add(d.what.split()[0])
        assert d.new_text != EN
    assert outcomes == {"misspelled", "replaced"}


@pytest.mark.parametrize("word", ["Whitson", "Sherbrooke", "Haniyeh"])
def test_misspell_is_one_edit_away(word):
    from rapidfuzz.distance import OSA

    for seed in range(10):
        new = bench.misspell(word, random.Random(seed))
        assert new != word and OSA.distance(new, word) == 1


def test_clause_removes_four_or_more_words():
    for seed in range(10):
        d = _apply(bench.damage_clause, FR, EN, seed)
        removed = d.what[len("removed "):].strip("'\"")
        assert len(removed.split()) >= 4
        assert len(d.new_text.split()) <= len(EN.split()) - 4
        assert d.tgt[0] == d.tgt[1] and d.src is None


def test_negation_added_or_removed():
    d = _apply(bench.damage_negation, "Il viendra.", "He will come.")
    assert d.new_text == "He will not come." and d.new_text[d.tgt[0]:d.tgt[1]] == "will not"
    d = _apply(bench.damage_negation, "Il ne viendra pas.", "He won't come.")
    assert d.new_text == "He will come."
    d = _apply(bench.damage_negation, "Il ne viendra pas.", "He will not come.")
    assert d.new_text == "He will come."
    assert _apply(bench.damage_negation, "Il ne viendra pas.", "He will come.") is None


def test_quote_marks_removed_or_added():
    d = _apply(bench.damage_quote, "Il a dit « nous viendrons demain ».", 'He said "we will come tomorrow".')
    assert d.new_text == "He said we will come tomorrow."
    d = _apply(bench.damage_quote, "Il a dit qu'ils viendraient demain matin à la réunion.",
               "He said that they would come tomorrow morning to the meeting.")
    assert d.new_text.count("“") == 1 and d.new_text.count("”") == 1
    quoted = d.new_text[d.tgt[0]:d.tgt[1]]
    assert quoted.startswith("“") and quoted.endswith("”") and 4 <= len(quoted.split()) <= 10


def test_swap_replaces_a_word_by_its_opposite_keeping_case():
    d = _apply(bench.damage_swap, FR, EN)
    assert d.new_text == EN.replace("before", "after")
    d = _apply(bench.damage_swap, "Après la réunion.", "After the meeting.")
    assert d.new_text == "Before the meeting."
    assert _apply(bench.damage_swap, "Au moins trois.", "At least three.") is None


def test_inject_drop_and_insert_keep_track_of_places():
    fr = ["Phrase une avec quatre mots.", "Phrase deux avec quatre mots.", "Phrase trois avec quatre mots.",
          "Phrase quatre avec quatre mots.", "Phrase cinq avec quatre mots."]
    en = ["Sentence one with four words.", "Sentence two with four words.", "Sentence three with four words.",
          "Sentence four with four words.", "Sentence five with four words."]
    paras = [0, 0, 1, 1, 1]
    dropped = bench.inject("drop", fr, en, paras, random.Random(1), n=2)
    assert len(dropped.tgt_sents) == len(en) - len(dropped.damages) and dropped.damages
    for d in dropped.damages:
        assert en[d.src_sentence] not in dropped.tgt_sents and d.tgt_sentence is None
    inserted = bench.inject("insert", fr, en, paras, random.Random(1), n=2,
                            foreign=["A sentence from another article entirely."])
    for d in inserted.damages:
        assert inserted.tgt_sents[d.tgt_sentence] == "A sentence from another article entirely."
    assert len(inserted.tgt_paragraphs) == len(inserted.tgt_sents)
    # no two damages in adjacent sentences
    places = sorted(d.tgt_sentence for d in inserted.damages)
    assert all(b - a > 1 for a, b in zip(places, places[1:]))


def test_build_document_offsets_and_paragraphs():
    doc = bench.build_document(["One.", "Two.", "Three."], [0, 0, 1], "en")
    assert doc.text == "One. Two.\nThree."
    assert [doc.text[s.start:s.end] for s in doc.sentences] == ["One.", "Two.", "Three."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1] and len(doc.paragraphs) == 2


def test_paragraph_numbers_follow_the_running_text():
    assert bench.paragraph_numbers(["A b.", "C d.", "E f."], "A b. C d.\n\nE f.\n") == [0, 0, 1]
    with pytest.raises(ValueError):
        bench.paragraph_numbers(["missing"], "A b.")


def test_scoring_counts_right_category_and_profile():
    records = bench.Records(
        damages=[
            {"seed": 0, "kind": "number", "cands": [("numbers", "accuracy/mistranslation/number", 1.0)]},
            {"seed": 0, "kind": "number", "cands": [("names", "accuracy/mistranslation/entity", 0.9)]},
            {"seed": 1, "kind": "number", "cands": [("numbers", "accuracy/mistranslation/number", 0.4)]},
        ],
        clean=[[], [("quotes", "accuracy/mistranslation/quotation", 0.8)], [("names", "x", 0.2)],
               [("numbers", "accuracy/mistranslation/number", 0.8)]],
    )
    strict, balanced = load_config(profile="strict"), load_config(profile="balanced")
    assert bench.recall_by_seed(records, strict, "number") == [0.5, 1.0]
    assert bench.recall_by_seed(records, balanced, "number") == [0.5, 0.0]  # 0.4: a spelled-out value alone
    assert bench.recall_by_seed(records, strict, "number", any_category=True) == [1.0, 1.0]
    no_numbers = load_config(overrides={"checks": {"numbers": {"enabled": False}}})
    assert bench.recall_by_seed(records, no_numbers, "number") == [0.0, 0.0]
    assert bench.flag_rate(records.clean, strict) == 0.5  # the quote (minor) and the number (major)
    assert bench.flag_rate(records.clean, strict, min_rank=2) == 0.25
    assert bench.flag_rate(records.clean, balanced) == 0.5  # the quote and the digit value without counterpart
    assert bench.flag_rate(records.clean, balanced, min_rank=2) == 0.0


# --- REFreSD helpers ---------------------------------------------------------

def test_token_offsets_follow_the_text():
    text = "Il n'a pas vu l'homme."
    assert refresd.token_offsets(text, ["Il", "n'", "a", "pas", "vu", "l'", "homme", "."]) == [
        (0, 2), (3, 5), (5, 6), (7, 10), (11, 13), (14, 16), (16, 21), (21, 22)]
    assert refresd.token_offsets("abc", ["x"]) == [None]


def test_best_threshold_and_three_way_cuts():
    scores = [0.1, 0.2, 0.3, 0.8, 0.9, 1.0]
    gold = [False, False, False, True, True, True]
    assert refresd.best_threshold(scores, gold) == 0.8
    assert refresd.f1_at(scores, gold, 0.8) == 1.0
    labels = ["no_meaning_difference"] * 2 + ["some_meaning_difference"] * 2 + ["unrelated"] * 2
    t1, t2 = refresd.best_cuts(scores, labels)
    assert refresd.three_way(scores, t1, t2) == labels
    assert refresd.macro_f1(labels, labels) == 1.0


def test_keep_all_config_keeps_the_options_of_a_thresholds_file(tmp_path):
    """The raw findings must come from the same check options as the pipeline's flags."""
    path = tmp_path / "t.toml"
    path.write_text("[checks.partial.options]\ngap_weight = 0.5\n", encoding="utf-8")
    assert bench.keep_all_config(path).options("partial")["gap_weight"] == 0.5
    assert bench.keep_all_config().options("partial").get("gap_weight", 0.3) != 0.5


# --- the kinds added for plain damage (issue 12) and the held-out benchmark's generators ---

import heldout  # noqa: E402


def test_digit_changes_a_digit_anywhere_the_french_has_the_same_digits():
    fr, en = "Le PSG, en tête de la Ligue 1, joue à 9h30.", "PSG, top of Ligue 1, plays at 9.30am."
    seen = set()
    for seed in range(20):
        d = _apply(bench.damage_digit, fr, en, seed)
        new = d.new_text[d.tgt[0]:d.tgt[1]]
        old = en[d.tgt[0]:d.tgt[1]]
        assert new.isdigit() and new != old and len(new) == len(old)
        seen.add(old)
        assert fr[d.src[0]:d.src[1]] in ("1", "9", "30")
    assert seen == {"1", "9", "30"}


def test_entity_puts_another_documents_name_in_place_of_a_common_word():
    d = _apply(bench.damage_entity, "Les électeurs hispaniques ont voté.", "Hispanic voters voted today.", 0,
               ["Castillo"])
    assert d.new_text[d.tgt[0]:d.tgt[1]] == "Castillo"
    assert d.new_text in ("Hispanic Castillo voted today.", "Hispanic voters Castillo today.",
                          "Hispanic voters voted Castillo.")


def test_polarity_adds_not_after_any_auxiliary_or_removes_a_negation():
    outs = {_apply(bench.damage_polarity, "x", "The cause is unknown and he did not come.", s).new_text
            for s in range(30)}
    assert "The cause is not unknown and he did not come." in outs
    assert "The cause is unknown and he did come." in outs


def test_merged_appends_a_foreign_sentence_to_a_segment():
    fr = ["Un.", "Deux.", "Trois.", "Quatre."]
    en = ["One sentence here.", "Two sentence here.", "Three sentence here.", "Four sentence here."]
    doc = bench.inject("merged", fr, en, [0, 0, 0, 0], random.Random(1), 1, ["Does the truth offend you?"])
    assert len(doc.tgt_sents) == 4 and len(doc.damages) == 1
    d = doc.damages[0]
    assert doc.tgt_sents[d.tgt_sentence][d.tgt[0]:d.tgt[1]] == "Does the truth offend you?"
    assert d.src_sentence is None


@pytest.mark.parametrize(
    "func, src, tgt, lang, check",
    [
        (heldout.gen_digit, "Ligue 1 à 9h30", "Ligue 1 at 9.30", "en", lambda new, r: new[r[0]:r[1]].isdigit()),
        (heldout.gen_name, "La maison blanche", "The white house", "en",
         lambda new, r: new[r[0]:r[1]] in heldout.SURNAMES),
        (heldout.gen_negation, "Il est venu.", "He is here and has come.", "en",
         lambda new, r: new[r[0]:r[1]] == "not"),
        (heldout.gen_negation, "He is here.", "Il est là.", "fr", lambda new, r: new[r[0]:r[1]] == "n'est pas"),
    ],
)
def test_heldout_generators_mark_the_damage(func, src, tgt, lang, check):
    for seed in range(10):
        out = func(src, tgt, lang, random.Random(seed))
        assert out is not None
        new, region, _ = out
        assert new != tgt and (region is None or check(new, region))


def test_heldout_clause_removes_a_comma_clause_of_four_words():
    new, region, what = heldout.gen_clause("x", "He left, as he had said he would, at noon.", "en", random.Random(0))
    assert new == "He left, at noon." and region is None and "as he had said he would" in what
