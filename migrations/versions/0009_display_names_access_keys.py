"""display names for accounts, access keys for unlisted dossiers

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 17:20:00

Existing accounts are shown as "Editor <id>": their sign-in names must not reach readers, and
a neutral name keeps their work apart from each other's until each chooses a name (on the
account page, or `flask --app app users set-display-name`). Every existing dossier gets its
own random access key, so an unlisted one is readable only through its new share link.
"""

import secrets

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'users',
        sa.Column('display_name', sa.String(length=80), server_default='Editor', nullable=False),
    )
    op.execute("UPDATE users SET display_name = 'Editor ' || CAST(id AS VARCHAR(20))")
    # A plain column and a unique index: adding a unique constraint would mean a batch
    # rebuild of `dossiers` on SQLite, which every claim references.
    op.add_column('dossiers', sa.Column('access_key', sa.String(length=43), nullable=True))
    dossiers = sa.table('dossiers', sa.column('id', sa.Integer), sa.column('access_key'))
    connection = op.get_bind()
    for (dossier_id,) in connection.execute(sa.select(dossiers.c.id)).all():
        connection.execute(
            dossiers.update()
            .where(dossiers.c.id == dossier_id)
            .values(access_key=secrets.token_urlsafe(32))
        )
    op.create_index('ix_dossiers_access_key', 'dossiers', ['access_key'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_dossiers_access_key', table_name='dossiers')
    op.drop_column('dossiers', 'access_key')
    op.drop_column('users', 'display_name')
