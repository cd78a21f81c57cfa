"""The compute cache: in one process, and in a real Redis shared by workers (PKDASH_CACHE_URL)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys

import pandas as pd
import pytest
import redis
from pandas.testing import assert_frame_equal
from sqlalchemy import Engine, event, update

from indicators.cache import CACHE_SIZE, LruCache, configure_cache, held_bytes
from indicators.compute import compute, data_version, one_data_version
from indicators.filters import Filters
from indicators.measures.personnel_rows import refresh_personnel
from indicators.models.facts import Deployment
from indicators.models.provenance import SourceVersion
from tests.dashboard.helpers import insert_version
from tests.indicators.test_query_cli import insert_small_world
from tests.pg_server import _free_port
from tests.redis_server import ThrowawayRedis

# Cuts that exercise what a frame carries: Float64 with NA, Int64 years, month labels, attrs.
REQUESTS = (
    ("women-share", Filters(), ("mission",)),
    ("women-share", Filters(missions=("MINUSCA",)), ("year", "month")),
)

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


@pytest.fixture
def small_world(engine) -> Engine:
    insert_small_world(engine)
    insert_version(engine)
    return engine


@pytest.fixture(autouse=True)
def in_process_cache_afterwards():
    """Each test chooses its cache; the next test starts on an empty in-process one."""
    yield
    configure_cache(None)


@contextlib.contextmanager
def statements_on(engine: Engine):
    """Every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def only_the_data_version_was_read(statements: list[str]) -> bool:
    # make_engine has SQLite say BEGIN itself: transaction control reads no data.
    queries = [s for s in statements if s.split()[0].upper() not in TRANSACTION_CONTROL]
    return len(queries) == 1 and SourceVersion.__tablename__ in queries[0]


def computed_directly(engine: Engine, slug: str, filters: Filters, by) -> pd.DataFrame:
    configure_cache(None)  # an empty in-process cache: the database answers
    with statements_on(engine) as statements:
        frame = compute(slug, filters, by, engine=engine)
    assert not only_the_data_version_was_read(statements)
    return frame


def assert_same_frame(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs  # assert_frame_equal does not look at attrs
    assert got.attrs["indicator"]


def stored_keys(url: str) -> list[bytes]:
    client = redis.Redis.from_url(url)
    try:
        return client.keys("pkdash:*")
    finally:
        client.close()


@pytest.mark.parametrize(("slug", "filters", "by"), REQUESTS)
def test_a_frame_one_worker_computed_is_served_to_another_without_querying(
        small_world, redis_server, slug, filters, by):
    configure_cache(redis_server.url)  # the first worker
    first = compute(slug, filters, by, engine=small_world)
    assert stored_keys(redis_server.url), "the frame never reached Redis"

    configure_cache(redis_server.url)  # the second: a new cache object, only Redis in common
    with statements_on(small_world) as statements:
        shared = compute(slug, filters, by, engine=small_world)
    assert only_the_data_version_was_read(statements), statements

    direct = computed_directly(small_world, slug, filters, by)
    assert_same_frame(shared, direct)
    assert_same_frame(first, direct)


def test_a_frame_from_redis_cannot_be_changed_by_its_caller(small_world, redis_server):
    configure_cache(redis_server.url)
    frame = compute("women-share", Filters(), ("mission",), engine=small_world)
    frame.loc[:, "value"] = 0.0
    frame.attrs["indicator"] = "changed"
    again = compute("women-share", Filters(), ("mission",), engine=small_world)
    assert again["value"].gt(0).all() and again.attrs["indicator"] == "women-share"


def test_a_reload_is_never_served_stale(small_world, redis_server):
    configure_cache(redis_server.url)
    before = compute("women-share", Filters(), ("mission",), engine=small_world)
    assert before.set_index("mission").loc["MONUSCO", "numerator"] == 70

    # What `pkdash build` does on a new file: new rows and a new loaded_at for the source.
    with small_world.begin() as conn:
        conn.execute(update(Deployment).where(Deployment.mission == "MONUSCO")
                     .values(women=0, men=Deployment.total))
        refresh_personnel(conn)
        conn.execute(update(SourceVersion).values(
            loaded_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)))

    configure_cache(redis_server.url)  # another worker, as well as the same one, must see it
    after = compute("women-share", Filters(), ("mission",), engine=small_world)
    assert after.set_index("mission").loc["MONUSCO", "numerator"] == 0
    assert_same_frame(after, computed_directly(small_world, "women-share", Filters(),
                                               ("mission",)))


def test_a_redis_that_stops_answering_still_gives_correct_results(small_world):
    if not ThrowawayRedis.installed():
        pytest.skip("redis-server not found: apt-get install redis-server (./dev test does)")
    server = ThrowawayRedis().start()  # its own server: this test kills it
    try:
        configure_cache(server.url)
        compute("women-share", Filters(), ("mission",), engine=small_world)
    finally:
        server.stop()
    assert not server.answers()
    for slug, filters, by in REQUESTS:  # a frame Redis held, and one it never saw
        got = compute(slug, filters, by, engine=small_world)
        again = compute(slug, filters, by, engine=small_world)
        direct = computed_directly(small_world, slug, filters, by)
        configure_cache(server.url)
        assert_same_frame(got, direct)
        assert_same_frame(again, direct)


def test_a_redis_that_was_never_there_still_gives_correct_results(small_world):
    configure_cache(f"redis://127.0.0.1:{_free_port()}/0")  # nothing listens there
    got = compute("women-share", Filters(), ("mission",), engine=small_world)
    assert_same_frame(got, computed_directly(small_world, "women-share", Filters(),
                                             ("mission",)))


def test_an_unsupported_cache_url_is_a_configuration_error_naming_the_variable():
    with pytest.raises(ValueError, match=r"PKDASH_CACHE_URL='memcached://x'"):
        configure_cache("memcached://x")
    with pytest.raises(ValueError, match="PKDASH_CACHE_URL") as raised:
        configure_cache("memcached://pkdash:s3cret@cache.example.org:11211")
    assert "s3cret" not in str(raised.value)


def test_without_a_url_each_process_keeps_its_own_cache(small_world):
    configure_cache(None)
    first = compute("women-share", Filters(), ("mission",), engine=small_world)
    with statements_on(small_world) as statements:
        again = compute("women-share", Filters(), ("mission",), engine=small_world)
    assert only_the_data_version_was_read(statements), statements
    assert_same_frame(again, first)


def test_the_in_process_cache_forgets_the_least_recently_used_first():
    cache = LruCache(CACHE_SIZE)
    for number in range(CACHE_SIZE):
        cache.put(number, number)
    cache.get(0)  # used again: kept
    cache.put("one more", 1)
    assert cache.get(0) == 0 and cache.get(1) is None and cache.get("one more") == 1
    assert len(cache.items) == CACHE_SIZE


def rows(count: int) -> pd.DataFrame:
    """A frame like a card's: a code and two numbers per row (about 90 bytes a row)."""
    return pd.DataFrame({"country": [f"C{n:05d}" for n in range(count)],
                         "value": [float(n) for n in range(count)],
                         "people": list(range(count))})


def test_the_in_process_cache_is_bounded_in_bytes_as_well_as_entries():
    small, large = rows(10), rows(6_000)
    cache = LruCache(CACHE_SIZE, max_bytes=3 * held_bytes(large))
    for number in range(3):
        cache.put(("large", number), large.copy())
    cache.put("small", small)
    # A fourth large frame would pass the bytes: the least recently used goes first.
    assert cache.get(("large", 0)) is None
    assert cache.get(("large", 1)) is not None and cache.get("small") is not None
    assert len(cache.items) == 3
    assert cache.held == sum(held_bytes(value) for value in cache.items.values())
    assert cache.held <= cache.max_bytes
    cache.put("small", small)  # put again: counted once
    assert cache.held == sum(held_bytes(value) for value in cache.items.values())
    cache.clear()
    assert cache.held == 0 and not cache.weights


def test_a_value_larger_than_the_whole_cache_is_not_kept_and_evicts_nothing():
    cache = LruCache(CACHE_SIZE, max_bytes=held_bytes(rows(100)))
    cache.put("kept", rows(10))
    cache.put("too large", rows(6_000))
    assert cache.get("too large") is None and cache.get("kept") is not None


def test_held_bytes_counts_a_frame_by_its_rows():
    assert 6_000 * 50 < held_bytes(rows(6_000)) < 6_000 * 500
    assert held_bytes(rows(6_000)) > 100 * held_bytes(rows(10)) / 2


def test_held_bytes_counts_what_rows_share_once():
    months = [f"2020-{month:02d}" for month in range(1, 13)]
    shared = {("C1",): months, ("C2",): months}
    separate = {("C1",): months, ("C2",): list(months)}
    assert held_bytes(separate) - held_bytes(shared) == sys.getsizeof(list(months))


def test_one_data_version_reads_the_version_once_and_holds_it_for_the_block(small_world):
    """A card asks for the data version at every lookup; within one_data_version() the
    database is asked once, and a reload during the block is seen only after it."""
    first = data_version(small_world)
    with statements_on(small_world) as statements, one_data_version():
        assert data_version(small_world) == first
        with one_data_version():  # nested: the outer block's version holds
            assert data_version(small_world) == first
        with small_world.begin() as conn:  # a reload in the middle of the card
            conn.execute(update(SourceVersion).values(
                loaded_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)))
        assert data_version(small_world) == first
    reads = [s for s in statements if "count(*)" in s and SourceVersion.__tablename__ in s]
    assert len(reads) == 1
    assert data_version(small_world) != first  # outside the block: read again, new version
