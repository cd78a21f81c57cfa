"""Generate the ILLUSTRATIVE Light Coordination Mechanism loop: capability gaps, the pledges
that answer them (some by two providers, some by none) and the effect delivered support has
on the recipient unit's later evaluations, which is built in here, on purpose and by name."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from typing import TYPE_CHECKING

from indicators.illustrative_draws import day_in, rng

if TYPE_CHECKING:  # only for annotations: the generator's main module imports this one
    from indicators.illustrative import Context, Unit

# ILLUSTRATIVE: the points every key-factor score of a unit gains once support reaches it. A
# constant, so the page can say what the difference in differences should find (it is the
# generator's choice, not an estimate of anything real).
SUPPORT_EFFECT = 6.0
ANSWERED_SHARE = 0.6  # gaps that get at least one pledge; the rest stay unmatched
# Of the answered gaps, those a second provider also pledges for: the duplicated offers the
# LCM exists to avoid.
DUPLICATED_SHARE = 0.3

# ILLUSTRATIVE: countries drawn at random as partnership providers; no real pledge is implied.
PARTNER_PROVIDERS = (
    "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "ITA", "JPN", "KOR", "NLD", "NOR",
    "SWE", "USA",
)
CAPABILITY_AREAS = (
    "medical", "engineering", "aviation", "signals", "riverine", "maintenance", "transport",
    "counter-ied", "training",
)
# Typical partnership value (USD) range by capability area: aircraft cost more than courses.
VALUE_RANGES_USD = {
    "medical": (150_000, 2_500_000),
    "engineering": (300_000, 4_000_000),
    "aviation": (1_000_000, 12_000_000),
    "signals": (100_000, 1_500_000),
    "riverine": (400_000, 3_000_000),
    "maintenance": (100_000, 1_200_000),
    "transport": (200_000, 2_500_000),
    "counter-ied": (250_000, 3_000_000),
    "training": (50_000, 800_000),
}


def build_gaps(context: Context, seed: int) -> list[dict]:
    """Two to six capability gaps per mission, opened while it was deployed; some closed."""
    rows = []
    for mission, months in context.months.items():
        draw = rng(seed, "gaps", mission)
        # Gaps open in the first three quarters of the window so some can close in it.
        openable = months[: max(1, math.ceil(len(months) * 0.75))]
        for _ in range(draw.randint(2, 6)):
            opened = day_in(draw, draw.choice(openable))
            rows.append({
                "id": len(rows) + 1, "mission": mission,
                "capability_area": draw.choice(CAPABILITY_AREAS),
                "severity": draw.choices(("low", "medium", "high"), weights=(3, 4, 2))[0],
                "opened_on": opened, "closed_on": None,
            })
    return rows


def build_partnerships(context: Context, units: list[Unit], gaps: list[dict],
                       seed: int) -> list[dict]:
    """Pledges answering about 60 % of gaps (about a third of those by two providers for the
    same unit), plus a few training partnerships per mission.

    A delivered partnership closes its gap soon after; gaps without one close more slowly.
    """
    units_by_mission: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        units_by_mission[unit.mission].append(unit)
    rows: list[dict] = []
    for gap in gaps:
        draw = rng(seed, "partnership", gap["id"])
        answers: list[dict] = []
        if draw.random() < ANSWERED_SHARE:
            offers = 2 if draw.random() < DUPLICATED_SHARE else 1
            mission, area = gap["mission"], gap["capability_area"]
            for _ in range(offers):
                row = _partnership(context, draw, units_by_mission[mission], mission, area,
                                   gap["opened_on"], gap["id"], len(rows) + 1,
                                   answers[0] if answers else None)
                if row is not None:
                    rows.append(row)
                    answers.append(row)
        gap["closed_on"] = _gap_closing(context, draw, gap, answers)
    for mission, months in context.months.items():
        draw = rng(seed, "training-partnerships", mission)
        for _ in range(draw.randint(0, 2)):
            start = day_in(draw, draw.choice(months))
            row = _partnership(context, draw, units_by_mission[mission], mission, "training",
                               start, None, len(rows) + 1)
            if row is not None:
                rows.append(row)
    return rows


def _partnership(context: Context, draw: random.Random, units: list[Unit], mission: str,
                 area: str, start: dt.date, gap_id: int | None, row_id: int,
                 duplicate_of: dict | None = None) -> dict | None:
    """One pledge; `duplicate_of`: an earlier pledge for the same gap, whose recipient unit
    this one offers to as well, from another provider."""
    pledged = start + dt.timedelta(days=draw.randint(15, 120))
    if pledged > context.last_day:
        return None
    if duplicate_of is not None:
        unit_label, recipient = duplicate_of["recipient_unit"], duplicate_of["recipient_iso3"]
        taken = {recipient, duplicate_of["provider_iso3"]}
    else:
        # Prefer a unit of the capability in question; any unit of the mission will do.
        candidates = [u for u in units if pledged.year in u.years]
        matching = [u for u in candidates if u.area == area]
        unit = draw.choice(matching or candidates) if candidates else None
        unit_label = unit.label if unit is not None else None
        recipient = unit.country if unit is not None else draw.choice(context.countries[mission])
        taken = {recipient}
    provider = draw.choice([c for c in PARTNER_PROVIDERS if c not in taken])
    matched = pledged + dt.timedelta(days=draw.randint(30, 180))
    delivered = matched + dt.timedelta(days=draw.randint(60, 300))
    if draw.random() > 0.85 or matched > context.last_day:
        matched = delivered = None
    elif draw.random() > 0.8 or delivered > context.last_day:
        delivered = None
    status = "delivered" if delivered else "matched" if matched else "pledged"
    low, high = VALUE_RANGES_USD[area]
    return {
        "id": row_id, "provider_iso3": provider, "recipient_iso3": recipient,
        "capability_area": area, "gap_id": gap_id, "status": status,
        "value_usd": int(round(draw.uniform(low, high), -3)),
        "pledged_on": pledged, "matched_on": matched, "delivered_on": delivered,
        "recipient_mission": mission if unit_label is not None else None,
        "recipient_unit": unit_label,
        "score_before": None, "score_after": None,
    }


def _gap_closing(context: Context, draw: random.Random, gap: dict,
                 answers: list[dict]) -> dt.date | None:
    deliveries = [row["delivered_on"] for row in answers if row["delivered_on"] is not None]
    if deliveries:
        closed = min(deliveries) + dt.timedelta(days=draw.randint(0, 60))
    elif draw.random() < 0.35:
        closed = gap["opened_on"] + dt.timedelta(days=draw.randint(180, 900))
    else:
        return None
    return closed if closed <= context.last_day else None


def first_deliveries(partnerships: list[dict]) -> dict[tuple[str, str], dt.date]:
    """(mission, unit) -> the day support first reached the unit: from then on its scores
    carry SUPPORT_EFFECT (a second delivery adds nothing more)."""
    first: dict[tuple[str, str], dt.date] = {}
    for row in partnerships:
        if row["delivered_on"] is not None and row["recipient_unit"] is not None:
            key = (row["recipient_mission"], row["recipient_unit"])
            first[key] = min(first.get(key, row["delivered_on"]), row["delivered_on"])
    return first


def fill_before_after(partnerships: list[dict], evaluations: list[dict]) -> None:
    """Copy the recipient unit's last score before delivery and first score after it."""
    by_unit: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in evaluations:
        by_unit[row["mission"], row["unit"]].append(row)
    for row in partnerships:
        if row["delivered_on"] is None or row["recipient_unit"] is None:
            continue
        history = sorted(by_unit.get((row["recipient_mission"], row["recipient_unit"]), []),
                         key=lambda e: e["evaluated_on"])
        before = [e for e in history if e["evaluated_on"] <= row["delivered_on"]]
        after = [e for e in history if e["evaluated_on"] > row["delivered_on"]]
        row["score_before"] = before[-1]["overall_score"] if before else None
        row["score_after"] = after[0]["overall_score"] if after else None
