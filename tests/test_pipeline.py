"""Pipeline decisions that need no encoder: relatedness verdicts, pairs, languages."""

import numpy as np
import pytest

from compare.align.base import Alignment, Link
from compare.document import Document, Paragraph, Sentence
from compare.errors import LanguageMismatchError
from compare.pipeline import Settings, build_pairs, looks_unrelated, relatedness, resolve_languages


@pytest.mark.parametrize(
    "evidence, unrelated",
    [
        ({"coverage": 1.0, "gap": 0.09}, False),  # weakest true translation measured on dev news
        ({"coverage": 0.69, "gap": 0.058}, True),  # best-looking unrelated pair measured
        ({"coverage": 0.3, "gap": 0.2}, True),
        ({"coverage": 1.0, "gap": 0.02}, True),
        ({"coverage": 1.0, "gap": None}, False),  # too short to judge
    ],
)
def test_looks_unrelated(evidence, unrelated):
    assert looks_unrelated(evidence) is unrelated


def test_relatedness_of_one_sentence_each_is_not_judged():
    v = np.eye(3, dtype=np.float32)
    ev = relatedness(Alignment([Link((0,), (0,), 0.9, 0.95)]), v[:1], v[:1])
    assert ev["gap"] is None and ev["coverage"] == 1.0


def test_relatedness_gap_compares_aligned_with_unaligned_pairs():
    rng = np.random.default_rng(0)
    src = rng.normal(size=(6, 16))
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt = src + rng.normal(scale=0.05, size=src.shape)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    links = [Link((i,), (i,), 0.9, float(src[i] @ tgt[i])) for i in range(6)]
    ev = relatedness(Alignment(links), src, tgt)
    assert ev["aligned_median_similarity"] > 0.9 and ev["gap"] > 0.5


def _doc(text, lang=None, path="x.txt"):
    sents, start = [], 0
    for i, part in enumerate(text.split("|")):
        sents.append(Sentence(i, start, start + len(part), 0, part))
        start += len(part) + 1
    return Document(text.replace("|", " "), [Paragraph(0, 0, len(text))], sents, path=path, lang=lang)


def test_build_pairs_places_empty_sides_where_they_would_sit():
    src = _doc("Un.|Deux.|Trois.")
    tgt = _doc("One.|Three.")
    pairs = build_pairs(src, tgt, [Link((0,), (0,)), Link((1,), ()), Link((2,), (1,))])
    assert [p.src_text for p in pairs] == ["Un.", "Deux.", "Trois."]
    assert [p.tgt_text for p in pairs] == ["One.", "", "Three."]
    assert pairs[1].tgt_start == len("One.")


def test_swapped_languages_are_refused_and_declared_ones_checked():
    fr_text = "Le gouvernement a annoncé mardi qu'il ne reviendrait pas sur la réforme des retraites. " * 4
    en_text = "The government said on Tuesday that it would not go back on the pension reform. " * 4
    swapped_src, swapped_tgt = _doc(en_text, path="a.fr.txt"), _doc(fr_text, path="b.en.txt")
    with pytest.raises(LanguageMismatchError):
        resolve_languages(swapped_src, swapped_tgt, Settings())
    src, tgt = _doc(fr_text, path="a.txt"), _doc(en_text, path="b.txt")
    resolve_languages(src, tgt, Settings())
    assert (src.lang, tgt.lang) == ("fr", "en")
    wrong_src, ok_tgt = _doc(en_text, path="a.fr.txt"), _doc(en_text.upper().lower() + " ", path="b.en.txt")
    resolve_languages(wrong_src, ok_tgt, Settings())
    assert any("declared 'fr' but reads as 'en'" in w for w in wrong_src.warnings)
