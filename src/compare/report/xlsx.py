"""The spreadsheet report (openpyxl), for revisers who work in Excel or LibreOffice.

Three sheets: *Pairs* (every aligned pair, one row each, with its flags in
the last columns; filter on "flags" to see only flagged pairs), *Flags* (one
row per flag, with a *decision* column to fill in: ``--decisions`` reads it
back through the *key* column) and *About* (documents, signature, verdict).

Text is always written as text: a sentence beginning with ``=`` stays a
sentence and never becomes a formula, and characters a workbook cannot hold
(control characters) are dropped.
"""

from __future__ import annotations

import io
import json
from datetime import datetime

from compare.report.model import FlagItem, Report

MAX_CELL = 32_000  # Excel's limit is 32,767 characters per cell
FILLS = {"critical": "F8D0CC", "major": "FFEDB3", "minor": "D8EEF6"}
DECISION_CHOICES = '"accepted,false positive"'


def render_xlsx(report: Report) -> bytes:
    """The workbook as bytes (write them with ``compare.cli._util.write_atomic``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    fills = {s: PatternFill("solid", start_color=c, end_color=c) for s, c in FILLS.items()}
    flags = {f.id: f for f in report.flags}

    pairs_sheet = book.active
    pairs_sheet.title = "Pairs"
    headers = [
        "pair", "link", "similarity", f"original ({report.source.lang})", f"translation ({report.target.lang})",
        "flags", "worst severity", "categories", "explanations",
    ]
    with_mt = any(p.mt or p.back_mt for p in report.pairs)
    if with_mt:
        headers += ["machine translation", "back-translation"]
    _header(pairs_sheet, headers, bold)
    for pair in report.pairs:
        own = [flags[f] for f in pair.flags]
        worst = max((f.severity for f in own), key=lambda s: ("minor", "major", "critical").index(s), default="")
        row = [
            pair.index + 1,
            pair.kind,
            round(pair.similarity, 4) if pair.similarity is not None else None,
            pair.src_text if pair.gap != "src" else "(nothing: added in the translation)",
            pair.tgt_text if pair.gap != "tgt" else "(nothing: omitted in the translation)",
            len(own),
            worst,
            "; ".join(dict.fromkeys(f.short_category for f in own)),
            "\n".join(f"{f.severity} {f.short_category}: {f.message}" for f in own),
        ]
        if with_mt:
            row += [pair.mt, pair.back_mt]
        _append(pairs_sheet, row, wrap)
        if worst:
            for cell in pairs_sheet[pairs_sheet.max_row][5:9]:
                cell.fill = fills[worst]
    _layout(pairs_sheet, [7, 7, 10, 60, 60, 7, 12, 18, 50, 50, 50])

    flags_sheet = book.create_sheet("Flags")
    flag_headers = [
        "flag", "pair", "severity", "category", "check", "score", "original span", "translation span",
        "explanation", "decision", "note", "key",
    ]
    _header(flags_sheet, flag_headers, bold)
    for number, flag in enumerate(report.flags, 1):
        _append(flags_sheet, _flag_row(number, flag), wrap)
        flags_sheet.cell(flags_sheet.max_row, 3).fill = fills.get(flag.severity, PatternFill())
    _layout(flags_sheet, [6, 6, 10, 16, 14, 7, 35, 35, 50, 14, 24, 20])
    if report.flags:
        choice = DataValidation(type="list", formula1=DECISION_CHOICES, allow_blank=True)
        choice.error = "accepted or false positive (or leave empty)"
        flags_sheet.add_data_validation(choice)
        choice.add(f"J2:J{flags_sheet.max_row}")

    about = book.create_sheet("About")
    for label, value in _about_rows(report):
        _append(about, [label, value], wrap)
        about.cell(about.max_row, 1).font = bold
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 100

    try:
        book.properties.created = datetime.fromisoformat(report.created).replace(tzinfo=None)
    except ValueError:
        pass
    book.properties.creator = report.generator
    book.properties.title = f"Translation QA report: {report.title}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _flag_row(number: int, flag: FlagItem) -> list:
    decision = {"accepted": "accepted", "false_positive": "false positive"}.get(flag.decision or "", "")
    return [
        number, flag.pair + 1, flag.severity, flag.short_category, flag.check, flag.score,
        " / ".join(flag.src_text), " / ".join(flag.tgt_text), flag.message, decision, flag.note, flag.key,
    ]


def _about_rows(report: Report) -> list[tuple[str, str]]:
    rows = [("verdict", report.verdict), ("report made", f"{report.created} by {report.generator}")]
    for doc in (report.source, report.target):
        rows.append((doc.role, f"{doc.path or doc.name} ({doc.lang}, {doc.format}, {doc.encoding})"))
        rows.append((f"{doc.role} sha256", doc.sha256))
    rows += [("encoder", report.encoder_label), ("machine translation", report.mt_label)]
    rows += list(report.settings())
    rows += [(f"warning {i}", w) for i, w in enumerate(report.warnings, 1)]
    rows.append(("signature", json.dumps(report.signature, ensure_ascii=False, indent=1)))
    return rows


def _header(sheet, headers: list[str], bold) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"


def _append(sheet, values: list, wrap) -> None:
    sheet.append([_clean(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this is text
        cell.alignment = wrap


def _clean(value):
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > MAX_CELL:
        value = value[:MAX_CELL] + " […]"
    return value


def _layout(sheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.auto_filter.ref = sheet.dimensions
