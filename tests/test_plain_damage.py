"""Plain damage a reviser must never see passed in silence (issue 12), through
the real CLI and the bundled encoder, at the default (balanced) profile: a
changed digit anywhere, a name the original lacks, a sentence merged into a
neighbour's segment, a "not" added whatever else the pair negates. And the
faithful variants of the same sentences, which must stay quiet."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from compare.cli import app

pytestmark = pytest.mark.encoder

FR_CONTEXT = [
    "Le gouvernement a annoncé lundi un nouveau plan pour les hôpitaux.",
    "Les syndicats ont critiqué cette décision.",
    None,
    "Le ministre doit s'exprimer devant les députés.",
    "La réforme entrera en vigueur l'an prochain.",
]
EN_CONTEXT = [
    "The government announced on Monday a new plan for hospitals.",
    "The unions criticised this decision.",
    None,
    "The minister is due to speak before the deputies.",
    "The reform will come into force next year.",
]


def _flags(tmp_path, fr: str, en: str) -> list[dict]:
    src, tgt = tmp_path / "a.fr.sents", tmp_path / "a.en.sents"
    src.write_text("\n".join(fr if s is None else s for s in FR_CONTEXT) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(en if s is None else s for s in EN_CONTEXT) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["diff", str(src), str(tgt), "--presegmented", "--format", "json",
                                      "--mt", "none", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))["flags"]


@pytest.mark.parametrize(
    "fr, en, category, tgt_text",
    [
        # a digit changed inside a name, a time and an ordinal
        ("Le PSG est en tête de la Ligue 1 depuis le début de la saison.",
         "PSG has led Ligue 5 since the start of the season.", "accuracy/mistranslation/number", "5"),
        ("L'incendie s'est déclaré vers 9h30 dans un entrepôt.",
         "The fire broke out at around 4.30pm in a warehouse.", "accuracy/mistranslation/number", "4.30pm"),
        ("La cérémonie aura lieu le 1er janvier.",
         "The ceremony will take place on January 4st.", "accuracy/mistranslation/number", "January 4st"),
        ("Le téléfilm sera diffusé sur TF1 en janvier.",
         "The TV film will be shown on TF4 in January.", "accuracy/mistranslation/number", "TF4"),
        # a number the original does not have at all
        ("Les pompiers sont intervenus rapidement.",
         "The 12 firefighters intervened quickly.", "accuracy/mistranslation/number", "12"),
        # a surname where the original has a common word, or an institution
        ("25% des Américains d'origine hispanique ont voté.",
         "25% of Castillo Americans voted.", "accuracy/mistranslation/entity", "Castillo"),
        ("La Chambre des communes a voté le texte.",
         "The House of Kowalski voted on the text.", "accuracy/mistranslation/entity", "Kowalski"),
        ("Le débat a eu lieu dimanche après-midi.",
         "The debate took place on Lindqvist afternoon.", "accuracy/mistranslation/entity", "Lindqvist"),
        # "not" added next to a word already negative in meaning, or beside another negation
        ("La cause de l'incendie est inconnue.",
         "The cause of the fire is not unknown.", "accuracy/mistranslation/polarity", "not"),
        ("Les données sont encore insuffisantes.",
         "There are not still insufficient data.", "accuracy/mistranslation/polarity", "not"),
        ("Il n'a pas dit qu'il viendrait.",
         "He did not say he would not come.", "accuracy/mistranslation/polarity", "not"),
        # "not" added where the pair also negates elsewhere, as many reversers a side:
        # the added one stands where the original negates nothing
        ("Je n'avais pas attendu de les voir pour connaître leur couleur.",
         "I could not tell their colour without waiting to see them.", "accuracy/mistranslation/polarity", "not"),
        # a "not" moved: as many negations a side, each where the other side negates nothing
        ("Je n'ai pas vu le film, mais j'ai lu le livre.",
         "I saw the film, but I have not read the book.", "accuracy/mistranslation/polarity", "not"),
        # "not" added where the original's "pas" is a noun ("des pas": footsteps)
        ("Il a cru entendre des pas dans le couloir.", "He is not certain he heard footsteps in the corridor.",
         "accuracy/mistranslation/polarity", "not"),
        # "not" added where "little" means small, not "not much"
        ("Il était une fois trois petites sœurs.", "There were not once three little sisters.",
         "accuracy/mistranslation/polarity", "not"),
        # a sentence of another article merged into a segment
        ("Le ministre a rejeté les accusations de l'opposition.",
         "The minister rejected the opposition's accusations. Does the truth offend you?",
         "accuracy/addition", "Does the truth offend you?"),
    ],
)
def test_plain_damage_is_flagged_on_its_span(tmp_path, fr, en, category, tgt_text):
    flags = _flags(tmp_path, fr, en)
    hits = [f for f in flags if f["category"] == category and tgt_text in f["tgt_text"]]
    assert hits, [(f["category"], f["message"]) for f in flags]
    assert all(f["severity"] in ("minor", "major", "critical") for f in hits)


@pytest.mark.parametrize(
    "fr, en",
    [
        ("Le PSG est en tête de la Ligue 1 depuis le début de la saison.",
         "PSG has led Ligue 1 since the start of the season."),
        ("L'incendie s'est déclaré vers 16h30 dans un entrepôt.",
         "The fire broke out at around 4.30pm in a warehouse."),
        ("La cheffe de la diplomatie allemande estime que la solution n'est pas militaire.",
         "The German Foreign Minister believes the solution is not military."),
        ("La cause de l'incendie est inconnue.", "The cause of the fire is not known."),
        ("Je n'avais pas attendu de les voir pour connaître leur couleur.",
         "I could tell their colour without waiting to see them."),
        ("Je n'ai pas vu le film, mais j'ai lu le livre.", "I did not see the film, but I read the book."),
        # "ne ... plus que" is "now only": no negation on either side
        ("Les mèches ne faisaient plus que deux taches sombres.", "The wicks were now merely two dull spots."),
        ("Le ministre a rejeté les accusations de l'opposition, qui l'accuse de mentir depuis des mois.",
         "The minister rejected the opposition's accusations. It has accused him of lying for months."),
    ],
)
def test_faithful_versions_stay_quiet(tmp_path, fr, en):
    flags = _flags(tmp_path, fr, en)
    assert [(f["category"], f["message"]) for f in flags if f["severity"] != "minor" or f["check"] in
            ("numbers", "names", "negation", "addition")] == []


@pytest.mark.parametrize(
    "fr, en",
    [
        # the translation has a word negative in meaning, but not where the negated words are
        # translated: it does not account for the dropped "not"
        ("Même avec un nouveau gouvernement, notre diagnostic sur l'économie ne change pas.",
         "Regardless of a new government, our diagnostic of the economy has changed."),
        ("Le gouvernement n'a pas annoncé un vote de confiance, ce qui aurait pu mener à son rejet.",
         "The government has announced a vote of confidence, which could have led to its rejection."),
        # the word negative in meaning is the translation of the negated word itself
        ("Une source policière n'a pas exclu qu'il soit interné.",
         "A police source did exclude that he would be committed."),
    ],
)
def test_removed_negation_is_flagged_on_the_original(tmp_path, fr, en):
    flags = _flags(tmp_path, fr, en)
    hits = [f for f in flags if f["category"] == "accuracy/mistranslation/polarity" and "pas" in f["src_text"]]
    assert hits, [(f["category"], f["message"]) for f in flags]
    assert all(f["severity"] in ("minor", "major", "critical") for f in hits)


def test_negation_rendered_by_a_negative_word_stays_quiet(tmp_path):
    flags = _flags(tmp_path, "Ils n'ont pas pu participer à la réunion.", "They were unable to attend the meeting.")
    assert [f["message"] for f in flags if f["check"] == "negation"] == []

