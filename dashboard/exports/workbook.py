"""Excel workbooks: each chart's numbers on a sheet, as in its CSV, and an "About" sheet."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.exports.citing import about_rows, illustrative_mark, since_this_pack
from dashboard.exports.since_pages import add_since_sheet, remember_in_workbook
from dashboard.exports.snapshot import ChartSnapshot, Pack
from dashboard.i18n.numbers import moment_text
from dashboard.panels.table import download_headers, file_frame
from indicators.i18n import _
from indicators.serialize import is_formula_like, marked, plain

ABOUT = "About"  # the sheet's name stays English: scripts and tests look it up by name
SHEET_NAME_LENGTH = 31  # Excel's limit
BOLD = Font(bold=True)
MARK_FILL = PatternFill("solid", fgColor="FBE3D6")


def panel_workbook_bytes(snapshot: ChartSnapshot, generated_at: dt.datetime | None = None
                         ) -> bytes:
    """One chart: its numbers on "Data" and where they come from on "About"."""
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    book = Workbook()
    data = book.active
    data.title = "Data"
    frame = file_frame(snapshot.frame)
    write_frame(data, frame, download_headers(frame, snapshot.indicator))
    about = book.create_sheet(ABOUT)
    for label, text in about_rows(snapshot, generated_at):
        _about_line(about, label, text)
    _about_widths(about)
    return _save(book)


def workbook_bytes(pack: Pack) -> bytes:
    """A pack: one sheet per chart, in order, then "About" for all of them."""
    book = Workbook()
    book.remove(book.active)
    names = sheet_names(pack.snapshots)
    for snapshot, name in zip(pack.snapshots, names, strict=True):
        frame = file_frame(snapshot.frame)
        write_frame(book.create_sheet(name), frame, download_headers(frame, snapshot.indicator))
    about = book.create_sheet(ABOUT)
    _about_line(about, _("Title"), pack.title)
    if pack.subtitle:
        _about_line(about, _("Subtitle"), pack.subtitle)
    _about_line(about, _("Filters applied"), pack.describe_filters())
    _about_line(about, _("Classification"), _(pack.classification))
    _about_line(about, _("Generated at"), moment_text(pack.generated_at))
    if pack.link:
        _about_line(about, _("Address"), pack.link)
    if pack.briefing_link:
        _about_line(about, _("Saved briefing"), since_this_pack(pack))
    if pack.illustrative:
        _about_line(about, illustrative_mark(), _(
            "Sheets marked so hold generated numbers for areas with no public data; they are "
            "not real."))
        about.cell(row=about.max_row, column=1).fill = MARK_FILL
    for snapshot, name in zip(pack.snapshots, names, strict=True):
        about.append([])
        _about_line(about, _("Sheet"), name)
        for label, text in about_rows(snapshot, pack.generated_at):
            _about_line(about, label, text)
            if snapshot.illustrative and label == _("Data"):
                about.cell(row=about.max_row, column=2).fill = MARK_FILL
    _about_widths(about)
    if pack.changes is not None:
        add_since_sheet(book, pack)
    remember_in_workbook(book, pack)
    return _save(book)


def write_frame(sheet: Worksheet, frame: pd.DataFrame,
                headers: Mapping[str, str] | None = None) -> None:
    """The frame as the CSV has it: the same columns in the same order, a missing value as an
    empty cell, numbers as numbers. The header row has the column codes, or `headers[code]`
    where given (panels.table.download_headers: the CSV's titles in the reader's language).
    Generated rows end with the words that say so, as in the CSV."""
    frame = marked(frame)
    titles = [(headers or {}).get(str(column), str(column)) for column in frame.columns]
    append_text_safe(sheet, titles)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in frame.itertuples(index=False, name=None):
        append_text_safe(sheet, [plain(value) for value in row])
    sheet.freeze_panes = "A2"
    for index, title in enumerate(titles, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(10, min(40, len(title) + 4))


def sheet_names(snapshots: list[ChartSnapshot]) -> list[str]:
    """'1 women share-by-mission' style names: numbered (so unique and in pack order), within
    Excel's 31 characters and without the characters it refuses."""
    names = []
    for number, snapshot in enumerate(snapshots, start=1):
        text = re.sub(r"[\[\]:*?/\\']", "-", f"{number} {snapshot.page} {snapshot.panel}")
        names.append(text[:SHEET_NAME_LENGTH].rstrip())
    return names


def append_text_safe(sheet: Worksheet, values: list) -> None:
    """Append a row; text that Excel would run as a formula (a title of "=HYPERLINK(...)")
    is stored as text, shown as typed. Numbers, negative ones too, stay numbers."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def _about_line(sheet: Worksheet, label: str, text: str) -> None:
    append_text_safe(sheet, [label, text])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True,
                                                                  vertical="top")


def _about_widths(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
