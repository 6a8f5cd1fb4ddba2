"""Atom feeds (RFC 4287), written only: a dossier's claims, newest first, and the site's
recent changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from i18n import SOURCE_LANGUAGE, speaking
from models import Claim, Dossier, Revision
from models.base import utcnow
from services.reading import timeline
from services.reading.dossier_lookup import listed_to_readers
from services.reading.filters import ClaimFilters

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
# Characters XML 1.0 cannot carry at all; a stray one would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ACTION_WORDS = {
    "create": "added",
    "update": "edited",
    "delete": "deleted",
    "restore": "restored",
    "merge": "merged",
}
TITLE_FIELDS = {"claim": "statement", "source": "title", "entity": "name", "dossier": "title"}


@dataclass
class Entry:
    id: str
    title: str
    link: str
    updated: datetime
    published: datetime | None = None
    author: str | None = None
    summary: str = ""
    categories: tuple[tuple[str, str], ...] = ()


@dataclass
class Feed:
    id: str
    title: str
    self_link: str
    alternate_link: str
    subtitle: str = ""
    updated: datetime | None = None


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text or "")


def _element(parent, name: str, text: str | None = None, **attributes) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    if text is not None:
        element.text = _clean(text)
    return element


def render(feed: Feed, entries: list[Entry]) -> bytes:
    """The feed as UTF-8 Atom XML."""
    ElementTree.register_namespace("", ATOM)
    root = ElementTree.Element(f"{{{ATOM}}}feed")
    _element(root, "id", feed.id)
    _element(root, "title", feed.title)
    if feed.subtitle:
        _element(root, "subtitle", feed.subtitle)
    updated = max([entry.updated for entry in entries], default=feed.updated or utcnow())
    _element(root, "updated", updated.isoformat())
    _element(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _element(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    _element(_element(root, "author"), "name", "Claimline")
    _element(root, "generator", "Claimline")
    for entry in entries:
        item = _element(root, "entry")
        _element(item, "id", entry.id)
        _element(item, "title", entry.title)
        _element(item, "link", rel="alternate", type="text/html", href=entry.link)
        _element(item, "updated", entry.updated.isoformat())
        if entry.published:
            _element(item, "published", entry.published.isoformat())
        if entry.author:
            _element(_element(item, "author"), "name", entry.author)
        for term, label in entry.categories:
            _element(item, "category", term=term, label=label)
        _element(item, "summary", entry.summary, type="text")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def newest_claims(session: Session, dossier: Dossier, filters: ClaimFilters) -> list[Claim]:
    """The dossier's latest claims that pass the filters, most recently added first."""
    statement = (
        timeline.filtered(dossier, filters, session.get_bind().dialect.name)
        .order_by(Claim.created_at.desc(), Claim.id.desc())
        .limit(FEED_SIZE)
        .options(
            joinedload(Claim.speaker),
            joinedload(Claim.relayed_by),
            joinedload(Claim.via),
            joinedload(Claim.source),
        )
    )
    return list(session.scalars(statement).unique())


def claim_entry(claim: Claim, link: str) -> Entry:
    """A claim as a feed entry, in English whatever the reader's language (feeds are machine
    documents, fetched without the reader's Accept-Language)."""
    with speaking(SOURCE_LANGUAGE):
        return _claim_entry(claim, link)


def _claim_entry(claim: Claim, link: str) -> Entry:
    who = claim.speaker.name if claim.speaker else (claim.speaker_description or "")
    relay = claim.relayed_by.name if claim.relayed_by else claim.relayed_by_description
    if relay:
        who += f", in private — relayed by {relay}"
    lines = [
        f"{claim.attribution_label}{': ' + who if who else ''}"
        + (f", via {claim.via.outlet or claim.via.title}" if claim.via else ""),
        f"When: {claim.timeline_fuzzy_date.label}. Said: {claim.stated_date.label}.",
        f"Confidence {claim.confidence}% ({claim.confidence_label}); {claim.status.label}.",
        f"Source: {claim.source.title}" + (f" ({claim.source.url})" if claim.source.url else ""),
    ]
    if claim.quote:
        lines.insert(1, f"“{claim.quote}”")
    return Entry(
        id=link,
        title=claim.statement,
        link=link,
        updated=claim.updated_at,
        published=claim.created_at,
        author=claim.source.outlet or None,
        summary="\n".join(lines),
        categories=((claim.attribution.value, claim.attribution_label),),
    )


def recent_revisions(session: Session, limit: int = FEED_SIZE) -> list[Revision]:
    """The latest revisions anywhere a reader may look: public dossiers and shared entities."""
    statement = (
        select(Revision)
        .outerjoin(Dossier, Revision.dossier_id == Dossier.id)
        .where(or_(Revision.dossier_id.is_(None), listed_to_readers()))
        .options(joinedload(Revision.user))
        .order_by(Revision.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))


def revision_entry(revision: Revision, link: str, entry_id: str) -> Entry:
    kind = revision.object_type
    name = (
        str(revision.snapshot.get(TITLE_FIELDS.get(kind, ""), "")) or f"{kind} {revision.object_id}"
    )
    changed = [field for field in revision.changes if field not in ("deleted", "version")]
    summary = revision.summary or ""
    if revision.action.value == "update" and changed:
        summary = (summary + "\n" if summary else "") + "Changed: " + ", ".join(sorted(changed))
    return Entry(
        id=entry_id,
        title=f"{kind.capitalize()} {ACTION_WORDS.get(revision.action.value, 'changed')}: {name}",
        link=link,
        updated=revision.created_at,
        published=revision.created_at,
        author=revision.user.display_name if revision.user else None,
        summary=summary or f"Version {revision.version}.",
        categories=((kind, kind.capitalize()),),
    )
