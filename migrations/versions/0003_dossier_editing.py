"""dossiers edited in the interface: a version to check edits against, and archiving

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 16:00:00
"""

from alembic import op
import sqlalchemy as sa

import models.base


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place on SQLite too (no batch copy): every claim and source refers to dossiers.
    op.add_column(
        'dossiers', sa.Column('version', sa.Integer(), nullable=False, server_default='1')
    )
    op.add_column('dossiers', sa.Column('archived_at', models.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    # SQLite (3.35 and later) drops a column no key or index uses in place.
    op.drop_column('dossiers', 'archived_at')
    op.drop_column('dossiers', 'version')
