"""Writing sources: parse raw fields, create, edit, soft-delete and restore, each a revision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fuzzy_date import FuzzyDate, as_typed, from_edtf
from i18n import N_, _, ngettext
from models import Claim, Dossier, Revision, RevisionAction, Source, User
from models.base import utcnow
from models.limits import (
    NOTES_MAX,
    SOURCE_AUTHOR_MAX,
    SOURCE_OUTLET_MAX,
    SOURCE_TEXT_MAX,
    SOURCE_TITLE_MAX,
)
from models.vocabulary import RELIABILITY_GRADES, SourceKind
from services.editing import field_values, markdown_render, revisions, source_texts
from services.editing.field_values import FieldError, FieldReader

SOURCE_FIELDS = (
    "title",
    "outlet",
    "author",
    "url",
    "language",
    "kind",
    "published",
    "reliability",
    "notes",
    "text",
)


@dataclass
class SourceInput:
    """A source's editable fields, validated."""

    title: str
    outlet: str = ""
    author: str | None = None
    url: str | None = None
    language: str | None = None
    kind: SourceKind = SourceKind.NEWS_ARTICLE
    published: FuzzyDate | None = None
    reliability: str | None = None
    notes: str = ""
    # The full text to capture (source_texts), or None to leave the text as it is.
    text: str | None = None


class SourceInUse(ValueError):
    """A source that live claims still cite cannot be deleted."""


def reliability_grade(value: Any) -> str | None:
    grade = field_values.as_text(value).upper()
    if not grade:
        return None
    if grade not in RELIABILITY_GRADES:
        raise FieldError(_("Give the reliability as an Admiralty grade, a letter from A to F."))
    return grade


def full_text(value: Any) -> str | None:
    """A source's full text, or None when none is given (the text then stays as it is)."""
    return field_values.text(value, N_("text"), SOURCE_TEXT_MAX, multiline=True) or None


def parse_source(
    raw: Mapping[str, Any], prefix: str = ""
) -> tuple[SourceInput | None, dict[str, str]]:
    """Raw field values (form, JSON or CSV) to a SourceInput, or None and {field: message}."""
    read = FieldReader(raw, prefix)
    values = {
        "title": read("title", field_values.text, N_("title"), SOURCE_TITLE_MAX, required=True),
        "outlet": read("outlet", field_values.text, N_("outlet"), SOURCE_OUTLET_MAX),
        "author": read("author", field_values.optional_text, N_("author"), SOURCE_AUTHOR_MAX),
        "url": read("url", field_values.web_address),
        "language": read("language", field_values.language_tag),
        "kind": read("kind", field_values.choice, SourceKind, N_("kind of source"),
                     SourceKind.NEWS_ARTICLE),
        "published": read("published", field_values.fuzzy_date, N_("publication date")),
        "reliability": read("reliability", reliability_grade),
        "notes": read("notes", field_values.text, N_("notes"), NOTES_MAX, multiline=True),
        "text": read("text", full_text),
    }  # fmt: skip
    if read.errors:
        return None, read.errors
    return SourceInput(**values), {}


def raw_from_source(source: Source) -> dict[str, Any]:
    """A source's current values in the shape parse_source reads."""
    return {
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author or "",
        "url": source.url or "",
        "language": source.language or "",
        "kind": source.kind.value,
        "published": date_text(source.published),
        "reliability": source.reliability or "",
        "notes": source.notes,
    }


def date_text(value: FuzzyDate | None) -> str:
    """A date as an editor would type it, or "" for none."""
    return as_typed(value) if value is not None else ""


def apply(source: Source, data: SourceInput) -> None:
    source.title = data.title
    source.outlet = data.outlet
    source.author = data.author
    source.url = data.url
    source.language = data.language
    source.kind = data.kind
    source.published = data.published
    source.reliability = data.reliability
    if source.notes != data.notes or source.notes_html is None:
        source.notes = data.notes
        source.notes_html = markdown_render.render(data.notes)


def new_source(dossier: Dossier, data: SourceInput) -> Source:
    """A source not yet in the session (a claim form may still be refused)."""
    source = Source(dossier_id=dossier.id, notes="", notes_html="")
    apply(source, data)
    return source


def create_source(session: Session, dossier: Dossier, data: SourceInput, user: User | None):
    """Add a source, its text if it has one, and its first revision. Flushes."""
    source = new_source(dossier, data)
    session.add(source)
    capture_text(session, source, data)
    add_created(session, source, user)
    return source


def capture_text(session: Session, source: Source, data: SourceInput) -> None:
    """Keep the text the input carries, if any, as the source's text (source_texts)."""
    if data.text is not None:
        source_texts.capture(session, source, data.text)


def add_created(session: Session, source: Source, user: User | None) -> Revision | None:
    """Record the creation of a source added through another form (a claim's new source)."""
    return revisions.record(session, source, None, user)


def update_source(
    session: Session,
    source: Source,
    data: SourceInput,
    user: User | None,
    expected_version: int | None,
) -> Revision | None:
    """Change a source if it is still at `expected_version`. Raises StaleVersion. Flushes."""
    before = revisions.snapshot(source)
    revisions.check_version(source, expected_version)
    apply(source, data)
    capture_text(session, source, data)
    return _saved(session, source, before, user)


def delete_source(
    session: Session, source: Source, user: User | None, expected_version: int | None
) -> Revision | None:
    """Soft-delete a source no live claim cites. Raises SourceInUse or StaleVersion."""
    revisions.check_version(source, expected_version)
    citing = citing_claims(session, source)
    if citing:
        raise SourceInUse(
            ngettext(
                "%(total)s claim cite this source; move or delete them first.",
                "%(total)s claims cite this source; move or delete them first.",
                citing,
                total=citing,
            )
        )
    before = revisions.snapshot(source)
    source.deleted_at = utcnow()
    return _saved(session, source, before, user, RevisionAction.DELETE)


def restore_source(
    session: Session,
    source: Source,
    revision: Revision,
    user: User | None,
    expected_version: int | None = None,
) -> Revision | None:
    """Bring a source back to one of its revisions (undeleting it if that one was live)."""
    if revision.object_type != "source" or revision.object_id != source.id:
        raise ValueError("that revision belongs to another object")
    revisions.check_version(source, expected_version)
    before = revisions.snapshot(source)
    snapshot = revision.snapshot
    apply(source, input_from_snapshot(snapshot))
    source.deleted_at = (source.deleted_at or utcnow()) if snapshot.get("deleted") else None
    summary = f"restored version {revision.version}"
    return _saved(session, source, before, user, RevisionAction.RESTORE, summary)


def input_from_snapshot(snapshot: dict[str, Any]) -> SourceInput:
    return SourceInput(
        title=snapshot["title"],
        outlet=snapshot["outlet"],
        author=snapshot["author"],
        url=snapshot["url"],
        language=snapshot["language"],
        kind=SourceKind(snapshot["kind"]),
        published=from_edtf(snapshot["published"]) if snapshot["published"] else None,
        reliability=snapshot["reliability"],
        notes=snapshot["notes"],
    )


def _saved(session, source, before, user, action=None, summary="") -> Revision | None:
    return revisions.record_checked(session, source, before, user, action, summary)


def citing_claims(session: Session, source: Source) -> int:
    """How many live claims name the source as their source or as the outlet credited."""
    return (
        session.scalar(
            select(func.count(Claim.id)).where(
                (Claim.source_id == source.id) | (Claim.via_id == source.id),
                Claim.deleted_at.is_(None),
            )
        )
        or 0
    )


def in_dossier(session: Session, dossier: Dossier) -> list[Source]:
    """The live sources of a dossier, by title, for pickers."""
    return list(
        session.scalars(
            select(Source)
            .where(Source.dossier_id == dossier.id, Source.deleted_at.is_(None))
            .order_by(Source.title, Source.id)
        )
    )


def for_edit(session: Session, source_id: int) -> Source | None:
    return session.scalar(select(Source).where(Source.id == source_id, Source.deleted_at.is_(None)))
