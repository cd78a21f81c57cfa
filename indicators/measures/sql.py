"""SQL building blocks every measure shares: dimension columns, filters, time grains."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, Integer, Select, case, cast, extract, literal, select

from indicators.filters import Filters
from indicators.models.dimensions import Mission


def label(dimension: str) -> str:
    """SQL label for a dimension (kebab-case names are not identifiers)."""
    return dimension.replace("-", "_")


def year_of(column: ColumnElement) -> ColumnElement:
    return cast(extract("year", column), Integer)


def dimension_columns(by: tuple[str, ...], columns: Mapping[str, ColumnElement]
                      ) -> list[ColumnElement]:
    """The labelled columns for `by`; compute() has already checked each is allowed."""
    return [columns[dimension].label(label(dimension)) for dimension in by]


def missions_of_type(mission_type: str):
    """SELECT of the acronyms of peacekeeping operations, or of every other mission."""
    return select(Mission.acronym).where(
        Mission.is_peacekeeping.is_(mission_type == "peacekeeping"))


def mission_type_of(mission: ColumnElement) -> ColumnElement:
    """"peacekeeping" or "political" for a mission code column; NULL where the row has no
    mission (a month whose report has no mission detail), so it is never guessed."""
    return case((mission.in_(missions_of_type("peacekeeping")), literal("peacekeeping")),
                (mission.in_(missions_of_type("political")), literal("political")),
                else_=None)


def filter_conditions(filters: Filters, columns: Mapping[str, ColumnElement]
                      ) -> list[ColumnElement]:
    """WHERE conditions for the filters this measure can apply.

    `columns` maps mission, country, category to code columns; `month` to a date column (first
    day of the month) or `year` to an integer column, for the period. The mission type is
    looked up in the missions table; a row with no mission is of no type, so it is left out.
    """
    conditions = []
    if filters.missions and "mission" in columns:
        conditions.append(columns["mission"].in_(filters.missions))
    if filters.mission_type and "mission" in columns:
        conditions.append(columns["mission"].in_(missions_of_type(filters.mission_type)))
    if filters.countries and "country" in columns:
        conditions.append(columns["country"].in_(filters.countries))
    if filters.categories and "category" in columns:
        conditions.append(columns["category"].in_(filters.categories))
    if "month" in columns:
        if filters.period_from:
            conditions.append(columns["month"] >= filters.period_from)
        if filters.period_to:
            conditions.append(columns["month"] <= filters.period_to)
    elif "year" in columns:
        # A yearly source is in the period when its year overlaps it.
        if filters.period_from:
            conditions.append(columns["year"] >= filters.period_from.year)
        if filters.period_to:
            conditions.append(columns["year"] <= filters.period_to.year)
    return conditions


def apply(stmt: Select, filters: Filters, columns: Mapping[str, ColumnElement]) -> Select:
    conditions = filter_conditions(filters, columns)
    return stmt.where(*conditions) if conditions else stmt


def constant(value) -> ColumnElement:
    return literal(value)
