"""One importer per official file format; each module has `OWNS` (its tables) and `parse(path)`."""

from __future__ import annotations

import importlib
from types import ModuleType

IMPORTER_MODULES = (
    "un_pko_missions",
    "ipi_mission_totals",
    "ipi_gender",
    "un_fatalities",
    "un_sea_allegations",
    "geo_pko_locations",
    "geo_pko_unit_types",
    "un_monthly",
    "unpmm_mandates",
)


def importer_for(name: str) -> ModuleType:
    """The importer module named in the manifest (indicators/importers/<name>.py)."""
    if name not in IMPORTER_MODULES:
        raise KeyError(f"no importer named {name!r}; known: {', '.join(IMPORTER_MODULES)}")
    return importlib.import_module(f"indicators.importers.{name}")
