"""What every importer shares: the rejection error, the parsed result, and strict cell readers.

An importer reads a whole file into a `ParsedFile` without touching the database, so a bad file
is rejected before anything is written. Row numbers in messages are the file's own line numbers
(the header is row 1), so a person can open the file and find the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ImportRejected(Exception):
    """A file was refused as a whole; the message names file, row, column and reason."""

    def __init__(self, file: str, reason: str, row: int | None = None, column: str | None = None):
        self.file, self.reason, self.row, self.column = file, reason, row, column
        where = [file]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {reason}")


@dataclass
class ParsedFile:
    """Everything an importer found in one file, ready to be written in one transaction.

    `tables` maps a model class to its rows, in an order that respects foreign keys.
    `set_aside` counts rows left out by each documented rule; rows_read = loaded + set aside.
    """

    rows_read: int
    tables: dict[type, list[dict[str, Any]]]
    set_aside: dict[str, int] = field(default_factory=dict)
    missions: dict[str, dict[str, Any]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> name as published
    months: set[dt.date] = field(default_factory=set)
    coverage_start: dt.date | None = None
    coverage_end: dt.date | None = None
    as_of: dt.date | None = None  # when the file states its own date

    @property
    def rows_set_aside(self) -> int:
        return sum(self.set_aside.values())

    @property
    def rows_loaded(self) -> int:
        return self.rows_read - self.rows_set_aside


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


class CellReader:
    """Strict conversions of text cells, raising ImportRejected that point at the cell."""

    def __init__(self, file_name: str):
        self.file = file_name

    def reject(self, reason: str, row: int | None = None, column: str | None = None):
        raise ImportRejected(self.file, reason, row, column)

    def text(self, value: str | None, row: int, column: str, required: bool = True) -> str | None:
        cleaned = (value or "").strip()
        if not cleaned:
            if required:
                self.reject("a value is required but the cell is empty", row, column)
            return None
        return cleaned

    def integer(self, value: str | None, row: int, column: str, required: bool = True,
                missing: tuple[str, ...] = ("", "NA")) -> int | None:
        cleaned = (value or "").strip()
        if cleaned in missing:
            if required:
                self.reject("a number is required but the cell is empty", row, column)
            return None
        try:
            number = float(cleaned)
        except ValueError:
            self.reject(f"expected a whole number, found {cleaned!r}", row, column)
        if not number.is_integer() or number < 0:
            self.reject(f"expected a whole number of at least 0, found {cleaned!r}", row, column)
        return int(number)

    def decimal(self, value: str | None, row: int, column: str, required: bool = True,
                missing: tuple[str, ...] = ("", "NA")) -> float | None:
        cleaned = (value or "").strip()
        if cleaned in missing:
            if required:
                self.reject("a number is required but the cell is empty", row, column)
            return None
        try:
            return float(cleaned.replace(",", "."))
        except ValueError:
            self.reject(f"expected a number, found {cleaned!r}", row, column)

    def date(self, value: str | None, row: int, column: str,
             required: bool = True) -> dt.date | None:
        cleaned = (value or "").strip()
        if not cleaned:
            if required:
                self.reject("a date is required but the cell is empty", row, column)
            return None
        try:
            return dt.date.fromisoformat(cleaned)
        except ValueError:
            self.reject(f"expected a date as YYYY-MM-DD, found {cleaned!r}", row, column)

    def code(self, value: str | None, row: int, column: str, allowed: dict[str, Any]) -> Any:
        """Map a published code to ours; an unknown code rejects the file."""
        cleaned = value if value is not None else ""
        if cleaned not in allowed:
            known = ", ".join(repr(k) for k in allowed)
            self.reject(f"unknown code {cleaned!r} (known: {known})", row, column)
        return allowed[cleaned]


MISSION_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9 .\-]{1,23}$")


def check_mission(cells: CellReader, value: str | None, row: int, column: str) -> str:
    acronym = cells.text(value, row, column)
    if not MISSION_ACRONYM.match(acronym):
        cells.reject(f"{acronym!r} is not a mission acronym", row, column)
    return acronym


def header_problem(expected: list[str], found: list[str]) -> str | None:
    """What is wrong with a file's header row, in words; None when it is `expected`."""
    if found == expected:
        return None
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    detail = []
    if missing:
        detail.append(f"missing columns {missing}")
    if extra:
        detail.append(f"unexpected columns {extra}")
    if not detail:
        detail.append("columns are in a different order")
    return "wrong header: " + "; ".join(detail)


def read_csv(path: Path, expected_header: list[str], encoding: str = "utf-8-sig"
             ) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, cells) for each data row, after checking header and field counts.

    A row with fewer or more fields than the header means a damaged or truncated file, so the
    whole file is refused rather than guessing which cells shifted.
    """
    name = path.name
    if _lacks_final_line_break(path):
        # Every official CSV ends with a line break; a file that stops mid-line was cut off,
        # even when the last row still has the right number of fields.
        raise ImportRejected(name, "the file does not end with a line break (truncated?)")
    try:
        with open(path, newline="", encoding=encoding) as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise ImportRejected(name, "the file is empty (no header row)", row=1)
            problem = header_problem(expected_header, header)
            if problem:
                raise ImportRejected(name, problem, row=1)
            for row_number, cells in enumerate(reader, start=2):
                if len(cells) != len(header):
                    raise ImportRejected(
                        name,
                        f"expected {len(header)} fields, found {len(cells)}"
                        " (the file is damaged or truncated)",
                        row=row_number,
                    )
                yield row_number, dict(zip(header, cells, strict=True))
    except UnicodeDecodeError as error:
        raise ImportRejected(name, f"not readable as {encoding} text ({error.reason})") from error
    except csv.Error as error:
        raise ImportRejected(name, f"not a valid CSV file ({error})") from error


def _lacks_final_line_break(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return False  # an empty file gets its own message
        handle.seek(-1, 2)
        return handle.read(1) not in (b"\n", b"\r")
