"""The MT-based wording check on hand-made pairs with given machine translations."""

from __future__ import annotations

import pytest

from _diverge_helpers import make_ctx
from compare.diverge import make_check
from compare.diverge.base import ADDITION, MISTRANSLATION, OMISSION, MTReference
from compare.diverge.decide import load_config
from compare.diverge.mt import runs, tokens, unsupported

# Ten ordinary pairs where the human translation is close to the MT, so the
# document's chrF norm is high; the pair under test is appended last.
BASE = [
    ("Le gouvernement a annoncé de nouvelles mesures.", "The government announced new measures.",
     "The government announced new measures."),
    ("Les prix ont augmenté en un an.", "Prices rose in a year.", "Prices increased in a year."),
    ("Nous avons rencontré le maire hier.", "We met the mayor yesterday.", "We met the mayor yesterday."),
    ("Le rapport sera publié en mars.", "The report will be published in March.", "The report will come out in March."),
    ("Elle n'a pas répondu.", "She did not answer.", "She did not reply."),
    ("Le train est arrivé en retard.", "The train arrived late.", "The train arrived late."),
    ("Les négociations reprendront bientôt.", "Negotiations will resume soon.", "The negotiations will resume soon."),
    ("La réunion commence à neuf heures.", "The meeting starts at nine.", "The meeting begins at nine."),
    ("Il pleut depuis trois jours.", "It has rained for three days.", "It has been raining for three days."),
    ("Le chat dort sur le canapé.", "The cat sleeps on the sofa.", "The cat is sleeping on the sofa."),
]


def _run(src, tgt, mt, back=None, **options):
    items = [(s, t) for s, t, _ in BASE] + [(src, tgt)]
    ctx = make_ctx(items)
    forward = {i: m for i, (_, _, m) in enumerate(BASE)}
    forward[len(BASE)] = mt
    backward = {}
    if back is not None:
        backward = {i: s for i, (s, _, _) in enumerate(BASE)}  # perfect back-translations
        backward[len(BASE)] = back
    ctx.mt = MTReference(forward, backward)
    check = make_check("mt", **options)
    check.prepare(ctx)
    config = load_config()  # balanced profile: only findings that earn a severity
    found = [f for p in ctx.pairs for f in check.run(p, ctx) if config.decide(f)]
    return ctx, found


def _texts(ctx, finding):
    return ([ctx.source.text[s.start:s.end] for s in finding.src_spans],
            [ctx.target.text[s.start:s.end] for s in finding.tgt_spans])


def test_added_clause_is_highlighted_in_the_translation():
    ctx, found = _run(
        "Le ministre a démissionné mardi.",
        "The minister resigned on Tuesday after a bitter dispute with his party leadership.",
        "The minister resigned on Tuesday.",
    )
    assert len(found) == 1
    f = found[0]
    assert f.category == ADDITION and f.pair == len(BASE)
    _, tgt = _texts(ctx, f)
    assert tgt == ["after a bitter dispute with his party leadership"]
    assert "without counterpart in the MT" in f.message and "chrF" in f.message


def test_omission_is_located_in_the_original_with_a_back_translation():
    ctx, found = _run(
        "Le ministre a démissionné mardi après une violente dispute avec la direction du parti.",
        "The minister resigned on Tuesday.",
        "The minister resigned on Tuesday after a violent dispute with the party leadership.",
        back="Le ministre a démissionné mardi.",
    )
    assert len(found) == 1 and found[0].category == OMISSION
    src, tgt = _texts(ctx, found[0])
    assert src == ["après une violente dispute avec la direction du parti"] and tgt == []
    assert found[0].details["missing_from_translation"] == ["after a violent dispute with the party leadership"]


def test_omission_without_back_translation_names_the_missing_mt_words():
    _, found = _run(
        "Le ministre a démissionné mardi après une violente dispute avec la direction du parti.",
        "The minister resigned on Tuesday.",
        "The minister resigned on Tuesday after a violent dispute with the party leadership.",
    )
    assert len(found) == 1 and found[0].category == OMISSION
    assert "'after a violent dispute with the party leadership'" in found[0].message


def test_replaced_meaning_flags_both_sides():
    ctx, found = _run(
        "La banque centrale a relevé ses taux.",
        "Shareholders celebrated record quarterly profits.",
        "The central bank raised its rates.",
        back="Les actionnaires ont célébré des bénéfices trimestriels records.",
    )
    assert len(found) == 1 and found[0].category == MISTRANSLATION
    src, tgt = _texts(ctx, found[0])
    assert tgt and src


def test_close_wording_and_reordering_are_not_flagged():
    _, found = _run(
        "Le Hamas et l'Iran ont imputé l'attaque à Israël.",
        "Hamas and Iran blamed the attack on Israel.",
        "Hamas and Iran blamed Israel for the attack.",
    )
    assert found == []


def test_without_machine_translation_the_check_is_silent():
    ctx = make_ctx([(s, t) for s, t, _ in BASE])
    check = make_check("mt")
    check.prepare(ctx)
    assert [f for p in ctx.pairs for f in check.run(p, ctx)] == []


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("the cat sleeps", "the cat sleeps", []),
        ("the cat sleeps on the red sofa", "the cat sleeps", ["on the red sofa"]),
        ("the Guards of the Revolution", "the guards", ["of the Revolution"]),
        ("he mobilised troops", "he mobilized troops", []),  # same 6-character stem
    ],
)
def test_unsupported_runs(a, b, expected):
    ta, tb = tokens(a, "en", 6), tokens(b, "en", 6)
    got = [a[ta[i].start : ta[j].end] for i, j, _ in runs(ta, unsupported(ta, tb))]
    assert got == expected


def test_partial_check_points_at_the_added_words_when_mt_is_there():
    src = "Le ministre a démissionné mardi."
    tgt = ("The minister resigned on Tuesday after a bitter dispute with his party leadership "
           "over the budget and the pension reform.")
    items = [(s, t) for s, t, _ in BASE] + [(src, tgt)]
    for with_mt in (False, True):
        ctx = make_ctx(items)
        if with_mt:
            forward = {i: m for i, (_, _, m) in enumerate(BASE)}
            forward[len(BASE)] = "The minister resigned on Tuesday."
            ctx.mt = MTReference(forward)
        check = make_check("partial")
        check.prepare(ctx)
        found = [f for f in check.run(ctx.pairs[-1], ctx)]
        assert len(found) == 1 and found[0].category == ADDITION
        _, spans = _texts(ctx, found[0])
        if with_mt:
            assert spans == ["after a bitter dispute with his party leadership over the budget and the pension reform"]
            assert found[0].details["located_by_mt"] and "added: 'after a bitter" in found[0].message
        else:
            assert spans == [tgt] and not found[0].details["located_by_mt"]


def test_accented_function_words_are_not_content_words():
    """The word lists keep their accents, tokens are folded: "Après" / "déjà" / "été" are function words."""
    got = {t.key: t.content for t in tokens("Après la réunion, il a déjà été élu.", "fr", 6)}
    assert got == {"apres": False, "la": False, "reunio": True, "il": False, "a": False, "deja": False,
                   "ete": False, "elu": True}
