"""Names and places the pages show beside the numbers: labels for codes, mission locations,
and the provenance (title, as of, citation) of each source. Cached per data version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine, func, select

from indicators.catalogue import MEASURE_MODULES
from indicators.compute import data_version
from indicators.filters import Filters
from indicators.i18n import N_, _, current_locale, use_locale
from indicators.manifest import load_manifest
from indicators.models.dimensions import Country, Mission, PersonnelCategory
from indicators.models.facts import DeploymentLocation
from indicators.models.provenance import SourceVersion
from indicators.place_names import country_name, mission_acronym, mission_name
from indicators.source_words import source_words

ILLUSTRATIVE_SOURCE = "illustrative"


@dataclass(frozen=True)
class Provenance:
    """What a caption or an export footer says about one source."""

    slug: str
    title: str
    publisher: str
    citation: str
    as_of: dt.date | None
    illustrative: bool
    loaded: bool
    coverage_start: dt.date | None = None
    coverage_end: dt.date | None = None


GENDER_LABELS = {"women": N_("Women"), "men": N_("Men")}


def labels(engine: Engine, locale: str | None = None) -> dict[str, dict[str, str]]:
    """Display names per dimension in the locale (the current one by default): country ISO3
    -> name, category slug -> name, mission acronym -> full name, etc. In French, `mission`
    maps each acronym to the UN's French one (UNIFIL -> FINUL); codes themselves never change."""
    return _labels(engine, data_version(engine), locale or current_locale())


@lru_cache(maxsize=16)
def _labels(engine: Engine, _version, locale: str) -> dict[str, dict[str, str]]:
    with use_locale(locale):
        return _read_labels(engine, locale)


def _read_labels(engine: Engine, locale: str) -> dict[str, dict[str, str]]:
    with engine.connect() as conn:
        country_rows = conn.execute(select(Country.iso3, Country.name)).all()
        category_rows = conn.execute(select(PersonnelCategory.slug, PersonnelCategory.name)
                                     ).all()
        mission_rows = conn.execute(select(Mission.acronym, Mission.name)).all()
    countries = {code: country_name(code, name, locale) for code, name in country_rows}
    found = {
        "country": countries,
        "nationality": countries,
        "provider": countries,
        "recipient": countries,
        # Category names are the UN's English terms, stored by the importer: their French
        # is in the catalogue (messages.po), tested against indicators.reference.
        "category": {slug: _(name) for slug, name in category_rows},
        "mission_name": {a: mission_name(a, n, locale) for a, n in mission_rows},
        "gender": {code: _(name) for code, name in GENDER_LABELS.items()},
        **{dimension: {code: _(name) for code, name in names.items()}
           for dimension, names in value_labels().items()},
    }
    if not locale.startswith("en"):
        found["mission"] = {a: mission_acronym(a, locale) for a, _name in mission_rows}
    return found


def value_labels() -> dict[str, dict[str, str]]:
    """Names for dimension values the measures themselves define (key factors, stages...)."""
    found: dict[str, dict[str, str]] = {}
    for module in MEASURE_MODULES:
        for dimension, names in getattr(module, "VALUE_LABELS", {}).items():
            found.setdefault(dimension, {}).update(names)
    return found


def provenance(engine: Engine, slugs: tuple[str, ...]) -> list[Provenance]:
    """Provenance of the given sources that are loaded, in the given order; when none is loaded,
    all of them, each saying it is missing.

    An indicator fed by successive sources (IPI to 2014, then the UN's own reports) cites the
    ones its numbers came from; "not loaded" is said only when nothing can answer.
    """
    known = _provenance(engine, data_version(engine))
    every = [_in_language(known[slug]) if slug in known
             else Provenance(slug, slug, "", "", None, slug == ILLUSTRATIVE_SOURCE, False)
             for slug in slugs]
    return [source for source in every if source.loaded] or every


def _in_language(source: Provenance) -> Provenance:
    """The cached (English) provenance in the current language: title, publisher, citation."""
    return replace(source, title=source_words(source.title),
                   publisher=source_words(source.publisher),
                   citation=source_words(source.citation))


@lru_cache(maxsize=8)
def _provenance(engine: Engine, _version) -> dict[str, Provenance]:
    manifest = {source.slug: source for source in load_manifest()}
    with engine.connect() as conn:
        versions = conn.execute(select(SourceVersion)).all()
    result = {}
    for version in versions:
        source = manifest.get(version.source)
        result[version.source] = Provenance(
            slug=version.source, title=version.title, publisher=version.publisher,
            citation=source.citation if source else version.citation, as_of=version.as_of,
            illustrative=version.illustrative, loaded=True,
            coverage_start=version.coverage_start, coverage_end=version.coverage_end)
    return result


def mission_places(engine: Engine) -> pd.DataFrame:
    """Every mission with its headquarters coordinates (None where unknown)."""
    statement = select(Mission.acronym, Mission.name, Mission.latitude, Mission.longitude,
                       Mission.active, Mission.is_peacekeeping)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(statement).all(),
                            columns=["acronym", "name", "latitude", "longitude", "active",
                                     "is_peacekeeping"])


def deployment_sites(engine: Engine, filters: Filters) -> pd.DataFrame:
    """Geo-PKO deployment locations in the latest year with data within the period."""
    location = DeploymentLocation
    conditions = []
    if filters.missions:
        conditions.append(location.mission.in_(filters.missions))
    if filters.period_from:
        conditions.append(location.year >= filters.period_from.year)
    if filters.period_to:
        conditions.append(location.year <= filters.period_to.year)
    # The latest year picked in SQL: Geo-PKO has ~17,000 rows over its years, and only one
    # year's few hundred are drawn.
    latest = select(func.max(location.year)).where(*conditions).scalar_subquery()
    statement = (select(location.mission, location.year, location.location, location.latitude,
                        location.longitude, location.troops_estimate)
                 .where(*conditions, location.year == latest)
                 .order_by(location.id))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(statement).all(),
                            columns=["mission", "year", "location", "latitude", "longitude",
                                     "troops_estimate"])

