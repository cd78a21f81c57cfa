"""Helpers for layout tests: build an app on a test database, read a component tree as text."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

from sqlalchemy import Engine, insert

from dashboard.app import create_app
from dashboard.settings import Settings
from indicators.db import make_engine
from indicators.migrate import upgrade
from indicators.models.provenance import SourceVersion


def settings_for(url: str, **overrides) -> Settings:
    return Settings(database_url=url, raw_dir=Path("/nonexistent-raw"), **overrides)


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def small_world_at(url: str) -> str:
    """Migrate the empty database at `url` and load the small world into it; the URL back.
    For module-scoped fixtures and throw-away servers, which cannot use the `engine` fixture."""
    from tests.indicators.test_query_cli import insert_small_world

    engine = make_engine(url)
    upgrade(engine)
    insert_small_world(engine)
    engine.dispose()
    return url


def app_for(url: str, **overrides):
    return create_app(settings_for(url, **overrides))


def render_sources(app) -> object:
    """Call the page's layout the way Dash Pages does, inside the app serving the request."""
    page = importlib.import_module("dashboard.pages.sources")
    with app.server.app_context():
        return page.layout()


def text_of(component) -> str:
    """All the text a person would read in a component tree, space-joined."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(child) for child in component)
    return text_of(getattr(component, "children", None))


def insert_version(engine: Engine, **values) -> dict:
    row = {
        "source": "ipi-gender",
        "title": "IPI Peacekeeping Database: uniformed personnel by country, mission, "
                 "category and gender",
        "publisher": "International Peace Institute",
        "file_name": "full_gender_data.csv",
        "sha256": "0" * 64,
        "as_of": dt.date(2014, 8, 31),
        "coverage_start": dt.date(2009, 11, 1),
        "coverage_end": dt.date(2014, 8, 1),
        "rows_loaded": 43255,
        "illustrative": False,
        "citation": "International Peace Institute, IPI Peacekeeping Database.",
        "loaded_at": dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC),
        **values,
    }
    with engine.begin() as conn:
        conn.execute(insert(SourceVersion).values(**row))
    return row
