"""Language identification (offline) and language codes from file names.

``detect_language`` uses py3langid's bundled model, loaded on first use.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from compare.errors import ConfigurationError

SAMPLE_CHARS = 5000

_NAME_LANG = re.compile(r"^[A-Za-z]{2,3}$")

# ISO 639-1 codes. Three-letter (ISO 639-3) codes are accepted unless they
# are a common file-name word.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co
    cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl
    gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg
    ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk
    ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps
    pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
    te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za
    zh zu""".split()
)
_NOT_LANG = frozenset(
    """txt htm doc md old new bak tmp raw src tgt out ref hyp fin dev tst trn
    org the and all mod rev cor fix""".split()
)


def lang_from_filename(path) -> str | None:
    """The language code just before the extension: "NAME.fr.txt" -> "fr".

    Only an ISO 639-1 code or another 2-3 letter code that is not a common
    file-name word counts, lower-cased ("x.en.sents" -> "en", "x.FR.md" ->
    "fr"; "x.txt", "report.final.txt", "notes.old.txt" -> None).
    """
    suffixes = Path(path).name.split(".")[1:-1]
    if not suffixes or not _NAME_LANG.match(suffixes[-1]):
        return None
    code = suffixes[-1].lower()
    if len(code) == 2:
        return code if code in ISO_639_1 else None
    return None if code in _NOT_LANG else code


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # imported on use

    # Raw scores; normalised here so that the restriction to candidates is a
    # pure function of the text (the library's set_languages mutates state).
    model = Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else MODEL_DIR / MODEL_FILE
    cached = _decompressed_model(model)
    if cached is None:
        return LanguageIdentifier.from_model_file(model, norm_probs=False)
    ptc, pc, classes, nextmove, row, output = cached
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=False, tk_row=row)


def _decompressed_model(model: Path):
    """The py3langid model, read from an uncompressed copy in the user cache.

    Decompressing the bundled LZMA model takes about a second on every start,
    more than the rest of a cached comparison; the copy (keyed by the model's
    size and mtime) loads in milliseconds. Returns None if the cache is unusable.
    """
    import lzma
    import os
    import tempfile

    import numpy as np

    from compare.store import default_cache_dir
    from py3langid.modelio import _to_array

    try:
        stat = model.stat()
        folder = default_cache_dir()
        target = folder / f"py3langid-{stat.st_size}-{int(stat.st_mtime)}.npz"
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as out, lzma.open(model) as src:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
            os.replace(tmp, target)
        with np.load(target, allow_pickle=False) as data:
            return (
                data["ptc"], data["pc"], data["classes"].tolist(), _to_array(data["nextmove"]),
                _to_array(data["nextmove_row"]), data["out_feat"].tolist(),
            )
    except (OSError, KeyError, ValueError, lzma.LZMAError):
        return None


def _sample(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


# The most frequent words of a few languages, for a fast answer on clear cases
# (loading the statistical model costs more than a cached comparison).
_FREQUENT = {
    "fr": "le la les de des du un une et est en que qui dans pour pas sur au aux il elle ne se ce "
    "avec par plus son sa ses été être a été ont sont cette mais ou où nous vous leur leurs".split(),
    "en": "the of and to in is that for it was on with as by at from be this are have has not "
    "an or but which were had its their been would will they he she his her".split(),
    "de": "der die das und in zu den von mit ist des sich nicht auf für dem ein eine im auch "
    "es an als wird bei aus nach sind wie noch hat einer werden oder durch".split(),
}
_FREQUENT_SETS = {lang: frozenset(words) for lang, words in _FREQUENT.items()}
_TOKEN = re.compile(r"[^\W\d_]+")


def _frequent_words_guess(sample: str, min_tokens: int = 40) -> str | None:
    """A language whose frequent words dominate the sample, or None if unsure.

    Answers only when one language's list covers at least a quarter of the
    tokens and four times as many as any other list: otherwise (short text,
    another language, mixed text) the statistical model decides.
    """
    tokens = [t.lower() for t in _TOKEN.findall(sample)]
    if len(tokens) < min_tokens:
        return None
    hits = sorted(((sum(t in words for t in tokens), lang) for lang, words in _FREQUENT_SETS.items()), reverse=True)
    (best, lang), (second, _) = hits[0], hits[1]
    if best >= 0.25 * len(tokens) and best >= 4 * max(second, 1):
        return lang
    return None


def detect_language(
    text: str, candidates: list[str] | None = None, *, sample_chars: int = SAMPLE_CHARS
) -> tuple[str, float]:
    """``(code, confidence)`` for ``text``, confidence in [0, 1].

    Only the first ``sample_chars`` characters are looked at. With
    ``candidates`` the answer is one of them and the probabilities are
    normalised over them only. Text with nothing to go on (no letters) gives
    ``("und", 0.0)``. Unknown candidate codes raise ``ConfigurationError``.
    """
    if candidates is None:
        quick = _frequent_words_guess(_sample(text, sample_chars))
        if quick is not None:
            return quick, 0.99
    ident = _identifier()
    labels = set(ident.labels)
    wanted = None
    if candidates is not None:
        wanted = [c.strip().lower() for c in candidates if c and c.strip()]
        unknown = sorted(c for c in wanted if c not in labels)
        if unknown or not wanted:
            raise ConfigurationError(
                f"language identification does not know {', '.join(unknown) or 'an empty list'!s}"
            )
    sample = _sample(text, sample_chars)
    if not any(ch.isalpha() for ch in sample):
        return "und", 0.0
    ranked = ident.rank(sample)
    if wanted is not None:
        keep = set(wanted)
        ranked = [(lang, score) for lang, score in ranked if lang in keep]
    # Softmax of the log-scores, tempered by the square root of the sample's
    # length in bytes as py3langid does for its own normalised probabilities.
    temperature = math.sqrt(len(sample.encode("utf-8")) or 1)
    top = ranked[0][1]
    weights = [math.exp((score - top) / temperature) for _, score in ranked]
    total = sum(weights)
    return ranked[0][0], float(weights[0] / total)
