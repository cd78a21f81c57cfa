"""Two or three key messages for a briefing slide, written from the numbers a chart shows.

Messages only read and compare values from the frame compute() returned (value, target,
gap_points, women_needed): no indicator arithmetic happens here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.exports.message_forms import SentenceForms
from dashboard.figures.estimates import estimate_sentence
from dashboard.i18n.numbers import period_text, same_shown, value_text
from dashboard.panels.spec import Panel
from indicators.disclosure import DISPLAY, is_suppressed
from indicators.i18n import _, current_locale, format_number
from indicators.indicator import Indicator
from indicators.periods import MONTHS_COVERED, SAME_MONTHS_BEFORE, months_text

TIME = ("year", "month")
MAX_MESSAGES = 3
LISTED = 3  # values named in a "highest" sentence
# Units whose values add up across groups (a ranking's top three hold a share of the total).
ADDITIVE_UNITS = ("persons", "count", "countries", "allegations", "fatalities", "locations",
                  "USD")


def key_messages(panel: Panel, indicator: Indicator, frame: pd.DataFrame,
                 names: dict[str, dict[str, str]]) -> list[str]:
    """Up to three sentences about the frame; none when it holds no value."""
    writer = _Writer(panel, indicator, names)
    withheld = is_suppressed(frame)
    valued = frame[frame["value"].notna() & ~withheld].reset_index(drop=True)
    messages = writer.messages(valued) if not valued.empty else []
    if withheld.any():
        messages = messages[:MAX_MESSAGES - 1] + [_withheld_sentence(frame, withheld)]
    return messages[:MAX_MESSAGES]


def _withheld_sentence(frame: pd.DataFrame, withheld: pd.Series) -> str:
    """How many values the small-numbers rule keeps from being shown exactly."""
    label, count, total = str(frame.loc[withheld, DISPLAY].iloc[0]), int(withheld.sum()), len(
        frame)
    if total == 1:
        return _("The value is “{label}” and is not shown exactly.").format(label=label)
    if count == total:
        return _("All {total} values are “{label}” and are not shown exactly.").format(
            total=format_number(total), label=label)
    return _("{count} of {total} values are “{label}” and are not shown exactly.").format(
        count=format_number(count), total=format_number(total), label=label)


def _partial(row) -> bool:
    """Whether a row is a year the data cover only in part (indicators.periods)."""
    months = row.get(MONTHS_COVERED)
    return isinstance(months, str) and bool(months)


@dataclass
class _Writer(SentenceForms):
    panel: Panel
    indicator: Indicator
    names: dict[str, dict[str, str]]

    @property
    def title(self) -> str:
        return self.indicator.title(current_locale())

    @property
    def unit(self) -> str:
        return self.indicator.unit

    def messages(self, valued: pd.DataFrame) -> list[str]:
        by = self.panel.by
        time = next((d for d in by if d in TIME), None)
        others = [d for d in by if d != time]
        if not by:
            return self.single(valued.iloc[0])
        if time and not others:
            return self.series(valued, time)
        if time and len(others) == 1:
            return self.series_by_group(valued, time, others[0])
        if self.panel.chart == "pipeline" and len(others) == 1:
            return self.stages(valued, others[0])
        if self.panel.chart == "funnel" and len(others) == 1:  # the funnel's stages only
            return self.stages(valued[valued[others[0]].isin(self.panel.order)], others[0])
        if self.panel.chart == "estimate" and len(others) == 1:
            return [estimate_sentence(self.title, valued, others[0], self.names,
                                      lambda value: value_text(value, self.unit))]
        if len(others) == 1:
            return self.ranking(valued, others[0])
        return self.cells(valued, [d for d in by if d != time])

    # One value: the indicator for the filters.
    def single(self, row) -> list[str]:
        return [self.target(row, self.title, None)
                or _("{title}: {value}.").format(title=self.title, value=self.value(row))]

    # A time series: latest value, change from the previous period, highest and lowest.
    def series(self, valued: pd.DataFrame, time: str) -> list[str]:
        ordered = valued.sort_values(time).reset_index(drop=True)
        last = ordered.iloc[-1]
        period = self.when(last, time)
        messages = [self.target(last, self.title, period)
                    or _("{title}: {value} in {period}.").format(
                        title=self.title, value=self.value(last), period=period)]
        if len(ordered) >= 2:
            messages.extend(self.since(None, last, ordered.iloc[-2], time))
        # A partial year's count is no whole year's: left out of highest and lowest.
        whole = ordered[[not _partial(row) for _i, row in ordered.iterrows()]
                        ] if self.unit in ADDITIVE_UNITS else ordered
        if len(whole) >= 3:
            high = whole.loc[whole["value"].astype(float).idxmax()]
            low = whole.loc[whole["value"].astype(float).idxmin()]
            if not same_shown(float(high["value"]), float(low["value"]), self.unit):
                messages.append(_("Highest over the period: {high} in {high_period}; lowest: "
                                  "{low} in {low_period}.").format(
                    high=self.value(high), high_period=self.when(high, time),
                    low=self.value(low), low_period=self.when(low, time)))
        return messages

    def since(self, group: str | None, row, previous, time: str) -> list[str]:
        """The change from the period before; a partial year only against the same months
        of the year before (indicators.periods), never against a whole year."""
        if not _partial(row):
            return [self.change(group, row, previous, self.when(previous, time))]
        before = row.get(SAME_MONTHS_BEFORE)
        if before is None or pd.isna(before):
            return []
        earlier = pd.Series({"value": before})
        return [self.change(group, row, earlier, _("{months} {year}").format(
            months=months_text(row[MONTHS_COVERED]), year=int(row[time]) - 1))]

    def when(self, row, time: str) -> str:
        """2023, or Jan–Jul 2024 for a partial year, or December 2013."""
        if _partial(row):
            return _("{months} {year}").format(months=months_text(row[MONTHS_COVERED]),
                                               year=int(row[time]))
        return period_text(row[time], time)

    # A series per group: the latest period's ranking, then changes and any target.
    def series_by_group(self, valued: pd.DataFrame, time: str, group: str) -> list[str]:
        periods = sorted(valued[time].unique())
        latest = (valued[valued[time] == periods[-1]]
                  .sort_values("value", ascending=False, kind="stable").reset_index(drop=True))
        period = self.when(latest.iloc[0], time)
        messages = [self.ranked_sentence(latest, group, period)]
        targets = latest[latest["target"].notna()] if "target" in latest else latest.iloc[:0]
        if not targets.empty:
            # The group furthest below its target is the one a briefing needs to name.
            worst = targets.loc[targets["gap_points"].astype(float).idxmin()]
            messages.append(self.target(worst, self.label(group, worst[group]), period))
        if len(periods) == 1 and len(latest) >= 2:  # one period: the spread between groups
            top, bottom = latest.iloc[0], latest.iloc[-1]
            messages.append(self.compare(self.label(group, top[group]), top,
                                         self.label(group, bottom[group]), bottom))
        if len(periods) >= 2:
            before = valued[valued[time] == periods[-2]].set_index(group)
            for _index, row in latest.iterrows():
                if len(messages) >= MAX_MESSAGES:
                    break
                if row[group] in before.index:
                    messages.extend(self.since(self.label(group, row[group]), row,
                                               before.loc[row[group]], time))
        return messages

    # Stages in their fixed order (a pipeline): each stage, then last against first.
    def stages(self, valued: pd.DataFrame, stage: str) -> list[str]:
        order = list(self.panel.order)
        ranked = valued.assign(_order=[order.index(s) if s in order else len(order)
                                       for s in valued[stage]])
        ordered = ranked.sort_values("_order", kind="stable").reset_index(drop=True)
        listed = self.listing(ordered, [stage], len(ordered))
        messages = [_("{title}: {listed}.").format(title=self.title, listed=listed)]
        if len(ordered) >= 2:
            first, last = ordered.iloc[0], ordered.iloc[-1]
            messages.append(self.compare(self.label(stage, last[stage]), last,
                                         self.label(stage, first[stage]), first))
        return messages

    # Groups side by side: the highest, the lowest, and how many miss a target.
    def ranking(self, valued: pd.DataFrame, group: str) -> list[str]:
        if "ranked" in valued and valued["ranked"].any():  # indicators.ranking's rule
            valued = valued[valued["ranked"].astype(bool)]
        ranked = valued.sort_values("value", ascending=False, kind="stable").reset_index(
            drop=True)
        if len(ranked) == 1:
            row = ranked.iloc[0]
            return [self.target(row, self.label(group, row[group]), None)
                    or _("{title}, {group}: {value}.").format(
                        title=self.title, group=self.label(group, row[group]),
                        value=self.value(row))]
        messages = [_("{title}, highest: {listed}.").format(
            title=self.title, listed=self.listing(ranked, [group], LISTED))]
        low, values = ranked.iloc[-1], ranked["value"].astype(float)
        if self.unit not in ADDITIVE_UNITS:  # a share's or rate's lowest says something
            messages.append(_("Lowest of {count}: {group} ({value}).").format(
                count=format_number(len(ranked)), group=self.label(group, low[group]),
                value=self.value(low)))
        elif len(ranked) > LISTED and values.sum() > 0:  # a count's smallest is trivia
            messages.append(_("These {listed} account for {share} of the {total} shown.").format(
                listed=format_number(LISTED), total=value_text(values.sum(), self.unit),
                share=value_text(100 * values.head(LISTED).sum() / values.sum(), "percent")))
        if "target" in ranked and ranked["target"].notna().any():
            with_target = ranked[ranked["target"].notna()]
            below = int((with_target["gap_points"].astype(float) < 0).sum())
            messages.append(_("{below} of {count} with a target are below it.").format(
                below=format_number(below), count=format_number(len(with_target))))
        return messages

    # Two dimensions crossed (heat strip, flows): the largest cells and the smallest.
    def cells(self, valued: pd.DataFrame, dimensions: list[str]) -> list[str]:
        ranked = valued.sort_values("value", ascending=False, kind="stable").reset_index(
            drop=True)
        messages = [_("{title}, highest: {listed}.").format(
            title=self.title, listed=self.listing(ranked, dimensions, LISTED))]
        if len(ranked) >= 2:
            low = ranked.iloc[-1]
            messages.append(_("Lowest of {count}: {group} ({value}).").format(
                count=format_number(len(ranked)), group=self.cell_label(low, dimensions),
                value=self.value(low)))
        return messages

    # Sentences shared by the shapes above.
    def ranked_sentence(self, ranked: pd.DataFrame, group: str, period: str) -> str:
        if len(ranked) <= LISTED:
            return _("{title}, {period}: {listed}.").format(
                title=self.title, period=period, listed=self.listing(ranked, [group], LISTED))
        top, bottom = ranked.iloc[0], ranked.iloc[-1]
        return _("{title}, {period}: highest {top} ({top_value}), lowest {bottom} "
                 "({bottom_value}).").format(
            title=self.title, period=period, top=self.label(group, top[group]),
            top_value=self.value(top), bottom=self.label(group, bottom[group]),
            bottom_value=self.value(bottom))

    def listing(self, rows: pd.DataFrame, dimensions: list[str], count: int) -> str:
        return _("; ").join(
            _("{group}: {value}").format(group=self.cell_label(row, dimensions),
                                         value=self.value(row))
            for _index, row in rows.head(count).iterrows())

    def cell_label(self, row, dimensions: list[str]) -> str:
        joiner = " → " if self.panel.chart == "sankey" else " · "
        return joiner.join(self.label(d, row[d]) for d in dimensions)

    def label(self, dimension: str, code) -> str:
        if code is None or (not isinstance(code, str) and pd.isna(code)):
            return _("Not given")
        if dimension in TIME:
            return period_text(code, dimension)
        return str(self.names.get(dimension, {}).get(code, code))
