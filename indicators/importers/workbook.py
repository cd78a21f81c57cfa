"""Reading one sheet of an xlsx workbook for an importer: the rows as values, cells as text,
and the header checked, with a damaged file refused as a whole."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from indicators.importers.base import CellReader, ImportRejected, header_problem

# Anything openpyxl raises on a damaged or foreign file: a truncated zip, a missing part, bad
# XML; at opening, or later while it reads lazily.
READ_ERRORS = (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError,
               SyntaxError, EOFError, zlib.error)


def read_sheet(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    """All rows of `sheet`; openpyxl reads lazily, so reading happens inside the guard."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except READ_ERRORS as error:
        raise _unreadable(path, error) from error
    try:
        if sheet not in workbook.sheetnames:
            raise ImportRejected(path.name, f"the workbook has no sheet named {sheet!r} "
                                            f"(sheets: {', '.join(workbook.sheetnames)})")
        return list(workbook[sheet].iter_rows(values_only=True))
    except READ_ERRORS as error:
        raise _unreadable(path, error) from error
    finally:
        workbook.close()


def _unreadable(path: Path, error: Exception) -> ImportRejected:
    return ImportRejected(path.name, "not a readable xlsx workbook (damaged or truncated?): "
                                     f"{type(error).__name__}: {error}")


def cell_text(value: Any) -> str:
    """A cell as text: 12.0 as "12", and a line break Excel stored as CR LF as one."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def check_header(cells: CellReader, values: tuple[Any, ...], expected: list[str]) -> None:
    """Refuse the file unless its first row is `expected` (openpyxl pads rows to the sheet's
    width, so trailing empty cells do not count)."""
    header = [cell_text(v) for v in values]
    while header and not header[-1]:
        header.pop()
    problem = header_problem(expected, header)
    if problem:
        cells.reject(problem, row=1)
