"""Engine creation: one place that knows how to open SQLite and PostgreSQL the same way."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event


def make_engine(database_url: str) -> Engine:
    """Open the database named by a SQLAlchemy URL, with foreign keys enforced on SQLite too."""
    url = database_url
    # Heroku-style URLs say postgres://; SQLAlchemy wants a driver named.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        _make_sqlite_behave(engine)
    return engine


def _make_sqlite_behave(engine: Engine) -> None:
    """Enforce foreign keys and let our own BEGIN control transactions (pysqlite defers it)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # begin_immediate: a writer that reads before it writes (check, then insert) takes the
        # write lock first, so two such transactions run in turn instead of both deciding.
        immediate = conn.get_execution_options().get("begin_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
