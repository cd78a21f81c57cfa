"""UGPS targets for the share of women by personnel category and year, with their sources.

Only values with a published source are official. A year between two sourced years is filled
by a straight line between them and labelled an estimate; no target is given outside the
sourced years (the full 2018-2028 table was not found, see ../shared/data/REFERENCE.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.i18n import N_

UGPS_URL = "https://peacekeeping.un.org/en/uniformed-gender-parity-strategy-2018-2018-full-text"
ACHIEVERS_URL = ("http://dd-floors.com/en/delegate/acknowledging-uniformed-gender-parity-"
                 "target-achievers")
FPU_2022_URL = ("https://police.un.org/en/unpol-component-un-assistance-mission-somalia-"
                "surpasses-gender-parity-targets-2028")
TARGETS_2028_URL = "https://elsiefund.org/un-strategies-eifund/"

# (target group, year) -> (percent of women, source). Each value is published.
SOURCED_TARGETS = {
    ("troops", 2021): (8.0, ACHIEVERS_URL),
    ("troops", 2028): (15.0, TARGETS_2028_URL),
    ("individual-military", 2021): (18.0, ACHIEVERS_URL),
    ("individual-military", 2028): (25.0, TARGETS_2028_URL),
    ("formed-police-units", 2022): (12.0, FPU_2022_URL),
    ("formed-police-units", 2028): (20.0, TARGETS_2028_URL),
    ("individual-police", 2028): (30.0, TARGETS_2028_URL),
}

# The UGPS groups personnel in four target groups: one target for staff officers and military
# experts on mission together ("individual military"). Justice and corrections personnel are
# not in the monthly reports.
UGPS_GROUPS = ("troops", "individual-military", "formed-police-units", "individual-police")
UGPS_GROUP_NAMES = {
    "troops": N_("Military contingents"),
    "individual-military": N_("Individual military (staff officers and experts)"),
    "formed-police-units": N_("Formed police units"),
    "individual-police": N_("Individual police officers"),
}
FINAL_YEAR = 2028
TARGET_GROUP = {
    "troops": "troops",
    "staff-officers": "individual-military",
    "experts-on-mission": "individual-military",
    "formed-police-units": "formed-police-units",
    "individual-police": "individual-police",
}
ESTIMATE_RULE = ("Targets for years between two published targets are estimates, on a "
                 "straight line between them; no target is shown outside the published years. "
                 "The UGPS covers 2018-2028.")


@dataclass(frozen=True)
class Target:
    percent: float
    official: bool  # False: an estimate between two published values
    source: str

    @property
    def status(self) -> str:
        return "official" if self.official else "estimate"


def ugps_target(category: str, year: int) -> Target | None:
    """The UGPS target for this category and year, or None where none is published or implied."""
    group = TARGET_GROUP.get(category)
    return None if group is None else group_target(group, year)


def group_target(group: str, year: int) -> Target | None:
    """The UGPS target for a target group (UGPS_GROUPS) and year, or None."""
    if (group, year) in SOURCED_TARGETS:
        percent, source = SOURCED_TARGETS[(group, year)]
        return Target(percent, True, source)
    years = sorted(y for g, y in SOURCED_TARGETS if g == group)
    before = [y for y in years if y < year]
    after = [y for y in years if y > year]
    if not before or not after:
        return None
    low, high = before[-1], after[0]
    low_percent = SOURCED_TARGETS[(group, low)][0]
    high_percent = SOURCED_TARGETS[(group, high)][0]
    percent = low_percent + (high_percent - low_percent) * (year - low) / (high - low)
    return Target(round(percent, 2), False, UGPS_URL)


def final_target(group: str) -> Target | None:
    """The end-of-strategy (2028) target of a target group."""
    return group_target(group, FINAL_YEAR)
