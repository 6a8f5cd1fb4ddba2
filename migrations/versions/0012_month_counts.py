"""the months of each dossier's live claims, and the years they hold the strip's axis to,
by timeline order, kept with the facet counts

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 01:00:00

Issue #17: the unfiltered timeline's strip and year index read these rows instead of a
GROUP BY over every claim, and the strip's axis instead of a MIN and MAX over them. The
session event (services/editing/facet_counts.py) keeps them from now on; this fills them
from the live claims there are.

- "months:event" places a claim by its timeline date, "months:stated" by its stated date;
  the value is "YYYY-MM attribution" (services/reading/period_counts.py).
- "starts:<order>" and "ends:<order>" count claims by the first and last year they hold the
  axis to, an open end standing for the other (services/reading/strip_axis.py).
"""

from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

ORDERS = (("months:event", "timeline_date"), ("months:stated", "stated_earliest"))
# Each order's first and last day of a claim's date (services.reading.timeline.date_bounds).
BOUNDS = {
    "event": (
        "coalesce(event_earliest, stated_earliest)",
        "coalesce(event_latest, stated_latest)",
    ),
    "stated": ("stated_earliest", "stated_latest"),
}
OPEN_START, OPEN_END = "'0001-01-01'", "'9999-12-31'"


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
    for order, (first, last) in BOUNDS.items():
        known_first = f"CASE WHEN {first} > {OPEN_START} THEN {first} ELSE {last} END"
        known_last = f"CASE WHEN {last} < {OPEN_END} THEN {last} ELSE {first} END"
        for facet, day in ((f"starts:{order}", known_first), (f"ends:{order}", known_last)):
            year = f"to_char({day}, 'YYYY')" if postgresql else f"strftime('%Y', {day})"
            op.execute(
                "INSERT INTO facet_counts (dossier_id, facet, value, count)"
                f" SELECT dossier_id, '{facet}', {year}, count(*)"
                " FROM claims WHERE deleted_at IS NULL"
                f" GROUP BY dossier_id, {year}"
            )


def downgrade() -> None:
    op.execute(
        "DELETE FROM facet_counts"
        " WHERE facet LIKE 'months:%' OR facet LIKE 'starts:%' OR facet LIKE 'ends:%'"
    )
