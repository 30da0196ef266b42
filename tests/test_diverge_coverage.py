"""Word coverage (diverge/coverage.py): which content words of one side have no
counterpart on the other, with a stand-in encoder whose word vectors come
from a small bilingual word list (the real encoder is measured in
benchmarks/divergence.py and benchmarks/refresd.py)."""

from __future__ import annotations

import numpy as np
import pytest

from compare.diverge import make_check, pair_scores, run_checks
from compare.diverge.coverage import WordAligner, words
from compare.diverge.decide import load_config

from _diverge_helpers import make_ctx

LEXICON = """ministre minister; signé signed; décret decree; hier yesterday; soir evening; longue long;
réunion meeting; syndicats unions; rapport report; parle speaks; temps weather; vent wind; experts experts;
service service; numéro number; gouvernement government; annoncé announced; hausse rise; impôts taxes;
ménages households; riches wealthy; pays country; président president; visite visit; ville city;
demain tomorrow; grève strike; transports transport; publics public; paralysé paralysed"""


class _Dictionary:
    """Stand-in encoder: a word and its translation in LEXICON share a vector;
    every other word gets its own. Counts what it is asked to embed."""

    def __init__(self):
        self.index: dict[str, int] = {}
        for entry in LEXICON.replace("\n", " ").split(";"):
            fr, en = entry.split()
            self.index[fr] = self.index[en] = len(self.index)
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for i, text in enumerate(texts):
            j = self.index.setdefault(text.lower(), len(self.index))
            out[i, j] = 1.0
            out[i, 511] = 0.3  # unrelated words are equally (and slightly) alike
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _filler(n: int = 12):
    return [(f"Le rapport numéro {i} parle du temps et du vent pour les experts du service.",
             f"Report number {i} speaks of the weather and the wind for the service experts.", 0.9)
            for i in range(n)]


SRC = "La ministre a signé le décret hier soir, après une longue réunion avec les syndicats, à Paris."
FULL = "The minister signed the decree yesterday evening, after a long meeting with the unions, in Paris."
SHORT = "The minister signed the decree yesterday evening in Paris."


def _ctx(items, encoder=None):
    ctx = make_ctx(items)
    ctx.encoder = encoder if encoder is not None else _Dictionary()
    return ctx


def test_content_words_skip_function_words_numbers_and_short_words():
    got = [(w.text, w.content) for w in words("Le 12 mai, il a vu l'usine de Lyon.", "fr")]
    assert got == [("Le", False), ("12", False), ("mai", True), ("il", False), ("a", False), ("vu", False),
                   ("l", False), ("usine", True), ("de", False), ("Lyon", True)]


@pytest.mark.parametrize(
    "tgt, src_gap, tgt_gap",
    [
        (FULL, None, None),  # faithful: every content word has its counterpart
        (SHORT, "longue réunion avec les syndicats", None),  # a clause left out
        ("The minister signed the decree yesterday evening, after a long meeting with the unions, "
         "in Paris, amid a transport strike.", None, "amid a transport strike"),  # words added
    ],
)
def test_gaps_are_the_words_without_counterpart(tgt, src_gap, tgt_gap):
    ctx = _ctx([(SRC, tgt, 0.9)])
    aligner = WordAligner(ctx.encoder, "fr", "en")
    cov = aligner.cover(ctx.pairs[0])
    gaps = {side: cov.gaps(side, text) for side, text in (("src", SRC), ("tgt", tgt))}
    assert (gaps["src"][0].text if gaps["src"] else None) == src_gap
    assert (gaps["tgt"][0].text if gaps["tgt"] else None) == tgt_gap


@pytest.mark.parametrize("src, tgt, gap", [
    # a number both sides write (separators aside) splits the run: two unrelated words, not one clause
    ("Le ministre a signé: 4,492% et 4,408%.", "The minister signed: yields 4.492% against 4.408% now.", "yields"),
    # a number only one side writes is part of what it says alone
    ("Le ministre a signé: 4,5%.", "The minister signed: yields 4.492% against 4.408% now.",
     "yields 4.492% against 4.408% now"),
])
def test_a_number_both_sides_write_breaks_a_gap(src, tgt, gap):
    ctx = _ctx([(src, tgt, 0.9)])
    cov = WordAligner(ctx.encoder, "fr", "en").cover(ctx.pairs[0])
    assert cov.gaps("tgt", tgt)[0].text == gap


def test_names_and_cognates_are_covered_by_their_spelling():
    # "Paris" has no vector in common with anything, "gouvernement" / "government" are one letter
    # apart: both are linked by spelling, and "Pariss" would be too (names check's business).
    ctx = _ctx([("Le gouvernement de Paris.", "The government of Paris.", 0.9)], encoder=_Dictionary())
    ctx.encoder.index.pop("gouvernement"), ctx.encoder.index.pop("government")
    cov = WordAligner(ctx.encoder, "fr", "en").cover(ctx.pairs[0])
    assert cov.uncovered("src") == 0 and cov.uncovered("tgt") == 0


def test_coverage_check_reports_each_side_with_exact_spans():
    added = FULL.replace(" in Paris", " in Paris, amid a transport strike")
    ctx = _ctx([(SRC, SHORT, 0.9), (SRC, added, 0.9)])
    check = make_check("coverage")
    check.prepare(ctx)
    (omission,) = check.run(ctx.pairs[0], ctx)
    (addition,) = check.run(ctx.pairs[1], ctx)
    assert (omission.category, addition.category) == ("accuracy/omission", "accuracy/addition")
    (span,) = omission.src_spans
    assert ctx.source.text[span.start:span.end] == "longue réunion avec les syndicats"
    assert omission.details["gap_words"] == 3 and omission.score == pytest.approx(3 + 4 * 3 / 9, abs=1e-4)
    assert "'longue réunion avec les syndicats' in the original has no counterpart in the translation" \
        in omission.message
    (span,) = addition.tgt_spans
    assert ctx.target.text[span.start:span.end] == "amid a transport strike"


def test_coverage_needs_an_encoder():
    ctx = make_ctx([(SRC, SHORT, 0.9)])
    check = make_check("coverage")
    check.prepare(ctx)
    assert check.run(ctx.pairs[0], ctx) == []


def test_words_are_embedded_once_per_document_and_shared_by_the_checks():
    encoder = _Dictionary()
    ctx = _ctx(_filler() + [(SRC, SHORT, 0.9)], encoder=encoder)
    run_checks(ctx)
    assert len(encoder.seen) == len(set(encoder.seen))  # each word once, for coverage and partial alike
    assert "syndicats" in encoder.seen and "le" not in encoder.seen  # content words only


def test_partial_names_the_clause_the_shorter_translation_lacks():
    items = _filler()
    items.insert(5, (SRC, SHORT, 0.9))
    ctx = _ctx(items)
    check = make_check("partial", model=False)  # the hand-set sum (the model's own test is below)
    check.prepare(ctx)
    (found,) = check.run(ctx.pairs[5], ctx)
    gap = found.details["gap"]
    assert (gap["text"], gap["words"]) == ("longue réunion avec les syndicats", 3)
    assert ctx.source.text[found.src_spans[0].start:found.src_spans[0].end] == "longue réunion avec les syndicats"
    assert "no counterpart in the translation: 'longue réunion avec les syndicats'" in found.message
    ctx.encoder = None  # without the encoder: found on length alone, lower score, the whole pair as span
    ctx.cache.clear()
    (plain,) = check.run(ctx.pairs[5], ctx)
    assert plain.details["gap"] is None
    assert gap["probe_gain"] == 0.0  # the stand-in encoder: no gain, nothing added
    assert plain.score == pytest.approx(found.score - 0.5 * 3)
    # a gain from gap_probe_min_gain on raises the score, at most by gap_probe_cap
    ctx.encoder = _Dictionary()
    ctx.cache.clear()
    run = check._gap_gains(ctx)[5, "src"][0]  # the run the probe took out
    for gain, added in ((0.01, 0.0), (0.02, 1.0), (-0.05, 0.0)):
        check._gap_gain_cache = {(5, "src"): (run, gain)}
        (probed,) = check.run(ctx.pairs[5], ctx)
        assert probed.score == pytest.approx(found.score + added)


def test_pair_scores_count_coverage_in_full():
    items = _filler()
    items.insert(5, (SRC, SHORT, 0.9))
    ctx = _ctx(items)
    config = load_config()
    check = make_check("coverage")
    check.prepare(ctx)
    found = [f for p in ctx.pairs for f in check.run(p, ctx)]  # before thresholds, as pair_scores wants
    scores = pair_scores(ctx, found, config)
    low = config.lowest_threshold("coverage")
    assert scores[5] == pytest.approx((3 + 4 * 3 / 9) / low, abs=1e-4)  # graded, not capped at the threshold
    assert max(s for i, s in enumerate(scores) if i != 5) == pytest.approx(0.0)


@pytest.mark.parametrize(
    "sim, rows, cols",
    [
        ([[0.9, 0.8], [0.85, 0.1]], {0, 1}, {0, 1}),  # the best cell first, then the best one left: (0,0), (1,1)
        ([[0.9, 0.2, 0.1], [0.8, 0.3, 0.2]], {0, 1}, {0, 1}),  # row 1 loses column 0, takes its next best
        ([[0.9], [0.8], [0.7]], {0}, {0}),  # more rows than columns: the leftovers stay unlinked
    ],
)
def test_competitive_linking_links_each_word_once(sim, rows, cols):
    from compare.diverge.coverage import competitive_linking

    assert competitive_linking(np.array(sim)) == (rows, cols)


class _Gram:
    """Stand-in encoder with chosen cosines: a word and its translation 0.8, unrelated
    words 0.7, and a hub word ("response") 0.85 to every word: closer to each word
    than its own translation, as the e5 encoder puts some words close to everything."""

    FR, EN, HUB = ["grève", "ville", "hier"], ["strike", "city", "yesterday"], "response"

    def __init__(self):
        vocab = self.FR + self.EN + [self.HUB]
        gram = np.full((len(vocab), len(vocab)), 0.7)
        for i in range(3):
            gram[i, 3 + i] = gram[3 + i, i] = 0.8
        gram[6, :] = gram[:, 6] = 0.85
        np.fill_diagonal(gram, 1.0)
        vectors = np.linalg.cholesky(gram)  # rows with exactly these dot products
        self.vectors = dict(zip(vocab, vectors, strict=True))

    def encode(self, texts):
        return np.stack([self.vectors[t] for t in texts])


def test_hub_words_do_not_take_every_link():
    ctx = _ctx([("Grève hier en ville.", "Strike in the city yesterday, response.", 0.9)], encoder=_Gram())
    cov = WordAligner(ctx.encoder, "fr", "en").cover(ctx.pairs[0])
    assert cov.uncovered("src") == 0  # by cosine alone, every French word's best match is the hub
    assert [w.text for w, c in zip(cov.tgt, cov.tgt_matched, strict=True) if not c] == ["response"]
    assert [g.text for g in cov.gaps("tgt", ctx.pairs[0].tgt_text)] == ["response"]


def test_a_word_replaced_is_a_change_of_wording_not_a_gap():
    ctx = _ctx([(SRC, FULL.replace("the unions", "the bosses"), 0.9)])
    check = make_check("coverage")
    check.prepare(ctx)
    found = {f.src_spans != []: f for f in check.run(ctx.pairs[0], ctx)}
    src_side, tgt_side = found[True], found[False]
    assert {src_side.category, tgt_side.category} == {"accuracy/mistranslation"}
    assert [ctx.source.text[s.start:s.end] for s in src_side.src_spans] == ["syndicats"]
    assert [ctx.target.text[s.start:s.end] for s in tgt_side.tgt_spans] == ["bosses"]
    assert src_side.score == pytest.approx(4 * 1 / 9, abs=1e-4)  # no gap: the share alone
    assert "1 of 9 content words of the original have no clear match in the translation: 'syndicats'" \
        in src_side.message


def test_partial_scores_a_run_left_out_of_a_pair_of_usual_length():
    # a document whose translations are all about as much shorter as SHORT is than SRC:
    # the pair lacking the clause has the usual length, only the unlinked run tells
    items = [(f"Le rapport numéro {i} parle du temps et du vent pour les experts du service.",
              f"Report number {i} speaks of weather and wind.", 0.9) for i in range(12)]
    items.insert(5, (SRC, SHORT, 0.9))
    ctx = _ctx(items)
    check = make_check("partial", model=False)
    check.prepare(ctx)
    pair = ctx.pairs[5]
    z = check._z(check._len(pair.src_text), check._len(pair.tgt_text))
    assert abs(z) < check.opts["min_z"]
    gains = check._gap_gains(ctx)
    assert (5, "src") in gains and (5, "tgt") not in gains  # its run of 3 unlinked words
    run = gains[5, "src"][0]
    assert run.text == "longue réunion avec les syndicats"
    check._gap_gain_cache = {(5, "src"): (run, 0.02)}  # as the sentence encoder could find it
    (found,) = check.run(pair, ctx)
    assert found.category == "accuracy/omission"
    assert ctx.source.text[found.src_spans[0].start:found.src_spans[0].end] == "longue réunion avec les syndicats"
    assert found.score == pytest.approx(-z + 0.5 * 3 + 100 * 0.02, abs=1e-3)
    assert "closer in meaning" in found.message and "usual length" in found.message
    check._gap_gain_cache = {(5, "src"): (run, -0.03)}  # the run carries meaning the translation has: scored down
    (lower,) = check.run(pair, ctx)
    assert lower.score == pytest.approx(-z + 0.5 * 3 - 100 * 0.03, abs=1e-3)
    check._gap_gain_cache = {}
    assert check.run(pair, ctx) == []


def test_partial_model_scores_from_the_features_and_never_below_the_length():
    from compare.diverge import structure

    items = _filler()
    items.insert(5, (SRC, SHORT, 0.9))
    ctx = _ctx(items)
    check = make_check("partial")
    check.prepare(ctx)  # covers every pair (word vectors of the stand-in, embedded alone)
    pair = ctx.pairs[5]
    from compare.diverge.coverage import aligner

    found_aligner = aligner(ctx)
    (static,) = check.run(pair, ctx)
    assert static.details["model_score"] is None  # fitted in context: not applied to words embedded alone
    found_aligner.contextual = True  # as with the default encoder's token states (coverage already cached)
    x = check.features(pair, ctx, "src")
    assert len(x) == len(structure.CLAUSE_FEATURES)
    named = dict(zip(structure.CLAUSE_FEATURES, x, strict=True))
    z = check._z(check._len(pair.src_text), check._len(pair.tgt_text))
    assert named["toward"] == pytest.approx(-z) and named["run"] == 3 and named["run_other"] == 0
    assert named["unlinked_share"] == pytest.approx(3 / 9)  # 3 of the original's 9 content words
    # the score is the model's log-odds plus the offset, with the run named as by the hand-set sum
    bias, means, scales, weights = structure.CLAUSE_MODEL
    logit = bias + sum(w * (v - m) / s for v, m, s, w in zip(x, means, scales, weights, strict=True))
    (found,) = check.run(pair, ctx)
    hand = -z + check.opts["sim_weight"] * min(max(-(pair.similarity - check.sim_stats[0]) / check.sim_stats[1],
                                                   -1.0), 3.0)
    assert found.score == pytest.approx(max(hand, logit + check.opts["model_offset"]), abs=1e-3)
    assert found.details["gap"]["text"] == "longue réunion avec les syndicats"
    assert found.details["model_score"] == pytest.approx(logit + check.opts["model_offset"], abs=1e-3)
    # a model that thinks little of the pair does not take away what the length says
    structure.CLAUSE_MODEL, saved = (-50.0, means, scales, weights), structure.CLAUSE_MODEL
    try:
        (low,) = check.run(pair, ctx)
    finally:
        structure.CLAUSE_MODEL = saved
    assert low.score == pytest.approx(hand, abs=1e-3)
