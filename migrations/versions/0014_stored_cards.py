"""claims' cards rendered at write time

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 08:00:00

Issue #17: a cold timeline spent about 12 of its 60 ms rendering 50 claim cards. The
table starts empty: a card without a row is rendered as before, and `flask cards refresh`
(run by `make run`) fills it.
"""

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'stored_cards',
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('fingerprint', sa.String(length=32), nullable=False),
        sa.Column('html', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['claim_id'], ['claims.id'], name=op.f('fk_stored_cards_claim_id_claims'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('claim_id', 'language', name=op.f('pk_stored_cards')),
    )


def downgrade() -> None:
    op.drop_table('stored_cards')
