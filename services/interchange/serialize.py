"""Plain-data forms of the models for the JSON API, and of dossiers and dates for the Claimline
JSON export. Revision snapshots are not these: services.editing.revisions takes its own.

Their words (the *_label fields, a date's label) are English in every reader's language: they
are machine-readable, the same for every client, and exports are kept on disk for everyone
(#20). Only a problem's `detail` follows Accept-Language.
"""

from __future__ import annotations

from typing import Any

from fuzzy_date import FuzzyDate
from i18n import SOURCE_LANGUAGE, speaking
from models import Claim, Dossier, Entity, Revision, Source


def fuzzy_date(value: FuzzyDate | None) -> dict[str, Any] | None:
    with speaking(SOURCE_LANGUAGE):
        return _fuzzy_date(value)


def _fuzzy_date(value: FuzzyDate | None) -> dict[str, Any] | None:
    """fuzzy_date inside a block already speaking SOURCE_LANGUAGE."""
    return value.to_json() if value else None


def entity_ref(entity: Entity | None) -> dict[str, str] | None:
    return {"name": entity.name, "slug": entity.slug} if entity else None


def source_ref(source: Source | None) -> dict[str, Any] | None:
    return {"id": source.id, "title": source.title} if source else None


def claim(claim: Claim, dossier_slug: str) -> dict[str, Any]:
    """A claim as the API shows it (without its URL, which the view adds)."""
    with speaking(SOURCE_LANGUAGE):
        return _claim(claim, dossier_slug)


def _claim(claim: Claim, dossier_slug: str) -> dict[str, Any]:
    return {
        "id": claim.id,
        "dossier": dossier_slug,
        "key": claim.key,
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang,
        "statement_lang": claim.statement_lang,
        "attribution": claim.attribution.value,
        "attribution_label": claim.attribution_label,
        "speaker": entity_ref(claim.speaker),
        "speaker_description": claim.speaker_description,
        "relayed_by": entity_ref(claim.relayed_by),
        "relayed_by_description": claim.relayed_by_description,
        "via": source_ref(claim.via),
        "source": source_ref(claim.source),
        "locator": claim.locator,
        "event_date": _fuzzy_date(claim.event_date),
        "stated_date": _fuzzy_date(claim.stated_date),
        "confidence": claim.confidence,
        "confidence_label": claim.confidence_label,
        "status": claim.status.value,
        "tags": [tag.name for tag in claim.tags],
        "relations": [
            {"type": relation.type.value, "claim_id": relation.to_claim_id, "note": relation.note}
            for relation in claim.live_relations_out
        ],
        "notes": claim.notes,
        "version": claim.version,
        "created_at": claim.created_at.isoformat(),
        "updated_at": claim.updated_at.isoformat(),
    }


def dossier(dossier: Dossier) -> dict[str, Any]:
    return {
        "slug": dossier.slug,
        "title": dossier.title,
        "subject": dossier.subject,
        "summary": dossier.summary,
        "methodology": dossier.methodology,
        "visibility": dossier.visibility.value,
        "print_language": dossier.print_language,
        "statement_language": dossier.statement_language,
    }


def source(source: Source, dossier_slug: str) -> dict[str, Any]:
    """A source as the API shows it."""
    return {
        "id": source.id,
        "dossier": dossier_slug,
        "key": source.key,
        "title": source.title,
        "outlet": source.outlet,
        "author": source.author,
        "url": source.url,
        "language": source.language,
        "kind": source.kind.value,
        "published": fuzzy_date(source.published),
        "reliability": source.reliability,
        "notes": source.notes,
        "version": source.version,
        "created_at": source.created_at.isoformat(),
        "updated_at": source.updated_at.isoformat(),
    }


def entity(entity: Entity) -> dict[str, Any]:
    """An entity as the API shows it."""
    return {
        "slug": entity.slug,
        "name": entity.name,
        "kind": entity.kind.value,
        "description": entity.description,
        "aliases": list(entity.aliases),
        "member_of": entity.member_of.slug if entity.member_of else None,
        "version": entity.version,
        "created_at": entity.created_at.isoformat(),
        "updated_at": entity.updated_at.isoformat(),
    }


def revision(revision: Revision) -> dict[str, Any]:
    """One entry of an object's history: who changed what, when ({field: [before, after]})."""
    return {
        "id": revision.id,
        "version": revision.version,
        "action": revision.action.value,
        "user": revision.user.display_name if revision.user else None,
        "created_at": revision.created_at.isoformat(),
        "summary": revision.summary,
        "changes": revision.changes,
    }
