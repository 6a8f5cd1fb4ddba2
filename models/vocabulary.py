"""Closed vocabularies of the domain, with the words readers see for each value."""

import enum
from dataclasses import dataclass


class Attribution(enum.StrEnum):
    """Who stands behind a claim: the distinction a reader must see at a glance."""

    INSIDER = "insider"
    PUBLIC = "public"
    PRIVATE = "private"
    REPORT = "report"
    DATA = "data"
    ANALYSIS = "analysis"

    @property
    def label(self) -> str:
        return ATTRIBUTION_LABELS[self]

    @property
    def explanation(self) -> str:
        return ATTRIBUTION_EXPLANATIONS[self]


ATTRIBUTION_LABELS = {
    Attribution.INSIDER: "Insider says",
    Attribution.PUBLIC: "Public statement",
    Attribution.PRIVATE: "Private remark",
    Attribution.REPORT: "Media report",
    Attribution.DATA: "Data / record",
    Attribution.ANALYSIS: "Analysis",
}

ATTRIBUTION_EXPLANATIONS = {
    Attribution.INSIDER: "Anonymous people with knowledge of the matter.",
    Attribution.PUBLIC: "On the record, by a named person or body.",
    Attribution.PRIVATE: "Words a named person said in private, relayed by someone else.",
    Attribution.REPORT: "Another outlet's reporting.",
    Attribution.DATA: "Statistics, filings, biographies and other documented facts.",
    Attribution.ANALYSIS: "The author's own reading or context.",
}


class Status(enum.StrEnum):
    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    CONTESTED = "contested"
    CONFIRMED = "confirmed"
    REFUTED = "refuted"
    RETRACTED = "retracted"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class RelationType(enum.StrEnum):
    """How one claim bears on another; read as "<claim> <type> <other claim>"."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONFIRMS = "confirms"
    REFUTES = "refutes"
    UPDATES = "updates"

    @property
    def inverse_label(self) -> str:
        return RELATION_INVERSE_LABELS[self]

    @property
    def is_tension(self) -> bool:
        return self in (RelationType.CONTRADICTS, RelationType.REFUTES)

    @property
    def tone(self) -> str:
        """What its colour says: a tension (red), agreement (green) or a change (grey)."""
        if self.is_tension:
            return "tension"
        return "change" if self is RelationType.UPDATES else "agreement"


RELATION_INVERSE_LABELS = {
    RelationType.SUPPORTS: "supported by",
    RelationType.CONTRADICTS: "contradicted by",
    RelationType.CONFIRMS: "confirmed by",
    RelationType.REFUTES: "refuted by",
    RelationType.UPDATES: "updated by",
}


class SourceKind(enum.StrEnum):
    NEWS_ARTICLE = "news_article"
    PRESS_RELEASE = "press_release"
    REPORT = "report"
    FILING = "filing"
    COURT_RECORD = "court_record"
    DATA_RELEASE = "data_release"
    TRANSCRIPT = "transcript"
    INTERVIEW = "interview"
    VIDEO = "video"
    PODCAST = "podcast"
    SOCIAL_POST = "social_post"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class EntityKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    AGENCY = "agency"
    OUTLET = "outlet"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Visibility(enum.StrEnum):
    """Who may find and read a dossier."""

    PUBLIC = "public"
    UNLISTED = "unlisted"
    PRIVATE = "private"

    @property
    def label(self) -> str:
        return VISIBILITY_LABELS[self]


VISIBILITY_LABELS = {
    Visibility.PUBLIC: "Listed: on the home page, open to anyone",
    Visibility.UNLISTED: "Unlisted: open to anyone with its address",
    Visibility.PRIVATE: "Private: signed-in editors only",
}


class Role(enum.StrEnum):
    EDITOR = "editor"
    ADMIN = "admin"


def tag_key(name: str) -> str:
    """What makes two tags the same: spaces collapsed and case folded ("AI  Chips" is
    "ai chips"). Tags are stored, matched and filtered by it."""
    return " ".join(name.split()).casefold()


# Admiralty (NATO) source reliability grades.
RELIABILITY_GRADES = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

# ICD 203 expressions of likelihood, as (lowest confidence, words); a value takes the last
# band whose lower bound it reaches, so the shared edges (5, 20, ...) go to the higher band.
LIKELIHOOD_BANDS = (
    (0, "almost no chance"),
    (5, "very unlikely"),
    (20, "unlikely"),
    (45, "roughly even chance"),
    (56, "likely"),
    (80, "very likely"),
    (95, "almost certain"),
)


@dataclass(frozen=True)
class LikelihoodBand:
    """One ICD 203 band as a range of whole percentages, as the legend and the print show it."""

    lowest: int
    highest: int
    words: str

    @property
    def example(self) -> int:
        """A confidence inside the band, for the legend's meter."""
        return (self.lowest + self.highest) // 2


def likelihood_bands() -> list[LikelihoodBand]:
    """LIKELIHOOD_BANDS as ranges: a band runs up to the next band's lowest value, less one."""
    following = [lowest for lowest, _ in LIKELIHOOD_BANDS[1:]] + [101]
    return [
        LikelihoodBand(lowest, upper - 1, words)
        for (lowest, words), upper in zip(LIKELIHOOD_BANDS, following, strict=True)
    ]


def likelihood(confidence: int) -> str:
    """The ICD 203 words for a 0–100 confidence."""
    if not 0 <= confidence <= 100:
        raise ValueError(f"confidence must be between 0 and 100, not {confidence}")
    words = LIKELIHOOD_BANDS[0][1]
    for lowest, band_words in LIKELIHOOD_BANDS:
        if confidence >= lowest:
            words = band_words
    return words
