"""Reading exported files back: slide text, shapes by name, tables, notes, PDF pages."""

from __future__ import annotations

import io

from pptx import Presentation
from pypdf import PdfReader

from dashboard.exports.citing import illustrative_mark


def deck(content: bytes):
    return Presentation(io.BytesIO(content))


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def shape_named(slide, name: str):
    return next((shape for shape in slide.shapes if shape.name == name), None)


def table_rows(slide) -> list[list[str]]:
    """The native table on a slide (header first), or [] when there is none."""
    shape = shape_named(slide, "Numbers")
    if shape is None:
        return []
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def notes_numbers(slide) -> list[dict[str, str]]:
    """The tab-separated numbers in a slide's notes, as rows keyed by CSV column name."""
    lines = notes(slide).splitlines()
    start = next(i for i, line in enumerate(lines) if "\tvalue" in line or
                 line.startswith("value\t"))
    header = lines[start].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[start + 1:]
            if line]


def marked(slide) -> bool:
    return illustrative_mark() in slide_text(slide)


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def number(text: str) -> float:
    """'83,279' or '10.2' (English formats) as a float."""
    return float(text.replace(",", ""))
