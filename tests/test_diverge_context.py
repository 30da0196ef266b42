"""Word alignment from the bundled encoder's token states (diverge/coverage.py, contextual mode).

These run the real model (``compare.embed.states``, the default encoder
``e5``); the recall and false-alarm figures on the dev data are in
``benchmarks/divergence.py`` (calibration), ``benchmarks/heldout.py`` and
``benchmarks/refresd.py`` (reported).
"""

from __future__ import annotations

import numpy as np
import pytest

from compare.diverge import make_check
from compare.diverge.coverage import WordAligner, aligner
from compare.embed.cache import CachedEncoder
from compare.embed.states import StatesEncoder, pack_states, unpack_states

from _diverge_helpers import make_ctx

pytestmark = pytest.mark.encoder

SRC = "Le ministre, qui revenait d'une longue visite en Chine, a signé le décret hier soir à Paris."
FULL = "The minister, who was returning from a long visit to China, signed the decree last night in Paris."
SHORT = "The minister signed the decree last night in Paris."


class _Spy(StatesEncoder):
    """The real states encoder, recording every text it runs."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.batches = 0  # calls that ran the model

    def states(self, texts):
        texts = list(texts)
        new = [t for t in texts if t not in self._states]
        self.texts += new
        self.batches += bool(new)
        return super().states(texts)

    def encode_vectors(self, texts):  # sentence vectors without states (probe variants)
        texts = list(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self._states]
        self.texts += new
        self.batches += bool(new)
        return super().encode_vectors(texts)


@pytest.fixture(scope="module")
def spy():
    return _Spy()


def _ctx(items, encoder):
    ctx = make_ctx(items)
    ctx.encoder = CachedEncoder(encoder)
    return ctx


def test_states_survive_the_cache_file(tmp_path):
    first = CachedEncoder(StatesEncoder(), tmp_path / "cache.sqlite")
    (a,) = first.states([FULL])
    first.close()
    second = CachedEncoder(StatesEncoder(), tmp_path / "cache.sqlite")
    (b,) = second.states([FULL])
    assert second.inner.calls == 0  # read back, not recomputed
    assert b.ids == a.ids and b.spans == a.spans
    np.testing.assert_allclose(b.layers[8].astype(np.float32), a.layers[8].astype(np.float32), atol=1e-3)
    np.testing.assert_allclose(b.pooled, a.pooled)
    second.close()


def test_packed_states_reject_other_bytes():
    (st,) = StatesEncoder().states([SHORT])
    blob = pack_states(st)
    assert unpack_states(SHORT, blob).ids == st.ids
    assert unpack_states(SHORT, blob[:-2]) is None
    assert unpack_states(SHORT, b"not states at all") is None


def test_the_removed_clause_is_the_gap(spy):
    ctx = _ctx([(SRC, SHORT), (SRC, FULL)], spy)
    found = aligner(ctx)
    assert found.contextual
    short = found.cover(ctx.pairs[0])
    gap = short.gaps("src", SRC)[0]
    assert "revenait" in gap.text and "visite" in gap.text and "Chine" in gap.text
    assert gap.words >= 3
    full = found.cover(ctx.pairs[1])
    assert not full.unmatched("src") and not full.unmatched("tgt")  # every content word matched in context


def test_one_encoder_pass_per_sentence():
    """Word coverage reads the states the sentence pass left: no word is embedded on its own."""
    spy = _Spy()
    pairs = [(SRC, SHORT), ("Les syndicats ont appelé à la grève.", "The unions called a strike.")]
    ctx = _ctx(pairs, spy)
    ctx.encoder.encode([p[0] for p in pairs] + [p[1] for p in pairs])  # what the pipeline's alignment does
    check = make_check("coverage")
    check.prepare(ctx)
    for p in ctx.pairs:
        check.run(p, ctx)
    assert sorted(spy.texts) == sorted({t for p in pairs for t in p})


def test_a_multi_sentence_side_is_made_of_its_sentences(spy):
    ctx = make_ctx([(SRC, FULL)])
    ctx.encoder = CachedEncoder(spy)
    two = FULL.replace(", signed", ". He signed")
    ctx2 = make_ctx([(SRC, two)])
    ctx2.encoder = ctx.encoder
    found = WordAligner(ctx.encoder, "fr", "en", sentences=(ctx2.source.sentences, ctx2.target.sentences))
    cov = found.cover(ctx2.pairs[0])
    assert cov.content("tgt") >= 8 and not cov.gaps("src", SRC)


@pytest.mark.parametrize(
    "src, tgt, name, linked",
    [
        ("25 % des Américains ont voté pour lui.", "25% of Castillo Americans voted for him.", "Castillo", False),
        ("Le président a rencontré le ministre dans l'après-midi.",
         "The president met the minister on Lindqvist afternoon.", "Lindqvist", False),
        ("La Chambre des communes a voté le texte.", "The House of Commons voted on the text.", "House", True),
        ("Il est arrivé en Allemagne jeudi.", "He arrived in Germany on Thursday.", "Germany", True),
        # short pairs: with a few content words a side a stray name is the nearest of the
        # replaced word by chance; the test is mutual (the word's nearest must be the name)
        ("Le soir, maman venait m'embrasser dans mon lit.",
         "In the evening, Brannigan came to kiss me in my bed.", "Brannigan", False),
        ("Nous étions tous au jardin quand la cloche a sonné.",
         "We were all in the Ibarra when the bell rang.", "Ibarra", False),
        ("Le Chat souriait toujours.", "The Cat was still smiling.", "Cat", True),
    ],
)
def test_names_in_context_are_confirmed_by_the_words_alone(spy, src, tgt, name, linked):
    """In context a name put in a common word's place matches that word's counterpart;
    embedded alone, it does not (``WordAligner.confirmed``)."""
    ctx = _ctx([(src, tgt)], spy)
    found = aligner(ctx)
    cov = found.cover(ctx.pairs[0])
    k = next(i for i, w in enumerate(cov.tgt) if w.text == name)
    assert found.confirmed(ctx.pairs[0], [k]) == [linked]


def test_the_opposites_probe_names_the_original_word_and_embeds_once(spy):
    """The probe's variants of every pair go to the encoder in one call (asked for in
    ``prepare``, embedded with the other checks' texts by ``CheckContext.embed_wanted``);
    a finding's source span is the original's word the aligner pairs with the probed word."""
    items = [("Le train est arrivé à Lyon avec une heure de retard.", "The train left Lyon an hour late."),
             ("L'entreprise a embauché deux cents ouvriers cette année.", "The company fired two hundred workers this year."),
             ("Il fait beau aujourd'hui.", "The weather is nice today.")]
    ctx = _ctx(items, spy)
    ctx.encoder.encode([t for item in items for t in item])  # what the pipeline's alignment does
    check = make_check("opposites")
    before, batches = len(spy.texts), spy.batches
    check.prepare(ctx)
    assert spy.batches == batches  # asked for, not embedded yet
    ctx.embed_wanted()
    assert spy.batches == batches + 1
    prepared = len(spy.texts)
    variants = spy.texts[before:]  # in one call: only the variants, the sentences were embedded
    assert {"The train arrived Lyon an hour late.", "The company hired two hundred workers this year."} <= set(variants)
    assert not set(variants) & {t for item in items for t in item}
    found = {p.index: check.run(p, ctx) for p in ctx.pairs}
    assert len(spy.texts) == prepared  # run() and the word aligner found everything embedded
    (left,), (fired,) = found[0], found[1]
    assert found[2] == []
    for f, pair, src_word, tgt_word in ((left, ctx.pairs[0], "arrivé", "left"), (fired, ctx.pairs[1], "embauché", "fired")):
        (s,), (t,) = f.src_spans, f.tgt_spans
        assert ctx.source.text[s.start : s.end] == src_word and ctx.target.text[t.start : t.end] == tgt_word
        assert f.details["src"] == src_word and f"(for '{src_word}' in the original)" in f.message


def test_span_vectors_keep_no_states():
    """The aligner's joined spans (``encode_vectors``) get the same vectors as sentences,
    without token states that would push the sentences' out of the model's memory."""
    inner = StatesEncoder()
    enc = CachedEncoder(inner)
    span = f"{SRC} {FULL}"
    (vec,) = enc.encode_vectors([span])
    assert span not in inner._states
    (again,) = CachedEncoder(StatesEncoder()).encode([span])
    np.testing.assert_allclose(vec, again, atol=1e-5)
    enc.encode([SRC])
    assert SRC in inner._states


def test_the_checks_embed_what_they_need_in_one_call():
    """``run_checks``: every check's ``prepare`` names the texts it will embed (the
    partial check's deletion probes, the opposites variants, the words the names test
    embeds alone), then one encoder call embeds them all; no check's ``run`` calls the
    model again."""
    from compare.diverge import run_checks

    spy = _Spy()  # its own: the module's has seen the words of other tests
    items = [("Le ministre a signé le décret hier soir à Paris, après une longue réunion avec les syndicats.",
              "The minister signed the decree last night in Paris."),
             ("L'entreprise a embauché deux cents ouvriers cette année.",
              "The company fired two hundred workers this year."),
             ("Le soir, maman venait m'embrasser dans mon lit.", "In the evening, Brannigan came to kiss me in my bed."),
             ("Il fait beau aujourd'hui.", "The weather is nice today.")]
    ctx = _ctx(items, spy)
    ctx.encoder.encode([t for item in items for t in item])  # what the pipeline's alignment does
    before, seen = spy.batches, len(spy.texts)
    flags = run_checks(ctx)
    assert spy.batches == before + 1
    asked = spy.texts[seen:]
    assert "The company hired two hundred workers this year." in asked  # an opposites variant
    assert {"brannigan", "maman"} <= set(asked)  # words the names test embeds alone
    assert any(f.finding.check == "names" and "Brannigan" in f.finding.message for f in flags)
