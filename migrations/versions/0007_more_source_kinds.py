"""more kinds of source: press release, court record, video, podcast

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 17:15:00
"""

import re

from alembic import op


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "news_article",
    "report",
    "filing",
    "data_release",
    "transcript",
    "interview",
    "social_post",
)
NEW_KINDS = (
    "news_article",
    "press_release",
    "report",
    "filing",
    "court_record",
    "data_release",
    "transcript",
    "interview",
    "video",
    "podcast",
    "social_post",
)


CONSTRAINT = "ck_sources_source_kind"


def _kinds_check(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


def _change_kinds(new: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(CONSTRAINT), "sources", type_="check")
        op.create_check_constraint(op.f(CONSTRAINT), "sources", _kinds_check(new))
        return
    # SQLite cannot alter a CHECK, and copying `sources` (batch mode) drops the table that
    # claims and source texts refer to, which fails with foreign keys on (they cannot be
    # turned off inside the migration's transaction). SQLite documents this instead for
    # changing a CHECK: rewrite the table's SQL in the schema and bump the schema version
    # (sqlite.org/lang_altertable.html, "otheralter"). Safe because every row satisfies
    # the new CHECK: the list only grows, or the downgrade first moves rows off the kinds
    # it removes.
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sources'"
    ).scalar_one()
    pattern = re.compile(rf"CONSTRAINT {CONSTRAINT} CHECK \(kind IN \([^)]*\)\)")
    new_sql, count = pattern.subn(f"CONSTRAINT {CONSTRAINT} CHECK ({_kinds_check(new)})", table_sql)
    if count != 1:
        raise RuntimeError(f"{CONSTRAINT} not found once in the sources table")
    schema_version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'sources'",
        (new_sql,),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {schema_version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _change_kinds(NEW_KINDS)


def downgrade() -> None:
    # Sources of the new kinds become the nearest older kind before the CHECK narrows.
    op.execute(
        "UPDATE sources SET kind = CASE kind"
        " WHEN 'press_release' THEN 'report'"
        " WHEN 'court_record' THEN 'filing'"
        " WHEN 'video' THEN 'transcript'"
        " WHEN 'podcast' THEN 'transcript'"
        " ELSE kind END"
    )
    _change_kinds(OLD_KINDS)
