"""What a headline figure's card says in words, in the current language: the value, its
change, its trend, the period the row shares, and why there is no figure."""

from __future__ import annotations

from dashboard.i18n.numbers import period_text
from indicators.i18n import _, format_month, format_number
from indicators.kpi import KPIS, Kpi, RowPeriod


def row_period_text(row: RowPeriod, keys: tuple[str, ...]) -> str | None:
    """The sentence above the cards: the one period the real figures share, and which
    series ends there."""
    if row.period is None:
        return None
    text = _("Real figures: {period}, the latest 12 months that the real series in this row "
             "all cover.").format(period=row.period.label())
    limited = row.limited_by()
    if len(limited) < len(row.shared):  # some series run later: name the one that stops
        text += " " + _("{titles}: data end in {month}.").format(
            titles=", ".join(_(KPIS[k].title) if k in KPIS else k for k in limited),
            month=format_month(row.period.end))
    behind = [k for k in row.ends if k not in row.shared]
    if behind:
        text += " " + _("Ending earlier, so shown for their own latest 12 months: {series}."
                        ).format(series=", ".join(
                            _("{title} (to {month})").format(
                                title=_(KPIS[k].title) if k in KPIS else k,
                                month=format_month(row.ends[k])) for k in behind))
    if any(k not in row.ends for k in keys):
        text += " " + _("Illustrative figures keep their own period.")
    return text


def row_note(key: str, row: RowPeriod | None) -> str | None:
    """What a card says when its data end elsewhere than the row's shared period."""
    if row is None or row.period is None or key not in row.ends:
        return None
    end = row.ends[key]
    if key not in row.shared:
        return _("This series ends in {month}: shown for its own latest 12 months.").format(
            month=format_month(end))
    if end > row.period.end:
        return _("Data run to {month}; shown for the row's common period.").format(
            month=format_month(end))
    return None


def change_words(figure: Kpi) -> str:
    if figure.change == 0:
        return _("no change")
    if figure.unit == "percent":  # a change under 0.05 points would round to zero
        digits = 1 if abs(figure.change) >= 0.05 else 2
        return _("{change} points").format(change=_signed(figure.change, digits))
    words = _signed(figure.change, 0)
    if figure.relative_change is not None:
        words += f" ({_percent(figure.relative_change, 0, signed=True)})"
    return words


def _signed(value: float, digits: int) -> str:
    """+1,234 / -1 234,5: the sign always shown, the number in the locale's style."""
    sign = "+" if value > 0 else "-" if value < 0 else ""
    return sign + format_number(abs(value), digits)


def _percent(share: float, digits: int, signed: bool = False) -> str:
    """12.5% (en) / 12,5 % (fr): a share (0.125) as a percentage in the locale's style."""
    number = _signed(share * 100, digits) if signed else format_number(share * 100, digits)
    return _("{number}%").format(number=number)


def trend_text(figure: Kpi) -> str:
    series = figure.series.sort_values(figure.time)
    first, last = series.iloc[0], series.iloc[-1]
    text = (_("Trend by month: {first} in {first_when}, {last} in {last_when}.")
            if figure.time == "month" else
            _("Trend by year: {first} in {first_when}, {last} in {last_when}."))
    # Months in words (August 2014), never as ISO codes ("2014-08") in a sentence.
    return text.format(first=format_value(first["value"], figure.unit),
                       first_when=period_text(first[figure.time], figure.time),
                       last=format_value(last["value"], figure.unit),
                       last_when=period_text(last[figure.time], figure.time))


def no_data_text(figure: Kpi) -> str:
    if figure.period:
        return _("No figure for {period} with these filters: the source may not cover it. "
                 "Try another period or fewer filters.").format(period=figure.period)
    return _("No figure with these filters: the source may not cover it. "
             "Try another period or fewer filters.")


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "percent":
        return _percent(value / 100, 1)
    if unit.startswith("per 1,000"):
        return format_number(value, 2)
    return format_number(value, 0)
