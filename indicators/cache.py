"""Where compute() keeps its frames: an LRU in this process, or Redis shared by every worker."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sys
import time
from collections import OrderedDict
from pathlib import Path
from threading import Lock
from urllib.parse import urlsplit

import pandas as pd

CACHE_URL_VARIABLE = "PKDASH_CACHE_URL"
CACHE_SIZE = 512
# ...and about this many bytes. At real size a frame is a few KB, so the count binds; at 100
# times the data one mission's contributors are 10,000 rows, and a worker that kept them all
# passed 300 MB (benchmarks/README.md, issue 19).
CACHE_BYTES = 12 * 2**20
REDIS_SCHEMES = ("redis", "rediss", "unix")  # what redis-py's from_url reads
# Keys carry the data version, so this only bounds how long an unused frame takes up memory.
REDIS_TIMEOUT = 6 * 60 * 60
# A page waits at most this long on a Redis that is not answering, then computes directly...
REDIS_SOCKET_SECONDS = 0.5
# ...and for this long after a failure does not ask Redis at all, so an outage costs one wait.
REDIS_RETRY_AFTER = 30.0

log = logging.getLogger(__name__)


class LruCache:
    """A small thread-safe LRU of computed frames, keyed by (database, indicator, filters, by),
    holding at most `size` entries and, if `max_bytes` is given, about that many bytes."""

    def __init__(self, size: int, max_bytes: int | None = None):
        self.size, self.max_bytes = size, max_bytes
        self.items, self.lock = OrderedDict(), Lock()
        self.weights: dict = {}  # key -> the bytes its value holds (with max_bytes only)
        self.held = 0

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            return None

    def put(self, key, value) -> None:
        # Weighed outside the lock: a large value takes milliseconds.
        weight = held_bytes(value) if self.max_bytes is not None else 0
        if self.max_bytes is not None and weight > self.max_bytes:
            return  # bigger than the whole cache: kept by no one, computed when asked
        with self.lock:
            self.held -= self.weights.pop(key, 0)
            self.items[key] = value
            self.items.move_to_end(key)
            if self.max_bytes is not None:
                self.weights[key] = weight
                self.held += weight
            while len(self.items) > self.size or (self.max_bytes is not None
                                                  and self.held > self.max_bytes):
                oldest, _value = self.items.popitem(last=False)
                self.held -= self.weights.pop(oldest, 0)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.weights.clear()
            self.held = 0


def held_bytes(value) -> int:
    """About how many bytes `value` holds, each object counted once: a frame by its columns
    (frame_bytes), containers and dataclasses with what they hold, anything else by
    sys.getsizeof."""
    seen: set[int] = set()
    pending, total = [value], 0
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, pd.DataFrame):
            total += frame_bytes(item)
            continue
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            inside = [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple, set, frozenset)):
            inside = item
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            inside = [getattr(item, field.name) for field in dataclasses.fields(item)]
        else:
            continue
        for part in inside:  # plain values counted here: most of what a cache holds
            if type(part) in _PLAIN:
                if id(part) not in seen:
                    seen.add(id(part))
                    total += sys.getsizeof(part)
            else:
                pending.append(part)
    return total


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


# What a text cell holds beside its pointer: a short str object (a code, a unit, a note).
TEXT_CELL_BYTES = 60


def frame_bytes(frame: pd.DataFrame) -> int:
    """About what a frame's columns hold: numbers as stored, text cells at TEXT_CELL_BYTES each.
    (pandas' memory_usage(deep=True) measures every string: 0.5 ms for a card's 100 rows, and
    pympler's asizeof 1 ms, a tenth of a page build for the cache's bookkeeping alone.)"""
    rows = len(frame)
    total = frame.index.nbytes
    for dtype in frame.dtypes:
        total += rows * (dtype.itemsize if dtype.kind in "biufcmM" else 8 + TEXT_CELL_BYTES)
    return total


class RedisFrameCache:
    """Frames in Redis, so every worker shares them; a Redis that fails is treated as a miss."""

    def __init__(self, url: str):
        # Imported here: a process without PKDASH_CACHE_URL (the CLI) need not load them.
        import redis
        from cachelib import RedisCache
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # redis-py retries ten times by default: seconds lost per request while Redis is down.
        client = redis.Redis.from_url(
            url, socket_connect_timeout=REDIS_SOCKET_SECONDS,
            socket_timeout=REDIS_SOCKET_SECONDS, retry=Retry(NoBackoff(), 0))
        # The code's fingerprint is in the prefix: frames made by the last release's code are
        # never served by this one, though a release does not change the data version.
        self.store = RedisCache(client, default_timeout=REDIS_TIMEOUT,
                                key_prefix=f"pkdash:{code_fingerprint()}:")
        self.shown_url = shown(url)
        # What a missing, refusing, slow or full Redis raises.
        self.down_errors = (redis.RedisError, OSError)
        self.lock = Lock()
        self.skip_until = 0.0  # while Redis is known to be down, do not wait on it again
        self.down = False

    def get(self, key) -> pd.DataFrame | None:
        if not self._worth_asking():
            return None
        try:
            frame = self.store.get(redis_key(key))
        except self.down_errors as error:
            self._failed(error)
            return None
        except Exception as error:  # a frame this process cannot read is a miss, not a 500
            log.warning("%s: unreadable cached frame, computing it again (%s)",
                        CACHE_URL_VARIABLE, error)
            return None
        self._answered()
        return frame if isinstance(frame, pd.DataFrame) else None

    def put(self, key, frame: pd.DataFrame) -> None:
        if not self._worth_asking():
            return
        try:
            self.store.set(redis_key(key), frame)
        except self.down_errors as error:
            self._failed(error)
            return
        except Exception as error:  # a frame that will not pickle is simply not shared
            log.warning("%s: frame not cached (%s)", CACHE_URL_VARIABLE, error)
            return
        self._answered()

    def clear(self) -> None:
        """Drop this code version's frames (other releases' keys carry another prefix)."""
        try:
            self.store.clear()
        except self.down_errors as error:
            self._failed(error)

    def _worth_asking(self) -> bool:
        return time.monotonic() >= self.skip_until

    def _failed(self, error: Exception) -> None:
        with self.lock:
            self.skip_until = time.monotonic() + REDIS_RETRY_AFTER
            first = not self.down
            self.down = True
        if first:  # once per outage, not once per request
            log.warning("%s=%s is not answering (%s): computing indicators directly until it "
                        "does", CACHE_URL_VARIABLE, self.shown_url, error)

    def _answered(self) -> None:
        if not self.down:  # the usual case, decided without taking the lock
            return
        with self.lock:
            was_down, self.down = self.down, False
        if was_down:
            log.info("%s=%s answers again: frames are shared again", CACHE_URL_VARIABLE,
                     self.shown_url)


def redis_key(key: tuple) -> str:
    """compute()'s keys are tuples of plain values (URL, strings, tuples, dates), whose repr is
    the same in every process; a digest of it is short and keeps the database URL out."""
    return hashlib.sha256(repr(key).encode()).hexdigest()


def code_fingerprint() -> str:
    """Changes with any of this package's code or translations, or pandas (frames are pickled)."""
    digest = hashlib.sha256(pd.__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".po") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def shown(url: str) -> str:
    """The URL for messages and logs, its password (if any) replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)
                          ).geturl()


def make_cache(url: str | None) -> LruCache | RedisFrameCache:
    """The cache PKDASH_CACHE_URL asks for; an unsupported URL is a configuration error."""
    if not url:
        return LruCache(CACHE_SIZE, CACHE_BYTES)
    scheme = urlsplit(url).scheme
    if scheme not in REDIS_SCHEMES:
        raise ValueError(f"{CACHE_URL_VARIABLE}={shown(url)!r}: unsupported cache; use "
                         "redis://host:port/db (or rediss://, unix://), or leave it unset for "
                         "a cache in each process")
    try:
        return RedisFrameCache(url)
    except ValueError as error:  # from_url found the URL malformed (a bad port, say)
        raise ValueError(f"{CACHE_URL_VARIABLE}={shown(url)!r}: {error}") from None


_cache: LruCache | RedisFrameCache = LruCache(CACHE_SIZE, CACHE_BYTES)


def configure_cache(url: str | None) -> LruCache | RedisFrameCache:
    """Choose this process's cache (the app does at start-up); a new, empty one each call."""
    global _cache
    _cache = make_cache(url)
    return _cache


def frame_cache() -> LruCache | RedisFrameCache:
    return _cache


# Caches of this process's own beside compute()'s frames (what is worked out from them, such
# as indicators.origins' months and pages): clear_cache() empties them too.
_local: list[LruCache] = []


def local_cache(size: int, max_bytes: int | None = None) -> LruCache:
    """An LRU in this process, emptied with compute()'s frames by clear_cache(); its keys must
    carry the data version, as compute()'s do."""
    cache = LruCache(size, max_bytes)
    _local.append(cache)
    return cache


def clear_cache() -> None:
    _cache.clear()
    for cache in _local:
        cache.clear()
