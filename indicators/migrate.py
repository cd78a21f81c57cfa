"""Create or migrate the database schema with Alembic, then seed the fixed reference rows."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, select, update

from indicators.db import make_engine
from indicators.models.dimensions import PersonnelCategory
from indicators.reference import PERSONNEL_CATEGORIES

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (creates it on an empty database)."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    seed_reference(engine)


def seed_reference(engine: Engine) -> None:
    """Personnel categories are fixed by the UN's definitions; keep their rows in step."""
    with engine.begin() as conn:
        known = set(conn.execute(select(PersonnelCategory.slug)).scalars())
        for position, (slug, name, group, definition) in enumerate(PERSONNEL_CATEGORIES):
            values = {"name": name, "group": group, "position": position,
                      "definition": definition}
            if slug in known:
                conn.execute(update(PersonnelCategory)
                             .where(PersonnelCategory.slug == slug).values(**values))
            else:
                conn.execute(insert(PersonnelCategory).values(slug=slug, **values))


def autogenerate(message: str) -> None:
    """Write a new revision from the difference between the models and the newest revision.

    Developer tool: `python -m indicators.migrate "what changed"`.
    """
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.sqlite")
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            command.revision(config, message=message, autogenerate=True)


if __name__ == "__main__":
    autogenerate(" ".join(sys.argv[1:]) or "schema change")
