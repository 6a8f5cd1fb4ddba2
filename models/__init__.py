"""Every table of Claimline; importing this package registers them all on Base.metadata."""

from models.base import Base
from models.claim import Claim, ClaimRelation, Tag, claim_entities, claim_tags
from models.dossier import Dossier
from models.entity import Entity
from models.facet_count import FacetCount
from models.revision import Revision, RevisionAction
from models.source import Source
from models.source_text import SourceText
from models.stored_card import StoredCard
from models.suggestion import DismissedSuggestion
from models.throttle import LoginFailure, RateLimitCounter, Submission
from models.user import ApiToken, TokenScope, User

__all__ = [
    "ApiToken",
    "Base",
    "Claim",
    "ClaimRelation",
    "DismissedSuggestion",
    "Dossier",
    "Entity",
    "FacetCount",
    "LoginFailure",
    "RateLimitCounter",
    "Revision",
    "RevisionAction",
    "Source",
    "SourceText",
    "StoredCard",
    "Submission",
    "Tag",
    "TokenScope",
    "User",
    "claim_entities",
    "claim_tags",
]
