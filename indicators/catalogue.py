"""The indicator catalogue: every indicator, declared once in its measures module, by slug."""

from __future__ import annotations

from indicators.indicator import Indicator
from indicators.measures import (
    capabilities,
    conduct,
    fatalities,
    lcm,
    mandates,
    performance,
    personnel,
    technology,
)

MEASURE_MODULES = (personnel, capabilities, performance, fatalities, conduct, mandates,
                  technology, lcm)


def _collect() -> dict[str, Indicator]:
    catalogue: dict[str, Indicator] = {}
    for module in MEASURE_MODULES:
        for indicator in module.INDICATORS:
            if indicator.slug in catalogue:
                raise ValueError(f"indicator {indicator.slug} is declared twice")
            catalogue[indicator.slug] = indicator
    return catalogue


CATALOGUE: dict[str, Indicator] = _collect()
