"""Build a CheckContext by hand for the divergence tests, and measure the flag
rate of the checks on real faithful translations.

    python tests/_diverge_helpers.py /work/shared/data/dev/news_fr_en

runs every check on the 1-1 pairs of each ``NAME.fr.sents`` / ``NAME.en.sents``
document (line i <-> line i, similarity None) and prints, per check, the share
of pairs flagged at minor+ and at major+.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from compare.align.base import Alignment, Link
from compare.diverge.base import CheckContext, Pair
from compare.document import Document, Paragraph, Sentence


def _document(sentences: list[str], lang: str) -> Document:
    text, sents, paras, pos = "", [], [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(index=i, start=pos, end=pos + len(s), paragraph=i, text=s))
        paras.append(Paragraph(index=i, start=pos, end=pos + len(s)))
        text += s + "\n"
        pos = len(text)
    return Document(text=text, paragraphs=paras, sentences=sents, lang=lang)


def make_ctx(items, src_lang: str = "fr", tgt_lang: str = "en") -> CheckContext:
    """``items``: (src, tgt) or (src, tgt, similarity); a side None or "" is absent.

    Each present side is one sentence (one line) of its document; the pairs get
    links with the given similarity (None when absent).
    """
    src_sents, tgt_sents, links = [], [], []
    for item in items:
        src, tgt = item[0], item[1]
        sim = item[2] if len(item) > 2 else None
        s_idx = t_idx = ()
        if src:
            s_idx = (len(src_sents),)
            src_sents.append(src)
        if tgt:
            t_idx = (len(tgt_sents),)
            tgt_sents.append(tgt)
        links.append(Link(src=s_idx, tgt=t_idx, score=1.0, similarity=sim if src and tgt else None))
    source, target = _document(src_sents, src_lang), _document(tgt_sents, tgt_lang)
    pairs = []
    for i, link in enumerate(links):
        s = source.sentence_range(link.src)
        t = target.sentence_range(link.tgt)
        s_start = s.start if s else (source.sentences[link.src[0]].start if link.src else _gap(source, links, i, True))
        t_start = t.start if t else _gap(target, links, i, False)
        pairs.append(
            Pair(
                index=i,
                link=link,
                src_text=source.span_text(s) if s else "",
                tgt_text=target.span_text(t) if t else "",
                src_start=s_start,
                tgt_start=t_start,
            )
        )
    return CheckContext(source=source, target=target, alignment=Alignment(links=links),
                        pairs=pairs, src_lang=src_lang, tgt_lang=tgt_lang)



def findings(check_name, items, src_lang: str = "fr", tgt_lang: str = "en", **options):
    """Run one check on hand-built pairs: (ctx, its findings on every pair)."""
    from compare.diverge import make_check

    ctx = make_ctx(items, src_lang, tgt_lang)
    check = make_check(check_name, **options)
    check.prepare(ctx)
    return ctx, [f for p in ctx.pairs for f in check.run(p, ctx)]


def span_texts(ctx: CheckContext, finding) -> tuple[list[str], list[str]]:
    """The texts under a finding's source and target spans."""
    return (
        [ctx.source.text[s.start:s.end] for s in finding.src_spans],
        [ctx.target.text[s.start:s.end] for s in finding.tgt_spans],
    )

def _gap(doc: Document, links, i: int, src: bool) -> int:
    """Offset where an absent side would be: the end of the previous sentence on that side."""
    for link in reversed(links[:i]):
        idx = link.src if src else link.tgt
        if idx:
            return doc.sentences[idx[-1]].end
    return 0


def news_flag_rates(folder: str | Path, config=None):
    """Per check: (pairs flagged minor+, pairs flagged major+), total pairs, flags."""
    from compare.diverge import run_checks
    from compare.diverge.base import severity_rank

    minor, major, total, flags_all = Counter(), Counter(), 0, []
    for fr in sorted(Path(folder).glob("*.fr.sents")):
        en = fr.with_name(fr.name.replace(".fr.sents", ".en.sents"))
        src = fr.read_text(encoding="utf-8").splitlines()
        tgt = en.read_text(encoding="utf-8").splitlines()
        if len(src) != len(tgt):
            raise ValueError(f"{fr.name}: {len(src)} vs {len(tgt)} lines")
        items = [(s, t) for s, t in zip(src, tgt, strict=True) if s.strip() and t.strip()]
        ctx = make_ctx(items)
        total += len(ctx.pairs)
        seen_minor, seen_major = set(), set()
        for flag in run_checks(ctx, config):
            key = (flag.finding.check, flag.finding.pair)
            seen_minor.add(key)
            if severity_rank(flag.severity) >= 2:
                seen_major.add(key)
            flags_all.append((fr.name, ctx, flag))
        minor.update(c for c, _ in seen_minor)
        major.update(c for c, _ in seen_major)
    return minor, major, total, flags_all


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/dev/news_fr_en"
    show = sys.argv[2] if len(sys.argv) > 2 else None
    minor, major, total, flags = news_flag_rates(folder)
    print(f"{total} pairs")
    for check in sorted(set(minor) | set(major)):
        print(f"{check:18s} minor+ {minor[check]:4d} ({minor[check] / total:6.2%})   "
              f"major+ {major[check]:4d} ({major[check] / total:6.2%})")
    if show:
        for _name, ctx, flag in flags:
            if flag.finding.check == show:
                p = ctx.pairs[flag.finding.pair]
                print(f"--- {flag.severity} {flag.finding.score} {flag.finding.message}\n  FR: {p.src_text}\n  EN: {p.tgt_text}")
