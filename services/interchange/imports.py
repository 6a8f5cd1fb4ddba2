"""Importing a file into a dossier: every row checked, all or nothing, idempotent.

Sources and claims are matched on their `key` within the target dossier (a keyless one
exported as "source-<id>" or "claim-<id>" is recognised too), entities on their slug across
the site, so importing the same file again changes nothing. The dossier is created when it
does not exist, so a dossier's export imported under another slug makes a copy.

`run` writes through the session and flushes; it never commits. The caller commits only
when the report has no rejection and it is not a dry run, and rolls back otherwise: a dry
run is the real import, undone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from i18n import _
from models import Claim, Dossier, Entity, Source, User
from models.limits import (
    SLUG_PATTERN,
)
from services.editing import (
    bulk_lookups,
    entity_writes,
    revisions,
    source_writes,
)
from services.interchange import import_claims, import_dossier
from services.interchange.api_input import KEY_PATTERN
from services.interchange.formats.document import Document, Row
from services.interchange.import_report import ImportReport

_FALLBACK = {
    "claim": re.compile(r"^claim-(\d{1,18})$"),
    "source": re.compile(r"^source-(\d{1,18})$"),
}


class ImportRefused(ValueError):
    """An import that cannot start (a wrong dossier slug); the message says why."""


def _match(session: Session, model, dossier: Dossier, key: str):
    """The dossier's item with this key (deleted ones too: keys stay taken), or the keyless
    item that an export called "claim-<id>" / "source-<id>"."""
    found = session.scalar(select(model).where(model.dossier_id == dossier.id, model.key == key))
    if found is not None:
        return found
    fallback = _FALLBACK["claim" if model is Claim else "source"].match(key)
    if fallback:
        found = session.get(model, int(fallback.group(1)))
        if found is not None and found.dossier_id == dossier.id and found.key is None:
            return found
    return None


def run(session: Session, document: Document, slug: str, user: User | None) -> ImportReport:
    """Import `document` into the dossier `slug` (created if missing). Flushes, never
    commits. Raises ImportRefused for a slug that cannot name a dossier."""
    if not SLUG_PATTERN.match(slug or "") or len(slug) > 80:
        raise ImportRefused(
            f'"{slug[:80]}" cannot name a dossier: use lower-case letters, digits and dashes.'
        )
    report = ImportReport(dossier=slug, format=document.format)
    report.skipped.extend(document.skipped)
    report.notes.extend(document.notes)
    try:
        dossier = import_dossier.apply(session, document, slug, report, user)
        sources = _sources(session, document, dossier, user, report)
        _entities(session, document, user, report)
        with bulk_lookups.memoised(session):
            find_source = import_claims.source_finder(session, dossier, sources, _match)
            rows = _keyed_rows(document.claims, "key", KEY_PATTERN, report)
            import_claims.run(session, document, dossier, rows, find_source, user, report)
    except IntegrityError as error:
        session.rollback()
        report.reject(_("the file"), _("the database refused it (%(error)s)", error=error.orig))
        return report
    session.flush()
    return report


# --- sources and entities -------------------------------------------------------------------


def _keyed_rows(rows: Iterable[Row], name: str, pattern, report: ImportReport):
    """Rows with a usable, unique identifier under `name`; the others are rejected."""
    seen: set[str] = set()
    for row in rows:
        value = row.data.get(name)
        if not isinstance(value, str) or not pattern.match(value.strip()):
            report.reject(
                row.where, {name: _("Give the %(name)s: letters, digits and dashes.", name=name)}
            )
            continue
        value = value.strip()
        if value in seen:
            report.reject(row.where, {name: f'"{value}" is used twice in this file.'})
            continue
        seen.add(value)
        yield row, value


def _without(data: Mapping[str, Any], *names: str) -> dict[str, Any]:
    flat = {key: value for key, value in data.items() if key not in names}
    for name, value in flat.items():
        if isinstance(value, Mapping) and isinstance(value.get("edtf"), str):
            flat[name] = value["edtf"]
    return flat


def _sources(session, document, dossier, user, report) -> dict[str, Source]:
    summary = document.revision_summary
    sources: dict[str, Source] = {}
    for row, key in _keyed_rows(document.sources, "key", KEY_PATTERN, report):
        source = _match(session, Source, dossier, key)
        if source is not None and source.deleted_at is not None:
            report.skipped.append((row.where, "this source was deleted here; it stays deleted"))
            continue
        if source is not None and document.sources_create_only:
            sources[key] = source
            continue
        data, errors = source_writes.parse_source(_without(row.data, "key"))
        if errors or data is None:
            report.reject(row.where, errors)
            continue
        if source is None:
            source = source_writes.new_source(dossier, data)
            source.key = key
            session.add(source)
            source_writes.capture_text(session, source, data)
            revisions.record(session, source, None, user, summary=summary)
            report.count("created", "source", data.title)
        else:
            before = revisions.snapshot(source)
            source_writes.apply(source, data)
            source_writes.capture_text(session, source, data)
            changed = revisions.record(session, source, before, user, summary=summary)
            report.count("updated" if changed else "unchanged", "source", data.title)
        sources[key] = source
    return sources


def _entities(session, document, user, report) -> dict[str, Entity]:
    summary = document.revision_summary
    entities: dict[str, Entity] = {}
    rows = _keyed_rows(document.entities, "slug", SLUG_PATTERN, report)
    for row, slug in _organisations_first(rows):
        entity = session.scalar(select(Entity).where(Entity.slug == slug))
        if entity is not None and entity.deleted_at is not None:
            target = entity_writes.current(entity, session)
            if target is not None and target.deleted_at is None:
                report.skipped.append((row.where, f'merged into "{target.slug}", used instead'))
                entities[slug] = target
            else:
                report.skipped.append((row.where, "this entity was deleted here"))
            continue
        data, errors = entity_writes.parse_entity(_without(row.data, "slug"))
        if data is not None and entity is not None and "member_of" not in row.data:
            # A file from before member_of existed keeps the membership made here since.
            data.member_of = entity.member_of.slug if entity.member_of else None
        organisation = None
        try:
            if data is not None:
                organisation = entity_writes.organisation_for(session, data, entity, entities)
        except entity_writes.MembershipError as error:
            errors = {**errors, "member_of": str(error)}
        if errors or data is None:
            report.reject(row.where, errors)
            continue
        if entity is None:
            entity = Entity(slug=slug, aliases=[])
            entity_writes.apply(entity, data, organisation)
            session.add(entity)
            revisions.record(session, entity, None, user, summary=summary)
            report.count("created", "entity", data.name)
        else:
            before = revisions.snapshot(entity)
            entity_writes.apply(entity, data, organisation)
            changed = revisions.record(session, entity, before, user, summary=summary)
            report.count("updated" if changed else "unchanged", "entity", data.name)
        entities[slug] = entity
    return entities


def _organisations_first(rows):
    """The file's entities with each organisation before those that belong to it, so a
    member finds its organisation already made; a loop keeps the file's order (and is
    refused by organisation_for)."""
    rows = list(rows)
    parent = {slug: row.data.get("member_of") for row, slug in rows}

    def depth(slug: str) -> int:
        steps, seen = 0, {slug}
        while isinstance(parent.get(slug), str) and parent[slug] not in seen:
            slug = parent[slug]
            seen.add(slug)
            steps += 1
        return steps

    return sorted(rows, key=lambda pair: depth(pair[1]))
