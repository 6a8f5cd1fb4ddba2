"""Importing a file into a dossier from the browser: a dry-run preview, then confirmation.

Editors only. The preview is the real import, rolled back; confirming runs it again on the
same file and commits only if every row passes (services.imports).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from db import get_session
from forms.imports import ConfirmImportForm, ImportForm
from i18n import _
from models import Dossier
from services.interchange import formats, import_uploads, imports
from services.interchange.formats import FormatError
from services.interchange.import_report import ImportReport
from services.interchange.import_uploads import Upload
from services.reading import dossier_lookup

imports_blueprint = Blueprint("imports", __name__)


@imports_blueprint.before_request
@login_required
def require_editor():
    """Importing changes the dossier: editors only."""


def _dossier(slug: str) -> Dossier:
    dossier = dossier_lookup.by_slug(get_session(), slug)
    if dossier is None:
        abort(404, description=f'There is no dossier "{slug}".')
    return dossier


def _folder() -> Path:
    return Path(current_app.instance_path) / "imports"


def _run(upload: Upload, dossier: Dossier) -> ImportReport:
    """Import the upload into the dossier, uncommitted. Raises FormatError."""
    document = formats.read(upload.content, upload.filename, upload.format)
    return imports.run(get_session(), document, dossier.slug, current_user.user)


def _page(dossier, form, report=None, confirm=None, filename="", status: int = 200):
    return render_template(
        "exports/import.html",
        dossier=dossier,
        form=form,
        report=report,
        confirm=confirm,
        filename=filename,
    ), status


@imports_blueprint.route("/dossiers/<slug>/import", methods=["GET", "POST"])
def import_file(slug: str):
    """Upload a file and see what importing it would create, change and reject."""
    dossier = _dossier(slug)
    form = ImportForm()
    if not form.validate_on_submit():
        return _page(dossier, form, status=422 if form.is_submitted() else 200)
    upload = Upload(form.file.data.read(), form.file.data.filename or "", form.format.data or None)
    try:
        report = _run(upload, dossier)
    except FormatError as error:
        get_session().rollback()
        form.file.errors = [str(error)]
        return _page(dossier, form, status=422)
    get_session().rollback()
    confirm = None
    if report.ok and report.changed:
        token = import_uploads.keep(_folder(), current_user.user.id, upload)
        confirm = ConfirmImportForm(token=token)
    return _page(dossier, ImportForm(formdata=None), report, confirm, upload.filename)


@imports_blueprint.post("/dossiers/<slug>/import/confirm")
def confirm_import(slug: str):
    """Import the file checked in the preview: everything, or nothing if a row fails."""
    dossier = _dossier(slug)
    form = ConfirmImportForm()
    upload = None
    if form.validate_on_submit():
        upload = import_uploads.take(_folder(), current_user.user.id, form.token.data)
    if upload is None:
        flash(_("That import was already done, or it expired. Choose the file again."), "error")
        return redirect(url_for("imports.import_file", slug=dossier.slug))
    try:
        report = _run(upload, dossier)
    except FormatError as error:
        get_session().rollback()
        flash(str(error), "error")
        return redirect(url_for("imports.import_file", slug=dossier.slug))
    if not report.ok:
        get_session().rollback()
        return _page(dossier, ImportForm(formdata=None), report, None, upload.filename, 422)
    get_session().commit()
    flash(
        _(
            "Imported: created %(created)s; updated %(updated)s.",
            created=report.describe(report.created),
            updated=report.describe(report.updated),
        ),
        "success",
    )
    return redirect(url_for("dossiers.timeline_page", slug=dossier.slug))
