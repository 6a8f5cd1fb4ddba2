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
        # every claim refers to. SQLite adds a column with a named REFERENCES clause.
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
        # SQLite cannot drop a column a foreign key uses: copy the table without it.
        with op.batch_alter_table('entities', recreate='always') as batch_op:
            batch_op.drop_column('member_of_id')
    else:
        op.drop_constraint(op.f('fk_entities_member_of_id_entities'), 'entities', type_='foreignkey')
        op.drop_column('entities', 'member_of_id')
