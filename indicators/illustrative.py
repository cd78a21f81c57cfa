"""Generate deterministic ILLUSTRATIVE data for domains with no public data (training, unit
evaluations, 10-1-2 medical response, capability gaps, partnerships, POC alerts, technology
capability).

The generator hangs its records on the real country–mission–category deployments found in the
database, so the generated panels can be filtered like the real ones. Same deployments and
same seed give the same rows, byte for byte; every row is marked illustrative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, insert, select

from indicators.illustrative_draws import clip as _clip
from indicators.illustrative_draws import day_in as _day_in
from indicators.illustrative_draws import rng as _rng
from indicators.illustrative_lcm import (
    SUPPORT_EFFECT,
    build_gaps,
    build_partnerships,
    fill_before_after,
    first_deliveries,
)
from indicators.illustrative_technology import build_technology
from indicators.importers.load import (
    ImportOutcome,
    ensure_countries,
    ensure_missions,
    ensure_months,
)
from indicators.measures.personnel_rows import personnel_rows
from indicators.models.dimensions import Month
from indicators.models.illustrative import (
    KEY_FACTORS,
    RATING_THRESHOLDS,
    CapabilityGap,
    InMissionTraining,
    MedicalResponse,
    Partnership,
    PocAlert,
    TechnologyCapability,
    Training,
    UnitEvaluation,
)
from indicators.models.provenance import ImportLog, SourceVersion
from indicators.transactions import Bind, writing

SOURCE_SLUG = "illustrative"
# Bump when the generation rules change, so a stored data set is regenerated.
# 2: technology capability added; the other tables are unchanged. 3: the LCM loop
# (indicators.illustrative_lcm): duplicated offers, and one named effect of support.
GENERATOR_VERSION = "3"
DEFAULT_SEED = 20181

# Parents before children, for foreign keys (partnership points at capability_gap).
GENERATED_TABLES: tuple[type, ...] = (
    Training,
    InMissionTraining,
    CapabilityGap,
    UnitEvaluation,
    Partnership,
    MedicalResponse,
    PocAlert,
    TechnologyCapability,
)

# How many calendar years, ending with the newest deployment month, get generated records.
WINDOW_YEARS = 6

# ILLUSTRATIVE: used only when the deployment table is empty (a fresh offline install), so
# the generated panels still have something to show. Plausible pairs, not real figures:
# (country ISO3, mission, category, headcount held constant over the fallback window).
FALLBACK_PAIRS: tuple[tuple[str, str, str, int], ...] = (
    ("RWA", "MINUSCA", "troops", 2100),
    ("PAK", "MINUSCA", "troops", 1300),
    ("BGD", "MINUSCA", "troops", 1400),
    ("EGY", "MINUSCA", "formed-police-units", 280),
    ("SEN", "MINUSCA", "formed-police-units", 300),
    ("RWA", "MINUSCA", "individual-police", 40),
    ("PAK", "MONUSCO", "troops", 1900),
    ("IND", "MONUSCO", "troops", 1900),
    ("ZAF", "MONUSCO", "troops", 1100),
    ("BGD", "MONUSCO", "formed-police-units", 180),
    ("IND", "UNMISS", "troops", 2400),
    ("CHN", "UNMISS", "troops", 1050),
    ("NPL", "UNMISS", "troops", 1700),
    ("GHA", "UNMISS", "formed-police-units", 160),
    ("GHA", "UNMISS", "experts-on-mission", 10),
    ("ITA", "UNIFIL", "troops", 1100),
    ("IDN", "UNIFIL", "troops", 1200),
    ("GHA", "UNIFIL", "troops", 870),
    ("FRA", "UNIFIL", "staff-officers", 20),
)
FALLBACK_MISSION_NAMES = {
    "MINUSCA": "United Nations Multidimensional Integrated Stabilization Mission in the "
               "Central African Republic",
    "MONUSCO": "United Nations Organization Stabilization Mission in the Democratic Republic "
               "of the Congo",
    "UNMISS": "United Nations Mission in the Republic of South Sudan",
    "UNIFIL": "United Nations Interim Force in Lebanon",
}
FALLBACK_LAST_MONTH = dt.date(2024, 12, 1)

# Enabling units a contingent may field beyond its first (infantry) unit, by capability area.
ENABLER_UNITS = {
    "medical": "level II hospital",
    "engineering": "engineering company",
    "aviation": "aviation unit",
    "signals": "signals company",
    "riverine": "riverine unit",
    "maintenance": "maintenance company",
    "transport": "transport company",
    "counter-ied": "counter-IED company",
}
COURSE_AREAS = (
    "protection-of-civilians", "conduct-and-discipline", "sea-prevention", "buddy-first-aid",
    "counter-ied", "human-rights", "gender", "safety-and-security",
)
POC_STANDARD_HOURS = (2, 4, 6, 12)
# Headcount per evaluated unit, and the smallest deployment that forms a unit at all.
UNIT_SIZE = {"troops": 800, "formed-police-units": 140}
MIN_UNIT_HEADCOUNT = {"troops": 40, "formed-police-units": 60}
MAX_UNITS_PER_PAIR = 3


@dataclass(frozen=True, order=True)
class PairYear:
    """A real (or fallback) deployment: one country's personnel in a mission and category."""

    country: str
    mission: str
    category: str
    year: int
    size: int  # the year's peak headcount


@dataclass(frozen=True)
class Inputs:
    """Everything the generator reads; its fingerprint decides whether to regenerate."""

    pair_years: tuple[PairYear, ...]
    mission_months: tuple[tuple[str, dt.date], ...]
    first_month: dt.date
    last_month: dt.date
    fallback: bool

    def fingerprint(self, seed: int) -> str:
        document = {
            "generator": GENERATOR_VERSION,
            "seed": seed,
            "window": [self.first_month.isoformat(), self.last_month.isoformat()],
            "pairs": [[p.country, p.mission, p.category, p.year, p.size]
                      for p in self.pair_years],
            "mission_months": [[m, month.isoformat()] for m, month in self.mission_months],
        }
        encoded = json.dumps(document, separators=(",", ":"), sort_keys=True)
        return hashlib.sha256(encoded.encode()).hexdigest()


@dataclass
class Unit:
    country: str
    mission: str
    category: str
    label: str
    area: str  # capability area the unit provides ("infantry" or "police" for line units)
    years: tuple[int, ...]


@dataclass
class Generated:
    """Rows per generated table, plus the dimension rows they need."""

    tables: dict[type, list[dict]] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)
    months: set[dt.date] = field(default_factory=set)

    @property
    def rows(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass(frozen=True)
class GenerationOutcome(ImportOutcome):
    """An ImportOutcome with the number of rows generated per table."""

    tables: dict[str, int] = field(default_factory=dict)


def generate(bind: Bind, seed: int = DEFAULT_SEED) -> GenerationOutcome:
    """Regenerate every illustrative table in one transaction (or a build's savepoint), unless
    inputs and seed are the ones already stored (then nothing is written and the status is
    "unchanged")."""
    started = _now()
    with writing(bind) as conn:
        inputs = read_inputs(conn)
        fingerprint = inputs.fingerprint(seed)
        current = conn.execute(
            select(SourceVersion.sha256).where(SourceVersion.source == SOURCE_SLUG)
        ).scalar_one_or_none()
        if current == fingerprint:
            return GenerationOutcome(SOURCE_SLUG, "unchanged", "generator",
                                     message="the same inputs and seed are already generated")
        generated = build(inputs, seed)
        status = "replaced" if current is not None else "loaded"
        _ensure_dimensions(conn, inputs, generated)
        _replace_tables(conn, generated)
        counts = {model.__tablename__: len(generated.tables[model]) for model in GENERATED_TABLES}
        _record(conn, inputs, seed, fingerprint, generated.rows, counts, status, started)
    return GenerationOutcome(SOURCE_SLUG, status, "generator", generated.rows, generated.rows,
                             message=_describe(inputs, seed), tables=counts)


# --- reading the inputs ---------------------------------------------------------------------

def read_inputs(conn: Connection) -> Inputs:
    """Deployments of the last WINDOW_YEARS years in the database, or the fallback pairs."""
    # Real deployments with a mission: the UN reports' months without mission detail give no
    # country-mission pairs to generate records for.
    d = personnel_rows("deployments")
    with_mission = (d.c.mission.is_not(None), d.c.total > 0)
    newest = conn.execute(select(func.max(d.c.month)).where(*with_mission)).scalar_one_or_none()
    if newest is None:
        return fallback_inputs()
    first = dt.date(newest.year - WINDOW_YEARS + 1, 1, 1)
    peak = func.max(d.c.total)
    pair_rows = conn.execute(
        select(d.c.country_iso3, d.c.mission, d.c.category, Month.year, peak)
        .join(Month, Month.month == d.c.month)
        .where(d.c.month >= first, *with_mission)
        .group_by(d.c.country_iso3, d.c.mission, d.c.category, Month.year)
        .order_by(d.c.country_iso3, d.c.mission, d.c.category, Month.year)
    ).all()
    mission_months = conn.execute(
        select(d.c.mission, d.c.month)
        .where(d.c.month >= first, *with_mission)
        .distinct()
        .order_by(d.c.mission, d.c.month)
    ).all()
    return Inputs(
        pair_years=tuple(PairYear(*row) for row in pair_rows),
        mission_months=tuple((mission, month) for mission, month in mission_months),
        first_month=first,
        last_month=newest,
        fallback=False,
    )


def fallback_inputs() -> Inputs:
    last = FALLBACK_LAST_MONTH
    first = dt.date(last.year - WINDOW_YEARS + 1, 1, 1)
    years = range(first.year, last.year + 1)
    pair_years = sorted(
        PairYear(country, mission, category, year, size)
        for country, mission, category, size in FALLBACK_PAIRS for year in years
    )
    months = _months_between(first, last)
    missions = sorted({mission for _, mission, _, _ in FALLBACK_PAIRS})
    return Inputs(
        pair_years=tuple(pair_years),
        mission_months=tuple((mission, month) for mission in missions for month in months),
        first_month=first,
        last_month=last,
        fallback=True,
    )


# --- building the rows ----------------------------------------------------------------------

def build(inputs: Inputs, seed: int) -> Generated:
    """All generated rows; a pure function of the inputs and the seed."""
    generated = Generated()
    context = Context(inputs)
    units = build_units(inputs, seed)
    gaps = build_gaps(context, seed)
    partnerships = build_partnerships(context, units, gaps, seed)
    evaluations = build_evaluations(context, units, partnerships, seed)
    fill_before_after(partnerships, evaluations)
    generated.tables = {
        Training: build_training(inputs, seed),
        InMissionTraining: build_in_mission_training(context, seed),
        CapabilityGap: gaps,
        UnitEvaluation: evaluations,
        Partnership: partnerships,
        MedicalResponse: build_medical_response(context, seed),
        PocAlert: build_poc_alerts(context, seed),
        TechnologyCapability: build_technology(inputs.pair_years, context.first_year, seed,
                                               _rng),
    }
    for model, rows in generated.tables.items():
        for row in rows:
            row["illustrative"] = True
        if model is InMissionTraining:
            generated.months.update(row["quarter_start"] for row in rows)
        elif "month" in model.__table__.c:
            generated.months.update(row["month"] for row in rows)
    generated.countries.update(p.country for p in inputs.pair_years)
    generated.countries.update(row["provider_iso3"] for row in partnerships)
    return generated


class Context:
    """Derived lookups the builders share: active months and headcount per mission."""

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.first_year = inputs.first_month.year
        self.last_day = _last_day(inputs.last_month)
        months: dict[str, list[dt.date]] = defaultdict(list)
        for mission, month in inputs.mission_months:
            months[mission].append(month)
        self.months = dict(sorted(months.items()))
        size: dict[tuple[str, int], int] = defaultdict(int)
        for pair in inputs.pair_years:
            size[pair.mission, pair.year] += pair.size
        self.size = dict(size)
        countries: dict[str, set[str]] = defaultdict(set)
        for pair in inputs.pair_years:
            countries[pair.mission].add(pair.country)
        self.countries = {mission: sorted(found) for mission, found in countries.items()}

    def mission_size(self, mission: str, year: int) -> int:
        return self.size.get((mission, year), 0)

    def progress(self, year: int) -> int:
        """Years since the window began: the driver of the mild upward trends."""
        return year - self.first_year


def build_training(inputs: Inputs, seed: int) -> list[dict]:
    """Certified share around 80–99 %, improving over the years, steady per country."""
    rows = []
    country_effect: dict[str, float] = {}
    for pair in inputs.pair_years:
        if pair.country not in country_effect:
            country_effect[pair.country] = _rng(seed, "training", pair.country).gauss(0, 0.04)
        rng = _rng(seed, "training", pair.country, pair.mission, pair.category, pair.year)
        trend = 0.025 * (pair.year - inputs.first_month.year)
        share = _clip(0.82 + trend + country_effect[pair.country] + rng.gauss(0, 0.02),
                      0.55, 1.0)
        certified = min(pair.size, round(pair.size * share))
        rows.append({
            "country_iso3": pair.country, "mission": pair.mission, "category": pair.category,
            "year": pair.year, "personnel_deployed": pair.size, "certified": certified,
        })
    return rows


def build_in_mission_training(context: Context, seed: int) -> list[dict]:
    """Sessions per course area each quarter, scaled to the mission's headcount."""
    rows = []
    for mission, months in context.months.items():
        quarters = sorted({_quarter_start(month) for month in months})
        for quarter in quarters:
            size = context.mission_size(mission, quarter.year)
            for area in COURSE_AREAS:
                rng = _rng(seed, "in-mission-training", mission, quarter, area)
                expected = size / 700 * rng.uniform(0.5, 1.5) * (1 + 0.05 * context.progress(
                    quarter.year))
                sessions = _poisson(rng, expected)
                participants = sum(rng.randint(12, 30) for _ in range(sessions))
                rows.append({"mission": mission, "quarter_start": quarter, "course_area": area,
                             "sessions": sessions, "participants": participants})
    return rows


def build_units(inputs: Inputs, seed: int) -> list[Unit]:
    """Formed units (troop units and FPUs) of each deployment large enough to form one."""
    years: dict[tuple[str, str, str], list[PairYear]] = defaultdict(list)
    for pair in inputs.pair_years:
        if pair.category in UNIT_SIZE:
            years[pair.country, pair.mission, pair.category].append(pair)
    units = []
    for (country, mission, category), pairs in sorted(years.items()):
        peak = max(p.size for p in pairs)
        if peak < MIN_UNIT_HEADCOUNT[category]:
            continue
        active = tuple(p.year for p in pairs if p.size >= MIN_UNIT_HEADCOUNT[category])
        count = max(1, min(MAX_UNITS_PER_PAIR, round(peak / UNIT_SIZE[category])))
        rng = _rng(seed, "units", country, mission, category)
        for number in range(1, count + 1):
            units.append(_unit(rng, country, mission, category, number, peak, active))
    return units


def _unit(rng: random.Random, country: str, mission: str, category: str, number: int,
          peak: int, years: tuple[int, ...]) -> Unit:
    if category == "formed-police-units":
        area, kind = "police", "formed police unit"
    elif number == 1 and peak >= 500:
        area, kind = "infantry", "infantry battalion"
    else:
        area = rng.choice(sorted(ENABLER_UNITS))
        kind = ENABLER_UNITS[area]
    return Unit(country, mission, category, f"{country} {kind} {number}", area, years)



def build_evaluations(context: Context, units: list[Unit], partnerships: list[dict],
                      seed: int) -> list[dict]:
    """One evaluation per unit per year deployed; scores drift up the same way for every unit,
    and a supported unit's rise by SUPPORT_EFFECT points from its first delivery on."""
    delivered = first_deliveries(partnerships)
    rows = []
    for unit in units:
        rng = _rng(seed, "evaluation", unit.mission, unit.label)
        base = rng.gauss(70, 7)
        factor_offset = [rng.gauss(0, 4) for _ in KEY_FACTORS]
        support = delivered.get((unit.mission, unit.label))
        for year in unit.years:
            months = [m for m in context.months.get(unit.mission, []) if m.year == year]
            if not months:
                continue
            day = _day_in(rng, rng.choice(months))
            level = base + 1.5 * context.progress(year)
            if support is not None and support < day:
                level += SUPPORT_EFFECT
            scores = {name: round(_clip(level + offset + rng.gauss(0, 3), 20.0, 99.0), 1)
                      for name, offset in zip(KEY_FACTORS, factor_offset, strict=True)}
            overall = round(sum(scores.values()) / len(scores), 1)
            rows.append({
                "id": len(rows) + 1, "evaluated_on": day, "month": day.replace(day=1),
                "country_iso3": unit.country, "mission": unit.mission,
                "category": unit.category, "unit": unit.label, **scores,
                "overall_score": overall, "overall_rating": rating_for(overall),
            })
    return rows


def rating_for(score: float) -> str:
    for lowest, rating in RATING_THRESHOLDS:
        if score >= lowest:
            return rating
    return RATING_THRESHOLDS[-1][1]


def build_medical_response(context: Context, seed: int) -> list[dict]:
    """Monthly casualties and 10-1-2 compliance: about 70–98 %, improving over the years."""
    rows = []
    for mission, months in context.months.items():
        mission_rng = _rng(seed, "medical", mission)
        risk = mission_rng.lognormvariate(0, 0.5)
        base = mission_rng.uniform(0.70, 0.85)
        for month in months:
            rng = _rng(seed, "medical", mission, month)
            expected = context.mission_size(mission, month.year) / 2500 * risk
            casualties = _poisson(rng, expected)
            compliance = _clip(base + 0.02 * context.progress(month.year), 0.70, 0.98)
            rows.append({
                "mission": mission, "month": month, "casualties": casualties,
                "within_10_min": _binomial(rng, casualties, compliance),
                # Resuscitation and surgery depend on evacuation, which is a little slower.
                "within_1_hour": _binomial(rng, casualties, _clip(compliance - 0.03, 0.7, 0.98)),
                "within_2_hours": _binomial(rng, casualties,
                                            _clip(compliance - 0.05, 0.7, 0.98)),
            })
    return rows


def build_poc_alerts(context: Context, seed: int) -> list[dict]:
    """Monthly early-warning alerts and the share answered in time: about 50–95 %."""
    rows = []
    for mission, months in context.months.items():
        mission_rng = _rng(seed, "poc", mission)
        exposure = mission_rng.lognormvariate(0, 0.7)
        base = mission_rng.uniform(0.50, 0.75)
        standard = mission_rng.choice(POC_STANDARD_HOURS)
        for month in months:
            rng = _rng(seed, "poc", mission, month)
            alerts = _poisson(rng, context.mission_size(mission, month.year) / 1500 * exposure)
            timely = _clip(base + 0.03 * context.progress(month.year) + rng.gauss(0, 0.03),
                           0.50, 0.95)
            rows.append({
                "mission": mission, "month": month, "alerts": alerts,
                "answered_within_standard": _binomial(rng, alerts, timely),
                "standard_hours": standard,
            })
    return rows


# --- writing --------------------------------------------------------------------------------

def _ensure_dimensions(conn: Connection, inputs: Inputs, generated: Generated) -> None:
    ensure_countries(conn, {iso3: "" for iso3 in generated.countries})
    if inputs.fallback:
        missions = {m: {"name": FALLBACK_MISSION_NAMES.get(m), "is_peacekeeping": True}
                    for m, _ in inputs.mission_months}
        ensure_missions(conn, missions, SOURCE_SLUG)
    ensure_months(conn, generated.months)


def _replace_tables(conn: Connection, generated: Generated) -> None:
    for model in reversed(GENERATED_TABLES):  # children first, for foreign keys
        conn.execute(delete(model))
    for model in GENERATED_TABLES:
        rows = generated.tables[model]
        if rows:
            conn.execute(insert(model), rows)


def _record(conn: Connection, inputs: Inputs, seed: int, fingerprint: str, rows: int,
            counts: dict[str, int], status: str, started: dt.datetime) -> None:
    conn.execute(delete(SourceVersion).where(SourceVersion.source == SOURCE_SLUG))
    conn.execute(insert(SourceVersion).values(
        source=SOURCE_SLUG, title="Illustrative (generated) data",
        publisher="pkdash generator — not real data", file_name="generator",
        sha256=fingerprint, as_of=None, coverage_start=inputs.first_month,
        coverage_end=inputs.last_month, rows_loaded=rows, illustrative=True,
        citation=f"Illustrative data generated by pkdash (generator version "
                 f"{GENERATOR_VERSION}, seed {seed}). Not real data.",
        loaded_at=_now(),
    ))
    conn.execute(insert(ImportLog).values(
        source=SOURCE_SLUG, file_name="generator", sha256=fingerprint, status=status,
        rows_read=rows, rows_loaded=rows, rows_set_aside=0, set_aside_detail="{}",
        message=json.dumps({"seed": seed, "fallback_pairs": inputs.fallback,
                            "tables": counts}, sort_keys=True),
        started_at=started, finished_at=_now(),
    ))


def _describe(inputs: Inputs, seed: int) -> str:
    origin = "built-in fallback pairs" if inputs.fallback else "deployment table"
    pairs = len({(p.country, p.mission, p.category) for p in inputs.pair_years})
    return (f"seed {seed}; {pairs} country-mission-category pairs from the {origin}; "
            f"{inputs.first_month:%Y-%m} to {inputs.last_month:%Y-%m}")


# --- small helpers --------------------------------------------------------------------------




def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:  # the normal approximation is close enough and avoids a long loop
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _binomial(rng: random.Random, trials: int, p: float) -> int:
    return sum(1 for _ in range(trials) if rng.random() < p)








def _quarter_start(month: dt.date) -> dt.date:
    return dt.date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)


def _last_day(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first
    while current <= last:
        months.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
