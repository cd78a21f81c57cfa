"""What a card says in words, in the current language: its title, its caption (filters,
sources and "as of"), the no-data message, and the summary sentence that is the chart's text
alternative and a briefing's key message."""

from __future__ import annotations

import dataclasses

import pandas as pd

from dashboard.figures.estimates import estimate_sentence
from dashboard.figures.parity import parity_sentence
from dashboard.figures.uncertainty import BASIS
from dashboard.i18n.dimensions import BY_WORDS, DIMENSION_TITLES, FILTER_WORDS, FLOW_COUNTS
from dashboard.i18n.numbers import period_text, value_text
from dashboard.panels.spec import TIME, Panel
from indicators.compute import get_indicator
from indicators.disclosure import DISPLAY
from indicators.filters import Filters
from indicators.i18n import _, current_locale, format_day, format_number
from indicators.indicator import Indicator
from indicators.lookups import Provenance
from indicators.periods import MONTHS_COVERED, SAME_MONTHS_BEFORE, months_text
from indicators.status import period_label


def default_title(panel: Panel, indicator: Indicator) -> str:
    """A title made from the indicator and its cuts, in the current language (computed when
    shown, never at import)."""
    locale = current_locale()
    words = [_(BY_WORDS[d]) if d in BY_WORDS else d for d in panel.by]
    return " ".join([indicator.title(locale), *words])


def panel_title(panel: Panel, indicator: Indicator | None = None) -> str:
    """The card's heading in the current language: the panel's declared title (marked N_()
    where declared) through the catalogue, or one made from the indicator and its cuts."""
    if panel.title:
        return _(panel.title)
    return default_title(panel, indicator or get_indicator(panel.indicator))


def sources_for_period(sources: list[Provenance], filters: Filters) -> list[Provenance]:
    """The sources whose coverage meets the chosen period (all when no period is chosen or
    none would be left): a 2024 chart does not cite a file that ends in 2014."""
    def meets(source: Provenance) -> bool:
        if source.coverage_start is None or source.coverage_end is None:
            return True
        starts_after = filters.period_to and source.coverage_start > _month_end(
            filters.period_to)
        ends_before = filters.period_from and source.coverage_end < filters.period_from
        return not (starts_after or ends_before)
    kept = [source for source in sources if meets(source)]
    return kept or sources


def _month_end(month_start):
    return (pd.Timestamp(month_start) + pd.offsets.MonthEnd(0)).date()


def caption_text(indicator: Indicator, filters: Filters, sources: list[Provenance],
                 ignored: list[str], country_names: dict[str, str] | None = None) -> str:
    """Filters in words (countries by name, as `country_names` gives them), sources, as of."""
    parts = [filters.describe(country_names=country_names)]
    for source in sources_for_period(sources, filters):
        if source.as_of:
            parts.append(_("Source: {title}, as of {date}").format(
                title=source.title, date=format_day(source.as_of)))
        elif source.loaded:  # generated data describe no date, only the months they cover
            covers = period_label(source.coverage_start, source.coverage_end)
            parts.append(_("Source: {title}, covering {period}").format(
                title=source.title, period=covers) if covers
                else _("Source: {title}").format(title=source.title))
        else:
            parts.append(_("Source: {title}, not loaded").format(title=source.title))
    if ignored:
        parts.append(_("Not applicable to this indicator, so not applied: {filters}").format(
            filters=", ".join(_(FILTER_WORDS.get(name, name)) for name in ignored)))
    return " · ".join(parts)


def no_data_message(indicator: Indicator, filters: Filters, sources: list[Provenance],
                    cause: str = "outside", country_names: dict[str, str] | None = None
                    ) -> str:
    """Why a chart has nothing to show, by its true cause (indicators.periods.no_data_cause):
    no source loaded, a period outside the sources' coverage, filters that select nothing in
    the data at all, or a combination that had none in a covered period."""
    loaded = [source for source in sources if source.loaded]
    if not loaded:
        # English says "the source of women's share of ..."; French quotes the title as is.
        title = _title(indicator)
        return _("No data: the source of {indicator} is not loaded yet (run `pkdash fetch && "
                 "pkdash build`).").format(
            indicator=title.lower() if current_locale() == "en" else title)
    coverage = _("; ").join(
        _("{source} covers {period}").format(
            source=s.title, period=period_label(s.coverage_start, s.coverage_end))
        for s in loaded)
    if cause == "empty":
        return _("No data: the sources are loaded but hold nothing for {indicator}. "
                 "{coverage}.").format(indicator=_title(indicator), coverage=coverage)
    if cause == "never":
        # The filters without their period: no period would change the answer.
        timeless = dataclasses.replace(filters, period_from=None, period_to=None)
        return _("No data: {filters} selects nothing in the data at any time, so no period "
                 "would show any. {coverage}.").format(filters=timeless.describe(
                                                         country_names=country_names),
                                                     coverage=coverage)
    if cause == "none":
        return _("None recorded for {filters}: the sources cover this period, and this "
                 "combination had none in it.").format(
            filters=filters.describe(country_names=country_names))
    return _("No data for {filters}: the period is outside what the sources cover. "
             "{coverage}.").format(filters=filters.describe(country_names=country_names),
                                   coverage=coverage)


def summary_sentence(panel: Panel, indicator: Indicator, frame: pd.DataFrame, names) -> str:
    """A text alternative to the chart, and a key message for a briefing."""
    fmt = _formatter(indicator.unit)
    title = _title(indicator)
    valued = frame.dropna(subset=["value"])
    time = next((d for d in panel.by if d in TIME), None)
    others = [d for d in panel.by if d != time]
    if time and not others:
        return _series_sentence(title, valued.sort_values(time).reset_index(drop=True), time,
                                fmt)
    if panel.chart == "sankey":
        return _flow_sentence(panel, title, valued, names, fmt)
    if panel.chart == "parity":
        return parity_sentence(valued, panel.x or panel.by[0], panel.series or panel.by[1],
                               panel.top, names)
    if panel.target and "target" in valued and not time and len(others) == 1:
        return target_sentence(title, valued, others[0], names, fmt)
    if panel.chart == "estimate":
        return estimate_sentence(title, valued, panel.x or panel.by[0], names, fmt)
    if panel.chart in ("pipeline", "funnel"):
        key = panel.x or panel.by[0]
        steps = {row[key]: row["value"] for _index, row in valued.iterrows()}
        sequence = [s for s in panel.order if s in steps] + [
            s for s in steps if s not in panel.order and panel.chart == "pipeline"]
        listed = ", ".join(f"{names.get(key, {}).get(s, s)} {fmt(steps[s])}" for s in sequence)
        return _("{title}: {listed}.").format(title=title, listed=listed)
    if others and not time:
        if "ranked" in valued and valued["ranked"].any():  # indicators.ranking's rule
            valued = valued[valued["ranked"].astype(bool)]
        top = valued.sort_values("value", ascending=False).head(3)
        # Name every dimension of a cell (a heat strip's row and column), not just the first.
        listed = ", ".join(" · ".join(str(names.get(key, {}).get(row[key], row[key]))
                                      for key in others) + f" {fmt(row['value'])}"
                           for _index, row in top.iterrows())
        return _("{title}, highest: {listed}.").format(title=title, listed=listed)
    if time and others:
        latest = valued[valued[time] == valued[time].max()]
        listed = ", ".join(" · ".join(str(names.get(key, {}).get(row[key], row[key]))
                                      for key in others) + f" {fmt(row['value'])}"
                           for _index, row in latest.sort_values("value", ascending=False)
                           .head(5).iterrows())
        return _("{title}, in {period}: {listed}.").format(
            title=title, period=_when(latest.iloc[0], time), listed=listed)
    if not panel.by:
        return _("{title}: {value}.").format(title=title, value=fmt(valued.iloc[0]["value"]))
    return _("{title}: {count} values shown; see the table for each.").format(
        title=title, count=format_number(len(valued)))


def _series_sentence(title: str, ordered: pd.DataFrame, time: str, fmt) -> str:
    """One series over time: where it starts and ends, and its peak where that is neither;
    a partial last year set against the same months of the year before, not a whole one."""
    first, last = ordered.iloc[0], ordered.iloc[-1]
    if len(ordered) == 1:
        return _("{title}: {value} in {period}.").format(
            title=title, value=fmt(last["value"]), period=_when(last, time)
            + (f" ({last[BASIS]})" if isinstance(last.get(BASIS), str) else ""))
    text = _("{title}: {first} in {first_period}, {last} in {last_period}").format(
        title=title, first=fmt(first["value"]), first_period=_when(first, time),
        last=fmt(last["value"]), last_period=_when(last, time))
    if isinstance(last.get(BASIS), str):  # what the latest share rests on: "2 of 2"
        text += f" ({last[BASIS]})"
    peak = ordered.loc[ordered["value"].astype(float).idxmax()]
    if peak[time] not in (first[time], last[time]):
        text += _("; highest {peak} in {peak_period}").format(
            peak=fmt(peak["value"]), peak_period=_when(peak, time))
    text += "."
    before = last.get(SAME_MONTHS_BEFORE)
    if before is not None and not pd.isna(before):
        text += " " + _("{months} {year}: {value}, against {before} in {months} {previous}."
                        ).format(months=months_text(last[MONTHS_COVERED]), year=int(last[time]),
                                 value=fmt(last["value"]), before=fmt(before),
                                 previous=int(last[time]) - 1)
    return text


def _when(row, time: str) -> str:
    """The period of a row as a sentence says it: 2023, Jan–Jul 2024, August 2014."""
    months = row.get(MONTHS_COVERED) if time == "year" else None
    if isinstance(months, str) and months:
        return _("{months} {year}").format(months=months_text(months), year=int(row[time]))
    return period_text(row[time], time)


def target_sentence(title: str, frame: pd.DataFrame, key: str, names, fmt) -> str:
    """Each group against its target: the gap in women where it falls short."""
    parts = []
    for _index, row in frame.sort_values("value", ascending=False).iterrows():
        group = names.get(key, {}).get(row[key], row[key])
        if pd.isna(row["target"]):
            detail = _("no target for the year")
        elif row["value"] >= row["target"]:
            detail = _("target {target}: met").format(target=fmt(row["target"]))
        else:
            detail = _("target {target}: {count} more women needed").format(
                target=fmt(row["target"]), count=format_number(int(row["women_needed"])))
        if row.get("target_status") == "estimate":
            detail += " " + _("(estimated target)")
        parts.append(_("{group} {value} ({detail})").format(group=group, value=fmt(row["value"]),
                                                            detail=detail))
    return _("{title}, against the UGPS targets: {listed}.").format(title=title,
                                                                    listed="; ".join(parts))


def _flow_sentence(panel: Panel, title: str, valued: pd.DataFrame, names, fmt) -> str:
    source, target = panel.x or panel.by[0], panel.series or panel.by[1]
    biggest = valued.sort_values("value", ascending=False).iloc[0]
    source_name = names.get(source, {}).get(biggest[source], biggest[source])
    target_name = names.get(target, {}).get(biggest[target], biggest[target])
    return _("{title}: {total} in all, from {sources} to {targets}; largest: {source} → "
             "{target}, {value}.").format(
        title=title, total=fmt(valued["value"].astype(float).sum()),
        sources=_flow_count(source, valued[source].nunique()),
        targets=_flow_count(target, valued[target].nunique()),
        source=source_name, target=target_name, value=fmt(biggest["value"]))


def _flow_count(dimension: str, count: int) -> str:
    if dimension in FLOW_COUNTS:
        return _(FLOW_COUNTS[dimension]).format(count=format_number(count))
    return _("{count} ({dimension})").format(
        count=format_number(count), dimension=_(DIMENSION_TITLES.get(dimension, dimension)))


def withheld_summary(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                      withheld: pd.Series, names, summary: str) -> str:
    """The text alternative where small numbers are withheld: every value as shown, when few."""
    label = frame.loc[withheld, DISPLAY].iloc[0]
    if len(panel.by) == 1 and len(frame) <= 12:
        key, fmt = panel.by[0], _formatter(indicator.unit)
        listed = ", ".join(
            _("{group}: {value}").format(group=period_text(row[key], key) if key in TIME
                                         else names.get(key, {}).get(row[key], row[key]),
                                         value=row.get(DISPLAY, label) if hidden
                                         else _shown(fmt, row["value"]))
            for hidden, (_index, row) in zip(withheld, frame.iterrows(), strict=True))
        return _("{title}: {listed}.").format(title=_title(indicator), listed=listed)
    count, total = format_number(int(withheld.sum())), format_number(len(frame))
    reasons = frame.loc[withheld, DISPLAY].value_counts()
    if len(reasons) == 1:
        withheld_sentence = _("{count} of {total} values are {label} and are not shown "
                              "exactly.").format(count=count, total=total, label=label)
    else:  # each reason with how many rows it holds back, most frequent first
        withheld_sentence = _("{count} of {total} values are not shown exactly: "
                              "{reasons}.").format(count=count, total=total, reasons="; ".join(
                                  f"{reason} ({format_number(int(n))})"
                                  for reason, n in reasons.items()))
    return f"{summary} {withheld_sentence}".strip()


def _shown(fmt, value) -> str:
    return _("no value") if pd.isna(value) else fmt(value)


def _title(indicator: Indicator) -> str:
    return indicator.title(current_locale())


def _formatter(unit: str):
    """A value as sentences write it, in the current locale: 10.2%, 0.35 per 1,000 per year."""
    return lambda v: value_text(float(v), unit)
