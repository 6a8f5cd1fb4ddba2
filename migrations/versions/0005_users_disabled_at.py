"""accounts can be disabled

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 16:10:00
"""

from alembic import op
import sqlalchemy as sa
import models.base


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('users', sa.Column('disabled_at', models.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column('users', 'disabled_at')
