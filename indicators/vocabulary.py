"""Which codes exist in the database (and what a filter bar offers of them), and a request
checked against them for the CLI and API."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from threading import Lock

from sqlalchemy import Engine, func, select

from indicators.catalogue import CATALOGUE
from indicators.compute import QueryError, data_version
from indicators.filters import FILTER_PARAMETERS, Filters, Problem, Vocabulary, query_values
from indicators.i18n import _
from indicators.indicator import Indicator
from indicators.models.dimensions import Country, Mission, Month, PersonnelCategory

# The query parameters every front door understands; `by` is the grouping, the rest are filters.
QUERY_PARAMETERS = (*FILTER_PARAMETERS, "by")
# Accepted everywhere but not part of the request: the language of messages and labels.
LANGUAGE_PARAMETER = "lang"
# Parameters that take one value: a second one is refused rather than silently preferred.
SINGLE_VALUED = ("from", "to", "gender", "mission-type", LANGUAGE_PARAMETER)
# A handful of databases at most (the app's, a test's); the cache only spares a query per request.
VOCABULARY_CACHE_SIZE = 8

_cache: OrderedDict[tuple, Vocabulary] = OrderedDict()
_lock = Lock()


def load_vocabulary(engine: Engine) -> Vocabulary:
    """Mission acronyms, ISO3 codes and category slugs that exist in this database."""
    key = (engine.url, data_version(engine))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    with engine.connect() as conn:
        first_month, last_month = conn.execute(
            select(func.min(Month.month), func.max(Month.month))).one()
        vocabulary = Vocabulary(
            missions=frozenset(conn.scalars(select(Mission.acronym))),
            countries=frozenset(conn.scalars(select(Country.iso3))),
            categories=frozenset(conn.scalars(select(PersonnelCategory.slug))),
            first_month=first_month,
            last_month=last_month,
        )
    with _lock:
        _cache[key] = vocabulary
        while len(_cache) > VOCABULARY_CACHE_SIZE:
            _cache.popitem(last=False)
    return vocabulary


@dataclass(frozen=True)
class FilterChoices:
    """What a filter bar offers: each code with its name as stored, in the order shown."""

    missions: tuple[tuple[str, str | None], ...]  # (acronym, name), by acronym
    countries: tuple[tuple[str, str], ...]  # (ISO3, name), by name
    categories: tuple[tuple[str, str], ...]  # (slug, name), in the published order
    months: tuple[dt.date, ...]  # every month the database knows, newest first


def filter_choices(engine: Engine) -> FilterChoices:
    """The missions, countries, categories and months a person can filter by."""
    with engine.connect() as conn:
        return FilterChoices(
            missions=tuple(tuple(row) for row in conn.execute(
                select(Mission.acronym, Mission.name).order_by(Mission.acronym))),
            countries=tuple(tuple(row) for row in conn.execute(
                select(Country.iso3, Country.name).order_by(Country.name))),
            categories=tuple(tuple(row) for row in conn.execute(
                select(PersonnelCategory.slug, PersonnelCategory.name)
                .order_by(PersonnelCategory.position))),
            months=tuple(conn.scalars(select(Month.month).order_by(Month.month.desc()))),
        )


def clear_vocabulary_cache() -> None:
    with _lock:
        _cache.clear()


@dataclass(frozen=True)
class Request:
    """A checked request: what compute() needs, or the problems that stop it."""

    indicator: Indicator | None
    filters: Filters
    by: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.indicator is not None and not self.problems


def read_request(slug: str, query: Mapping[str, str | Iterable[str]], engine: Engine, *,
                 strict_names: bool = True) -> Request:
    """Check a slug and its query parameters the same way for every front door.

    Raises QueryError for an unknown slug (the API answers 404, not 400). Every other problem
    is collected, so a person can fix them all at once. With `strict_names`, a parameter name
    outside QUERY_PARAMETERS is a problem too: a typo such as `misison=` would otherwise
    silently return everything.
    """
    indicator = CATALOGUE.get(slug)
    if indicator is None:
        raise QueryError("indicator", slug, _(
            "no indicator with this slug; see `pkdash query --list` or GET /api/v1/indicators"))
    problems: list[Problem] = []
    if strict_names:
        problems.extend(unknown_parameters(query, (*QUERY_PARAMETERS, LANGUAGE_PARAMETER),
                                           QUERY_PARAMETERS))
    filters, filter_problems = Filters.from_query(query, load_vocabulary(engine))
    problems.extend(filter_problems)
    by = _dimensions(query.get("by"))
    for dimension in by:
        if dimension not in indicator.dimensions:
            problems.append(Problem("by", dimension, _(
                "{indicator} can be cut by {dimensions}").format(
                    indicator=indicator.slug,
                    dimensions=", ".join(indicator.dimensions) or _("nothing"))))
    return Request(indicator, filters, by, tuple(problems))


def read_filters(query: Mapping[str, str | Iterable[str]], engine: Engine,
                 names: Iterable[str], single: Iterable[str] = SINGLE_VALUED
                 ) -> tuple[Filters, list[Problem]]:
    """The strict reading of the exports: every parameter known, each single-valued one given
    once, every code known and every month within the data; each problem named."""
    vocabulary = load_vocabulary(engine)
    problems: list[Problem] = []
    names = tuple(names)
    problems.extend(unknown_parameters(query, names, names))
    for name in query:
        if name in names and name in single and _given_twice(query, name):
            problems.append(Problem(name, ",".join(query_values(query, name)), _(
                "given more than once; give one value")))
    filters, filter_problems = Filters.from_query(
        {name: query[name] for name in query if name in FILTER_PARAMETERS}, vocabulary)
    problems.extend(filter_problems)
    first, last = vocabulary.first_month, vocabulary.last_month
    for name, month in (("from", filters.period_from), ("to", filters.period_to)):
        if month and first and last and not first <= month <= last:
            problems.append(Problem(name, month.strftime("%Y-%m"), _(
                "no data in this month; the data run from {first} to {last}").format(
                    first=first.strftime("%Y-%m"), last=last.strftime("%Y-%m"))))
    return filters, problems


def unknown_parameters(query: Mapping[str, str | Iterable[str]], accepted: Iterable[str],
                       listed: Iterable[str]) -> list[Problem]:
    """A problem for each parameter name outside `accepted`, naming the `listed` ones."""
    accepted = tuple(accepted)
    return [Problem(name, _first(query[name]), _(
        "unknown parameter; expected one of {names}").format(names=", ".join(listed)))
        for name in query if name not in accepted]


def problem_of(error: QueryError) -> Problem:
    # compute() words its reasons in English; the ones with a catalogue entry are translated.
    return Problem(error.parameter, error.value, _(error.reason))


def _dimensions(raw: str | Iterable[str] | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else list(raw)
    parts = [part.strip().lower() for item in items for part in item.split(",")]
    return tuple(dict.fromkeys(part for part in parts if part))


def _given_twice(query: Mapping[str, str | Iterable[str]], name: str) -> bool:
    # Repeated (from=…&from=…), or two values by comma for a code or month; a free text such
    # as an export's title may hold commas.
    raw = query[name]
    if not isinstance(raw, str) and len(list(raw)) > 1:
        return True
    return (name in (*QUERY_PARAMETERS, LANGUAGE_PARAMETER)
            and len(query_values(query, name)) > 1)


def _first(raw: str | Iterable[str]) -> str:
    if isinstance(raw, str):
        return raw
    values = list(raw)
    return values[0] if values else ""
