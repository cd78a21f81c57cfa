"""Hold a report's rows to the totals it prints: grand total, mission, country and
country-within-mission subtotals. Any difference is named (file, mission or country, figures).
"""

from __future__ import annotations

from collections import defaultdict

from indicators.importers.un_monthly.report import ZERO, Counts, ReportTables


def total_differences(tables: ReportTables) -> list[str]:
    """Every printed total that the rows do not add up to, in words; empty when all agree."""
    problems: list[str] = []
    by_mission: dict[str, Counts] = defaultdict(lambda: ZERO)
    by_country: dict[str, Counts] = defaultdict(lambda: ZERO)
    by_pair: dict[tuple[str, str], Counts] = defaultdict(lambda: ZERO)
    overall = ZERO
    for line in tables.lines:
        overall = overall + line.counts
        by_country[line.country] = by_country[line.country] + line.counts
        if line.mission is not None:
            by_mission[line.mission] = by_mission[line.mission] + line.counts
            by_pair[(line.country, line.mission)] = by_pair[(line.country, line.mission)] \
                + line.counts
    if tables.grand_total is not None:
        problems += _compare("the grand total", tables.grand_total, overall)
    for mission, printed in sorted(tables.mission_totals.items()):
        problems += _compare(f"mission {mission}", printed, by_mission.get(mission, ZERO))
    for country, printed in sorted(tables.country_totals.items()):
        problems += _compare(f"country {country}", printed, by_country.get(country, ZERO))
    for (country, mission), printed in sorted(tables.country_mission_totals.items()):
        problems += _compare(f"{country} in {mission}", printed,
                             by_pair.get((country, mission), ZERO))
    return problems


def _compare(what: str, printed: Counts, summed: Counts) -> list[str]:
    wrong = []
    for part in ("total", "men", "women"):
        expected, found = getattr(printed, part), getattr(summed, part)
        if expected is None or found is None:
            continue
        if expected != found:
            wrong.append(f"{part} printed {expected:,}, rows add up to {found:,} "
                         f"(difference {found - expected:+,})")
    if not wrong:
        return []
    return [f"{what}: " + "; ".join(wrong)]
