"""Which of the report's page layouts a file uses, and the module that reads it.

Each layout module has `CODE`, `recognise(pages) -> bool` (from the first page's headings) and
`parse(pages) -> ReportTables`. The first module that recognises a file reads it, so a more
particular layout is listed before a more general one.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from indicators.importers.un_monthly.pdf_text import Page

LAYOUT_MODULES = (
    "layout_a2",
    "layout_a",
    "layout_d",
    "layout_e",
    "layout_f",
    "layout_gh",
    "layout_b",
    "layout_j",
    "layout_i",
    "layout_c",
)


def layout_modules() -> list[ModuleType]:
    return [importlib.import_module(f"indicators.importers.un_monthly.{name}")
            for name in LAYOUT_MODULES]


def layout_for(pages: list[Page]) -> ModuleType | None:
    """The module that reads this report's layout, or None when no module recognises it."""
    for module in layout_modules():
        if module.recognise(pages):
            return module
    return None
