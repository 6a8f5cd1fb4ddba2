"""What every editing page shares: the editor, the objects a URL names, the form that was
already saved, the single commit and redirect, and the page shown again on an error or a
conflict."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from db import get_session
from models import Claim, Dossier, User
from services.editing import (
    claim_writes,
    revision_display,
    revisions,
    submissions,
)
from services.reading import dossier_lookup


def user() -> User:
    return current_user.user


def dossier(slug: str | None) -> Dossier:
    dossier = dossier_lookup.by_slug(get_session(), slug or "")
    if dossier is None:
        abort(404, description=f'There is no dossier "{slug}".' if slug else "Choose a dossier.")
    return dossier


def claim_for_edit(claim_id: int, include_deleted: bool = False) -> Claim:
    claim = claim_writes.load_for_edit(get_session(), claim_id, include_deleted)
    if claim is None:
        abort(404, description=f"There is no claim {claim_id}.")
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
        abort(409, description="This form was already used. Reload the page to start again.")
    flash("That form had already been saved: here is the result.", "info")
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


def stale_form(type_name: str, form, current, mine, **context):
    """The form again, with my values, now against the current version, and a comparison."""
    rows = revision_display.side_by_side(
        type_name, revisions.snapshot(mine), revisions.snapshot(current), revision_display.Names()
    )
    form.version.data = str(current.version)
    template = f"editing/{type_name}_form.html"
    context[type_name] = current
    return render_template(template, form=form, conflict_rows=rows, **context), 409
