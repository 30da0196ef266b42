"""Shared material for the report tests: hand-built comparisons, the sample run once,
the hostile article, and the system Chromium for the browser tests."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FR = CORPUS / "iran-israel.fr.txt"
EN = CORPUS / "iran-israel.en.txt"
ARTIFACTS = ROOT / "artifacts"

# An article that tries every way out of the page: script, event handlers,
# closing the elements the report uses, attribute and JSON break-outs.
HOSTILE_FR = (
    "Le ministre a déclaré <script>window.__pwned = 'script'; alert('fr')</script> que 3 soldats sont morts.\n"
    "Une image <img src=x onerror=\"window.__pwned='img'\"> a circulé sur les réseaux sociaux mardi.\n"
    "Le texte </textarea><script>window.__pwned='textarea'</script> a été publié à Paris.\n"
    "Les enquêteurs \"><svg onload=alert(1)> ont ouvert une procédure le 12 mars.\n"
    "La police </script><b onmouseover=\"window.__pwned='b'\">a fermé</b> la rue pendant deux heures.\n"
)
HOSTILE_EN = (
    "The minister said <script>window.__pwned = 'script'; alert('en')</script> that 4 soldiers had died.\n"
    "A picture <img src=x onerror=\"window.__pwned='img'\"> circulated on social networks on Tuesday.\n"
    "The text </textarea><script>window.__pwned='textarea'</script> was published in Paris.\n"
    "Investigators \"><svg onload=alert(1)> opened proceedings on March 12.\n"
    "Police </script><b onmouseover=\"window.__pwned='b'\">closed</b> the street for two hours.\n"
)


def write_hostile_pair(folder: Path) -> tuple[Path, Path]:
    fr, en = folder / "hostile.fr.txt", folder / "hostile.en.txt"
    fr.write_text(HOSTILE_FR, encoding="utf-8")
    en.write_text(HOSTILE_EN, encoding="utf-8")
    return fr, en


@functools.cache
def _sample_comparison_dict_cached() -> str:
    from compare.pipeline import Settings, compare_documents, load_documents
    from compare.report.json import dumps

    settings = Settings(cache=False)
    src, tgt = load_documents(FR, EN, settings)
    return dumps(compare_documents(src, tgt, settings))


def sample_comparison_dict() -> dict:
    """The sample pair's comparison (run once per test session), as ``compare diff --format json`` writes it."""
    import json

    return json.loads(_sample_comparison_dict_cached())


def synthetic_comparison(
    src_sents: list[str],
    tgt_sents: list[str],
    links: list[tuple[tuple[int, ...], tuple[int, ...], float | None]],
    flags: list[dict],
    mt=None,
) -> dict:
    """A ``compare.diff`` v1 dict built by hand: one sentence per line on each side.

    ``flags``: dicts with ``pair``, ``check``, ``category``, ``severity``,
    ``message`` and ``src`` / ``tgt`` (substrings of the pair's text to mark).
    """

    def document(sents: list[str], path: str, lang: str) -> dict:
        text, sentences, paragraphs, at = "", [], [], 0
        for i, s in enumerate(sents):
            sentences.append({"index": i, "start": at, "end": at + len(s), "paragraph": i, "text": s})
            paragraphs.append({"index": i, "start": at, "end": at + len(s), "kind": "body"})
            text += s + "\n"
            at += len(s) + 1
        return {"path": path, "format": "txt", "lang": lang, "lang_detected": lang, "encoding": "utf-8",
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text, "paragraphs": paragraphs, "sentences": sentences}

    src, tgt = document(src_sents, "doc.fr.txt", "fr"), document(tgt_sents, "doc.en.txt", "en")

    def span(doc: dict, idx: tuple[int, ...], before: int) -> list[int]:
        if not idx:
            return [before, before]
        return [doc["sentences"][min(idx)]["start"], doc["sentences"][max(idx)]["end"]]

    pairs, s_pos, t_pos = [], 0, 0
    for i, (s_idx, t_idx, sim) in enumerate(links):
        s_span, t_span = span(src, s_idx, s_pos), span(tgt, t_idx, t_pos)
        s_pos, t_pos = s_span[1], t_span[1]
        pairs.append({"index": i, "type": f"{len(s_idx)}-{len(t_idx)}", "src": list(s_idx), "tgt": list(t_idx),
                      "score": 0.5 if sim is not None else 0.0, "similarity": sim,
                      "src_span": s_span, "tgt_span": t_span, "flags": []})
    out_flags = []
    for fid, f in enumerate(flags):
        pair = pairs[f["pair"]]
        spans = {}
        for side, doc, key in (("src", src, "src_span"), ("tgt", tgt, "tgt_span")):
            a, b = pair[key]
            found = []
            for needle in f.get(side, []):
                at = doc["text"].index(needle, a, b)
                found.append([at, at + len(needle)])
            spans[side] = found
        out_flags.append({
            "id": fid, "pair": f["pair"], "check": f["check"], "category": f["category"], "severity": f["severity"],
            "score": f.get("score", 1.0), "message": f["message"], "src_spans": spans["src"], "tgt_spans": spans["tgt"],
            "src_text": [src["text"][a:b] for a, b in spans["src"]], "tgt_text": [tgt["text"][a:b] for a, b in spans["tgt"]],
            "details": {},
        })
        pair["flags"].append(fid)
    by_sev = Counter(f["severity"] for f in out_flags)
    return {
        "schema": "compare.diff", "schema_version": 1,
        "signature": {"tool": "compare 0.1.0", "schema": "compare.diff/1",
                      "encoder": {"name": "test-encoder", "package": "none"}, "segmenter": "presegmented",
                      "aligner": {"name": "compare-dp", "refine": False}, "checks": {"source": "default"},
                      "profile": "balanced", "mt": mt,
                      "inputs": [{"path": d["path"], "sha256": d["sha256"], "lang": d["lang"], "format": "txt",
                                  "encoding": "utf-8"} for d in (src, tgt)]},
        "summary": {"pairs": len(pairs), "link_types": dict(Counter(p["type"] for p in pairs)), "flags": len(out_flags),
                    "by_severity": {k: by_sev.get(k, 0) for k in ("critical", "major", "minor")},
                    "by_category": dict(sorted(Counter(f["category"] for f in out_flags).items()))},
        "relatedness": {"coverage": 1.0, "aligned_median_similarity": 0.9, "random_median_similarity": 0.8, "gap": 0.1},
        "warnings": [], "source": src, "target": tgt, "pairs": pairs, "flags": out_flags,
    }


def small_comparison(mt=None) -> dict:
    """Four sentences a side: a number flag, an omission, an addition, a clean pair."""
    return synthetic_comparison(
        ["Il y a 3 morts à Lyon.", "Le maire a parlé.", "Une phrase omise ici.", "La ville est calme."],
        ["There are 4 dead in Lyon.", "The mayor spoke.", "The city is calm.", "An added sentence."],
        [((0,), (0,), 0.91), ((1,), (1,), 0.93), ((2,), (), None), ((3,), (2,), 0.95), ((), (3,), None)],
        [
            {"pair": 0, "check": "numbers", "category": "accuracy/mistranslation/number", "severity": "major",
             "message": "'3' in the original, '4' in the translation", "src": ["3"], "tgt": ["4"]},
            {"pair": 2, "check": "omission", "category": "accuracy/omission", "severity": "critical",
             "message": "sentence 3 of the original has no counterpart", "src": ["Une phrase omise ici."]},
            {"pair": 4, "check": "addition", "category": "accuracy/addition", "severity": "minor",
             "message": "sentence 4 of the translation has no counterpart", "tgt": ["An added sentence."]},
        ],
        mt=mt,
    )


# ---------------------------------------------------------------- browser
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path() -> str | None:
    explicit = os.environ.get("COMPARE_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_browser(playwright_manager):
    """Headless system Chromium. Skipped only with COMPARE_SKIP_BROWSER=1; otherwise missing pieces fail."""
    if os.environ.get("COMPARE_SKIP_BROWSER") == "1":
        pytest.skip("COMPARE_SKIP_BROWSER=1")
    path = chromium_path()
    if path is None:
        pytest.fail("no chromium on PATH: install Debian's chromium (see .ci/run) or set COMPARE_SKIP_BROWSER=1")
    return playwright_manager.chromium.launch(executable_path=path, args=BROWSER_ARGS)
