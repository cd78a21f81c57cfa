"""The personnel series as runs of consecutive calendar months per mission x country x
category (and the flags the measures filter on), filled from personnel_fact: the rows'
origins expand them into each row's months

Revision ID: b19c0a1d2e06
Revises: b19c0a1d2e05
Create Date: 2026-12-07 05:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b19c0a1d2e06'
down_revision = 'b19c0a1d2e05'
branch_labels = None
depends_on = None

KEYS = ('mission, country_iso3, category, has_missions, has_gender, gives_women, '
        'anyone_deployed')
# What indicators.measures.personnel_rows.write_month_runs writes, written out here so this
# migration stays as it is whatever that code becomes. {index} is a month's year * 12 + month.
FILL = """
INSERT INTO personnel_month_runs ({keys}, first_month, last_month)
SELECT {keys}, MIN(month), MAX(month)
  FROM (SELECT {keys}, month,
               {index} - DENSE_RANK() OVER (PARTITION BY {keys} ORDER BY month) AS run
          FROM (SELECT mission, country_iso3, category, has_missions, has_gender,
                       women IS NOT NULL AS gives_women, total > 0 AS anyone_deployed, month
                  FROM personnel_fact) AS fact_months) AS numbered
 GROUP BY {keys}, run
 ORDER BY {keys}, run
"""
INDEX = {
    'postgresql': ('CAST(EXTRACT(YEAR FROM month) AS INTEGER) * 12 '
                   '+ CAST(EXTRACT(MONTH FROM month) AS INTEGER)'),
    'sqlite': ("CAST(STRFTIME('%Y', month) AS INTEGER) * 12 "
               "+ CAST(STRFTIME('%m', month) AS INTEGER)"),
}


def fill(dialect: str) -> str:
    return FILL.format(keys=KEYS, index=INDEX[dialect])


def upgrade() -> None:
    op.create_table('personnel_month_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('mission', sa.String(length=24), nullable=True),
    sa.Column('country_iso3', sa.String(length=3), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    sa.Column('gives_women', sa.Boolean(), nullable=False),
    sa.Column('anyone_deployed', sa.Boolean(), nullable=False),
    sa.Column('first_month', sa.Date(), nullable=False),
    sa.Column('last_month', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personnel_month_runs'))
    )
    op.create_index('ix_personnel_month_runs_mission', 'personnel_month_runs',
                    ['mission', 'country_iso3', 'category', 'has_missions', 'has_gender',
                     'gives_women', 'anyone_deployed', 'first_month', 'last_month'],
                    unique=False)
    op.create_index('ix_personnel_month_runs_country', 'personnel_month_runs',
                    ['country_iso3'], unique=False)
    op.execute(fill(op.get_bind().dialect.name))


def downgrade() -> None:
    op.drop_index('ix_personnel_month_runs_country', table_name='personnel_month_runs')
    op.drop_index('ix_personnel_month_runs_mission', table_name='personnel_month_runs')
    op.drop_table('personnel_month_runs')
