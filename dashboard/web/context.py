"""Where page layouts find the engine and settings: on the Flask app serving the request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

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
