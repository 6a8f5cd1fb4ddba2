"""an entity belongs to an organisation entity (member_of)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 17:15:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # In place, as 0002 does: a batch copy of entities would have to drop a table that
        # every claim refers to. SQLite adds a column with a named REFERENCES clause; a
        # downgrade left it there, empty (see below), and it is reused.
        if _has_member_of():
            op.create_index(
                op.f('ix_entities_member_of_id'), 'entities', ['member_of_id'], unique=False
            )
            return
        op.execute(
            "ALTER TABLE entities ADD COLUMN member_of_id INTEGER "
            "CONSTRAINT fk_entities_member_of_id_entities REFERENCES entities (id)"
        )
    else:
        op.add_column('entities', sa.Column('member_of_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f('fk_entities_member_of_id_entities'), 'entities', 'entities',
            ['member_of_id'], ['id'],
        )
    op.create_index(op.f('ix_entities_member_of_id'), 'entities', ['member_of_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_entities_member_of_id'), table_name='entities')
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot drop a column a foreign key uses, and copying the table without it
        # would drop `entities`, which every claim refers to (refused with claims in place).
        # The column stays, emptied; older code never reads it, and the upgrade reuses it.
        op.execute("UPDATE entities SET member_of_id = NULL")
    else:
        op.drop_constraint(op.f('fk_entities_member_of_id_entities'), 'entities', type_='foreignkey')
        op.drop_column('entities', 'member_of_id')


def _has_member_of() -> bool:
    columns = sa.inspect(op.get_bind()).get_columns('entities')
    return any(column['name'] == 'member_of_id' for column in columns)
