"""The dossier forms: start a dossier, edit it, archive and restore it, and its history.

Any editor starts and edits a dossier; who may read it and whether it is archived are an
admin's decisions (services.editing.dossier_writes holds the rule, and the page says so).
"""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from db import get_session
from forms.dossiers import ArchiveForm, DossierForm
from i18n import _
from models import Dossier
from services.editing import concurrent_edits, dossier_writes, revision_display, revisions
from services.editing.revisions import StaleVersion
from views import editing_common as common

TEMPLATE = "editing/dossier_form.html"


def _editable(slug: str) -> Dossier:
    dossier = dossier_writes.for_edit(get_session(), slug)
    if dossier is None:
        abort(404, description=f'There is no dossier "{slug}".')
    return dossier


def _page(form: DossierForm, dossier: Dossier | None, status: int | None = None, **context):
    """The form, with what this editor may not change shown read-only and why."""
    if dossier_writes.slug_is_locked(get_session(), dossier):
        form.lock_slug()
    if not common.user().is_admin:
        form.lock_visibility(dossier.visibility if dossier else dossier_writes.DEFAULT_VISIBILITY)
    archive_form = None
    if dossier is not None and common.user().is_admin:
        archive_form = ArchiveForm(formdata=None, version=str(dossier.version))
    page = render_template(
        TEMPLATE, form=form, dossier=dossier, archive_form=archive_form, **context
    )
    if status is None:
        status = 422 if form.is_submitted() and form.all_errors else 200
    return page, status


def new_dossier():
    """Start a dossier; saving adds it and its first revision, and opens its timeline."""
    session = get_session()
    form = DossierForm(new=True)
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        data = form.read()
        if data is not None:
            form.refuse(dossier_writes.problems(session, data, common.user()))
        if data is not None and not form.all_errors:
            dossier = dossier_writes.create_dossier(session, data, common.user())
            url = url_for("dossiers.timeline_page", slug=dossier.slug)
            return common.done(form, url, _("Dossier “%(title)s” started.", title=dossier.title))
    return _page(form, None)


def edit_dossier(slug: str):
    """Edit a dossier at the version it was loaded; a newer save is shown, not overwritten."""
    session = get_session()
    dossier = _editable(slug)
    if request.method == "GET":
        raw = dossier_writes.raw_from_dossier(dossier)
        return _page(DossierForm(data=raw, version=str(dossier.version)), dossier)
    form = DossierForm()
    if earlier := common.earlier(form):
        return earlier
    data = form.read()
    if data is not None:
        form.refuse(dossier_writes.problems(session, data, common.user(), dossier))
    if data is None or form.all_errors:
        return _page(form, dossier)
    try:
        changed = dossier_writes.update_dossier(
            session, dossier, data, common.user(), form.expected_version
        )
    except StaleVersion:
        return _conflict(form, dossier, data, form.expected_version)
    url = url_for("dossiers.timeline_page", slug=dossier.slug)
    return common.done(form, url, _("Dossier saved.") if changed else _("Nothing had changed."))


def _conflict(form: DossierForm, current: Dossier, data, loaded_version: int | None):
    """Someone saved the dossier since this form was loaded: merge the two edits against the
    version loaded (services.editing.three_way). The form comes back holding their values
    for the fields only they changed, so saving it never undoes their work; the fields both
    changed are listed with their three values, and nothing is saved until the editor looks."""
    session = get_session()
    mine = Dossier(slug=current.slug, visibility=current.visibility, version=current.version)
    dossier_writes.apply(session, mine, data)
    mine_snapshot = revisions.snapshot(mine)
    base = concurrent_edits.base_snapshot(session, current, loaded_version)
    merge, theirs = concurrent_edits.reconcile(base, current, mine_snapshot)
    raw = dossier_writes.raw_from_dossier(current)
    raw.update({name: form[name].data for name in raw if name not in merge.theirs})
    refilled = DossierForm(formdata=None, data=raw, version=str(current.version))
    refilled.submission.data = form.submission.data
    rows = concurrent_edits.conflict_rows(session, "dossier", merge, base, theirs, mine_snapshot)
    if mine in session:
        session.expunge(mine)
    return _page(refilled, current, status=409, conflict_rows=rows, taken=merge.theirs)


def archive_dossier(slug: str):
    """Archive the dossier or restore it (admins): it leaves, or comes back to, every
    reader's page. Nothing in it is deleted."""
    session = get_session()
    dossier = _editable(slug)
    form = ArchiveForm()
    if earlier := common.earlier(form):
        return earlier
    if not form.validate():
        abort(400, description=_("This form is out of date: reload the page and try again."))
    archive = bool(form.archive.data)
    try:
        done = dossier_writes.set_archived(
            session, dossier, archive, common.user(), form.expected_version
        )
    except dossier_writes.NotAllowed as refusal:
        abort(403, description=str(refusal))
    except StaleVersion:
        abort(409, description=_("The dossier changed since you opened it: reload and try again."))
    if archive:
        message = _("Dossier archived.") if done else _("The dossier was already archived.")
    else:
        message = _("Dossier restored.") if done else _("The dossier was already restored.")
    return common.done(form, url_for("editing.edit_dossier", slug=dossier.slug), message)


def dossier_history(slug: str):
    """Every revision of the dossier's own fields: created, edited, archived, restored."""
    dossier = _editable(slug)
    entries = revision_display.history_entries(get_session(), "dossier", dossier.id)
    return render_template(
        "editing/dossier_history.html",
        dossier=dossier,
        entries=entries,
        action_words=revision_display.ACTION_WORDS,
    )
