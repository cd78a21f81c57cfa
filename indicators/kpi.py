"""Headline figures: an indicator over a period, the change from the previous period of equal
length, a status against target and a short series for a sparkline, all from compute()."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine

from indicators.compute import compute, get_indicator
from indicators.filters import Filters
from indicators.i18n import N_, current_locale, format_month
from indicators.indicator import Indicator
from indicators.periods import (
    compared_months,
    covered_span,
    months_span_label,
    period_covered,
    point_covered,
    sources_coverage,
)
from indicators.periods import shift_months as add_months
from indicators.viewer import ANONYMOUS, Viewer

MET, PROGRESSING, OFF_TRACK, NO_TARGET, NO_DATA = (
    "met", "progressing", "off track", "no target", "no data")
STATUS_RULE = N_(
    "Met: the value meets the target in the indicator's direction (at or above it where "
    "higher is better, at or below it where lower is better). Progressing: not met, but it "
    "moved toward the target since the previous period of equal length. Off track: neither. "
    "No target: the indicator, or the period, has none.")
PERIOD_RULE = N_(
    "With no period chosen, a monthly indicator shows its latest 12 months of data and a "
    "yearly one its latest year; with only an end month, the 12 months up to it; with only a "
    "start month, from it to the latest data. The previous period has the same length and "
    "ends just before.")

ROW_PERIOD_RULE = N_(
    "With no end month chosen, the real monthly figures in a row share one period: the latest "
    "12 months that all of them cover, so they describe the same months. A card whose own data "
    "run later says so. A series whose data end more than six months before the newest keeps "
    "its own latest 12 months, and its card says when it ends.")

DEFAULT_MONTHS = 12
# A series ending more than this many months before the newest one would pull every figure of
# the row back with it: it keeps its own latest 12 months instead, and its card says so.
MAX_LAG_MONTHS = 6
# Event counts: a month without a row had no event, so it counts as zero, but only within
# the months the source covers (outside them nothing is known, and a zero would mislead).
EVENT_UNITS = ("fatalities", "allegations")
SPARK_MIN_MONTHS = 24  # at least two years of months, so a 12-month KPI shows its trend
SPARK_MIN_YEARS = 5
SPARK_MAX_MONTHS = 60  # longer windows are drawn by year


@dataclass(frozen=True)
class KpiSpec:
    """A headline figure: an indicator, optionally one row of a cut (`pick`)."""

    key: str
    indicator: str
    title: str  # English, marked with N_(): shown through _()
    measure: str = ""  # what the number is, in a few words under it (idem)
    # (dimension, value): the KPI is the row with this value, e.g. one incident type.
    pick: tuple[tuple[str, str], ...] = ()


KPIS: dict[str, KpiSpec] = {spec.key: spec for spec in (
    KpiSpec("uniformed-personnel", "uniformed-personnel", N_("Uniformed personnel"),
            N_("mean monthly headcount")),
    KpiSpec("women-share", "women-share", N_("Women's share"), N_("of uniformed personnel")),
    KpiSpec("malicious-act-fatalities", "fatalities", N_("Malicious-act fatalities"),
            N_("peacekeepers killed in malicious acts"),
            pick=(("incident-type", "malicious-act"),)),
    KpiSpec("sea-allegations", "sea-allegations", N_("SEA allegations"),
            N_("allegations of sexual exploitation and abuse")),
    KpiSpec("training-coverage", "training-coverage", N_("Training coverage"),
            N_("of deployed personnel certified before deployment")),
)}


@dataclass(frozen=True)
class Period:
    """Whole months (`grain` "month") or whole years ("year"), both ends included."""

    start: dt.date  # first day of the first month (January for a year)
    end: dt.date  # first day of the last month (December for a year)
    grain: str

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 1), "year")

    @property
    def length(self) -> int:
        """In the period's own grain: months or years."""
        if self.grain == "year":
            return self.end.year - self.start.year + 1
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        if self.grain == "year":
            return Period.years(self.start.year - self.length, self.start.year - 1)
        return Period(add_months(self.start, -self.length), add_months(self.start, -1), "month")

    def label(self) -> str:
        if self.grain == "year":
            first, last = self.start.year, self.end.year
            return str(first) if first == last else f"{first}–{last}"
        first, last = format_month(self.start), format_month(self.end)
        return first if first == last else f"{first} – {last}"

    def applied_to(self, filters: Filters) -> Filters:
        return dataclasses.replace(filters, period_from=self.start, period_to=self.end)

    def points(self) -> list:
        """Every month ("YYYY-MM") or year (int) in the period, as compute() labels them."""
        if self.grain == "year":
            return list(range(self.start.year, self.end.year + 1))
        return [add_months(self.start, i).strftime("%Y-%m") for i in range(self.length)]


@dataclass(frozen=True, eq=False)
class Kpi:
    """What a KPI card shows; `series` has the time column (`time`) and `value`."""

    key: str
    title: str
    indicator: str
    unit: str
    measure: str
    value: float | None
    previous: float | None
    change: float | None
    period: str
    previous_period: str
    status: str
    target: float | None
    series: pd.DataFrame = field(repr=False)
    time: str = "month"
    illustrative: bool = False
    higher_is_better: bool | None = None
    ignored: tuple[str, ...] = ()  # filters set but not applicable to the indicator
    has_target: bool = False  # the indicator has targets (this period may still have none)
    current_from: str | int | None = None  # first point of `series` in the current period

    @property
    def relative_change(self) -> float | None:
        """Change as a fraction of the previous value (None when there is nothing to divide)."""
        if self.change is None or not self.previous:
            return None
        return self.change / self.previous


def status(value: float | None, previous: float | None, target: float | None,
           higher_is_better: bool | None) -> str:
    """Met / progressing / off track against the target; see STATUS_RULE."""
    if target is None or higher_is_better is None:
        return NO_TARGET
    if value is None:
        return NO_DATA
    if value >= target if higher_is_better else value <= target:
        return MET
    if previous is not None and (value > previous if higher_is_better else value < previous):
        return PROGRESSING
    return OFF_TRACK


@dataclass(frozen=True)
class RowPeriod:
    """The period a row of KPIs shares (None when a chosen end month already sets one), and
    the last month of data of each real monthly KPI in the row."""

    period: Period | None
    ends: dict[str, dt.date] = field(default_factory=dict)
    shared: tuple[str, ...] = ()  # the keys whose figures use `period`

    def limited_by(self) -> tuple[str, ...]:
        """The keys whose data end where the shared period ends."""
        if self.period is None:
            return ()
        return tuple(k for k in self.shared if self.ends[k] == self.period.end)


def row_period(keys: tuple[str, ...], filters: Filters | None, engine: Engine) -> RowPeriod:
    """The latest 12 months every real monthly KPI of the row covers (see ROW_PERIOD_RULE)."""
    filters = filters or Filters()
    ends = {}
    for key in keys:
        spec, indicator = _spec_and_indicator(key)
        if indicator.illustrative or time_grain(indicator) != "month":
            continue
        coverage = sources_coverage(indicator, engine) if indicator.unit in EVENT_UNITS else None
        end = _latest(indicator, filters, engine, "month", coverage)
        if end is not None:
            ends[key] = end
    if filters.period_to is not None or not ends:
        return RowPeriod(None, ends)
    newest = max(ends.values())
    shared = tuple(k for k, end in ends.items()
                   if Period(end, newest, "month").length - 1 <= MAX_LAG_MONTHS)
    end = min(ends[k] for k in shared)
    start = filters.period_from or add_months(end, 1 - DEFAULT_MONTHS)
    return RowPeriod(Period(start, max(start, end), "month"), ends, shared)


def row_period_filters(keys: tuple[str, ...], filters: Filters, engine: Engine) -> Filters:
    """The filters with the period the row of KPIs shares, for charts that go with the row
    (unchanged when an end month is chosen or no KPI has data)."""
    row = row_period(keys, filters, engine)
    return row.period.applied_to(filters) if row.period is not None else filters


def _spec_and_indicator(key: str) -> tuple[KpiSpec, Indicator]:
    spec = KPIS.get(key)
    if spec is None:
        plain = get_indicator(key)
        spec = KpiSpec(key, key, plain.title(current_locale()), plain.unit)
    return spec, get_indicator(spec.indicator)


def kpi(key: str, filters: Filters | None, engine: Engine, row: RowPeriod | None = None,
        viewer: Viewer = ANONYMOUS) -> Kpi:
    """The headline figure `key` (a KPIS key, or any indicator slug) for these filters; with
    `row`, over the period the row shares, if this KPI is one of those that share it."""
    spec, indicator = _spec_and_indicator(key)
    filters = filters or Filters()
    grain = time_grain(indicator)
    coverage = sources_coverage(indicator, engine) if indicator.unit in EVENT_UNITS else None
    if row is not None and row.period is not None and key in row.shared:
        period = row.period
    else:
        period = kpi_period(indicator, filters, engine, coverage, viewer)
    if period is None:
        return Kpi(spec.key, spec.title, indicator.slug, indicator.unit, spec.measure, None,
                   None, None, "", "", NO_TARGET, None, pd.DataFrame(columns=[grain, "value"]),
                   grain, indicator.illustrative, indicator.higher_is_better,
                   has_target=indicator.has_target)
    value, ignored = _value(spec, indicator, period, filters, engine, coverage, full=False,
                            viewer=viewer)
    labels, before = (period.label(), period.previous().label()), period.previous()
    # A period the sources cover in part is set against the same months before, or nothing.
    part = compared_months(period.start, period.end, period.length * (
        12 if period.grain == "year" else 1), covered_span(indicator, Filters(), engine),
        by_month=period.grain == "month")
    if part is not None:
        before = Period(*part[1], "month") if part[2] else None
        labels = (months_span_label(*part[0]), months_span_label(*part[1]))
    previous = (_value(spec, indicator, before, filters, engine, coverage, full=True,
                       viewer=viewer)[0] if before else None)
    change = value - previous if value is not None and previous is not None else None
    target = kpi_target(indicator, period.applied_to(filters), engine, viewer)
    series_time, series = kpi_series(spec, indicator, period, filters, engine, coverage, viewer)
    current_from = (period.start.year if series_time == "year"
                    else period.start.strftime("%Y-%m"))
    return Kpi(
        key=spec.key, title=spec.title, indicator=indicator.slug, unit=indicator.unit,
        measure=spec.measure, value=value, previous=previous, change=change, period=labels[0],
        previous_period=labels[1],
        status=status(value, previous, target, indicator.higher_is_better), target=target,
        series=series, time=series_time, illustrative=indicator.illustrative,
        higher_is_better=indicator.higher_is_better, ignored=tuple(ignored),
        has_target=indicator.has_target, current_from=current_from)


def time_grain(indicator: Indicator) -> str:
    if "month" in indicator.dimensions:
        return "month"
    if "year" in indicator.dimensions:
        return "year"
    raise ValueError(f"{indicator.slug} has no time dimension, so it cannot be a KPI")


def kpi_period(indicator: Indicator, filters: Filters, engine: Engine,
               coverage: tuple[dt.date, dt.date] | None = None, viewer: Viewer = ANONYMOUS
               ) -> Period | None:
    """The KPI's period for these filters (see PERIOD_RULE); None when there is no data."""
    grain = time_grain(indicator)
    end = filters.period_to or _latest(indicator, filters, engine, grain, coverage, viewer)
    if end is None:
        return None
    if grain == "year":
        last = end.year
        first = filters.period_from.year if filters.period_from else last
        return Period.years(first, max(first, last))
    if filters.period_from:
        start = filters.period_from
        return Period(start, max(start, end), "month")
    return Period(add_months(end, 1 - DEFAULT_MONTHS), end, "month")


def kpi_target(indicator: Indicator, filters: Filters, engine: Engine,
               viewer: Viewer = ANONYMOUS) -> float | None:
    """The target for the whole period: the row targets (per category and year) weighted by
    each row's denominator, so it is the value the period would have if every row met its
    target. None unless every row with personnel has a target."""
    if not indicator.has_target:
        return None
    by = tuple(d for d in ("category", "year") if d in indicator.dimensions)
    frame = compute(indicator, filters, by, engine=engine, viewer=viewer)
    if "target" not in frame:
        return None
    rows = frame[frame["denominator"].fillna(0) > 0]
    if rows.empty or rows["target"].isna().any():
        return None
    weights = rows["denominator"].astype(float)
    return float((rows["target"].astype(float) * weights).sum() / weights.sum())


def kpi_series(spec: KpiSpec, indicator: Indicator, period: Period, filters: Filters,
               engine: Engine, coverage: tuple[dt.date, dt.date] | None = None,
               viewer: Viewer = ANONYMOUS) -> tuple[str, pd.DataFrame]:
    """The sparkline: the previous and current periods (at least two years of months or five
    years), by month when that is at most five years, by year otherwise."""
    if period.grain == "year":
        years = max(2 * period.length, SPARK_MIN_YEARS)
        window = Period.years(period.end.year - years + 1, period.end.year)
    else:
        months = max(2 * period.length, SPARK_MIN_MONTHS)
        window = Period(add_months(period.end, 1 - months), period.end, "month")
        if months > SPARK_MAX_MONTHS:
            window = Period.years(window.start.year, window.end.year)
    grain = window.grain
    frame = _picked(spec, compute(indicator, window.applied_to(filters),
                                  (grain, *[d for d, _ in spec.pick]), engine=engine,
                                  viewer=viewer))
    key_type = "Int64" if grain == "year" else "object"  # an empty frame has no dtype to go on
    series = frame[[grain, "value"]].dropna(subset=["value"]).astype({grain: key_type})
    if coverage is not None:  # events: a covered month or year with no row had none
        covered = [p for p in window.points() if point_covered(p, grain, coverage)]
        series = (pd.DataFrame({grain: pd.array(covered, dtype=key_type)})
                  .merge(series, on=grain, how="left").fillna({"value": 0}))
    series = series.assign(value=series["value"].astype(float))
    return grain, series.sort_values(grain).reset_index(drop=True)


def _picked(spec: KpiSpec, frame: pd.DataFrame) -> pd.DataFrame:
    for dimension, wanted in spec.pick:
        frame = frame[frame[dimension] == wanted]
    return frame


def _value(spec: KpiSpec, indicator: Indicator, period: Period, filters: Filters,
           engine: Engine, coverage, full: bool, viewer: Viewer = ANONYMOUS
           ) -> tuple[float | None, list[str]]:
    """The KPI over `period`. For event counts, a period the source does not cover (at all;
    or `full`y, for a comparison) has no value rather than a misleading zero."""
    frame = compute(indicator, period.applied_to(filters), [d for d, _ in spec.pick],
                    engine=engine, viewer=viewer)
    ignored = list(frame.attrs.get("ignored_filters", []))
    ignored = [name for name in ignored if name != "period"]
    if coverage is not None and not period_covered(period, coverage, full):
        return None, ignored
    rows = _picked(spec, frame).dropna(subset=["value"])
    if rows.empty:
        return (0.0 if coverage is not None else None), ignored
    return float(rows["value"].iloc[0]), ignored


def _latest(indicator: Indicator, filters: Filters, engine: Engine, grain: str,
            coverage, viewer: Viewer = ANONYMOUS) -> dt.date | None:
    """The last month (or year) with data: for events, the end of the source's coverage."""
    if coverage is not None:
        return coverage[1]
    unbounded = dataclasses.replace(filters, period_from=None, period_to=None)
    frame = compute(indicator, unbounded, (grain,), engine=engine, viewer=viewer
                    ).dropna(subset=["value"])
    if frame.empty:
        return None
    last = frame[grain].max()
    if grain == "year":
        return dt.date(int(last), 12, 1)
    return dt.date(int(last[:4]), int(last[5:7]), 1)
