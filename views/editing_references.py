"""The source and entity forms, settling their conflicts, and merging a duplicate entity
into another."""

from __future__ import annotations

from flask import abort, request, url_for

from db import get_session
from forms.conflicts import ConflictForm
from forms.entities import EntityForm, MergeForm
from forms.sources import SourceForm
from i18n import _, number
from models import Entity, Source
from services.editing import (
    concurrent_edits,
    entity_writes,
    source_texts,
    source_writes,
)
from services.editing.revisions import StaleVersion
from services.reading import paragraphs
from views import editing_common as common


def new_source():
    """Add a source to a dossier."""
    dossier = common.dossier(request.args.get("dossier"))
    form = SourceForm(new=True)
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        data = form.read()
        if data is not None:
            source = source_writes.create_source(get_session(), dossier, data, common.user())
            return common.done(
                form, url_for("sources.detail", source_id=source.id), _("Source added.")
            )
    return common.form_page("editing/source_form.html", form, dossier=dossier, source=None)


def edit_source(source_id: int):
    """Edit a source at the version it was loaded; a newer save is shown, not overwritten."""
    session = get_session()
    source = source_writes.for_edit(session, source_id)
    if source is None:
        abort(404, description=_("There is no source %(number)s.", number=source_id))
    dossier = source.dossier
    captured = paragraphs.current(session, source)
    context = {
        "dossier": dossier,
        "source": source,
        "text_version": captured,
        "text_quoted": source_texts.is_quoted(session, source),
    }
    if request.method == "GET":
        raw = {**source_writes.raw_from_source(source), "text": captured.text if captured else ""}
        form = SourceForm(data=raw, version=str(source.version))
        return common.form_page("editing/source_form.html", form, **context)
    form = SourceForm()
    if earlier := common.earlier(form):
        return earlier
    data = form.read()
    if data is None:
        return common.form_page("editing/source_form.html", form, **context)
    try:
        changed = source_writes.update_source(
            session, source, data, common.user(), form.expected_version
        )
    except StaleVersion:  # raised with the source itself, as stored now
        return _settle_source(form, source, form.raw(), form.expected_version, None)
    return common.done(
        form,
        url_for("sources.detail", source_id=source.id),
        _("Source saved.") if changed else _("Nothing had changed."),
    )


def new_entity():
    """Add a person, organisation, government, agency or outlet."""
    session = get_session()
    form = EntityForm(new=True).prepare(entity_writes.organisations(session), None)
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        data = form.read(session)
        if data is not None:
            entity = entity_writes.create_entity(get_session(), data, common.user())
            return common.done(
                form,
                url_for("entities.detail", slug=entity.slug),
                _("%(name)s added.", name=entity.name),
            )
    return common.form_page("editing/entity_form.html", form, entity=None)


def edit_entity(slug: str):
    """Edit an entity at the version it was loaded."""
    session = get_session()
    entity = entity_writes.by_slug(session, slug, follow_merges=False)
    if entity is None:
        abort(404, description=_('There is no entity "%(slug)s".', slug=slug))
    if request.method == "GET":
        form = EntityForm(data=entity_writes.raw_from_entity(entity), version=str(entity.version))
        form.prepare(entity_writes.organisations(session), entity)
        return common.form_page("editing/entity_form.html", form, entity=entity)
    form = EntityForm().prepare(entity_writes.organisations(session), entity)
    if earlier := common.earlier(form):
        return earlier
    data = form.read(session, entity)
    if data is None:
        return common.form_page("editing/entity_form.html", form, entity=entity)
    try:
        changed = entity_writes.update_entity(
            session, entity, data, common.user(), form.expected_version
        )
    except StaleVersion:  # raised with the entity itself, as stored now
        return _settle_entity(form, entity, form.raw(), form.expected_version, None)
    return common.done(
        form,
        url_for("entities.detail", slug=entity.slug),
        _("Saved.") if changed else _("Nothing had changed."),
    )


def resolve_source(source_id: int):
    """Save the choices made on a source's conflict page (asked again if it moved on)."""
    source = source_writes.for_edit(get_session(), source_id)
    if source is None:
        abort(404, description=_("There is no source %(number)s.", number=source_id))
    form = ConflictForm()
    if earlier := common.earlier(form):
        return earlier
    mine = _posted_mine(form)
    choices = form.choices() if source.version == form.expected_version else None
    return _settle_source(form, source, mine, form.base_version, choices)


def resolve_entity(slug: str):
    """Save the choices made on an entity's conflict page (asked again if it moved on)."""
    entity = entity_writes.by_slug(get_session(), slug, follow_merges=False)
    if entity is None:
        abort(404, description=_('There is no entity "%(slug)s".', slug=slug))
    form = ConflictForm()
    if earlier := common.earlier(form):
        return earlier
    mine = _posted_mine(form)
    choices = form.choices() if entity.version == form.expected_version else None
    return _settle_entity(form, entity, mine, form.base_version, choices)


def _posted_mine(form: ConflictForm) -> dict:
    mine = form.mine_raw() if form.validate() else None
    if mine is None:
        abort(400, description=_("This merge form is incomplete; open the page and edit again."))
    return mine


def _settle_source(form, source: Source, mine: dict, base_version, choices):
    links = (
        url_for("editing.resolve_source", source_id=source.id),
        url_for("editing.edit_source", source_id=source.id),
        url_for("sources.detail", source_id=source.id),
    )

    def save(current: Source, values: dict) -> object:
        data = source_writes.input_from_snapshot(values)
        return source_writes.update_source(
            get_session(), current, data, common.user(), current.version
        )

    return common.settle("source", form, source, mine, base_version, choices, links, save)


def _settle_entity(form, entity: Entity, mine: dict, base_version, choices):
    links = (
        url_for("editing.resolve_entity", slug=entity.slug),
        url_for("editing.edit_entity", slug=entity.slug),
        url_for("entities.detail", slug=entity.slug),
    )

    def save(current: Entity, values: dict) -> object:
        data = concurrent_edits.entity_input(values)
        return entity_writes.update_entity(
            get_session(), current, data, common.user(), current.version
        )

    return common.settle("entity", form, entity, mine, base_version, choices, links, save)


def merge_entities():
    """Fold a duplicate entity into another, keeping every reference to it."""
    session = get_session()
    form = MergeForm(duplicate=request.args.get("duplicate", ""))
    form.prepare(entity_writes.live(session))
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        if form.validate():
            try:
                result = entity_writes.merge_by_slugs(
                    session, form.duplicate.data, form.kept.data, common.user()
                )
            except entity_writes.MergeError as error:
                form.form_errors.append(str(error))
            else:
                message = _(
                    "Merged; %(count)s claims now name %(name)s.",
                    count=number(result.claims_changed),
                    name=result.kept.name,
                )
                return common.done(form, url_for("entities.detail", slug=result.kept.slug), message)
    return common.form_page("editing/entity_merge.html", form)
