"""The personnel series as a table (personnel_fact, personnel_month), filled from the facts

Revision ID: 5c2f0e9a1d47
Revises: 1ee6a33b17cc
Create Date: 2026-12-06 06:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '5c2f0e9a1d47'
down_revision = '1ee6a33b17cc'
branch_labels = None
depends_on = None

# The series as indicators.measures.personnel_rows.refresh_personnel writes it (IPI for the
# months no UN report answers, the reports from 2015), written out here so this migration
# stays as it is whatever that code becomes.
FILL_FACTS = """
INSERT INTO personnel_fact (month, mission, country_iso3, category, women, men, total,
                            has_missions, has_gender)
SELECT d.month, d.mission, d.country_iso3, d.category, d.women, d.men, d.total, true, true
  FROM deployment d
 WHERE NOT EXISTS (SELECT 1 FROM monthly_report m WHERE m.month = d.month)
UNION ALL
SELECT r.month, r.mission, r.country_iso3, r.category, r.women, r.men, r.total,
       m.has_missions, m.has_gender
  FROM report_deployment r JOIN monthly_report m ON m.month = r.month
 WHERE r.month >= '2015-01-01'
"""
FILL_MONTHS = """
INSERT INTO personnel_month (month, has_missions, has_gender)
SELECT DISTINCT d.month, true, true
  FROM deployment d
 WHERE NOT EXISTS (SELECT 1 FROM monthly_report m WHERE m.month = d.month)
UNION ALL
SELECT m.month, m.has_missions, m.has_gender FROM monthly_report m
 WHERE m.month >= '2015-01-01'
"""


def upgrade() -> None:
    op.create_table('personnel_fact',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('mission', sa.String(length=24), nullable=True),
    sa.Column('country_iso3', sa.String(length=3), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('women', sa.Integer(), nullable=True),
    sa.Column('men', sa.Integer(), nullable=True),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personnel_fact'))
    )
    with op.batch_alter_table('personnel_fact', schema=None) as batch_op:
        batch_op.create_index('ix_personnel_fact_month', ['month'], unique=False)
        batch_op.create_index('ix_personnel_fact_mission_month', ['mission', 'month'],
                              unique=False)
        batch_op.create_index('ix_personnel_fact_country_month', ['country_iso3', 'month'],
                              unique=False)
    op.create_table('personnel_month',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('has_missions', sa.Boolean(), nullable=False),
    sa.Column('has_gender', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_personnel_month'))
    )
    op.execute(FILL_FACTS)
    op.execute(FILL_MONTHS)


def downgrade() -> None:
    op.drop_table('personnel_month')
    with op.batch_alter_table('personnel_fact', schema=None) as batch_op:
        batch_op.drop_index('ix_personnel_fact_country_month')
        batch_op.drop_index('ix_personnel_fact_mission_month')
        batch_op.drop_index('ix_personnel_fact_month')
    op.drop_table('personnel_fact')
