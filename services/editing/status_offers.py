"""After a claim is linked as confirming, refuting or contradicting another, the other
claim's status and confidence may no longer hold: the form offers to update them, with one
click, and never does it by itself (issue #15)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import Claim, User
from models.vocabulary import RelationType, Status
from services.editing import claim_input, claim_writes

# What a link says of the claim it points to, and the confidence it suggests for it:
# confirmed, at least 90% ("almost certain"); refuted, at most 10%; contested, at most 50%.
OFFERS = {
    RelationType.CONFIRMS: (Status.CONFIRMED, lambda current: max(current, 90)),
    RelationType.REFUTES: (Status.REFUTED, lambda current: min(current, 10)),
    RelationType.CONTRADICTS: (Status.CONTESTED, lambda current: min(current, 50)),
}


@dataclass(frozen=True)
class StatusOffer:
    """Claim `target`, which `relation` links to, could be marked `status` at `confidence`."""

    relation: RelationType
    target: Claim
    status: Status
    confidence: int


def offers_for(claim: Claim) -> list[StatusOffer]:
    """The updates the claim's links suggest for the claims they point to, leaving out the
    claims already at the suggested status and confidence. Its relations must be loaded."""
    offers = []
    for relation in claim.live_relations_out:
        if relation.type not in OFFERS:
            continue
        status, suggest = OFFERS[relation.type]
        target = relation.to_claim
        confidence = suggest(target.confidence)
        if (target.status, target.confidence) != (status, confidence):
            offers.append(StatusOffer(relation.type, target, status, confidence))
    return offers


def accept(
    session: Session,
    target: Claim,
    status: str,
    confidence: str,
    user: User | None,
    expected_version: int | None,
) -> dict[str, str]:
    """Set the status and confidence of `target` (loaded for editing), as an edit with its
    revision; {} when done, else {field: message} and nothing changed. Raises StaleVersion."""
    raw = claim_input.raw_from_claim(target) | {"status": status, "confidence": confidence}
    data, errors = claim_input.parse(session, target.dossier, raw, target)
    if data is None:
        return errors
    claim_writes.update_claim(session, target, data, user, expected_version)
    return {}
