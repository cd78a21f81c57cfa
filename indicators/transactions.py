"""Where a write happens: in its own transaction when given an engine, or as a savepoint inside
the caller's transaction when given a connection, so `pkdash build` can write every source in
one transaction (all or nothing) while still refusing one source without losing the others."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

Bind = Engine | Connection


@contextmanager
def writing(bind: Bind) -> Iterator[Connection]:
    """A unit of work that is kept whole or undone whole."""
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            yield conn
    else:
        with bind.begin_nested():
            yield bind


@contextmanager
def reading(bind: Bind) -> Iterator[Connection]:
    """A connection to read with: the caller's own (so it sees its uncommitted writes), or a
    new one."""
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            yield conn
    else:
        yield bind
