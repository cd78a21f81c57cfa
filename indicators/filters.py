"""The one Filters object: parsed from a URL query, applied to SQL, described in words.

The same parameter names serve the API, the dashboard URLs and the CLI: mission, country,
category, from, to, gender. Unknown codes are reported and dropped, never passed to SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from babel.dates import format_date

GENDERS = ("women", "men")
# The query-string names of the filters, the same in URLs, the API and the CLI.
FILTER_PARAMETERS = ("mission", "country", "category", "from", "to", "gender")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one query parameter, said so a person can fix it."""

    parameter: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.parameter}={self.value!r}: {self.reason}"


@dataclass(frozen=True)
class Vocabulary:
    """The codes that exist in the database, so filters can be checked before any SQL runs."""

    missions: frozenset[str] = field(default_factory=frozenset)
    countries: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Filters:
    """What a person asked to see. Frozen and hashable: it is the cache key for compute()."""

    missions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    period_from: dt.date | None = None  # first day of the first month, inclusive
    period_to: dt.date | None = None  # first day of the last month, inclusive
    gender: str | None = None  # "women" | "men" | None for everyone

    @classmethod
    def from_query(cls, query: Mapping[str, str | Iterable[str]], vocabulary: Vocabulary
                   ) -> tuple[Filters, list[Problem]]:
        """Read a query string; unknown codes are dropped and reported as problems."""
        problems: list[Problem] = []
        missions = _codes(query, "mission", vocabulary.missions, problems, str.upper,
                          "no mission with this acronym")
        countries = _codes(query, "country", vocabulary.countries, problems, str.upper,
                           "no contributing country with this ISO 3166 alpha-3 code")
        categories = _codes(query, "category", vocabulary.categories, problems, str.lower,
                            "no personnel category with this slug")
        period_from = _month(query, "from", problems)
        period_to = _month(query, "to", problems)
        if period_from and period_to and period_from > period_to:
            problems.append(Problem("to", period_to.strftime("%Y-%m"),
                                    "the end of the period is before its start"))
            period_to = None
        gender = _single(query, "gender")
        if gender is not None and gender not in GENDERS:
            problems.append(Problem("gender", gender, "expected women or men"))
            gender = None
        return cls(missions, countries, categories, period_from, period_to, gender), problems

    def to_query(self) -> dict[str, str]:
        """The query-string form (comma-separated lists), omitting what is not set."""
        query = {
            "mission": ",".join(self.missions),
            "country": ",".join(self.countries),
            "category": ",".join(self.categories),
            "from": self.period_from.strftime("%Y-%m") if self.period_from else "",
            "to": self.period_to.strftime("%Y-%m") if self.period_to else "",
            "gender": self.gender or "",
        }
        return {name: value for name, value in query.items() if value}

    def describe(self, locale: str = "en") -> str:
        """Words for captions and footers: 'MINUSCA, MONUSCO · troops · Jan 2012 – Dec 2013'."""
        parts = []
        if self.missions:
            parts.append(", ".join(self.missions))
        if self.countries:
            parts.append(", ".join(self.countries))
        if self.categories:
            parts.append(", ".join(c.replace("-", " ") for c in self.categories))
        if self.gender:
            parts.append(self.gender)
        if self.period_from or self.period_to:
            start = _month_label(self.period_from, locale) if self.period_from else "…"
            end = _month_label(self.period_to, locale) if self.period_to else "…"
            parts.append(f"{start} – {end}")
        return " · ".join(parts) if parts else "All missions, countries and categories"

    def is_empty(self) -> bool:
        return self == Filters()


def _values(query: Mapping[str, str | Iterable[str]], name: str) -> list[str]:
    raw = query.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _single(query, name: str) -> str | None:
    values = _values(query, name)
    return values[-1] if values else None


def _codes(query, name, known, problems, normalise, reason) -> tuple[str, ...]:
    kept: list[str] = []
    for value in _values(query, name):
        code = normalise(value)
        if code not in known:
            problems.append(Problem(name, value, reason))
        elif code not in kept:
            kept.append(code)
    return tuple(sorted(kept))


def _month(query, name: str, problems: list[Problem]) -> dt.date | None:
    value = _single(query, name)
    if value is None:
        return None
    match = MONTH_PATTERN.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        problems.append(Problem(name, value, "expected a month as YYYY-MM"))
        return None
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def _month_label(day: dt.date, locale: str) -> str:
    return format_date(day, "MMM y", locale=locale)
