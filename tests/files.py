"""Helpers for tests: write small CSV files by hand, and snapshot every table of a database."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from sqlalchemy import Engine, select

from indicators.models import Base


def write_csv(path: Path, header: list[str], rows: list[list], line_end: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator=line_end)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_workbook(path: Path, sheet: str, header: list[str], rows: list[dict]) -> Path:
    """An xlsx file with one sheet: the header, then each row's values in header order."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(header)
    for row in rows:
        worksheet.append([row.get(column) for column in header])
    workbook.save(path)
    return path


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order: equal snapshots mean an unchanged DB."""
    result = {}
    with engine.connect() as conn:
        for name, table in sorted(Base.metadata.tables.items()):
            order = list(table.primary_key.columns) or list(table.columns)
            result[name] = [tuple(row) for row in conn.execute(select(table).order_by(*order))]
    return result
