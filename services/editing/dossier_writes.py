"""Writing dossiers: read raw fields (the form and the API alike), create, edit, archive and
restore. Every change leaves a revision of object type "dossier".

Who may do what is decided here too, so the form and the API cannot disagree: any editor
creates and edits a dossier; only an admin changes who may read it, or archives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

import i18n
from i18n import N_, _, _l
from models import Claim, Dossier, Revision, RevisionAction, User
from models.base import utcnow
from models.dossier import new_access_key
from models.limits import (
    DOSSIER_MARKDOWN_MAX,
    DOSSIER_SLUG_MAX,
    DOSSIER_SUBJECT_MAX,
    DOSSIER_TITLE_MAX,
    SLUG_PATTERN,
)
from models.vocabulary import Visibility
from services.editing import field_values, markdown_render, revisions
from services.editing.field_values import FieldError, FieldReader

# Lazy: read in the language of the request that shows them.
SLUG_HINT = _l(
    "Lower-case letters, digits and dashes, at most %(most)s: it is the dossier's address.",
    most=DOSSIER_SLUG_MAX,
)
SLUG_LOCKED = _l(
    "The address cannot change any more: the dossier has claims, and links to them "
    "(in exports, feeds and other sites) use it."
)
ADMINS_ONLY_VISIBILITY = _l("Only an admin can change who may read a dossier.")
ADMINS_ONLY_ARCHIVE = _l("Only an admin can archive or restore a dossier.")
# What a dossier's form and the API's dossier bodies hold.
DOSSIER_FIELDS = (
    "title", "slug", "subject", "summary", "methodology", "visibility",
    "print_language", "statement_language",
)  # fmt: skip
# Editors leave the visibility as it is; a new dossier starts as the model's default.
DEFAULT_VISIBILITY = Visibility.PUBLIC


@dataclass
class DossierInput:
    title: str
    slug: str  # "" asks for one made from the title
    subject: str = ""
    summary: str = ""
    methodology: str = ""
    visibility: Visibility | None = None  # None leaves it as it is
    print_language: str | None = None  # None: each reader's own language
    statement_language: str = i18n.SOURCE_LANGUAGE


class NotAllowed(PermissionError):
    """The user's role does not allow this change; str() says who may make it."""


def slug(value: Any) -> str:
    """A dossier's slug as typed ("" when left empty); raises FieldError when malformed."""
    cleaned = field_values.as_text(value)
    if cleaned and (len(cleaned) > DOSSIER_SLUG_MAX or not SLUG_PATTERN.match(cleaned)):
        raise FieldError(
            _('"%(value)s" cannot be an address. %(hint)s', value=cleaned[:40], hint=SLUG_HINT)
        )
    return cleaned


def print_language(value: Any) -> str | None:
    """A language the briefing can print in (one Claimline speaks), or None when empty."""
    cleaned = field_values.as_text(value)
    if not cleaned:
        return None
    if cleaned not in i18n.LANGUAGES:
        choices = ", ".join(f'"{code}"' for code in i18n.LANGUAGES)
        raise FieldError(
            _(
                "Briefings print in %(choices)s; leave it empty for the reader's own.",
                choices=choices,
            )
        )
    return cleaned


def statement_language(value: Any) -> str:
    """The language a dossier's statements are written in: any BCP 47 tag, English when empty."""
    tag = field_values.language_tag(value, N_("statements' language"))
    return tag or i18n.SOURCE_LANGUAGE


def parse_dossier(raw: Mapping[str, Any]) -> tuple[DossierInput | None, dict[str, str]]:
    """Raw field values (form or JSON) to a DossierInput, or None and {field: message}.
    A visibility that is absent or empty leaves the dossier's as it is."""
    read = FieldReader(raw)
    title = read("title", field_values.text, N_("title"), DOSSIER_TITLE_MAX, required=True)
    address = read("slug", slug)
    subject = read("subject", field_values.text, N_("subject"), DOSSIER_SUBJECT_MAX)
    summary = read(
        "summary", field_values.text, N_("summary"), DOSSIER_MARKDOWN_MAX, multiline=True
    )
    methodology = read(
        "methodology", field_values.text, N_("methodology"), DOSSIER_MARKDOWN_MAX, multiline=True
    )
    visibility = None
    if raw.get("visibility") not in (None, ""):
        visibility = read("visibility", field_values.choice, Visibility, N_("visibility"))
    printed_in = read("print_language", print_language)
    written_in = read("statement_language", statement_language)
    if read.errors:
        return None, read.errors
    return DossierInput(
        title, address, subject, summary, methodology, visibility, printed_in, written_in
    ), {}


def raw_from_dossier(dossier: Dossier) -> dict[str, Any]:
    """A dossier's current values in the shape parse_dossier reads: its revision snapshot's
    fields, less the bookkeeping ones."""
    snapshot = revisions.snapshot_dossier(dossier)
    return {name: snapshot[name] for name in DOSSIER_FIELDS}


def suggest_slug(session: Session, title: str, keep: Dossier | None = None) -> str:
    """A slug made from `title` that no other dossier has, adding -2, -3... when needed."""
    base = field_values.slug_from(title, DOSSIER_SLUG_MAX - 4, "dossier")
    taken = set(
        session.scalars(
            select(Dossier.slug).where(
                (Dossier.slug == base) | Dossier.slug.like(f"{base}-%"),
                Dossier.id != (keep.id if keep is not None and keep.id else -1),
            )
        )
    )
    address, number = base, 1
    while address in taken:
        number += 1
        address = f"{base}-{number}"
    return address


def slug_is_locked(session: Session, dossier: Dossier | None) -> bool:
    """Whether the dossier's address is fixed: it is, from its first claim (deleted ones too,
    whose history pages and feed entries still link to it)."""
    if dossier is None or dossier.id is None:
        return False
    return bool(session.scalar(select(exists().where(Claim.dossier_id == dossier.id))))


def problems(
    session: Session, data: DossierInput, user: User, dossier: Dossier | None = None
) -> dict[str, str]:
    """What stops `data` from being written to `dossier` (or a new one) by `user`:
    {field: message}, empty when nothing does."""
    errors: dict[str, str] = {}
    current_slug = dossier.slug if dossier is not None else None
    if data.slug and data.slug != current_slug:
        if slug_is_locked(session, dossier):
            errors["slug"] = str(SLUG_LOCKED)
        elif session.scalar(select(Dossier.id).where(Dossier.slug == data.slug)) is not None:
            suggestion = suggest_slug(session, data.slug)
            errors["slug"] = (
                f'"{data.slug}" is already the address of another dossier; '
                f'choose another, such as "{suggestion}".'
            )
    current_visibility = dossier.visibility if dossier is not None else DEFAULT_VISIBILITY
    if data.visibility not in (None, current_visibility) and not user.is_admin:
        errors["visibility"] = str(ADMINS_ONLY_VISIBILITY)
    return errors


def apply(session: Session, dossier: Dossier, data: DossierInput) -> None:
    """Set the fields, rendering the Markdown once; an empty slug gets one from the title."""
    dossier.title = data.title
    if data.slug:
        dossier.slug = data.slug
    elif not dossier.slug:
        dossier.slug = suggest_slug(session, data.title, keep=dossier)
    dossier.subject = data.subject
    dossier.print_language = data.print_language
    dossier.statement_language = data.statement_language
    for name in ("summary", "methodology"):
        value = getattr(data, name)
        if value != getattr(dossier, name) or not getattr(dossier, f"{name}_html"):
            setattr(dossier, name, value)
            setattr(dossier, f"{name}_html", markdown_render.render(value) if value else "")
    if data.visibility is not None:
        if data.visibility is Visibility.UNLISTED and dossier.visibility is not Visibility.UNLISTED:
            # A new share link each time a dossier becomes unlisted: making it private and
            # unlisted again is how an admin withdraws a link that went too far.
            dossier.access_key = new_access_key()
        dossier.visibility = data.visibility


def create_dossier(session: Session, data: DossierInput, user: User | None) -> Dossier:
    """Add a dossier and its first revision; check `problems` first. Flushes."""
    dossier = Dossier(slug="", visibility=DEFAULT_VISIBILITY, version=1)
    apply(session, dossier, data)
    session.add(dossier)
    revisions.record(session, dossier, None, user)
    return dossier


def update_dossier(
    session: Session,
    dossier: Dossier,
    data: DossierInput,
    user: User | None,
    expected_version: int | None,
) -> Revision | None:
    """Change a dossier if it is still at `expected_version`; check `problems` first.
    Raises StaleVersion. Flushes."""
    revisions.check_version(dossier, expected_version)
    before = revisions.snapshot(dossier)
    apply(session, dossier, data)
    return revisions.record(session, dossier, before, user)


def set_archived(
    session: Session,
    dossier: Dossier,
    archived: bool,
    user: User,
    expected_version: int | None,
) -> Revision | None:
    """Archive a dossier (it leaves every reader's page; nothing in it is deleted) or
    restore it. Raises NotAllowed for a non-admin, StaleVersion. Flushes."""
    if not user.is_admin:
        raise NotAllowed(str(ADMINS_ONLY_ARCHIVE))
    revisions.check_version(dossier, expected_version)
    if dossier.is_archived == archived:
        return None
    before = revisions.snapshot(dossier)
    dossier.archived_at = utcnow() if archived else None
    if archived:
        return revisions.record(session, dossier, before, user, RevisionAction.DELETE, "archived")
    return revisions.record(session, dossier, before, user, RevisionAction.RESTORE)


def for_edit(session: Session, slug_value: str) -> Dossier | None:
    """A dossier by slug, archived ones included: editors restore them."""
    return session.scalar(select(Dossier).where(Dossier.slug == slug_value))
