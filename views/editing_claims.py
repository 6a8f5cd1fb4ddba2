"""The claim forms: add, edit, merge after a conflict, delete; and the form's helpers (how a
date reads, which claims a relation can point to)."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for

from db import get_session
from forms.claims import (
    ClaimForm,
    DeleteForm,
    edit_form,
    form_data,
    pickers,
    prefilled,
)
from forms.conflicts import ConflictForm
from i18n import _
from models import Claim, Dossier
from services.editing import (
    claim_duplicates,
    claim_input,
    claim_references,
    claim_writes,
    concurrent_edits,
    entity_mentions,
    entity_writes,
    status_offers,
)
from services.editing.field_values import FieldError
from services.editing.revisions import StaleVersion
from services.reading import claim_page as claim_service
from views import editing_common as common


def _claim_form_page(
    form: ClaimForm, dossier: Dossier, claim: Claim | None, duplicate: Claim | None = None
):
    """The claim form; with `duplicate`, the claim this one would repeat, and the question
    whether to save it again anyway (409)."""
    has_errors = bool(form.all_errors)
    status = 422 if has_errors and not form.preview.data else 200
    template = "editing/claim_form.html"
    page = render_template(template, form=form, dossier=dossier, claim=claim, duplicate=duplicate)
    return page, 409 if duplicate is not None else status


def new_claim():
    """The claim form for a dossier; saving adds the claim and its first revision. Opened
    with `source`, `locator`, `quote`, `quote_lang`, dates or `attribution` in the address
    (the source reader's "Quote from this paragraph", /clip, "Save and add another"), the
    form starts with those values. Names the claim's words mention are proposed, ticked."""
    session = get_session()
    dossier = common.dossier(request.args.get("dossier"))
    sources, entities = pickers(session, dossier)
    form = ClaimForm(new=True, data=prefilled(request.args)).prepare(sources, entities)
    duplicate = None
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        data = form.read(session, dossier)
        if data is not None and not form.preview.data:
            # Back then Save fetches a fresh form (new token): ask before adding it twice.
            if not form.save_duplicate.data:
                duplicate = claim_duplicates.recent_twin(session, dossier, data, common.user())
            if duplicate is None:
                claim = claim_writes.create_claim(session, dossier, data, common.user())
                onward = _offering_updates(claim, _after_adding(form, claim))
                return common.done(form, onward, _("Claim %(number)s added.", number=claim.id))
        form.add_blank_relation()
    form.propose_mentions(entities)
    return _claim_form_page(form, dossier, None, duplicate)


def _offering_updates(claim: Claim, onward: str, linked_before: frozenset = frozenset()) -> str:
    """Where to go after saving: first the offer to update the claims this one has just
    been linked to as confirming, refuting or contradicting (links it already had, in
    `linked_before`, were offered when they were made)."""
    linked = [
        offer.target.id
        for offer in status_offers.offers_for(claim)
        if (offer.relation, offer.target.id) not in linked_before
    ]
    if not linked:
        return onward
    return url_for("editing.offers_page", claim_id=claim.id, linked=linked, next=onward)


def _after_adding(form: ClaimForm, claim: Claim) -> str:
    """The new claim's page; or, with "Save and add another", a new form keeping the
    source, the dates as typed and the attribution."""
    if not form.save_another.data:
        return url_for("claims.detail", claim_id=claim.id)
    kept: dict[str, Any] = {"dossier": claim.dossier.slug, **form.kept_for_next(claim)}
    return url_for("editing.new_claim", **kept)


def edit_claim(claim_id: int):
    """Edit a claim at the version it was loaded; a newer save gives the conflict page."""
    session = get_session()
    claim = common.claim_for_edit(claim_id, include_deleted=True)
    sources, entities = pickers(session, claim.dossier)
    if request.method == "GET":
        if claim.is_deleted:
            flash(_("This claim is deleted. Restore it to edit it."), "info")
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
    linked_before = frozenset((link.type, link.to_claim_id) for link in claim.relations_out)
    try:
        changed = claim_writes.update_claim(
            get_session(), claim, data, common.user(), expected_version
        )
    except StaleVersion:
        # The claim as stored now: the same object, reloaded if a concurrent save won.
        return _merge_with_saved(form, claim, raw, data, expected_version, None)
    message = _("Claim saved.") if changed else _("Nothing had changed; the claim is as it was.")
    onward = _offering_updates(claim, url_for("claims.detail", claim_id=claim.id), linked_before)
    return common.done(form, onward, message)


def _merge_with_saved(
    form, current: Claim, mine_raw: dict, mine, base_version: int | None, choices: dict | None
):
    """Merge an edit made from `base_version` with what was saved since: saved at once when
    every field both editors changed is settled by `choices` (None: not asked yet), else
    the conflict page (409; 422 when choices were asked for and some are missing)."""
    session = get_session()
    base = concurrent_edits.base_snapshot(session, current, base_version)
    mine_snapshot = claim_writes.snapshot_input(mine)
    merge, theirs = concurrent_edits.reconcile(base, current, mine_snapshot)
    unsettled = [
        name
        for name in map(concurrent_edits.field_name, merge.conflicts)
        if name not in (choices or {})
    ]
    if unsettled:
        rows = concurrent_edits.conflict_rows(
            session, "claim", merge, base, theirs, mine_snapshot, claim_writes.pending_names(mine)
        )
        conflict = ConflictForm(
            formdata=None,
            version=str(current.version),
            base="" if base_version is None else str(base_version),
            mine=json.dumps(mine_raw),
        )
        links = (
            url_for("editing.merge_claim", claim_id=current.id),
            url_for("editing.edit_claim", claim_id=current.id),
        )
        if choices is None:
            return common.conflict_page("claim", current, conflict, rows, merge, links, 409)
        for name, choice in choices.items():
            conflict[f"take_{name}"].data = choice
        conflict.refuse_unsettled(unsettled)
        return common.conflict_page("claim", current, conflict, rows, merge, links, 422)
    merged = concurrent_edits.merged_claim_raw(merge, mine_raw, current, mine, choices)
    claim_form = ClaimForm(formdata=None, data=form_data(merged))
    claim_form.prepare(*pickers(session, current.dossier))
    claim_form.version.data, claim_form.submission.data = str(current.version), form.submission.data
    data = claim_form.check(session, current.dossier, current)
    if data is None:
        claim_form.add_blank_relation()
        return _claim_form_page(claim_form, current.dossier, current)
    try:
        changed = claim_writes.update_claim(session, current, data, common.user(), current.version)
    except StaleVersion:  # saved over once more meanwhile: settle it again
        return _merge_with_saved(form, current, mine_raw, mine, base_version, None)
    taken = concurrent_edits.taken_labels("claim", merge)
    message = _("Claim saved.") if changed else _("Nothing had changed; the claim is as it was.")
    if taken:
        message += " Someone saved it while you were editing; kept from their version: "
        message += ", ".join(taken) + "."
    return common.done(form, url_for("claims.detail", claim_id=current.id), message)


def merge_claim(claim_id: int):
    """Save the choices made on the conflict page. If the claim was saved over again since
    the page was shown, the choices are asked again against what is saved now."""
    session = get_session()
    claim = common.claim_for_edit(claim_id, include_deleted=True)
    form = ConflictForm()
    if earlier := common.earlier(form):
        return earlier
    mine_raw = form.mine_raw() if form.validate() else None
    if mine_raw is None:
        abort(400, description=_("This merge form is incomplete; open the claim and edit again."))
    mine_form = ClaimForm(formdata=None, data=form_data(mine_raw))
    mine_form.prepare(*pickers(session, claim.dossier))
    mine = mine_form.check(session, claim.dossier, claim)
    if mine is None:
        mine_form.add_blank_relation()
        mine_form.version.data, mine_form.submission.data = str(claim.version), form.submission.data
        return _claim_form_page(mine_form, claim.dossier, claim)
    choices = form.choices() if claim.version == form.expected_version else None
    return _merge_with_saved(form, claim, mine_raw, mine, form.base_version, choices)


def delete_claim(claim_id: int):
    """Ask, then soft-delete: the claim leaves the timeline and stays in its history."""
    claim = claim_service.get_visible(get_session(), claim_id)
    if claim is None:
        abort(
            404,
            description=_(
                "There is no claim %(number)s, or it is already deleted.", number=claim_id
            ),
        )
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
                    _(
                        "Someone changed this claim since you opened this page. "
                        "Check it below, then confirm again."
                    )
                )
            else:
                history_url = url_for("editing.history", claim_id=claim.id)
                return common.done(form, history_url, _("Claim deleted. You can restore it below."))
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


def mentioned_names():
    """The known entities the typed statement and quote name: {"entities": [{slug, name}]},
    for claim-form.js to propose as mentioned (the form proposes the same when posted)."""
    args = request.args
    named = entity_mentions.mentioned_entities(
        entity_writes.live(get_session()), args.get("statement", ""), args.get("quote", "")
    )
    return jsonify(entities=[{"slug": entity.slug, "name": entity.name} for entity in named])
