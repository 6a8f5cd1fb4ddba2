"""schema.org JSON-LD for a claim page: a Claim, wrapped in a ClaimReview once we judged it.

Search engines and fact-check aggregators read this; the page embeds it as
<script type="application/ld+json"> data (not executable, so the CSP is unaffected).
"""

from __future__ import annotations

from typing import Any

from fuzzy_date import OPEN_START, FuzzyDate
from models import Claim, Entity, Source
from models.vocabulary import EntityKind, Status

SITE_NAME = "Claimline"

# ClaimReview ratings on a 1–5 scale, from false to true; only verdicts get one.
REVIEW_RATINGS = {
    Status.REFUTED: (1, "Refuted: false"),
    Status.CONTESTED: (3, "Contested: disputed by other claims"),
    Status.CONFIRMED: (5, "Confirmed: true"),
}
WORST_RATING, BEST_RATING = 1, 5


def iso_date(value: FuzzyDate | None) -> str | None:
    """An ISO 8601 date as precise as the fuzzy date ("2024", "2024-06", "2024-06-04"), or its
    first day when it is approximate, a span or a season; None when open at the start."""
    if value is None:
        return None
    if value.precision in ("day", "month", "year") and not (value.approximate or value.uncertain):
        return value.edtf
    if value.earliest == OPEN_START:
        return None
    return value.earliest.isoformat()


def _speaker(claim: Claim) -> dict[str, Any] | None:
    entity: Entity | None = claim.speaker
    if entity is not None:
        kind = "Person" if entity.kind is EntityKind.PERSON else "Organization"
        data = {"@type": kind, "name": entity.name}
        if claim.speaker_description:
            data["description"] = claim.speaker_description
        return data
    if claim.speaker_description:
        return {"@type": "Person", "description": claim.speaker_description}
    return None


def _creative_work(source: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        work["url"] = source.url
    if source.outlet:
        work["publisher"] = {"@type": "Organization", "name": source.outlet}
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    published = iso_date(source.published)
    if published:
        work["datePublished"] = published
    if source.language:
        work["inLanguage"] = source.language
    return work


def claim_data(claim: Claim, claim_url: str) -> dict[str, Any]:
    """The schema.org Claim: who made it, when, where it appeared and where it first did."""
    data: dict[str, Any] = {
        "@type": "Claim",
        "@id": claim_url,
        "url": claim_url,
        "text": claim.statement,
        "appearance": _creative_work(claim.source),
        # The outlet an article credits published it first; otherwise the source itself.
        "firstAppearance": _creative_work(claim.via or claim.source),
    }
    speaker = _speaker(claim)
    if speaker:
        data["author"] = speaker
    stated = iso_date(claim.stated_date)
    if stated:
        data["datePublished"] = stated
    if claim.quote:
        data["description"] = claim.quote
    return data


def claim_page(claim: Claim, claim_url: str) -> dict[str, Any]:
    """JSON-LD for a claim page: a ClaimReview of the Claim when its status is a verdict
    (confirmed, contested, refuted), else the Claim alone."""
    item = claim_data(claim, claim_url)
    rating = REVIEW_RATINGS.get(claim.status)
    if rating is None:
        return {"@context": "https://schema.org", **item}
    value, name = rating
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url,
        "claimReviewed": claim.statement,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": SITE_NAME},
        "datePublished": claim.updated_at.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "worstRating": WORST_RATING,
            "bestRating": BEST_RATING,
            "alternateName": name,
        },
    }
