"""The source and entity forms, and merging a duplicate entity into another."""

from __future__ import annotations

from flask import abort, request, url_for

from db import get_session
from forms.entities import EntityForm, MergeForm
from forms.sources import SourceForm
from models import Entity
from services.editing import (
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
                form, url_for("sources.detail", source_id=source.id), "Source added."
            )
    return common.form_page("editing/source_form.html", form, dossier=dossier, source=None)


def edit_source(source_id: int):
    """Edit a source at the version it was loaded; a newer save is shown, not overwritten."""
    session = get_session()
    source = source_writes.for_edit(session, source_id)
    if source is None:
        abort(404, description=f"There is no source {source_id}.")
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
    except StaleVersion as conflict:
        mine = source_writes.new_source(dossier, data)
        return common.stale_form("source", form, conflict.current, mine, dossier=dossier)
    return common.done(
        form,
        url_for("sources.detail", source_id=source.id),
        "Source saved." if changed else "Nothing had changed.",
    )


def new_entity():
    """Add a person, organisation, government, agency or outlet."""
    form = EntityForm(new=True)
    if form.is_submitted():
        if earlier := common.earlier(form):
            return earlier
        data = form.read()
        if data is not None:
            entity = entity_writes.create_entity(get_session(), data, common.user())
            return common.done(
                form, url_for("entities.detail", slug=entity.slug), f"{entity.name} added."
            )
    return common.form_page("editing/entity_form.html", form, entity=None)


def edit_entity(slug: str):
    """Edit an entity at the version it was loaded."""
    session = get_session()
    entity = entity_writes.by_slug(session, slug, follow_merges=False)
    if entity is None:
        abort(404, description=f'There is no entity "{slug}".')
    if request.method == "GET":
        form = EntityForm(data=entity_writes.raw_from_entity(entity), version=str(entity.version))
        return common.form_page("editing/entity_form.html", form, entity=entity)
    form = EntityForm()
    if earlier := common.earlier(form):
        return earlier
    data = form.read()
    if data is None:
        return common.form_page("editing/entity_form.html", form, entity=entity)
    try:
        changed = entity_writes.update_entity(
            session, entity, data, common.user(), form.expected_version
        )
    except StaleVersion as conflict:
        mine = Entity(slug=entity.slug, aliases=[])
        entity_writes.apply(mine, data)
        return common.stale_form("entity", form, conflict.current, mine)
    return common.done(
        form,
        url_for("entities.detail", slug=entity.slug),
        "Saved." if changed else "Nothing had changed.",
    )


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
                message = f"Merged; {result.claims_changed} claims now name {result.kept.name}."
                return common.done(form, url_for("entities.detail", slug=result.kept.slug), message)
    return common.form_page("editing/entity_merge.html", form)
