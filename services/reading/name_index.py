"""The names a reader may find by typing: entities named in, sources of, and tags used in the
dossiers the reader may see, with their claim counts; matched by word prefixes, and the
vocabulary "Did you mean" draws on.

Nothing of a private or archived dossier (for readers who are not signed in), nor of a
deleted claim, source or entity, enters the index: its words can then never be suggested.
The index is built in three GROUP BY queries and kept per process until a readable dossier,
an entity or a source changes (the same moment the entity page's ETag rests on).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, distinct, func, select, union_all
from sqlalchemy.orm import Session

import i18n
from models import Claim, Dossier, Entity, Source, Tag, claim_entities, claim_tags
from models.text import fold
from models.vocabulary import EntityKind
from services.reading import dossier_lookup, view_cache
from services.reading.freshness import last_change_in_public
from services.reading.search import WORD, search_terms

# Words shorter than this are left as typed: too many names are one edit from "AI" or "to".
MIN_CORRECTED_LENGTH = 4
CORRECTION_CUTOFF = 0.75


@dataclass(frozen=True)
class Name:
    """One findable name: an entity (`key` its slug), a source (its id) or a tag (its key)
    in one dossier."""

    kind: str  # "entity", "source" or "tag"
    label: str
    key: str
    claims: int
    words: tuple[str, ...]  # folded words of the label and, for an entity, its aliases
    detail: str = ""  # an entity's kind (its value, as the API gives it), a source's outlet
    dossier_slug: str | None = None
    dossier_title: str | None = None

    @property
    def shown_detail(self) -> str:
        """`detail` as a reader sees it: an entity's kind in their language ("personne")."""
        if self.kind == "entity" and self.detail in {kind.value for kind in EntityKind}:
            return EntityKind(self.detail).label.lower()
        return self.detail


@dataclass(frozen=True)
class NameIndex:
    names: tuple[Name, ...]
    # Each folded word of a name, with the spelling to show it in ("broadcom" -> "Broadcom").
    vocabulary: dict[str, str]

    def find(self, query: str, kind: str, limit: int) -> list[Name]:
        """Names of `kind` in which every word of `query` starts a word; an exact name first,
        then the most cited."""
        terms = search_terms(query)
        if not terms:
            return []
        wanted = " ".join(terms)
        found = [
            name
            for name in self.names
            if name.kind == kind
            and all(any(word.startswith(term) for word in name.words) for term in terms)
        ]
        found.sort(key=lambda name: (" ".join(search_terms(name.label)) != wanted, -name.claims))
        return found[:limit]

    def correct(self, query: str) -> str | None:
        """The query with each unknown word replaced by the closest known one, or None when
        no word changes."""
        corrected, changed = [], False
        for term in search_terms(query):
            if term in self.vocabulary or len(term) < MIN_CORRECTED_LENGTH:
                corrected.append(self.vocabulary.get(term, term))
                continue
            # Typos rarely touch the first letter; keeping to it makes the comparison cheap.
            near = [
                word
                for word in self.vocabulary
                if word[0] == term[0] and abs(len(word) - len(term)) <= 2
            ]
            closest = difflib.get_close_matches(term, near, n=1, cutoff=CORRECTION_CUTOFF)
            if closest:
                corrected.append(self.vocabulary[closest[0]])
                changed = True
            else:
                corrected.append(term)
        return " ".join(corrected) if changed else None


def readable_dossiers(signed_in: bool) -> ColumnElement[bool]:
    """Dossiers searched across: those listed to readers, or for editors all but archived
    ones. Unlisted dossiers are read by their address only, so searching does not list them."""
    return dossier_lookup.open_to_editors() if signed_in else dossier_lookup.listed_to_readers()


def index(session: Session, signed_in: bool) -> NameIndex:
    """The reader's name index, from the per-process cache while nothing it shows changed."""
    key = (
        "names",
        str(session.get_bind().engine.url),
        signed_in,
        _changed(session, signed_in),
        i18n.current(),
    )
    return view_cache.aggregates.get_or_compute(key, lambda: build(session, signed_in))


def _changed(session: Session, signed_in: bool) -> tuple[datetime, str] | tuple:
    if not signed_in:
        return last_change_in_public(session)
    # Editors see private dossiers too: any write to a dossier, entity or source counts.
    dossiers = session.execute(
        select(func.max(Dossier.changed_at), func.count(Dossier.id), func.sum(Dossier.id)).where(
            dossier_lookup.open_to_editors()
        )
    ).one()
    entities_and_sources = session.execute(
        select(
            select(func.max(Entity.updated_at)).scalar_subquery(),
            select(func.max(Source.updated_at)).scalar_subquery(),
        )
    ).one()
    return (*dossiers, *entities_and_sources)


def build(session: Session, signed_in: bool) -> NameIndex:
    names = _entities(session, signed_in) + _sources(session, signed_in) + _tags(session, signed_in)
    vocabulary: dict[str, str] = {}
    for name in names:
        texts = [name.label] if name.kind != "entity" else [name.label, *name.words]
        for text in texts:
            for word in WORD.findall(text):
                if len(word) >= 2:
                    vocabulary.setdefault(fold(word), word)
    return NameIndex(tuple(names), vocabulary)


def _live_readable_claims(signed_in: bool) -> ColumnElement[bool]:
    return Claim.deleted_at.is_(None) & readable_dossiers(signed_in)


def _entities(session: Session, signed_in: bool) -> list[Name]:
    """Live, unmerged entities that a live claim of a readable dossier names or quotes."""
    mentions = union_all(
        select(claim_entities.c.entity_id.label("entity_id"), claim_entities.c.claim_id),
        select(Claim.speaker_id.label("entity_id"), Claim.id.label("claim_id")).where(
            Claim.speaker_id.is_not(None)
        ),
    ).subquery()
    statement = (
        select(Entity, func.count(distinct(mentions.c.claim_id)))
        .join(mentions, mentions.c.entity_id == Entity.id)
        .join(Claim, Claim.id == mentions.c.claim_id)
        .join(Dossier, Dossier.id == Claim.dossier_id)
        .where(_live_readable_claims(signed_in))
        .where(Entity.deleted_at.is_(None), Entity.merged_into_id.is_(None))
        .group_by(Entity.id)
    )
    return [
        Name(
            kind="entity",
            label=entity.name,
            key=entity.slug,
            claims=count,
            words=_words(entity.name, *(entity.aliases or [])),
            detail=entity.kind.value,
        )
        for entity, count in session.execute(statement)
    ]


def _sources(session: Session, signed_in: bool) -> list[Name]:
    """Live sources of readable dossiers, with the live claims read in or credited to them."""
    claim_count = (
        select(func.count(Claim.id))
        .where((Claim.source_id == Source.id) | (Claim.via_id == Source.id))
        .where(Claim.deleted_at.is_(None))
        .scalar_subquery()
    )
    statement = (
        select(Source, Dossier.slug, Dossier.title, claim_count)
        .join(Dossier, Dossier.id == Source.dossier_id)
        .where(Source.deleted_at.is_(None), readable_dossiers(signed_in))
    )
    return [
        Name(
            kind="source",
            label=source.title,
            key=str(source.id),
            claims=count,
            words=_words(source.title),
            detail=source.outlet,
            dossier_slug=slug,
            dossier_title=title,
        )
        for source, slug, title, count in session.execute(statement)
    ]


def _tags(session: Session, signed_in: bool) -> list[Name]:
    """Tags on live claims of readable dossiers, once per dossier that uses them."""
    statement = (
        select(Tag.name, Tag.key, Dossier.slug, Dossier.title, func.count(claim_tags.c.claim_id))
        .join(claim_tags, claim_tags.c.tag_id == Tag.id)
        .join(Claim, Claim.id == claim_tags.c.claim_id)
        .join(Dossier, Dossier.id == Claim.dossier_id)
        .where(_live_readable_claims(signed_in))
        .group_by(Tag.id, Tag.name, Tag.key, Dossier.id, Dossier.slug, Dossier.title)
    )
    return [
        Name(
            kind="tag",
            label=name,
            key=key,
            claims=count,
            words=_words(name),
            dossier_slug=slug,
            dossier_title=title,
        )
        for name, key, slug, title, count in session.execute(statement)
    ]


def _words(*texts: str) -> tuple[str, ...]:
    return tuple(word for text in texts for word in WORD.findall(fold(text)))
