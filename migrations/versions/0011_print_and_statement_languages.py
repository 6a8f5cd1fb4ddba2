"""languages of a dossier's briefing and statements, and of a claim's statement

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 20:10:00

Issue #20: a dossier prints in its own language (`print_language`; empty = the reader's),
its statements are written in one language (`statement_language`, English until an editor
says otherwise) and a claim may say its statement is in another (`statement_lang`).
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on every database: a batch copy of `claims` or `dossiers` on SQLite
    # would drop a table that others refer to.
    op.add_column('dossiers', sa.Column('print_language', sa.String(length=35), nullable=True))
    op.add_column(
        'dossiers',
        sa.Column(
            'statement_language', sa.String(length=35), server_default='en', nullable=False
        ),
    )
    op.add_column('claims', sa.Column('statement_lang', sa.String(length=35), nullable=True))


def downgrade() -> None:
    # SQLite (3.35 and later) drops a column no index, key or constraint uses, in place.
    op.drop_column('claims', 'statement_lang')
    op.drop_column('dossiers', 'statement_language')
    op.drop_column('dossiers', 'print_language')
