"""The one Filters object: parsed from a URL query, applied to SQL, described in words.

The same parameter names serve the API, the dashboard URLs and the CLI: mission, country,
category, from, to, gender, mission-type. Unknown codes are reported and dropped, never passed
to SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from indicators.i18n import N_, _, format_month, use_locale
from indicators.place_names import mission_acronym

GENDERS = ("women", "men")
# Peacekeeping operations (Mission.is_peacekeeping) or special political missions (every other
# mission: the UN's monthly reports also list UNAMA, UNAMI, UNSOM, UNSMIL...).
MISSION_TYPES = ("peacekeeping", "political")
# The query-string names of the filters, the same in URLs, the API and the CLI.
FILTER_PARAMETERS = ("mission", "country", "category", "from", "to", "gender", "mission-type")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
# Words for filter values in describe(); slugs outside these lists are shown as they are.
GENDER_WORDS = {"women": N_("women"), "men": N_("men")}
MISSION_TYPE_WORDS = {"peacekeeping": N_("peacekeeping operations"),
                      "political": N_("special political missions")}
CATEGORY_WORDS = {
    "troops": N_("troops"), "staff-officers": N_("staff officers"),
    "experts-on-mission": N_("experts on mission"),
    "formed-police-units": N_("formed police units"),
    "individual-police": N_("individual police"),
}


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
    first_month: dt.date | None = None  # the months the data cover, for strict readers
    last_month: dt.date | None = None


@dataclass(frozen=True)
class Filters:
    """What a person asked to see. Frozen and hashable: it is the cache key for compute()."""

    missions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    period_from: dt.date | None = None  # first day of the first month, inclusive
    period_to: dt.date | None = None  # first day of the last month, inclusive
    gender: str | None = None  # "women" | "men" | None for everyone
    mission_type: str | None = None  # "peacekeeping" | "political" | None for every mission

    @classmethod
    def from_query(cls, query: Mapping[str, str | Iterable[str]], vocabulary: Vocabulary
                   ) -> tuple[Filters, list[Problem]]:
        """Read a query string; unknown codes are dropped and reported as problems."""
        problems: list[Problem] = []
        missions = _codes(query, "mission", vocabulary.missions, problems,
                          _("no mission with this acronym"))
        countries = _codes(query, "country", vocabulary.countries, problems,
                           _("no contributing country with this ISO 3166 alpha-3 code"))
        categories = _codes(query, "category", vocabulary.categories, problems,
                            _("no personnel category with this slug"))
        period_from = _month(query, "from", problems)
        period_to = _month(query, "to", problems)
        if period_from and period_to and period_from > period_to:
            problems.append(Problem("to", period_to.strftime("%Y-%m"),
                                    _("the end of the period is before its start")))
            period_to = None
        gender = _single(query, "gender")
        if gender is not None and gender not in GENDERS:
            problems.append(Problem("gender", gender, _("expected women or men")))
            gender = None
        asked = _single(query, "mission-type")
        mission_type = asked.lower() if asked is not None else None
        if mission_type is not None and mission_type not in MISSION_TYPES:
            problems.append(Problem("mission-type", asked,
                                    _("expected peacekeeping or political")))
            mission_type = None
        return cls(missions, countries, categories, period_from, period_to, gender,
                   mission_type), problems

    def to_query(self) -> dict[str, str]:
        """The query-string form (comma-separated lists), omitting what is not set."""
        query = {
            "mission": ",".join(self.missions),
            "country": ",".join(self.countries),
            "category": ",".join(self.categories),
            "from": self.period_from.strftime("%Y-%m") if self.period_from else "",
            "to": self.period_to.strftime("%Y-%m") if self.period_to else "",
            "gender": self.gender or "",
            "mission-type": self.mission_type or "",
        }
        return {name: value for name, value in query.items() if value}

    def describe(self, locale: str | None = None,
                 country_names: Mapping[str, str] | None = None) -> str:
        """Words for captions and footers: 'MINUSCA, MONUSCO · troops · Jan 2012 – Dec 2013',
        in the given locale (the current one by default); countries by their names where
        `country_names` (ISO3 -> name, lookups.labels) gives them, else by their codes."""
        with use_locale(locale) if locale else contextlib.nullcontext():
            return self._describe(country_names or {})

    def _describe(self, country_names: Mapping[str, str]) -> str:
        parts = []
        if self.mission_type:
            parts.append(_(MISSION_TYPE_WORDS[self.mission_type]))
        if self.missions:
            parts.append(", ".join(mission_acronym(code) for code in self.missions))
        if self.countries:
            parts.append(", ".join(country_names.get(code, code) for code in self.countries))
        if self.categories:
            parts.append(", ".join(_(CATEGORY_WORDS[c]) if c in CATEGORY_WORDS
                                   else c.replace("-", " ") for c in self.categories))
        if self.gender:
            parts.append(_(GENDER_WORDS.get(self.gender, self.gender)))
        if self.period_from or self.period_to:
            start = format_month(self.period_from) if self.period_from else "…"
            end = format_month(self.period_to) if self.period_to else "…"
            parts.append(start if start == end else f"{start} – {end}")
        return " · ".join(parts) if parts else _("All missions, countries and categories")

    def is_empty(self) -> bool:
        return self == Filters()

    def missions_only(self) -> Filters:
        """Just the filters on missions (which ones, of which type), for a measure that
        applies the others itself."""
        return Filters(missions=self.missions, mission_type=self.mission_type)


def query_values(query: Mapping[str, str | Iterable[str]], name: str) -> list[str]:
    """A parameter's values, repeated or comma-separated, blanks dropped."""
    raw = query.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _single(query, name: str) -> str | None:
    values = query_values(query, name)
    return values[-1] if values else None


def _codes(query, name, known, problems, reason) -> tuple[str, ...]:
    """The known codes asked for, in their canonical spelling, matched ignoring case: some
    acronyms are mixed-case (OSESyria), so upper-casing what was typed would never match."""
    canonical = {code.casefold(): code for code in known}
    kept: list[str] = []
    for value in query_values(query, name):
        code = canonical.get(value.casefold())
        if code is None:
            problems.append(Problem(name, value, reason))
        elif code not in kept:
            kept.append(code)
    return tuple(sorted(kept))


def _month(query, name: str, problems: list[Problem]) -> dt.date | None:
    value = _single(query, name)
    if value is None:
        return None
    match = MONTH_PATTERN.match(value)
    # Year 0000 matches the pattern but is no date (Python refuses it: a 500 before this check).
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        problems.append(Problem(name, value, _("expected a month as YYYY-MM")))
        return None
    return dt.date(int(match.group(1)), int(match.group(2)), 1)

