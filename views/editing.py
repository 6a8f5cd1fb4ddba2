"""Changing the dossier: claim, source and entity forms, deletion, history and restore.

Every route here needs a signed-in editor. Each POST commits once and redirects; a form
posted twice goes to the first result (services.submissions); an edit made against an
older version is refused with a conflict page, never written over the newer one.
"""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from werkzeug.routing import BuildError

from db import get_session
from forms.claims import (
    ClaimForm,
    ConflictForm,
    DeleteForm,
    RestoreForm,
    edit_form,
    form_data,
    pickers,
)
from forms.entities import EntityForm, MergeForm
from forms.sources import SourceForm
from models import Claim, Dossier, Entity, Revision, Source, User
from services.editing import (
    claim_input,
    claim_writes,
    entity_writes,
    revisions,
    source_writes,
    submissions,
)
from services.editing.field_values import FieldError
from services.editing.revisions import StaleVersion
from services.reading import claim_page as claim_service
from services.reading import dossier_lookup

editing = Blueprint("editing", __name__)
RECENT_CHANGES_PAGE = 50


@editing.before_request
@login_required
def require_editor():
    """Every page here changes the dossier or shows its history: editors only."""


# --- helpers ---------------------------------------------------------------------------


def _user() -> User:
    return current_user.user


def _dossier(slug: str | None) -> Dossier:
    dossier = dossier_lookup.by_slug(get_session(), slug or "")
    if dossier is None:
        abort(404, description=f'There is no dossier "{slug}".' if slug else "Choose a dossier.")
    return dossier


def _claim(claim_id: int, include_deleted: bool = False) -> Claim:
    claim = claim_writes.load_for_edit(get_session(), claim_id, include_deleted)
    if claim is None:
        abort(404, description=f"There is no claim {claim_id}.")
    return claim


def _earlier(form):
    """If this very form was already saved, a redirect to what it led to; else None."""
    token = form.submission.data
    if not submissions.is_token(token):
        return None
    url = submissions.earlier_result(get_session(), token, _user())
    if url is None:
        return None
    if not url:
        abort(409, description="This form was already used. Reload the page to start again.")
    flash("That form had already been saved: here is the result.", "info")
    return redirect(url)


def _done(form, url: str, message: str):
    """Commit once, remember the form's token with where it led, and go there."""
    submissions.remember(get_session(), form.submission.data, _user(), url)
    try:
        get_session().commit()
    except IntegrityError:  # the same form, posted twice at once: the other one won
        get_session().rollback()
        return _earlier(form) or redirect(url)
    flash(message, "success")
    return redirect(url)


def _url_or(endpoint: str, fallback: str, **values) -> str:
    # The read pages belong to another blueprint; fall back if it is not registered.
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return fallback


def _source_url(source: Source) -> str:
    dossier = get_session().get(Dossier, source.dossier_id)
    fallback = url_for("dossiers.timeline_page", slug=dossier.slug, source=source.id)
    return _url_or("sources.detail", fallback, source_id=source.id)


def _entity_url(entity: Entity) -> str:
    return _url_or("entities.detail", url_for("dossiers.index"), slug=entity.slug)


# --- claims ----------------------------------------------------------------------------


def _claim_form_page(form: ClaimForm, dossier: Dossier, claim: Claim | None):
    has_errors = bool(form.all_errors)
    status = 422 if has_errors and not form.preview.data else 200
    template = "editing/claim_form.html"
    return render_template(template, form=form, dossier=dossier, claim=claim), status


@editing.route("/claims/new", methods=["GET", "POST"])
def new_claim():
    """The claim form for a dossier; saving adds the claim and its first revision."""
    session = get_session()
    dossier = _dossier(request.args.get("dossier"))
    form = ClaimForm(new=True).prepare(*pickers(session, dossier))
    if form.is_submitted():
        if earlier := _earlier(form):
            return earlier
        data = form.read(session, dossier)
        if data is not None and not form.preview.data:
            claim = claim_writes.create_claim(session, dossier, data, _user())
            return _done(form, url_for("claims.detail", claim_id=claim.id), "Claim added.")
        form.add_blank_relation()
    return _claim_form_page(form, dossier, None)


@editing.route("/claims/<int:claim_id>/edit", methods=["GET", "POST"])
def edit_claim(claim_id: int):
    """Edit a claim at the version it was loaded; a newer save gives the conflict page."""
    session = get_session()
    claim = _claim(claim_id, include_deleted=True)
    sources, entities = pickers(session, claim.dossier)
    if request.method == "GET":
        if claim.is_deleted:
            flash("This claim is deleted. Restore it to edit it.", "info")
            return redirect(url_for("editing.history", claim_id=claim.id))
        return _claim_form_page(edit_form(claim, sources, entities), claim.dossier, claim)
    form = ClaimForm().prepare(sources, entities)
    if earlier := _earlier(form):
        return earlier
    data = form.read(session, claim.dossier, claim)
    if data is None or form.preview.data:
        form.add_blank_relation()
        return _claim_form_page(form, claim.dossier, claim)
    return _save_claim(form, claim, data, form.raw(), form.expected_version)


def _save_claim(form, claim: Claim, data, raw: dict, expected_version: int | None):
    try:
        changed = claim_writes.update_claim(get_session(), claim, data, _user(), expected_version)
    except StaleVersion as conflict:
        return _conflict_page(conflict.current, raw, data)
    message = "Claim saved." if changed else "Nothing had changed; the claim is as it was."
    return _done(form, url_for("claims.detail", claim_id=claim.id), message)


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


@editing.post("/claims/<int:claim_id>/merge")
def merge_claim(claim_id: int):
    """Save the merge chosen on the conflict page, against the version shown there."""
    session = get_session()
    claim = _claim(claim_id, include_deleted=True)
    form = ConflictForm()
    if earlier := _earlier(form):
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


@editing.route("/claims/<int:claim_id>/delete", methods=["GET", "POST"])
def delete_claim(claim_id: int):
    """Ask, then soft-delete: the claim leaves the timeline and stays in its history."""
    claim = claim_service.get_visible(get_session(), claim_id)
    if claim is None:
        abort(404, description=f"There is no claim {claim_id}, or it is already deleted.")
    is_post = request.method == "POST"
    form = DeleteForm() if is_post else DeleteForm(version=str(claim.version))
    status = 200
    if form.is_submitted():
        if earlier := _earlier(form):
            return earlier
        if form.validate():
            # The same object, with what a revision snapshot reads surely loaded.
            claim = _claim(claim_id)
            try:
                claim_writes.delete_claim(get_session(), claim, _user(), form.expected_version)
            except StaleVersion:
                status = 409
                form.version.data = str(claim.version)
                form.form_errors.append(
                    "Someone changed this claim since you opened this page. "
                    "Check it below, then confirm again."
                )
            else:
                history_url = url_for("editing.history", claim_id=claim.id)
                return _done(form, history_url, "Claim deleted. You can restore it below.")
    page = render_template("editing/claim_delete.html", form=form, claim=claim)
    return page, status


@editing.get("/claims/<int:claim_id>/history")
def history(claim_id: int):
    """Every revision of a claim with what it changed, and a way to restore each one."""
    claim = _claim(claim_id, include_deleted=True)
    entries = revisions.history_entries(get_session(), "claim", claim.id)
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
        "action_words": revisions.ACTION_WORDS,
    }


@editing.post("/claims/<int:claim_id>/restore")
def restore(claim_id: int):
    """Bring back one of the claim's revisions, as a new revision (undoes a delete, too)."""
    session = get_session()
    claim = _claim(claim_id, include_deleted=True)
    form = RestoreForm()
    if earlier := _earlier(form):
        return earlier
    revision = session.get(Revision, int(form.revision.data)) if form.validate() else None
    if revision is None or (revision.object_type, revision.object_id) != ("claim", claim.id):
        abort(400, description="Choose a version of this claim to restore.")
    try:
        done = claim_writes.restore_revision(
            session, claim, revision, _user(), form.expected_version
        )
    except StaleVersion:
        flash("The claim changed since you opened its history. Look again, then choose.", "error")
        entries = revisions.history_entries(session, "claim", claim.id)
        page = render_template("editing/claim_history.html", **_history_context(claim, entries))
        return page, 409
    message = f"Restored version {revision.version}." if done else "That is the current version."
    return _done(form, url_for("editing.history", claim_id=claim.id), message)


@editing.get("/dossiers/<slug>/changes")
def recent_changes(slug: str):
    """The dossier's latest revisions, newest first, 50 at a time."""
    dossier = _dossier(slug)
    before = request.args.get("before", type=int)
    entries = revisions.recent_changes(get_session(), dossier.id, before, RECENT_CHANGES_PAGE)
    older = entries[-1].revision.id if len(entries) == RECENT_CHANGES_PAGE else None
    return render_template(
        "editing/changes.html",
        dossier=dossier,
        entries=entries,
        older=older,
        action_words=revisions.ACTION_WORDS,
    )


@editing.get("/claims/parse-date")
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


@editing.get("/claims/lookup")
def lookup_claims():
    """Claims of a dossier matching a number or words, for the relation picker."""
    dossier = _dossier(request.args.get("dossier"))
    found = claim_input.suggest_claims(get_session(), dossier, request.args.get("q", ""))
    return jsonify(
        claims=[
            {"id": c.id, "statement": c.statement, "value": claim_input.claim_reference(c)}
            for c in found
        ]
    )


# --- sources ---------------------------------------------------------------------------


@editing.route("/sources/new", methods=["GET", "POST"])
def new_source():
    """Add a source to a dossier."""
    dossier = _dossier(request.args.get("dossier"))
    form = SourceForm(new=True)
    if form.is_submitted():
        if earlier := _earlier(form):
            return earlier
        data = form.read()
        if data is not None:
            source = source_writes.create_source(get_session(), dossier, data, _user())
            return _done(form, _source_url(source), "Source added.")
    return _form_page("editing/source_form.html", form, dossier=dossier, source=None)


@editing.route("/sources/<int:source_id>/edit", methods=["GET", "POST"])
def edit_source(source_id: int):
    """Edit a source at the version it was loaded; a newer save is shown, not overwritten."""
    session = get_session()
    source = source_writes.for_edit(session, source_id)
    if source is None:
        abort(404, description=f"There is no source {source_id}.")
    dossier = session.get(Dossier, source.dossier_id)
    if request.method == "GET":
        form = SourceForm(data=source_writes.raw_from_source(source), version=str(source.version))
        return _form_page("editing/source_form.html", form, dossier=dossier, source=source)
    form = SourceForm()
    if earlier := _earlier(form):
        return earlier
    data = form.read()
    if data is None:
        return _form_page("editing/source_form.html", form, dossier=dossier, source=source)
    try:
        changed = source_writes.update_source(session, source, data, _user(), form.expected_version)
    except StaleVersion as conflict:
        mine = source_writes.new_source(dossier, data)
        return _stale_form("source", form, conflict.current, mine, dossier=dossier)
    return _done(form, _source_url(source), "Source saved." if changed else "Nothing had changed.")


def _form_page(template: str, form, **context):
    status = 422 if form.is_submitted() and form.all_errors else 200
    return render_template(template, form=form, **context), status


def _stale_form(type_name: str, form, current, mine, **context):
    """The form again, with my values, now against the current version, and a comparison."""
    rows = revisions.side_by_side(
        type_name, revisions.snapshot(mine), revisions.snapshot(current), revisions.Names()
    )
    form.version.data = str(current.version)
    template = f"editing/{type_name}_form.html"
    context[type_name] = current
    return render_template(template, form=form, conflict_rows=rows, **context), 409


# --- entities --------------------------------------------------------------------------


@editing.route("/entities/new", methods=["GET", "POST"])
def new_entity():
    """Add a person, organisation, government, agency or outlet."""
    form = EntityForm(new=True)
    if form.is_submitted():
        if earlier := _earlier(form):
            return earlier
        data = form.read()
        if data is not None:
            entity = entity_writes.create_entity(get_session(), data, _user())
            return _done(form, _entity_url(entity), f"{entity.name} added.")
    return _form_page("editing/entity_form.html", form, entity=None)


@editing.route("/entities/<slug>/edit", methods=["GET", "POST"])
def edit_entity(slug: str):
    """Edit an entity at the version it was loaded."""
    session = get_session()
    entity = entity_writes.by_slug(session, slug, follow_merges=False)
    if entity is None:
        abort(404, description=f'There is no entity "{slug}".')
    if request.method == "GET":
        form = EntityForm(data=entity_writes.raw_from_entity(entity), version=str(entity.version))
        return _form_page("editing/entity_form.html", form, entity=entity)
    form = EntityForm()
    if earlier := _earlier(form):
        return earlier
    data = form.read()
    if data is None:
        return _form_page("editing/entity_form.html", form, entity=entity)
    try:
        changed = entity_writes.update_entity(session, entity, data, _user(), form.expected_version)
    except StaleVersion as conflict:
        mine = Entity(slug=entity.slug, aliases=[])
        entity_writes.apply(mine, data)
        return _stale_form("entity", form, conflict.current, mine)
    return _done(form, _entity_url(entity), "Saved." if changed else "Nothing had changed.")


@editing.route("/entities/merge", methods=["GET", "POST"])
def merge_entities():
    """Fold a duplicate entity into another, keeping every reference to it."""
    session = get_session()
    form = MergeForm(duplicate=request.args.get("duplicate", ""))
    form.prepare(entity_writes.live(session))
    if form.is_submitted():
        if earlier := _earlier(form):
            return earlier
        if form.validate():
            try:
                result = entity_writes.merge_by_slugs(
                    session, form.duplicate.data, form.kept.data, _user()
                )
            except entity_writes.MergeError as error:
                form.form_errors.append(str(error))
            else:
                message = f"Merged; {result.claims_changed} claims now name {result.kept.name}."
                return _done(form, _entity_url(result.kept), message)
    return _form_page("editing/entity_merge.html", form)
