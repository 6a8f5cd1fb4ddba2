"""dismissed claim suggestions: what an editor turned down, so it is not proposed again

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 17:10:00
"""

from alembic import op
import sqlalchemy as sa
import models.base


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: `claims` is not altered, so its full-text triggers stay as they are.
    op.create_table('dismissed_suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('source_text_id', sa.Integer(), nullable=False),
    sa.Column('locator', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('quote_sha256', sa.String(length=64), nullable=False),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
    sa.Column('dismissed_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint('locator >= 1', name=op.f('ck_dismissed_suggestions_locator_positive')),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['users.id'], name=op.f('fk_dismissed_suggestions_dismissed_by_id_users')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dismissed_suggestions_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['source_text_id'], ['source_texts.id'], name=op.f('fk_dismissed_suggestions_source_text_id_source_texts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dismissed_suggestions')),
    sa.UniqueConstraint('dossier_id', 'source_text_id', 'locator', 'quote_sha256', name='uq_dismissed_suggestions_place')
    )
    op.create_index(op.f('ix_dismissed_suggestions_dismissed_by_id'), 'dismissed_suggestions', ['dismissed_by_id'], unique=False)
    op.create_index(op.f('ix_dismissed_suggestions_dossier_id'), 'dismissed_suggestions', ['dossier_id'], unique=False)
    op.create_index(op.f('ix_dismissed_suggestions_source_text_id'), 'dismissed_suggestions', ['source_text_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_dismissed_suggestions_source_text_id'), table_name='dismissed_suggestions')
    op.drop_index(op.f('ix_dismissed_suggestions_dossier_id'), table_name='dismissed_suggestions')
    op.drop_index(op.f('ix_dismissed_suggestions_dismissed_by_id'), table_name='dismissed_suggestions')
    op.drop_table('dismissed_suggestions')
