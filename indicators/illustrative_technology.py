"""Generate the ILLUSTRATIVE technology-capability records (A4P technology agenda, no public data).

A separate module with its own random streams (keyed "technology"), so adding it changed no
number in the other generated tables. Units are the contingent units a deployment fields (the
same unit sizes as the unit evaluations); each year every unit is assessed once per area.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable

# The four areas the A4P technology agenda names (Strategy for the Digital Transformation of
# UN Peacekeeping, 2021; A4P+ priorities, 2021): slug -> (starting share at the standard, yearly
# gain). ILLUSTRATIVE: the shares are the generator's choice; drones start lowest, radios
# highest, as the public documents describe the gaps.
TECHNOLOGY_AREAS = {
    "camp-security": (0.62, 0.035),
    "situational-awareness": (0.48, 0.045),
    "field-communications": (0.78, 0.02),
    "unmanned-aerial-systems": (0.30, 0.05),
}
# Contingent units only: individual police, observers and staff officers field no unit.
UNIT_SIZE = {"troops": 800, "formed-police-units": 140}
MAX_UNITS = 6  # per country, mission and year: keeps one large contingent from dominating

RngFor = Callable[..., random.Random]


def build_technology(pair_years: Iterable, first_year: int, seed: int,
                     rng_for: RngFor) -> list[dict]:
    """One row per mission, contributing country, year and technology area.

    `pair_years` are the generator's PairYear deployments; `rng_for(seed, *key)` is its seeded
    stream factory, called only with keys starting "technology".
    """
    units: dict[tuple[str, str, int], int] = defaultdict(int)
    for pair in pair_years:
        size = UNIT_SIZE.get(pair.category)
        if size:
            units[pair.mission, pair.country, pair.year] += max(1, math.ceil(pair.size / size))
    country_effect: dict[str, float] = {}
    rows = []
    for (mission, country, year), count in sorted(units.items()):
        if country not in country_effect:
            country_effect[country] = rng_for(seed, "technology", country).gauss(0, 0.08)
        rng = rng_for(seed, "technology", mission, country, year)
        for area, (start, gain) in TECHNOLOGY_AREAS.items():
            share = start + gain * (year - first_year) + country_effect[country]
            share = min(0.97, max(0.05, share + rng.gauss(0, 0.04)))
            assessed = min(count, MAX_UNITS)
            rows.append({
                "mission": mission, "country_iso3": country, "year": year,
                "technology_area": area, "units": assessed,
                "at_standard": sum(1 for _ in range(assessed) if rng.random() < share),
            })
    return rows
