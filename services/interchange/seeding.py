"""Loading a dossier from a human-edited YAML file in seeds/, idempotently.

Running it twice changes nothing; editing the file and running it again updates the rows.
Every entry is checked before anything is written, and an error names the file, the entry
and the field; the caller commits only when the whole file loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Claim, Dossier, Entity, Source
from models.claim import NOTES_MAX, QUOTE_MAX, STATEMENT_MAX
from models.fuzzy_date import FuzzyDate, FuzzyDateError, parse
from models.vocabulary import Attribution, EntityKind, RelationType, SourceKind, Status
from services.editing import claim_writes, markdown_render, revisions
from services.editing.claim_writes import ClaimInput, RelationInput


class SeedError(ValueError):
    def __init__(self, path: Path, entry: str | None, field_name: str | None, message: str):
        self.path, self.entry, self.field_name = path, entry, field_name
        where = ", ".join(
            part for part in (entry, f"field {field_name!r}" if field_name else None) if part
        )
        super().__init__(f"{path.name}: {where + ': ' if where else ''}{message}")


@dataclass
class SeedReport:
    dossier: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        counts = self.created if created else self.updated
        counts[kind] = counts.get(kind, 0) + 1

    def __str__(self) -> str:
        def describe(counts: dict[str, int]) -> str:
            return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"

        return f"{self.dossier}: created {describe(self.created)}; updated {describe(self.updated)}"


class Entry:
    """One mapping of the file, which knows where it is for error messages."""

    def __init__(self, path: Path, name: str, data: Any):
        if not isinstance(data, dict):
            raise SeedError(path, name, None, "expected a mapping of fields")
        self.path, self.name, self.data = path, name, data

    def error(self, field_name: str | None, message: str) -> SeedError:
        return SeedError(self.path, self.name, field_name, message)

    def text(self, name: str, required: bool = True, max_length: int | None = None) -> str | None:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(name, "is required")
            return None
        if not isinstance(value, str | int | float):
            raise self.error(name, "must be text")
        value = str(value).strip()
        if max_length and len(value) > max_length:
            raise self.error(name, f"is longer than {max_length} characters")
        return value

    def choice(self, name: str, enum_class, default=None):
        value = self.data.get(name, default)
        if value is None:
            if default is None:
                raise self.error(name, "is required")
            return default
        try:
            return enum_class(value)
        except ValueError:
            options = ", ".join(member.value for member in enum_class)
            raise self.error(name, f"{value!r} is not one of: {options}") from None

    def integer(self, name: str, low: int, high: int, required: bool = True) -> int | None:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.error(name, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(name, f"must be a whole number from {low} to {high}")
        return value

    def date(self, name: str, reference: FuzzyDate | None, required: bool) -> FuzzyDate | None:
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            return parse(value, reference=reference)
        except FuzzyDateError as error:
            raise self.error(name, str(error)) from None

    def strings(self, name: str) -> list[str]:
        value = self.data.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(name, "must be a list of names")
        return value


def read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SeedError(path, None, None, f"cannot be read: {error}") from None
    except yaml.YAMLError as error:
        raise SeedError(path, None, None, f"is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("dossier"), dict):
        raise SeedError(path, None, "dossier", "the file must start with a `dossier:` mapping")
    return data


def load_file(session: Session, path: Path) -> SeedReport:
    """Create or update the dossier described by the file at `path`. Raises SeedError."""
    data = read(path)
    head = Entry(path, "dossier", data["dossier"])
    slug = head.text("slug", max_length=80)
    report = SeedReport(dossier=slug)
    dossier = session.scalar(select(Dossier).where(Dossier.slug == slug))
    if dossier is None:
        dossier = Dossier(slug=slug)
        session.add(dossier)
        report.count("dossier", created=True)
    before = (dossier.title, dossier.subject, dossier.summary, dossier.methodology)
    dossier.title = head.text("title", max_length=300)
    dossier.subject = head.text("subject", required=False, max_length=300) or ""
    dossier.summary = head.text("summary", required=False) or ""
    dossier.methodology = head.text("methodology", required=False) or ""
    dossier.summary_html = markdown_render.render(dossier.summary)
    dossier.methodology_html = markdown_render.render(dossier.methodology)
    if dossier.id and before != (
        dossier.title,
        dossier.subject,
        dossier.summary,
        dossier.methodology,
    ):
        report.count("dossier", created=False)
    session.flush()

    sources = _load_sources(session, path, dossier, data.get("sources") or [], report)
    entities = _load_entities(session, path, data.get("entities") or [], report)
    _load_claims(session, path, dossier, data.get("claims") or [], sources, entities, report)
    session.flush()
    return report


def _entries(path: Path, items: Any, section: str) -> list[Entry]:
    if not isinstance(items, list):
        raise SeedError(path, section, None, "must be a list")
    entries = []
    seen = set()
    for index, item in enumerate(items, start=1):
        name = f"{section} #{index}"
        if isinstance(item, dict) and isinstance(item.get("key") or item.get("slug"), str):
            name = f"{section} {item.get('key') or item.get('slug')!r}"
        entry = Entry(path, name, item)
        identifier = entry.text("slug" if section == "entity" else "key", max_length=100)
        if identifier in seen:
            raise entry.error("key", "is used twice in this file")
        seen.add(identifier)
        entries.append(entry)
    return entries


def _load_sources(session, path, dossier, items, report) -> dict[str, Source]:
    existing = {
        source.key: source
        for source in session.scalars(select(Source).where(Source.dossier_id == dossier.id))
    }
    sources = {}
    for entry in _entries(path, items, "source"):
        key = entry.text("key")
        source = existing.get(key)
        before = revisions.snapshot(source) if source else None
        if source is None:
            source = Source(dossier=dossier, key=key)
            session.add(source)
        source.title = entry.text("title", max_length=500)
        source.outlet = entry.text("outlet", required=False, max_length=200) or ""
        source.author = entry.text("author", required=False, max_length=200)
        source.url = entry.text("url", required=False, max_length=2000)
        if source.url and not source.url.startswith(("http://", "https://")):
            raise entry.error("url", "must start with http:// or https://")
        source.language = entry.text("language", required=False, max_length=35)
        source.kind = entry.choice("kind", SourceKind, SourceKind.NEWS_ARTICLE)
        source.published = entry.date("published", None, required=False)
        grade = entry.text("reliability", required=False)
        if grade is not None and grade not in "ABCDEF":
            raise entry.error("reliability", "must be an Admiralty grade from A to F")
        source.reliability = grade
        notes = entry.text("notes", required=False) or ""
        if notes != source.notes or before is None:
            source.notes, source.notes_html = notes, markdown_render.render(notes)
        if revisions.record(session, source, before, user=None, summary="seed file"):
            report.count("source", created=before is None)
        sources[key] = source
    return sources


def _load_entities(session, path, items, report) -> dict[str, Entity]:
    entries = _entries(path, items, "entity")
    slugs = [entry.text("slug") for entry in entries]
    existing = {
        entity.slug: entity
        for entity in session.scalars(select(Entity).where(Entity.slug.in_(slugs)))
    }
    entities = {}
    for entry, slug in zip(entries, slugs, strict=True):
        entity = existing.get(slug)
        before = revisions.snapshot(entity) if entity else None
        if entity is None:
            entity = Entity(slug=slug)
            session.add(entity)
        entity.name = entry.text("name", max_length=200)
        entity.kind = entry.choice("kind", EntityKind)
        entity.description = entry.text("description", required=False, max_length=300) or ""
        entity.aliases = entry.strings("aliases")
        if revisions.record(session, entity, before, user=None, summary="seed file"):
            report.count("entity", created=before is None)
        entities[slug] = entity
    return entities


def _load_claims(session, path, dossier, items, sources, entities, report) -> None:
    entries = _entries(path, items, "claim")
    existing = {
        claim.key: claim
        for claim in session.scalars(
            select(Claim)
            .where(Claim.dossier_id == dossier.id)
            .options(
                selectinload(Claim.tags),
                selectinload(Claim.entities),
                selectinload(Claim.relations_out),
            )
        )
    }
    befores: dict[str, dict | None] = {}
    claims: dict[str, Claim] = {}
    inputs: dict[str, ClaimInput] = {}
    for entry in entries:
        data = _claim_input(entry, sources, entities)
        claim = existing.get(data.key)
        befores[data.key] = revisions.snapshot(claim) if claim else None
        if claim is None:
            claim = claim_writes.new_claim(dossier)
            session.add(claim)
        claim_writes.apply(session, claim, data, relations=False)
        claims[data.key], inputs[data.key] = claim, data
    session.flush()
    # Relations may point forward in the file, so they are set once every claim exists.
    for entry in entries:
        data = inputs[entry.text("key")]
        data.relations = _relations(entry, claims)
        if any(relation.target is claims[data.key] for relation in data.relations):
            raise entry.error("relations", "a claim cannot be related to itself")
        claim_writes.set_relations(claims[data.key], data.relations)
    for key, claim in claims.items():
        if revisions.record(session, claim, befores[key], user=None, summary="seed file"):
            report.count("claim", created=befores[key] is None)


def _reference(entry: Entry, name: str, known: dict, required: bool = False):
    value = entry.text(name, required=required)
    if value is None:
        return None
    if value not in known:
        raise entry.error(name, f"{value!r} is not defined in this file")
    return known[value]


def _references(entry: Entry, name: str, known: dict) -> list:
    names = entry.strings(name)
    for value in names:
        if value not in known:
            raise entry.error(name, f"{value!r} is not defined in this file")
    return [known[value] for value in names]


def _claim_input(entry: Entry, sources: dict, entities: dict) -> ClaimInput:
    source = _reference(entry, "source", sources, required=True)
    return ClaimInput(
        key=entry.text("key"),
        statement=entry.text("statement", max_length=STATEMENT_MAX),
        quote=entry.text("quote", required=False, max_length=QUOTE_MAX) or "",
        quote_lang=entry.text("quote_lang", required=False, max_length=35),
        locator=entry.integer("locator", 1, 100_000, required=False),
        notes=entry.text("notes", required=False, max_length=NOTES_MAX) or "",
        attribution=entry.choice("attribution", Attribution),
        speaker=_reference(entry, "speaker", entities),
        speaker_description=entry.text("speaker_description", required=False, max_length=300),
        via=_reference(entry, "via", sources),
        source=source,
        event_date=entry.date("event_date", source.published, required=False),
        stated_date=entry.date("stated_date", source.published, required=True),
        confidence=entry.integer("confidence", 0, 100),
        status=entry.choice("status", Status, Status.UNVERIFIED),
        tags=entry.strings("tags"),
        entities=_references(entry, "entities", entities),
    )


def _relations(entry: Entry, claims: dict[str, Claim]) -> list[RelationInput]:
    items = entry.data.get("relations") or []
    if not isinstance(items, list):
        raise entry.error("relations", "must be a list")
    relations = []
    for index, item in enumerate(items, start=1):
        relation = Entry(entry.path, f"{entry.name} relation #{index}", item)
        relations.append(
            RelationInput(
                type=relation.choice("type", RelationType),
                target=_reference(relation, "claim", claims, required=True),
                note=relation.text("note", required=False, max_length=1000) or "",
            )
        )
    return relations


def seed_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))
