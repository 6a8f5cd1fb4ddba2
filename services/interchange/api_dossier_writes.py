"""The API's writes to dossiers: create, change at a version, archive. The same field reading
and role rules as the dossier form (services.editing.dossier_writes); 403 where the role is
the reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from i18n import _
from models import Dossier, User
from models.limits import SLUG_PATTERN
from services.editing import dossier_writes
from services.editing.dossier_writes import DOSSIER_FIELDS, DossierInput
from services.editing.revisions import StaleVersion
from services.interchange.api_writes import WriteProblem, check_members, read_version

# The dossier's members a client may send back unchanged from a GET (all but the fields).
DOSSIER_READ_ONLY = (
    "claim_count", "source_count", "changed_at", "archived_at", "url", "api_url",
    "claims_url", "sources_url", "exports",
)  # fmt: skip


def _dossier_problems(
    session: Session, data: DossierInput, user: User, dossier: Dossier | None = None
) -> None:
    """WriteProblem for what the form would refuse: 403 when the user's role is the reason."""
    errors = dossier_writes.problems(session, data, user, dossier)
    if errors.get("visibility") == dossier_writes.ADMINS_ONLY_VISIBILITY:
        raise WriteProblem(403, str(dossier_writes.ADMINS_ONLY_VISIBILITY))
    if errors:
        raise WriteProblem.invalid(errors)


def create_dossier(session: Session, body: Mapping[str, Any], user: User) -> Dossier:
    """A new dossier; its slug is the body's, or made from its title. Raises WriteProblem."""
    check_members(body, DOSSIER_FIELDS, DOSSIER_READ_ONLY)
    data, errors = dossier_writes.parse_dossier(body)
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    _dossier_problems(session, data, user)
    return dossier_writes.create_dossier(session, data, user)


def editable_dossier(session: Session, slug: str) -> Dossier:
    """Any dossier by slug, archived ones too: a token holder may read and change them."""
    dossier = dossier_writes.for_edit(session, slug) if SLUG_PATTERN.match(slug) else None
    if dossier is None:
        raise WriteProblem(404, _('There is no dossier "%(slug)s".', slug=slug[:100]))
    return dossier


def update_dossier(session: Session, dossier: Dossier, body: Mapping[str, Any], user: User) -> None:
    """Change the fields the body names, if the dossier is still at the body's `version`."""
    check_members(body, DOSSIER_FIELDS, DOSSIER_READ_ONLY, extra=("version",))
    errors: dict[str, str] = {}
    version = read_version(body.get("version"), errors)
    if errors:
        raise WriteProblem.invalid(errors)
    if dossier.version != version:
        raise WriteProblem.stale(dossier, "dossier")
    changes = {name: value for name, value in body.items() if name in DOSSIER_FIELDS}
    raw = {**dossier_writes.raw_from_dossier(dossier), **changes}
    data, errors = dossier_writes.parse_dossier(raw)
    if errors or data is None:
        raise WriteProblem.invalid(errors)
    _dossier_problems(session, data, user, dossier)
    dossier_writes.update_dossier(session, dossier, data, user, version)


def archive_dossier(session: Session, dossier: Dossier, version: int, user: User) -> None:
    """Archive a dossier at `version`: admins only (403 for others)."""
    try:
        dossier_writes.set_archived(session, dossier, True, user, version)
    except dossier_writes.NotAllowed as refusal:
        raise WriteProblem(403, str(refusal)) from None
    except StaleVersion as stale:
        raise WriteProblem.stale(stale.current, "dossier") from None
