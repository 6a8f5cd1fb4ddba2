"""the months of each dossier's live claims, by timeline order, kept with the facet counts

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 01:00:00

Issue #17: the unfiltered timeline's strip and year index read these rows instead of a
GROUP BY over every claim. The session event (services/editing/facet_counts.py) keeps them
from now on; this fills them from the live claims there are. Facet "months:event" places a
claim by its timeline date, "months:stated" by its stated date; the value is
"YYYY-MM attribution" (services/reading/period_counts.py).
"""

from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

ORDERS = (("months:event", "timeline_date"), ("months:stated", "stated_earliest"))


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for facet, column in ORDERS:
        month = f"to_char({column}, 'YYYY-MM')" if postgresql else f"strftime('%Y-%m', {column})"
        op.execute(
            "INSERT INTO facet_counts (dossier_id, facet, value, count)"
            f" SELECT dossier_id, '{facet}', {month} || ' ' || attribution, count(*)"
            " FROM claims WHERE deleted_at IS NULL"
            f" GROUP BY dossier_id, {month}, attribution"
        )


def downgrade() -> None:
    op.execute("DELETE FROM facet_counts WHERE facet LIKE 'months:%'")
