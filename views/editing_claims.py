"""The claim forms: add, edit, merge after a conflict, delete; and the form's helpers (how a
date reads, which claims a relation can point to)."""

from __future__ import annotations

import json

from flask import abort, flash, jsonify, redirect, render_template, request, url_for

from db import get_session
from forms.claims import (
    ClaimForm,
    ConflictForm,
    DeleteForm,
    edit_form,
    form_data,
    pickers,
    prefilled,
)
from models import Claim, Dossier
from services.editing import (
    claim_input,
    claim_references,
    claim_writes,
    revisions,
)
from services.editing.field_values import FieldError
from services.editing.revisions import StaleVersion
from services.reading import claim_page as claim_service
from views import editing_common as common


def _claim_form_page(form: ClaimForm, dossier: Dossier, claim: Claim | None):
    has_errors = bool(form.all_errors)
    status = 422 if has_errors and not form.preview.data else 200
    template = "editing/claim_form.html"
    return render_template(template, form=form, dossier=dossier, claim=claim), status


def new_claim():
    """The claim form for a dossier; saving adds the claim and its first revision. Opened
    with `source`, `locator`, `quote`, `quote_lang` or `stated_date` in the address (the
    source reader's "Quote from this paragraph"), the form starts with those values."""
    session = get_session()
    dossier = common.dossier(request.args.get("dossier"))
    form = ClaimForm(new=True, data=prefilled(request.args)).prepare(*pickers(session, dossier))
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        data = form.read(session, dossier)
        if data is not None and not form.preview.data:
            claim = claim_writes.create_claim(session, dossier, data, common.user())
            return common.done(form, url_for("claims.detail", claim_id=claim.id), "Claim added.")
        form.add_blank_relation()
    return _claim_form_page(form, dossier, None)


def edit_claim(claim_id: int):
    """Edit a claim at the version it was loaded; a newer save gives the conflict page."""
    session = get_session()
    claim = common.claim_for_edit(claim_id, include_deleted=True)
    sources, entities = pickers(session, claim.dossier)
    if request.method == "GET":
        if claim.is_deleted:
            flash("This claim is deleted. Restore it to edit it.", "info")
            return redirect(url_for("editing.history", claim_id=claim.id))
        return _claim_form_page(edit_form(claim, sources, entities), claim.dossier, claim)
    form = ClaimForm().prepare(sources, entities)
    if earlier := common.earlier(form):
        return earlier
    data = form.read(session, claim.dossier, claim)
    if data is None or form.preview.data:
        form.add_blank_relation()
        return _claim_form_page(form, claim.dossier, claim)
    return _save_claim(form, claim, data, form.raw(), form.expected_version)


def _save_claim(form, claim: Claim, data, raw: dict, expected_version: int | None):
    try:
        changed = claim_writes.update_claim(
            get_session(), claim, data, common.user(), expected_version
        )
    except StaleVersion:
        # The claim as stored now: the same object, reloaded if a concurrent save won.
        return _conflict_page(claim, raw, data)
    message = "Claim saved." if changed else "Nothing had changed; the claim is as it was."
    return common.done(form, url_for("claims.detail", claim_id=claim.id), message)


def _conflict_page(current: Claim, mine_raw: dict, mine):
    """Both versions side by side, with a choice per differing field; status 409."""
    rows = claim_writes.compare(get_session(), mine, current)
    form = ConflictForm(formdata=None, version=str(current.version), mine=json.dumps(mine_raw))
    differing = [row for row in rows if row.changed]
    choices = form.choices_for([claim_input.field_of_snapshot(row.name) for row in differing])
    last = revisions.history(get_session(), "claim", current.id)[:1]
    return render_template(
        "editing/claim_conflict.html",
        claim=current,
        dossier=current.dossier,
        rows=rows,
        choices=list(zip(differing, choices, strict=True)),
        form=form,
        last_revision=last[0] if last else None,
    ), 409


def merge_claim(claim_id: int):
    """Save the merge chosen on the conflict page, against the version shown there."""
    session = get_session()
    claim = common.claim_for_edit(claim_id, include_deleted=True)
    form = ConflictForm()
    if earlier := common.earlier(form):
        return earlier
    merged = form.merged(claim_input.raw_from_claim(claim)) if form.validate() else None
    if merged is None:
        abort(400, description="This merge form is incomplete; open the claim and edit again.")
    claim_form = ClaimForm(formdata=None, data=form_data(merged))
    claim_form.prepare(*pickers(session, claim.dossier))
    claim_form.version.data, claim_form.submission.data = form.version.data, form.submission.data
    data = claim_form.check(session, claim.dossier, claim)
    if data is None:
        claim_form.add_blank_relation()
        return _claim_form_page(claim_form, claim.dossier, claim)
    return _save_claim(form, claim, data, merged, form.expected_version)


def delete_claim(claim_id: int):
    """Ask, then soft-delete: the claim leaves the timeline and stays in its history."""
    claim = claim_service.get_visible(get_session(), claim_id)
    if claim is None:
        abort(404, description=f"There is no claim {claim_id}, or it is already deleted.")
    is_post = request.method == "POST"
    form = DeleteForm() if is_post else DeleteForm(version=str(claim.version))
    status = 200
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        if form.validate():
            # The same object, with what a revision snapshot reads surely loaded.
            claim = common.claim_for_edit(claim_id)
            try:
                claim_writes.delete_claim(
                    get_session(), claim, common.user(), form.expected_version
                )
            except StaleVersion:
                status = 409
                form.version.data = str(claim.version)
                form.form_errors.append(
                    "Someone changed this claim since you opened this page. "
                    "Check it below, then confirm again."
                )
            else:
                history_url = url_for("editing.history", claim_id=claim.id)
                return common.done(form, history_url, "Claim deleted. You can restore it below.")
    page = render_template("editing/claim_delete.html", form=form, claim=claim)
    return page, status


def parse_date():
    """How the form reads a date: {"edtf", "label"} or {"error"}; for claim-form.js."""
    args = request.args
    try:
        value = claim_input.read_date(
            get_session(), args.get("text"), args.get("source"), args.get("published")
        )
    except FieldError as error:
        return jsonify(error=str(error))
    if value is None:
        return jsonify(error="")
    return jsonify(edtf=value.edtf, label=value.label)


def lookup_claims():
    """Claims of a dossier matching a number or words, for the relation picker."""
    dossier = common.dossier(request.args.get("dossier"))
    found = claim_references.suggest_claims(get_session(), dossier, request.args.get("q", ""))
    return jsonify(
        claims=[
            {"id": c.id, "statement": c.statement, "value": claim_references.claim_reference(c)}
            for c in found
        ]
    )
