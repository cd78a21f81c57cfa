"""The migrations build the same schema as the models, on SQLite and on PostgreSQL."""

from sqlalchemy import func, inspect, select

from indicators.migrate import upgrade
from indicators.models import Base
from indicators.models.dimensions import PersonnelCategory


def test_migrations_create_every_model_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_twice_is_harmless_and_seeds_categories_once(engine):
    upgrade(engine)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(PersonnelCategory)).scalar_one()
        groups = dict(conn.execute(select(PersonnelCategory.slug, PersonnelCategory.group)).all())
    assert count == 5
    assert groups["formed-police-units"] == "police"
    assert groups["staff-officers"] == "military"
