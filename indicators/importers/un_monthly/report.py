"""What one monthly report holds once read: its table rows and the totals it prints itself.

A layout module reads the page words into a `ReportTables`; the checks in `totals.py` then hold
the rows to the report's own printed totals before anything reaches the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Our personnel categories (personnel_category.slug), by every label the reports print.
# Compared after lower-casing and squeezing spaces; 'staff officer' first appears in 2017-05.
CATEGORY_LABELS = {
    "contingent troop": "troops",
    "contingent troops": "troops",
    "contingent": "troops",
    "troops": "troops",
    "troop": "troops",
    "experts on mission": "experts-on-mission",
    "experts": "experts-on-mission",
    "unmem": "experts-on-mission",
    "individual police": "individual-police",
    "police": "individual-police",
    "ind police": "individual-police",
    "unpol": "individual-police",
    "formed police units": "formed-police-units",
    "formed police unit": "formed-police-units",
    "fpu": "formed-police-units",
    "staff officer": "staff-officers",
    "staff officers": "staff-officers",
    "staff": "staff-officers",
    "mso": "staff-officers",
}


def category_of(label: str) -> str | None:
    """Our category slug for a printed personnel-type label, or None if it is not one."""
    return CATEGORY_LABELS.get(re.sub(r"\s+", " ", label.strip().lower()))


@dataclass(frozen=True)
class Counts:
    """Men, women and total as printed. Women/men are None where the report has no gender."""

    men: int | None
    women: int | None
    total: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(_add(self.men, other.men), _add(self.women, other.women),
                      self.total + other.total)


ZERO = Counts(0, 0, 0)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


@dataclass(frozen=True)
class ReportLine:
    """One printed row: a country's personnel of one type in one mission (or no mission)."""

    mission: str | None  # the acronym as printed; None where the layout prints no mission
    country: str  # the name as printed (it may be truncated or wrapped)
    category: str  # our slug, see CATEGORY_LABELS
    counts: Counts
    page: int  # 1-based page the row was read from


@dataclass
class ReportTables:
    """Everything read from one report, before country names are resolved to codes.

    Printed totals are kept as printed so they can be checked against the rows: a total the
    layout does not print is left out (None or an empty dict), never computed here.
    """

    layout: str
    report_date: dt.date | None  # as printed in the file; None when the file prints none
    lines: list[ReportLine] = field(default_factory=list)
    grand_total: Counts | None = None
    mission_totals: dict[str, Counts] = field(default_factory=dict)
    country_totals: dict[str, Counts] = field(default_factory=dict)
    # (country as printed, mission) -> the country's printed subtotal within the mission
    country_mission_totals: dict[tuple[str, str], Counts] = field(default_factory=dict)
    has_missions: bool = True  # False: the report gives country x type only
    has_gender: bool = True  # False: the report gives totals only (2023-09)
