"""Keep a threaded web worker's C heap small: glibc's malloc arenas capped, freed pages returned."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

from flask import Flask

# mallopt's parameter number for the arena cap (glibc's malloc.h).
M_ARENA_MAX = -8
# Each worker thread otherwise gets arenas of its own (up to 8 per core), and memory a card
# freed in one stays held there: two arenas keep a worker of 4 threads tens of MB smaller at
# 100 times the data, with no measured cost in time (benchmarks/README.md, issue 19).
ARENAS = 2

log = logging.getLogger(__name__)


def _glibc():
    """The C library, if it is glibc (mallopt and malloc_trim are glibc's), else None."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt, libc.malloc_trim  # noqa: B018 - glibc has both, musl neither
    except (OSError, AttributeError, TypeError):
        return None
    return libc


def keep_heap_small(server: Flask) -> None:
    """Cap malloc's arenas for the threads to come, and after each request give back to the
    system the heap pages it freed (a large card's table and JSON are megabytes, briefly)."""
    libc = _glibc()
    if libc is None:
        log.info("not glibc: malloc arenas left as they are")
        return
    libc.mallopt(M_ARENA_MAX, ARENAS)

    @server.teardown_appcontext  # after the request's own teardowns: all it freed, freed
    def _trim(_error=None) -> None:
        libc.malloc_trim(0)
