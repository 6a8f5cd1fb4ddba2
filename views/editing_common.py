"""What every editing page shares: the editor, the objects a URL names, the form that was
already saved, the single commit and redirect, and the page shown again on an error or a
conflict."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from flask import abort, flash, redirect, render_template
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from db import get_session
from forms.conflicts import ConflictForm
from i18n import _
from models import Claim, Dossier, User
from services.editing import (
    claim_writes,
    concurrent_edits,
    entity_writes,
    revisions,
    source_writes,
    submissions,
)
from services.editing.revisions import StaleVersion
from services.reading import dossier_lookup


def user() -> User:
    return current_user.user


def dossier(slug: str | None) -> Dossier:
    dossier = dossier_lookup.by_slug(get_session(), slug or "")
    if dossier is None:
        abort(
            404,
            description=_('There is no dossier "%(slug)s".', slug=slug)
            if slug
            else _("Choose a dossier."),
        )
    return dossier


def claim_for_edit(claim_id: int, include_deleted: bool = False) -> Claim:
    claim = claim_writes.load_for_edit(get_session(), claim_id, include_deleted)
    if claim is None:
        abort(404, description=_("There is no claim %(number)s.", number=claim_id))
    return claim


def earlier(form):
    """If this very form was already saved, a redirect to what it led to; else None."""
    token = form.submission.data
    if not submissions.is_token(token):
        return None
    url = submissions.earlier_result(get_session(), token, user())
    if url is None:
        return None
    if not url:
        abort(409, description=_("This form was already used. Reload the page to start again."))
    flash(_("That form had already been saved: here is the result."), "info")
    return redirect(url)


def done(form, url: str, message: str):
    """Commit once, remember the form's token with where it led, and go there."""
    submissions.remember(get_session(), form.submission.data, user(), url)
    try:
        get_session().commit()
    except IntegrityError:  # the same form, posted twice at once: the other one won
        get_session().rollback()
        return earlier(form) or redirect(url)
    flash(message, "success")
    return redirect(url)


def form_page(template: str, form, **context):
    status = 422 if form.is_submitted() and form.all_errors else 200
    return render_template(template, form=form, **context), status


def settle(
    type_name: str,
    form,
    current,
    mine: Mapping[str, Any],
    base_version: int | None,
    choices: dict[str, str] | None,
    links: tuple[str, str, str],
    save: Callable[[Any, dict[str, Any]], Any],
):
    """Merge a source or entity edit made from `base_version` with what was saved since.

    `mine` holds the editor's raw fields, already read once; `choices` settles the fields
    both editors changed (None: not asked yet). Saved with `save(current, merged values)`
    when nothing is left to settle, else the conflict page (409, or 422 when choices were
    asked for and some are missing). `links`: the conflict form's action, the page to
    discard from, and the page to go to once saved."""
    session = get_session()
    base = concurrent_edits.base_snapshot(session, current, base_version)
    mine_snapshot = _snapshot_of(type_name, current, mine)
    merge, theirs = concurrent_edits.reconcile(base, current, mine_snapshot)
    unsettled = [name for name in merge.conflicts if name not in (choices or {})]
    action, discard, saved_url = links
    if unsettled:
        conflict = ConflictForm(
            formdata=None,
            version=str(current.version),
            base="" if base_version is None else str(base_version),
            mine=json.dumps(dict(mine)),
        )
        for name, choice in (choices or {}).items():
            conflict[f"take_{name}"].data = choice
        if choices is not None:
            conflict.refuse_unsettled(unsettled)
        rows = concurrent_edits.conflict_rows(
            session, type_name, merge, base, theirs, mine_snapshot
        )
        status = 409 if choices is None else 422
        return conflict_page(type_name, current, conflict, rows, merge, (action, discard), status)
    try:
        changed = save(current, concurrent_edits.chosen(merge, theirs, choices or {}))
    except StaleVersion as stale:  # saved over once more meanwhile: settle it again
        return settle(type_name, form, stale.current, mine, base_version, None, links, save)
    message = _("Saved.") if changed else _("Nothing had changed.")
    taken = concurrent_edits.taken_labels(type_name, merge)
    if taken:
        message += " " + _(
            "Someone saved it while you were editing; kept from their version: %(fields)s.",
            fields=", ".join(str(label) for label in taken),
        )
    return done(form, saved_url, message)


def conflict_page(type_name: str, current, form, rows, merge, links: tuple[str, str], status: int):
    """The fields both editors changed, each with its three values and a choice; the rest
    is carried merged. `links`: the form's action, and the page to discard from."""
    last = revisions.history(get_session(), type_name, current.id)[:1]
    page = render_template(
        "editing/conflict.html",
        what=type_name,
        item=current,
        dossier=getattr(current, "dossier", None),
        rows=rows,
        taken=concurrent_edits.taken_labels(type_name, merge),
        form=form,
        last_revision=last[0] if last else None,
        action=links[0],
        discard=links[1],
    )
    return page, status


def _snapshot_of(type_name: str, current, mine: Mapping[str, Any]) -> dict[str, Any]:
    """The editor's raw fields, read as when they were posted, as a revision snapshot."""
    if type_name == "source":
        data, _errors = source_writes.parse_source(mine)
        if data is None:
            abort(400, description=_("This form is incomplete; open the source and edit again."))
        return concurrent_edits.source_snapshot(current.dossier, data)
    entity, _errors = entity_writes.parse_entity(mine)
    if entity is None:
        abort(400, description=_("This form is incomplete; open the entity and edit again."))
    return concurrent_edits.entity_snapshot(entity)
