"""How exports write numbers, periods and dates in the current locale (one place for formats)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from indicators.i18n import _, babel_locale, format_day, format_number

# Decimals a value is shown with, per unit; counts and headcounts are whole numbers.
UNIT_DIGITS = {"percent": 1, "per 1,000 personnel per year": 2, "score": 1}
# Units whose differences are "points" rather than a number of things.
POINT_UNITS = ("percent", "score")


def digits(unit: str) -> int:
    return UNIT_DIGITS.get(unit, 0)


def plain_number(value: float, unit: str) -> str:
    """The number alone, as a table cell under a header that names the unit."""
    return format_number(float(value), digits(unit))


def value_text(value: float, unit: str) -> str:
    """A value with its unit, as a sentence reads it: 10.2%, 0.35 per 1,000 per year, 8,873."""
    number = plain_number(value, unit)
    if unit == "percent":
        return _("{number}%").format(number=number)
    if unit == "per 1,000 personnel per year":
        return _("{number} per 1,000 per year").format(number=number)
    if unit == "USD":
        return _("US${number}").format(number=number)
    if unit == "days":
        return _("{number} days").format(number=number)
    return number


def change_text(delta: float, unit: str) -> str:
    """The size of a difference (no sign): '2.5 points' for shares and scores, else the value."""
    if unit in POINT_UNITS:
        return points_text(delta)
    return value_text(abs(delta), unit)


def points_text(delta: float) -> str:
    return _("{number} points").format(number=format_number(abs(float(delta)), 1))


def same_shown(first: float, second: float, unit: str) -> bool:
    """Whether two values read the same once rounded as shown (no change worth a word)."""
    return plain_number(first, unit) == plain_number(second, unit)


def precise_number(value) -> str:
    """Up to four decimals, as the on-screen table shows them; empty for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool | str):
        return str(value)
    return format_decimal(float(value), format="#,##0.####", locale=_babel_locale())


def period_text(value, dimension: str) -> str:
    """A year as 2013; a month ('2013-12') as December 2013 / décembre 2013."""
    if dimension == "month" and isinstance(value, str) and len(value) >= 7:
        day = dt.date(int(value[:4]), int(value[5:7]), 1)
        return format_date(day, "MMMM y", locale=_babel_locale())
    if dimension == "year":
        return str(int(value))
    return str(value)


def day_text(day: dt.date) -> str:
    return format_day(day)


def moment_text(moment: dt.datetime) -> str:
    """A generation time, in UTC, said so: 22 Nov 2026 10:05 UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return format_datetime(moment.replace(tzinfo=None), "d MMM y HH:mm",
                           locale=_babel_locale()) + " UTC"


def unit_label(unit: str) -> str:
    """The unit as a table header says it."""
    names = {
        "percent": _("%"), "per 1,000 personnel per year": _("per 1,000 per year"),
        "persons": _("persons"), "count": _("count"), "countries": _("countries"),
        "allegations": _("allegations"), "fatalities": _("fatalities"), "days": _("days"),
        "score": _("score"), "USD": _("US$"), "locations": _("locations"),
    }
    return names.get(unit, unit)


def _babel_locale() -> Locale:
    return babel_locale()
