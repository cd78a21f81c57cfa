"""Rollups of the personnel series (by category, mission, mission and country, country),
filled from it;
a covering index on it for one mission by country

Revision ID: a7d41c9e2b60
Revises: a82a9c43602d
Create Date: 2026-12-06 20:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'a7d41c9e2b60'
down_revision = 'a82a9c43602d'
branch_labels = None
depends_on = None

# What indicators.measures.personnel_rows.refresh_personnel writes, written out here so this
# migration stays as it is whatever that code becomes.
FILL = """
INSERT INTO {table} ({keys}, women, men, total, total_with_women, positive_rows)
SELECT {keys}, SUM(women), SUM(men), SUM(total),
       SUM(CASE WHEN women IS NOT NULL THEN total END),
       SUM(CASE WHEN total > 0 THEN 1 ELSE 0 END)
  FROM personnel_fact
 GROUP BY {keys}
"""
GRAINS = {
    'personnel_by_category': 'month, category, has_missions, has_gender',
    'personnel_by_mission': 'month, category, has_missions, has_gender, mission',
    'personnel_by_mission_country': 'category, has_missions, has_gender, mission, country_iso3',
    'personnel_by_country': 'country_iso3, month, category, has_missions, has_gender',
}


def _sums() -> list:
    return [sa.Column('women', sa.Integer(), nullable=True),
            sa.Column('men', sa.Integer(), nullable=True),
            sa.Column('total', sa.Integer(), nullable=False),
            sa.Column('total_with_women', sa.Integer(), nullable=True),
            sa.Column('positive_rows', sa.Integer(), nullable=False)]


def upgrade() -> None:
    op.create_table('personnel_by_category',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    *_sums(),
    sa.PrimaryKeyConstraint('month', 'category', 'has_missions', 'has_gender',
                            name=op.f('pk_personnel_by_category'))
    )
    op.create_table('personnel_by_mission',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    sa.Column('mission', sa.String(length=24), nullable=True),
    *_sums(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personnel_by_mission'))
    )
    with op.batch_alter_table('personnel_by_mission', schema=None) as batch_op:
        batch_op.create_index('ix_personnel_by_mission_mission_month', ['mission', 'month'],
                              unique=False)
    op.create_table('personnel_by_mission_country',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    sa.Column('mission', sa.String(length=24), nullable=True),
    sa.Column('country_iso3', sa.String(length=3), nullable=False),
    *_sums(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personnel_by_mission_country'))
    )
    with op.batch_alter_table('personnel_by_mission_country', schema=None) as batch_op:
        batch_op.create_index('ix_personnel_by_mission_country_mission',
                              ['mission', 'country_iso3', 'category', 'has_missions',
                               'has_gender', 'total', 'women', 'men', 'total_with_women',
                               'positive_rows'], unique=False)
    op.create_table('personnel_by_country',
    sa.Column('country_iso3', sa.String(length=3), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    *_sums(),
    sa.PrimaryKeyConstraint('country_iso3', 'month', 'category', 'has_missions', 'has_gender',
                            name=op.f('pk_personnel_by_country'))
    )
    for table, keys in GRAINS.items():
        op.execute(FILL.format(table=table, keys=keys))
    with op.batch_alter_table('personnel_fact', schema=None) as batch_op:
        batch_op.create_index('ix_personnel_fact_mission_country',
                              ['mission', 'country_iso3', 'month', 'category', 'has_missions',
                               'total'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('personnel_fact', schema=None) as batch_op:
        batch_op.drop_index('ix_personnel_fact_mission_country')
    op.drop_table('personnel_by_country')
    op.drop_table('personnel_by_mission_country')
    op.drop_table('personnel_by_mission')
    op.drop_table('personnel_by_category')
