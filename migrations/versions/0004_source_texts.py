"""source texts: a source's full text, by version

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 15:50:00
"""

from alembic import op
import sqlalchemy as sa
import models.base


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: `claims` is not altered, so its full-text triggers stay as they are.
    op.create_table('source_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('paragraph_count', sa.Integer(), nullable=False),
    sa.Column('captured_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint('paragraph_count >= 0', name=op.f('ck_source_texts_paragraph_count_not_negative')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_source_texts_version_positive')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_texts_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_texts')),
    sa.UniqueConstraint('source_id', 'version', name='uq_source_texts_source_version')
    )
    op.create_index(op.f('ix_source_texts_source_id'), 'source_texts', ['source_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_source_texts_source_id'), table_name='source_texts')
    op.drop_table('source_texts')
