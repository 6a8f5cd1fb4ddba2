"""facet counts kept at write time, filled from the claims there are; a covering index
for the filtered facets

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 17:10:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# The same counts the session event keeps (services/editing/facet_counts.py), over the
# live claims present when the table is created.
FILL = [
    "SELECT dossier_id, 'total', '', count(*) FROM claims WHERE deleted_at IS NULL"
    " GROUP BY dossier_id",
    "SELECT dossier_id, 'attributions', attribution, count(*) FROM claims"
    " WHERE deleted_at IS NULL GROUP BY dossier_id, attribution",
    "SELECT dossier_id, 'statuses', status, count(*) FROM claims"
    " WHERE deleted_at IS NULL GROUP BY dossier_id, status",
    "SELECT c.dossier_id, 'tags', CAST(t.tag_id AS VARCHAR(40)), count(*) FROM claim_tags t"
    " JOIN claims c ON c.id = t.claim_id WHERE c.deleted_at IS NULL"
    " GROUP BY c.dossier_id, t.tag_id",
    "SELECT dossier_id, 'entities', CAST(entity_id AS VARCHAR(40)), count(*) FROM ("
    " SELECT c.dossier_id, e.claim_id, e.entity_id FROM claim_entities e"
    " JOIN claims c ON c.id = e.claim_id WHERE c.deleted_at IS NULL"
    " UNION SELECT dossier_id, id, speaker_id FROM claims"
    " WHERE deleted_at IS NULL AND speaker_id IS NOT NULL"
    ") AS links GROUP BY dossier_id, entity_id",
    "SELECT dossier_id, 'sources', CAST(source_id AS VARCHAR(40)), count(*) FROM ("
    " SELECT dossier_id, id, source_id FROM claims WHERE deleted_at IS NULL"
    " UNION SELECT dossier_id, id, via_id FROM claims"
    " WHERE deleted_at IS NULL AND via_id IS NOT NULL"
    ") AS links GROUP BY dossier_id, source_id",
]


def upgrade() -> None:
    op.create_table(
        'facet_counts',
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('facet', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=40), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['dossier_id'], ['dossiers.id'], name=op.f('fk_facet_counts_dossier_id_dossiers'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('dossier_id', 'facet', 'value', name=op.f('pk_facet_counts')),
    )
    # A plain CREATE INDEX: no batch alter of claims, which would drop the FTS triggers.
    op.create_index(
        'ix_claims_facets', 'claims',
        ['dossier_id', 'attribution', 'status', 'deleted_at', 'event_earliest', 'event_latest',
         'stated_earliest', 'stated_latest', 'confidence', 'speaker_id', 'source_id', 'via_id'],
    )
    for select in FILL:
        op.execute(f"INSERT INTO facet_counts (dossier_id, facet, value, count) {select}")


def downgrade() -> None:
    op.drop_index('ix_claims_facets', table_name='claims')
    op.drop_table('facet_counts')
