"""PKDASH_CACHE_URL through the app: checked when the app is built, then used by its requests."""

from __future__ import annotations

import pytest

from indicators.cache import configure_cache
from tests.dashboard.helpers import app_for, url_of
from tests.indicators.test_cache import stored_keys
from tests.indicators.test_query_cli import insert_small_world


@pytest.fixture(autouse=True)
def in_process_cache_afterwards():
    yield
    configure_cache(None)


def test_the_app_shares_its_frames_through_the_configured_redis(engine, redis_server):
    insert_small_world(engine)
    client = app_for(url_of(engine), cache_url=redis_server.url).server.test_client()
    before = len(stored_keys(redis_server.url))
    response = client.get("/api/v1/indicators/women-share?by=mission")
    assert response.status_code == 200
    assert len(stored_keys(redis_server.url)) > before


def test_an_unsupported_cache_url_stops_the_app_at_start_up(tmp_path):
    with pytest.raises(ValueError, match=r"PKDASH_CACHE_URL='memcached://x'"):
        app_for(f"sqlite:///{tmp_path / 'unused.sqlite'}", cache_url="memcached://x")
