"""technology capability (illustrative)

Revision ID: 3f7c2a9d5e18
Revises: 5c2f0e9a1d47
Create Date: 2026-12-06 19:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '3f7c2a9d5e18'
down_revision = '5c2f0e9a1d47'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('technology_capability',
    sa.Column('mission', sa.String(length=24), nullable=False),
    sa.Column('country_iso3', sa.String(length=3), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('technology_area', sa.String(length=40), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('at_standard', sa.Integer(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.CheckConstraint('illustrative', name=op.f('ck_technology_capability_illustrative')),
    sa.CheckConstraint('units > 0 AND at_standard BETWEEN 0 AND units', name=op.f('ck_technology_capability_at_standard_within_units')),
    sa.ForeignKeyConstraint(['country_iso3'], ['country.iso3'], name=op.f('fk_technology_capability_country_iso3_country')),
    sa.ForeignKeyConstraint(['mission'], ['mission.acronym'], name=op.f('fk_technology_capability_mission_mission')),
    sa.PrimaryKeyConstraint('mission', 'country_iso3', 'year', 'technology_area', name=op.f('pk_technology_capability'))
    )


def downgrade() -> None:
    op.drop_table('technology_capability')
