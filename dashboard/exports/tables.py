"""A chart's numbers as a readable table (slides, PDF) and as text for speaker notes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.exports.snapshot import ChartSnapshot
from dashboard.i18n.numbers import period_text, plain_number, precise_number, unit_label
from dashboard.panels.table import HEADER_TITLES
from indicators.disclosure import DISPLAY, is_suppressed
from indicators.i18n import _, format_number
from indicators.serialize import dimension_columns

TABLE_ROWS = 15  # rows a slide table holds at a readable size
NOTES_ROWS = 200  # rows written into speaker notes
TIME = ("year", "month")
# Columns beside the value that a reader needs on a slide (the rest are in the XLSX).
EXTRA_COLUMNS = ("target", "gap_points", "women_needed")


@dataclass
class Table:
    """Header and formatted rows; `total` rows in the frame, of which `rows` are shown."""

    header: list[str]
    rows: list[list[str]]
    total: int
    labels: int = 1  # leading columns that name the row (the rest are numbers)

    @property
    def truncated(self) -> bool:
        return len(self.rows) < self.total

    @property
    def note(self) -> str:
        if not self.truncated:
            return ""
        return _("First {shown} of {total} rows (latest and largest first); full numbers in "
                 "the XLSX.").format(shown=format_number(len(self.rows)),
                                     total=format_number(self.total))


def ordered_frame(snapshot: ChartSnapshot) -> pd.DataFrame:
    """The frame's rows in reading order: latest period first, then the largest value; a
    pipeline in its stage order."""
    frame = snapshot.frame
    dimensions = dimension_columns(frame)
    if snapshot.order and len(dimensions) == 1:
        rank = {stage: position for position, stage in enumerate(snapshot.order)}
        return (frame.assign(_rank=frame[dimensions[0]].map(rank).fillna(len(rank)))
                .sort_values("_rank", kind="stable").drop(columns="_rank")
                .reset_index(drop=True))
    time = [d for d in dimensions if d in TIME]
    keys, ascending = [*time], [False] * len(time)
    frame = frame.assign(_sort_value=pd.to_numeric(frame["value"], errors="coerce")
                         .astype(float))
    keys.append("_sort_value")
    ascending.append(False)
    ordered = frame.sort_values(keys, ascending=ascending, kind="stable", na_position="last")
    return ordered.drop(columns="_sort_value").reset_index(drop=True)


def readable_table(snapshot: ChartSnapshot, limit: int = TABLE_ROWS) -> Table:
    """Dimensions by name, the value in the chart's precision, and target columns if any."""
    frame = ordered_frame(snapshot)
    unit = snapshot.indicator.unit
    dimensions = [d for d in dimension_columns(frame) if not d.endswith("_name")]
    extras = [c for c in EXTRA_COLUMNS if c in frame and frame[c].notna().any()]
    withheld = is_suppressed(frame)
    header = [_(HEADER_TITLES.get(d, d)) for d in dimensions]
    header.append(_("Value ({unit})").format(unit=unit_label(unit)))
    header.extend(_extra_header(column, unit) for column in extras)
    if withheld.any():
        header.append(_(HEADER_TITLES[DISPLAY]))
    rows = []
    for _position, row in frame.head(limit).iterrows():
        cells = [_dimension_text(snapshot, d, row[d]) for d in dimensions]
        cells.append("" if pd.isna(row["value"]) else plain_number(row["value"], unit))
        cells.extend(_extra_text(column, row[column], unit) for column in extras)
        if withheld.any():
            cells.append("" if pd.isna(row[DISPLAY]) else str(row[DISPLAY]))
        rows.append(cells)
    return Table(header, rows, len(frame), labels=len(dimensions))


def notes_text(snapshot: ChartSnapshot, limit: int = NOTES_ROWS) -> str:
    """Speaker notes: the messages, the caption, then the numbers at full precision, one row
    a line, tab-separated, with the same column names as the CSV."""
    lines = [*snapshot.messages] if snapshot.messages else [snapshot.no_data]
    lines.append("")
    lines.append(snapshot.caption)
    frame = ordered_frame(snapshot)
    if frame.empty:
        return "\n".join(lines)
    columns = [c for c in frame.columns if c not in ("unit", "illustrative")]
    dimensions = dimension_columns(frame)
    lines.append("")
    if len(frame) > limit:
        lines.append(_("First {shown} of {total} rows; full numbers in the XLSX.").format(
            shown=format_number(limit), total=format_number(len(frame))))
    else:
        lines.append(_("Numbers ({unit}):").format(unit=unit_label(snapshot.indicator.unit)))
    lines.append("\t".join(columns))
    numeric = [c not in dimensions and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c]) for c in columns]
    for row in frame.head(limit)[columns].itertuples(index=False, name=None):
        lines.append("\t".join(precise_number(value) if is_number else _raw(value)
                               for value, is_number in zip(row, numeric, strict=True)))
    return "\n".join(lines)


def _raw(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _dimension_text(snapshot: ChartSnapshot, dimension: str, code) -> str:
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return _("Not given")
    if dimension in TIME:
        return period_text(code, dimension)
    return str(snapshot.names.get(dimension, {}).get(code, code))


def _extra_header(column: str, unit: str) -> str:
    if column == "target":
        return _("Target ({unit})").format(unit=unit_label(unit))
    if column == "gap_points":
        return _("Gap (points)")
    return _("Women needed")


def _extra_text(column: str, value, unit: str) -> str:
    if value is None or pd.isna(value):
        return ""
    if column == "target":
        return plain_number(value, unit)
    if column == "gap_points":
        return format_number(float(value), 1)
    return format_number(int(value))
