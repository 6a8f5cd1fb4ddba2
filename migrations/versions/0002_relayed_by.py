"""who relayed a private remark

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 15:00:00
"""

import importlib.util
from pathlib import Path

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Not batch mode: its copy of the table would drop the full-text triggers on claims.
        # SQLite adds a column with an inline, named REFERENCES clause in place.
        op.execute(
            "ALTER TABLE claims ADD COLUMN relayed_by_id INTEGER "
            "CONSTRAINT fk_claims_relayed_by_id_entities REFERENCES entities (id)"
        )
    else:
        op.add_column('claims', sa.Column('relayed_by_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f('fk_claims_relayed_by_id_entities'), 'claims', 'entities', ['relayed_by_id'], ['id']
        )
    op.add_column('claims', sa.Column('relayed_by_description', sa.String(length=300), nullable=True))
    op.create_index(op.f('ix_claims_relayed_by_id'), 'claims', ['relayed_by_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_claims_relayed_by_id'), table_name='claims')
    op.drop_column('claims', 'relayed_by_description')
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot drop a column that a foreign key uses: copy the table without it,
        # then put back the full-text triggers the copy dropped.
        with op.batch_alter_table('claims', recreate='always') as batch_op:
            batch_op.drop_column('relayed_by_id')
        for statement in _initial_schema().SQLITE_FTS[1:]:
            op.execute(statement)
    else:
        op.drop_constraint(op.f('fk_claims_relayed_by_id_entities'), 'claims', type_='foreignkey')
        op.drop_column('claims', 'relayed_by_id')


def _initial_schema():
    path = Path(__file__).with_name("0001_initial_schema.py")
    spec = importlib.util.spec_from_file_location("initial_schema", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
