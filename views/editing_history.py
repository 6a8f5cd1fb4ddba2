"""A claim's history and restoring one of its versions; a dossier's recent changes."""

from __future__ import annotations

from flask import abort, flash, render_template, request, url_for

from db import get_session
from forms.claims import (
    RestoreForm,
)
from i18n import _
from models import Claim, Revision, limits
from services.editing import (
    claim_writes,
    revision_display,
)
from services.editing.revisions import StaleVersion
from views import editing_common as common

RECENT_CHANGES_PAGE = limits.PAGE_SIZE


def history(claim_id: int):
    """Every revision of a claim with what it changed, and a way to restore each one."""
    claim = common.claim_for_edit(claim_id, include_deleted=True)
    entries = revision_display.history_entries(get_session(), "claim", claim.id)
    return render_template("editing/claim_history.html", **_history_context(claim, entries))


def _history_context(claim: Claim, entries: list) -> dict:
    forms = {
        entry.revision.id: RestoreForm(
            formdata=None, revision=str(entry.revision.id), version=str(claim.version)
        )
        for entry in entries
    }
    undo = next((e.revision for e in entries if not e.revision.snapshot.get("deleted")), None)
    return {
        "claim": claim,
        "dossier": claim.dossier,
        "entries": entries,
        "forms": forms,
        "undo": undo if claim.is_deleted else None,
        "action_words": revision_display.ACTION_WORDS,
    }


def restore(claim_id: int):
    """Bring back one of the claim's revisions, as a new revision (undoes a delete, too)."""
    session = get_session()
    claim = common.claim_for_edit(claim_id, include_deleted=True)
    form = RestoreForm()
    if earlier := common.earlier(form):
        return earlier
    revision = session.get(Revision, int(form.revision.data)) if form.validate() else None
    if revision is None or (revision.object_type, revision.object_id) != ("claim", claim.id):
        abort(400, description=_("Choose a version of this claim to restore."))
    try:
        done = claim_writes.restore_revision(
            session, claim, revision, common.user(), form.expected_version
        )
    except StaleVersion:
        flash(
            _("The claim changed since you opened its history. Look again, then choose."),
            "error",
        )
        entries = revision_display.history_entries(session, "claim", claim.id)
        page = render_template("editing/claim_history.html", **_history_context(claim, entries))
        return page, 409
    message = (
        _("Restored version %(version)s.", version=revision.version)
        if done
        else _("That is the current version.")
    )
    return common.done(form, url_for("editing.history", claim_id=claim.id), message)


def recent_changes(slug: str):
    """The dossier's latest revisions, newest first, 50 at a time."""
    dossier = common.dossier(slug)
    before = request.args.get("before", type=int)
    entries = revision_display.recent_changes(
        get_session(), dossier.id, before, RECENT_CHANGES_PAGE
    )
    older = entries[-1].revision.id if len(entries) == RECENT_CHANGES_PAGE else None
    return render_template(
        "editing/changes.html",
        dossier=dossier,
        entries=entries,
        older=older,
        action_words=revision_display.ACTION_WORDS,
    )
