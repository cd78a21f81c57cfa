"""A card's numbers as a table: the grid's columns and rows (a name beside each code), and
the header row of the panel's downloads, in the current language."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.parity import PARITY_WORDS
from dashboard.figures.uncertainty import BASIS, ORIGIN
from dashboard.i18n.dimensions import DIMENSION_TITLES, NAME_TITLES
from dashboard.i18n.grid_locale import grid_number_formatter
from dashboard.i18n.numbers import unit_label
from dashboard.panels.map import COLUMN_TITLES
from indicators.i18n import DEFAULT_LOCALE, N_, _, current_locale
from indicators.indicator import Indicator
from indicators.origin_words import origin_text
from indicators.periods import MONTHS_COVERED, months_text
from indicators.serialize import MARK_COLUMN, marked

# Every column header a panel's table can have besides the measures: dimensions, map columns,
# and each row's source file and pages.
HEADER_TITLES = {**DIMENSION_TITLES, **COLUMN_TITLES, ORIGIN: N_("Source")}

# The table's number columns besides the value (whose header names the indicator's unit).
MEASURE_TITLES = {
    "numerator": N_("Numerator"), "denominator": N_("Denominator"), "months": N_("Months"),
    "target_status": N_("Target status"), "gap_points": N_("Gap (points)"),
    "women_needed": N_("Women needed"), "sessions": N_("Sessions"),
    "target_2028": N_("2028 target (%)"), "women_needed_2028": N_("Women needed for 2028"),
    "parity": N_("Against the target"),
    "low": N_("95% interval, low"), "high": N_("95% interval, high"),
    "basis": N_("Out of"), "ranked": N_("In the ranking"),
    "months_covered": N_("Months covered (partial year)"),
    "same_months_before": N_("Year before, same months"),
}

# Whether a group is ranked (indicators.ranking), as the table says it.
RANKED_WORDS = {True: N_("yes"), False: N_("no: too few or too uncertain")}


# Columns only the downloads have: the card says the unit and the kind of data elsewhere.
FILE_TITLES = {"unit": N_("Unit"), "illustrative": N_("Illustrative data"),
               MARK_COLUMN: N_("Data")}


# A target's status in the table: published, or estimated between two published targets.
TARGET_STATUS_WORDS = {"official": N_("official"), "estimate": N_("estimate")}


def table_columns(frame: pd.DataFrame, indicator: Indicator) -> list[dict]:
    columns = []
    formatter = grid_number_formatter()
    if MARK_COLUMN in marked(frame):  # generated rows say so first, in every copied row
        columns.append({"field": MARK_COLUMN, "headerName": _(FILE_TITLES[MARK_COLUMN])})
    for column in frame.columns:
        if column in ("unit", "illustrative"):
            continue
        title = HEADER_TITLES.get(column) or MEASURE_TITLES.get(column) or column
        definition = {"field": column, "headerName": _(title)}
        if column in ("value", "target"):
            template = _("Value ({unit})") if column == "value" else _("Target ({unit})")
            definition["headerName"] = template.format(unit=unit_label(indicator.unit))
        if column in ("numerator", "denominator", "value", "target", "gap_points",
                      "women_needed", "months", "target_2028", "women_needed_2028", "low",
                      "high", "same_months_before"):
            definition["type"] = "rightAligned"
            definition["valueFormatter"] = formatter
        if column.endswith("_name"):
            definition["headerName"] = name_title(column[:-5])
        if column == ORIGIN:  # a year's reports make a long cell: the whole of it on hover
            definition.update(tooltipField=ORIGIN, minWidth=260)
        columns.append(definition)
    return columns


def download_headers(frame: pd.DataFrame, indicator: Indicator) -> dict[str, str] | None:
    """A panel download's header row (CSV and Excel) in the current language, by column
    code: the table's own headers, and titles for the unit and illustrative columns. None in
    English: the files keep the column codes, as the API writes them."""
    if current_locale() == DEFAULT_LOCALE:
        return None
    titles = {code: _(title) for code, title in FILE_TITLES.items()}
    titles.update((column["field"], column["headerName"])
                  for column in table_columns(frame, indicator))
    return titles


def name_title(dimension: str) -> str:
    """The header of the name column beside a code column: Country name / Nom du pays."""
    if dimension in NAME_TITLES:
        return _(NAME_TITLES[dimension])
    return _("{dimension} name").format(
        dimension=_(DIMENSION_TITLES.get(dimension, dimension)))


def table_rows(frame: pd.DataFrame, names) -> list[dict]:
    """The frame as grid rows, with a readable name beside each code (same numbers as CSV)."""
    shown = marked(frame).drop(columns=["unit", "illustrative"])
    if MARK_COLUMN in shown:
        shown.insert(0, MARK_COLUMN, shown.pop(MARK_COLUMN))
    for dimension in ("country", "nationality", "provider", "recipient", "category",
                      "ugps-group"):
        if dimension in shown:
            shown.insert(shown.columns.get_loc(dimension) + 1, f"{dimension}_name",
                         shown[dimension].map(names.get(dimension, {})))
    if "target_status" in shown:
        shown["target_status"] = shown["target_status"].map(
            lambda status: _(TARGET_STATUS_WORDS[status]) if status in TARGET_STATUS_WORDS
            else status)
    if MONTHS_COVERED in shown:  # "2024-01/2024-07" as the reader says it: Jan–Jul
        shown[MONTHS_COVERED] = shown[MONTHS_COVERED].map(months_text)
    if "ranked" in shown:
        shown["ranked"] = shown["ranked"].map(lambda ranked: _(RANKED_WORDS[bool(ranked)]))
    if ORIGIN in shown:
        shown[ORIGIN] = shown[ORIGIN].map(origin_text)
    if "parity" in shown:
        shown["parity"] = shown["parity"].map(
            lambda parity: _(PARITY_WORDS[parity]) if parity in PARITY_WORDS else parity)
    # A missing cell is None (JSON null); cell by cell, which costs less than pandas' where().
    # Column by column (tolist), then row by row: a third of the time of to_dict("records"),
    # which boxes every cell of the nullable number columns on its own.
    columns = list(shown.columns)
    cells = zip(*(shown[column].tolist() for column in columns), strict=True)
    return [{column: None if _missing(value) else value
             for column, value in zip(columns, row, strict=True)} for row in cells]


def _missing(value) -> bool:
    """NaN, NA and NaT, as notna() sees them, for one cell (lists and dicts are not)."""
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)


def file_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """What a panel's CSV and XLSX carry: the card's frame (intervals, the ranking's verdict,
    a partial year's months) less the words only the screen needs ("2 of 2": the numerator
    and denominator are columns of their own; the files, which the workbook's About sheet
    names), so every cell is the same in each language."""
    shown = frame.drop(columns=[c for c in (BASIS, ORIGIN) if c in frame])
    shown.attrs = frame.attrs
    return shown
