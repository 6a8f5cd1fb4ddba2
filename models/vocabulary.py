"""Closed vocabularies of the domain, with the words readers see for each value.

The words are kept in English in tables marked with N_, and each `.label` translates its
entry when it is read, so every surface (pages, print, the scripts' data) shows the reader's
language (#20). Machine-readable exports keep the English: they read `english_label`s and
`likelihood_words` instead, which never go through the catalogue.
"""

import enum
from dataclasses import dataclass

from i18n import N_, _


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
        return _(ATTRIBUTION_LABELS[self])

    @property
    def english_label(self) -> str:
        """The label as exports write it, whatever the reader's language."""
        return ATTRIBUTION_LABELS[self]

    @property
    def explanation(self) -> str:
        return _(ATTRIBUTION_EXPLANATIONS[self])


ATTRIBUTION_LABELS = {
    Attribution.INSIDER: N_("Insider says"),
    Attribution.PUBLIC: N_("Public statement"),
    Attribution.PRIVATE: N_("Private remark"),
    Attribution.REPORT: N_("Media report"),
    Attribution.DATA: N_("Data / record"),
    Attribution.ANALYSIS: N_("Analysis"),
}

ATTRIBUTION_EXPLANATIONS = {
    Attribution.INSIDER: N_("Anonymous people with knowledge of the matter."),
    Attribution.PUBLIC: N_("On the record, by a named person or body."),
    Attribution.PRIVATE: N_("Words a named person said in private, relayed by someone else."),
    Attribution.REPORT: N_("Another outlet's reporting."),
    Attribution.DATA: N_("Statistics, filings, biographies and other documented facts."),
    Attribution.ANALYSIS: N_("The author's own reading or context."),
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
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.UNVERIFIED: N_("Unverified"),
    Status.CORROBORATED: N_("Corroborated"),
    Status.CONTESTED: N_("Contested"),
    Status.CONFIRMED: N_("Confirmed"),
    Status.REFUTED: N_("Refuted"),
    Status.RETRACTED: N_("Retracted"),
}


class RelationType(enum.StrEnum):
    """How one claim bears on another; read as "<claim> <type> <other claim>"."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONFIRMS = "confirms"
    REFUTES = "refutes"
    UPDATES = "updates"

    @property
    def label(self) -> str:
        """The link read from its claim: "<claim> supports <other claim>"."""
        return _(RELATION_LABELS[self])

    @property
    def inverse_label(self) -> str:
        """The link read from the other end: "<other claim> supported by <claim>"."""
        return _(RELATION_INVERSE_LABELS[self])

    @property
    def is_tension(self) -> bool:
        return self in (RelationType.CONTRADICTS, RelationType.REFUTES)

    @property
    def tone(self) -> str:
        """What its colour says: a tension (red), agreement (green) or a change (grey)."""
        if self.is_tension:
            return "tension"
        return "change" if self is RelationType.UPDATES else "agreement"


RELATION_LABELS = {
    RelationType.SUPPORTS: N_("supports"),
    RelationType.CONTRADICTS: N_("contradicts"),
    RelationType.CONFIRMS: N_("confirms"),
    RelationType.REFUTES: N_("refutes"),
    RelationType.UPDATES: N_("updates"),
}

RELATION_INVERSE_LABELS = {
    RelationType.SUPPORTS: N_("supported by"),
    RelationType.CONTRADICTS: N_("contradicted by"),
    RelationType.CONFIRMS: N_("confirmed by"),
    RelationType.REFUTES: N_("refuted by"),
    RelationType.UPDATES: N_("updated by"),
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
        return _(SOURCE_KIND_LABELS[self])


SOURCE_KIND_LABELS = {
    SourceKind.NEWS_ARTICLE: N_("News article"),
    SourceKind.PRESS_RELEASE: N_("Press release"),
    SourceKind.REPORT: N_("Report"),
    SourceKind.FILING: N_("Filing"),
    SourceKind.COURT_RECORD: N_("Court record"),
    SourceKind.DATA_RELEASE: N_("Data release"),
    SourceKind.TRANSCRIPT: N_("Transcript"),
    SourceKind.INTERVIEW: N_("Interview"),
    SourceKind.VIDEO: N_("Video"),
    SourceKind.PODCAST: N_("Podcast"),
    SourceKind.SOCIAL_POST: N_("Social post"),
}


class EntityKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    AGENCY = "agency"
    OUTLET = "outlet"

    @property
    def label(self) -> str:
        return _(ENTITY_KIND_LABELS[self])


ENTITY_KIND_LABELS = {
    EntityKind.PERSON: N_("Person"),
    EntityKind.ORGANISATION: N_("Organisation"),
    EntityKind.GOVERNMENT: N_("Government"),
    EntityKind.AGENCY: N_("Agency"),
    EntityKind.OUTLET: N_("Outlet"),
}


class Visibility(enum.StrEnum):
    """Who may find and read a dossier."""

    PUBLIC = "public"
    UNLISTED = "unlisted"
    PRIVATE = "private"

    @property
    def label(self) -> str:
        return _(VISIBILITY_LABELS[self])


VISIBILITY_LABELS = {
    Visibility.PUBLIC: N_("Listed: on the home page, open to anyone"),
    Visibility.UNLISTED: N_("Unlisted: open to anyone with its address"),
    Visibility.PRIVATE: N_("Private: signed-in editors only"),
}


class Role(enum.StrEnum):
    EDITOR = "editor"
    ADMIN = "admin"


def tag_key(name: str) -> str:
    """What makes two tags the same: spaces collapsed and case folded ("AI  Chips" is
    "ai chips"). Tags are stored, matched and filtered by it."""
    return " ".join(name.split()).casefold()


# Admiralty (NATO) source reliability grades; the words are translated where shown
# (reliability_words), the letters are the stored values.
RELIABILITY_GRADES = {
    "A": N_("Completely reliable"),
    "B": N_("Usually reliable"),
    "C": N_("Fairly reliable"),
    "D": N_("Not usually reliable"),
    "E": N_("Unreliable"),
    "F": N_("Reliability cannot be judged"),
}

# ICD 203 expressions of likelihood, as (lowest confidence, words); a value takes the last
# band whose lower bound it reaches, so the shared edges (5, 20, ...) go to the higher band.
LIKELIHOOD_BANDS = (
    (0, N_("almost no chance")),
    (5, N_("very unlikely")),
    (20, N_("unlikely")),
    (45, N_("roughly even chance")),
    (56, N_("likely")),
    (80, N_("very likely")),
    (95, N_("almost certain")),
)


def reliability_words(grade: str) -> str | None:
    """The words of an Admiralty grade in the reader's language, None for no known grade."""
    words = RELIABILITY_GRADES.get(grade)
    return _(words) if words else None


@dataclass(frozen=True)
class LikelihoodBand:
    """One ICD 203 band as a range of whole percentages, as the legend and the print show it."""

    lowest: int
    highest: int
    words: str  # in the reader's language, as likelihood_bands() was called

    @property
    def example(self) -> int:
        """A confidence inside the band, for the legend's meter."""
        return (self.lowest + self.highest) // 2


def likelihood_bands() -> list[LikelihoodBand]:
    """LIKELIHOOD_BANDS as ranges: a band runs up to the next band's lowest value, less one;
    their words in the reader's language."""
    following = [lowest for lowest, _words in LIKELIHOOD_BANDS[1:]] + [101]
    return [
        LikelihoodBand(lowest, upper - 1, _(words))
        for (lowest, words), upper in zip(LIKELIHOOD_BANDS, following, strict=True)
    ]


def likelihood(confidence: int) -> str:
    """The ICD 203 words for a 0–100 confidence, in the reader's language."""
    return _(likelihood_words(confidence))


def likelihood_words(confidence: int) -> str:
    """The ICD 203 words for a 0–100 confidence in English, as exports and the API write
    them whatever the reader's language."""
    if not 0 <= confidence <= 100:
        raise ValueError(f"confidence must be between 0 and 100, not {confidence}")
    words = LIKELIHOOD_BANDS[0][1]
    for lowest, band_words in LIKELIHOOD_BANDS:
        if confidence >= lowest:
            words = band_words
    return words
