"""Small corpora for the export tests, cut from the sample article (corpus/iran-israel.*.txt).

The sample's French and English have the same paragraph structure (one per
line; the English has one extra closing line), so slicing the same lines of
both gives short parallel documents.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from compare.export.records import DocumentRecord, FlagRecord, PairRecord, SideRecord

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FR_LINES = (CORPUS / "iran-israel.fr.txt").read_text(encoding="utf-8").splitlines()
EN_LINES = (CORPUS / "iran-israel.en.txt").read_text(encoding="utf-8").splitlines()

# name -> (first line, last line + 1) of the sample
SLICES = {"alpha": (0, 2), "bravo": (2, 4), "charlie": (5, 8), "delta": (8, 9), "echo": (3, 5), "foxtrot": (6, 9),
          "golf": (1, 3), "hotel": (4, 6), "india": (7, 9), "juliett": (0, 3)}

RECIPE_EN = (
    "The recipe calls for three eggs and a cup of flour.\n"
    "Whisk the eggs until they are pale and fluffy.\n"
    "Fold in the flour gently, then bake for twenty minutes.\n"
    "Let the cake cool before slicing it.\n"
    "Serve it with fresh berries and cream.\n"
)


def write_pair(folder: Path, name: str, first: int, last: int) -> None:
    (folder / f"{name}.fr.txt").write_text("\n".join(FR_LINES[first:last]) + "\n", encoding="utf-8")
    (folder / f"{name}.en.txt").write_text("\n".join(EN_LINES[first:last]) + "\n", encoding="utf-8")


def make_corpus(folder: Path, names=("alpha", "bravo", "charlie")) -> Path:
    """A folder of good pairs named NAME.fr.txt / NAME.en.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        write_pair(folder, name, *SLICES[name])
    return folder


def add_bad_documents(folder: Path) -> dict[str, str]:
    """Pairs that must fail, each for its own reason; returns name -> expected error class name."""
    (folder / "unrelated.fr.txt").write_text("\n".join(FR_LINES[0:4]) + "\n", encoding="utf-8")
    (folder / "unrelated.en.txt").write_text(RECIPE_EN, encoding="utf-8")
    same = "\n".join(EN_LINES[0:2]) + "\n"
    (folder / "same.fr.txt").write_text(same, encoding="utf-8")
    (folder / "same.en.txt").write_text(same, encoding="utf-8")
    (folder / "empty.fr.txt").write_text(" \n\n", encoding="utf-8")
    (folder / "empty.en.txt").write_text("Something.\n", encoding="utf-8")
    return {"unrelated": "NotTranslationsError", "same": "SameInputError", "empty": "EmptyInputError"}


def tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (the lock excluded), to compare two outputs."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != ".lock":
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def side(text: str, sentences: list[tuple[int, int]], path: str) -> SideRecord:
    return SideRecord(path=path, sha256=hashlib.sha256(text.encode()).hexdigest(), lang=None, format="txt",
                      encoding="utf-8", text=text, sentences=sentences)


def synthetic_document(doc_id: str = "doc one"):
    """A document record and pairs covering what writers must survive: a tab and a line break
    inside pair texts, markup characters, an omission, an addition, flags, no similarity."""
    src_text = "Un <b>&</b> « deux ».\nTrois\tquatre. Cinq ans.\nSeule ici."
    tgt_text = 'One <b>&</b> "two".\nThree four. Five years.\nOnly here.'
    src_sents = [(0, 21), (22, 35), (36, 45), (46, 56)]
    tgt_sents = [(0, 19), (20, 31), (32, 43), (44, 54)]
    src = side(src_text, src_sents, f"{doc_id}.fr.txt")
    src.lang = "fr"
    tgt = side(tgt_text, tgt_sents, f"{doc_id}.en.txt")
    tgt.lang = "en"
    flag = FlagRecord("numbers", "accuracy/mistranslation/number", "major", 0.8, "'Cinq' in the original, 'Five' ok",
                      ((36, 40),), ((32, 36),))
    minor = FlagRecord("names", "accuracy/mistranslation/entity", "minor", 0.6, "a name", (), ())
    pairs = [
        PairRecord(doc_id, 0, "1-1", (0,), (0,), 0.9, 0.95, (0, 21), (0, 19), src_text[0:21], tgt_text[0:19], ()),
        PairRecord(doc_id, 1, "2-1", (1, 2), (1,), 0.55, 0.9, (22, 45), (20, 31), src_text[22:45], tgt_text[20:31],
                   (flag, minor)),
        PairRecord(doc_id, 2, "1-0", (3,), (), 0.0, None, (46, 56), (31, 31), src_text[46:56], "", ()),
        PairRecord(doc_id, 3, "0-1", (), (2, 3), 0.0, None, (56, 56), (32, 54), "", tgt_text[32:54], ()),
    ]
    doc = DocumentRecord(
        id=doc_id, src=src, tgt=tgt, pairs=len(pairs), link_types={"0-1": 1, "1-0": 1, "1-1": 1, "2-1": 1},
        flags=2, relatedness={"coverage": 0.8}, warnings=[], signature={"encoder": {"name": "fake"}, "mt": None},
        run_key="k",
    )
    return doc, pairs


class CountingEncoder:
    """A stand-in sentence encoder for cache tests: deterministic vectors from the text's hash."""

    name = "counting-test-encoder"
    dim = 8

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts):
        import numpy as np

        self.calls += len(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:8], dtype=np.uint8) for t in texts]
        return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, self.dim), np.float32)

    def signature(self):
        return {"name": self.name}


def hammer_cache(path: str, worker: int, rounds: int = 30) -> tuple[int, list[str]]:
    """Run in a separate process: encode overlapping batches through one shared SQLite cache file.

    Returns the number of texts the model really encoded and the problems the
    cache reported (a store that hits a lock turns itself off and says so).
    """
    from compare.embed.cache import CachedEncoder

    total, problems = 0, []
    for r in range(rounds):
        encoder = CachedEncoder(CountingEncoder(), path)  # one per "document", as export workers do
        texts = [f"sentence {(worker * 7 + r + k) % 50}" for k in range(20)]
        vectors = encoder.encode(texts)
        assert vectors.shape == (20, 8)
        total += encoder.inner.calls
        store = getattr(encoder, "_store", None)
        if store is not None and store.problem:
            problems.append(store.problem)
        encoder.close()
    return total, problems
