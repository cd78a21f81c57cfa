"""saved briefings: each pack with its address, data version and bytes (issue 17)

Revision ID: b17c0a1d2e03
Revises: b17c0a1d2e04
Create Date: 2026-12-06 23:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'b17c0a1d2e03'
down_revision = 'b17c0a1d2e04'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('saved_briefing',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('created', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data_version', sa.Integer(), nullable=True),
    sa.Column('page', sa.String(length=40), nullable=False),
    sa.Column('fmt', sa.String(length=8), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('page_address', sa.Text(), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=120), nullable=False),
    sa.Column('scope', sa.String(length=240), nullable=False),
    sa.Column('made_by', sa.String(length=254), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('content_dropped', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_briefing')),
    sa.UniqueConstraint('token', name=op.f('uq_saved_briefing_token'))
    )
    with op.batch_alter_table('saved_briefing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_briefing_created'), ['created'], unique=False)
        batch_op.create_index(batch_op.f('ix_saved_briefing_scope'), ['scope'], unique=False)
        batch_op.create_index(batch_op.f('ix_saved_briefing_account_id'), ['account_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('saved_briefing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_briefing_account_id'))
        batch_op.drop_index(batch_op.f('ix_saved_briefing_scope'))
        batch_op.drop_index(batch_op.f('ix_saved_briefing_created'))
    op.drop_table('saved_briefing')
