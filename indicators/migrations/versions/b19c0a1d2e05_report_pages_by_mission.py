"""The UN's monthly reports' pages by month, mission and category, filled from
report_deployment (the rows' origins read it instead of grouping the report rows)

Revision ID: b19c0a1d2e05
Revises: b17c0a1d2e02
Create Date: 2026-12-07 00:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b19c0a1d2e05'
down_revision = 'b17c0a1d2e02'
branch_labels = None
depends_on = None

# What indicators.measures.personnel_rows.write_report_pages writes, written out here so this
# migration stays as it is whatever that code becomes.
FILL = """
INSERT INTO report_pages_by_mission (month, mission, category, pages)
SELECT month, mission, category, {listed}
  FROM (SELECT DISTINCT month, mission, category, page FROM report_deployment) AS printed
 GROUP BY month, mission, category
 ORDER BY month, mission, category
"""


def upgrade() -> None:
    op.create_table('report_pages_by_mission',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('mission', sa.String(length=24), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('pages', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_pages_by_mission'))
    )
    op.create_index('ix_report_pages_by_mission_mission_month', 'report_pages_by_mission',
                    ['mission', 'month'], unique=False)
    listed = ("string_agg(CAST(page AS VARCHAR), ',')"
              if op.get_bind().dialect.name == 'postgresql'
              else "group_concat(CAST(page AS VARCHAR), ',')")
    op.execute(FILL.format(listed=listed))


def downgrade() -> None:
    op.drop_index('ix_report_pages_by_mission_mission_month',
                  table_name='report_pages_by_mission')
    op.drop_table('report_pages_by_mission')
