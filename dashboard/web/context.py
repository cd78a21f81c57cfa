"""Where page layouts and callbacks find the engine, the settings and the stored filters:
on the Flask app serving the request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

from indicators.filters import Filters
from indicators.vocabulary import load_vocabulary

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from dashboard.settings import Settings

# Kept on the Flask app rather than in module globals so two apps (tests) never share a database.
ENGINE_KEY = "PKDASH_ENGINE"
SETTINGS_KEY = "PKDASH_SETTINGS"


def current_engine() -> Engine:
    return current_app.config[ENGINE_KEY]


def current_settings() -> Settings:
    return current_app.config[SETTINGS_KEY]


def stored_filters(query: dict) -> Filters:
    """The filters store's contents (Filters.to_query(), written by the filter bar's callback)
    as Filters again, for the callbacks that follow the store."""
    filters, _problems = Filters.from_query(query, load_vocabulary(current_engine()))
    return filters


def filters_to_show(query: dict | None, shown: dict | None) -> Filters | None:
    """For a callback that follows the filters store: the filters its component must now
    show, or None when it shows them already (or the store is not filled yet: the filter
    bar's callback fills it first)."""
    if query is None or query == shown:
        return None
    return stored_filters(query)
