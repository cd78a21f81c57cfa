"""data versions: each build's sources, the fact history as differences, KPI snapshots

Revision ID: b17c0a1d2e01
Revises: a7d41c9e2b60
Create Date: 2026-12-06 23:25:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b17c0a1d2e01'
down_revision = 'a7d41c9e2b60'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('data_version',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )
    with op.batch_alter_table('data_version', schema=None) as batch_op:
        batch_op.create_index('ix_data_version_created_at', ['created_at'], unique=False)
    op.create_table('data_version_source',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('months', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['data_version.id'],
                            name=op.f('fk_data_version_source_version_id_data_version')),
    sa.PrimaryKeyConstraint('version_id', 'source', name=op.f('pk_data_version_source'))
    )
    op.create_table('fact_change',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('month', sa.Date(), nullable=True),
    sa.Column('mission', sa.String(length=24), nullable=True),
    sa.Column('country_iso3', sa.String(length=3), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('allegation_key', sa.String(length=40), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['data_version.id'],
                            name=op.f('fk_fact_change_version_id_data_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_change'))
    )
    with op.batch_alter_table('fact_change', schema=None) as batch_op:
        batch_op.create_index('ix_fact_change_version', ['version_id', 'domain'], unique=False)
    op.create_table('kpi_snapshot',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('month', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['data_version.id'],
                            name=op.f('fk_kpi_snapshot_version_id_data_version')),
    sa.PrimaryKeyConstraint('version_id', 'indicator', name=op.f('pk_kpi_snapshot'))
    )


def downgrade() -> None:
    op.drop_table('kpi_snapshot')
    with op.batch_alter_table('fact_change', schema=None) as batch_op:
        batch_op.drop_index('ix_fact_change_version')
    op.drop_table('fact_change')
    op.drop_table('data_version_source')
    with op.batch_alter_table('data_version', schema=None) as batch_op:
        batch_op.drop_index('ix_data_version_created_at')
    op.drop_table('data_version')
