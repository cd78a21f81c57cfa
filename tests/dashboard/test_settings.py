"""Settings come from the environment once, with yes/no values parsed the way people mean them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.settings import DEFAULT_PORT, Settings
from indicators.config import DEFAULT_DATABASE_URL


@pytest.mark.parametrize("word", ["false", "False", "0", "no", "off", "", " FALSE "])
def test_debug_words_meaning_no_are_false(word):
    assert Settings.from_env({"DEBUG": word}).debug is False


@pytest.mark.parametrize("word", ["true", "1", "YES", "on"])
def test_debug_words_meaning_yes_are_true(word):
    assert Settings.from_env({"DEBUG": word}).debug is True


def test_unclear_debug_value_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="DEBUG"):
        Settings.from_env({"DEBUG": "maybe"})


def test_defaults_from_an_empty_environment():
    settings = Settings.from_env({})
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.debug is False
    assert settings.port == DEFAULT_PORT
    assert settings.host == "127.0.0.1"
    assert settings.cache_url is None
    assert settings.secret_key is None


def test_every_variable_is_read():
    settings = Settings.from_env({
        "DATABASE_URL": "sqlite:////tmp/x.sqlite", "PKDASH_RAW_DIR": "/data/raw",
        "DEBUG": "1", "PKDASH_CACHE_URL": "redis://127.0.0.1:6379/0", "HOST": "0.0.0.0",
        "PORT": "9000", "SECRET_KEY": "s3cret",
    })
    assert settings == Settings(
        database_url="sqlite:////tmp/x.sqlite", raw_dir=Path("/data/raw"), debug=True,
        cache_url="redis://127.0.0.1:6379/0", host="0.0.0.0", port=9000, secret_key="s3cret",
    )
    assert settings.data.raw_dir == Path("/data/raw")


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_bad_port_is_refused(port):
    with pytest.raises(ValueError, match="PORT"):
        Settings.from_env({"PORT": port})


def test_settings_are_frozen():
    settings = Settings.from_env({})
    with pytest.raises(AttributeError):
        settings.debug = True  # type: ignore[misc]
