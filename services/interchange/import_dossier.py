"""What an import does to the dossier itself: created when missing, its title, texts and
visibility taken from the file only when an admin (or the command line) imports; an editor's
import lists what it would have changed and leaves it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import i18n
from i18n import _
from models import Dossier, User
from models.limits import DOSSIER_MARKDOWN_MAX, DOSSIER_SUBJECT_MAX, DOSSIER_TITLE_MAX
from models.vocabulary import Visibility
from services.editing import dossier_writes, markdown_render
from services.editing.field_values import FieldError
from services.interchange.formats.document import Document
from services.interchange.import_report import ImportReport

# What a file may say about the dossier itself. An editor's import changes claims, sources and
# entities only: these fields of an existing dossier (who may read it, its title and texts) are
# an admin's to change, as on the dossier's own form.
DOSSIER_FIELDS = (
    "title", "subject", "summary", "methodology", "visibility",
    "print_language", "statement_language",
)  # fmt: skip


def apply(
    session: Session, document: Document, slug: str, report: ImportReport, user: User | None
) -> Dossier:
    meta = document.dossier if isinstance(document.dossier, dict) else {}
    existing = session.scalar(select(Dossier).where(Dossier.slug == slug))
    created = existing is None
    # A file's title and texts are taken when it creates the dossier, or when it is an
    # export of this very dossier; a copy imported into another dossier leaves its texts.
    if existing is not None and meta.get("slug") != slug:
        return existing
    dossier = existing if existing is not None else Dossier(slug=slug)
    if created:
        session.add(dossier)
    errors: dict[str, str] = {}
    wanted = _dossier_values(dossier, meta, slug, created, errors)
    changes = {
        name: (getattr(dossier, name), value)
        for name, value in wanted.items()
        if value != getattr(dossier, name)
    }
    # The command line (no user) is the operator's; in the browser only an admin may.
    allowed = created or user is None or user.is_admin
    for name, (before, after) in changes.items():
        words = _change_words(name, before, after)
        if allowed:
            setattr(dossier, name, after)
            if name in ("summary", "methodology"):
                setattr(dossier, f"{name}_html", markdown_render.render(after))
            if not created:
                report.notes.append(_("Dossier %(change)s.", change=words))
        else:
            report.notes.append(
                _("Not applied, only an admin may change the dossier's %(change)s.", change=words)
            )
    if errors:
        report.reject("dossier", errors)
    session.flush()
    applied = allowed and bool(changes)
    action = "created" if created else ("updated" if applied else "unchanged")
    report.count(action, "dossier", dossier.title)
    return dossier


def _dossier_values(
    dossier: Dossier, meta: dict, slug: str, created: bool, errors: dict[str, str]
) -> dict[str, Any]:
    """The dossier fields the file asks for (the current value where it says nothing)."""
    title = _meta_text(meta, "title", DOSSIER_TITLE_MAX, errors) or dossier.title
    values: dict[str, Any] = {
        "title": title or slug.replace("-", " ").capitalize(),
        "subject": _meta_text(meta, "subject", DOSSIER_SUBJECT_MAX, errors)
        or dossier.subject
        or "",
    }
    for name in ("summary", "methodology"):
        value = _meta_text(meta, name, DOSSIER_MARKDOWN_MAX, errors, multiline=True)
        values[name] = value if value is not None else getattr(dossier, name)
    visibility = meta.get("visibility")
    if visibility in {member.value for member in Visibility}:
        values["visibility"] = Visibility(visibility)
    else:
        values["visibility"] = Visibility.PUBLIC if created else dossier.visibility
    # The languages (issue #20), read as the dossier form reads them; absent: as they are.
    for name, read in (
        ("print_language", dossier_writes.print_language),
        ("statement_language", dossier_writes.statement_language),
    ):
        current = getattr(dossier, name)
        if name == "statement_language" and current is None:
            current = i18n.SOURCE_LANGUAGE  # a dossier not saved yet
        try:
            values[name] = read(meta[name]) if name in meta else current
        except FieldError as error:
            errors[name] = str(error)
            values[name] = current
    return values


def _change_words(name: str, before: Any, after: Any) -> str:
    """ "visibility: private → public"; long texts are only said to change."""
    if name in ("summary", "methodology"):
        return _("%(field)s (changed)", field=name)
    shown = [value.value if isinstance(value, Visibility) else value for value in (before, after)]
    return f"{name}: {shown[0] or _('(empty)')} → {shown[1]}"


def _meta_text(meta, name, max_length, errors, multiline=False) -> str | None:
    value = meta.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_length or "\x00" in value:
        errors[name] = _("must be text of at most %(most)s characters", most=max_length)
        return None
    return value.strip() if multiline else " ".join(value.split())
