"""Scoring suggestions against a dossier whose claims are the answer key (issue #21).

A suggestion *matches* a dossier quote of the same paragraph when it covers at least half of
the quote's characters. Recall is the share of quotes some suggestion matches; precision the
share of suggestions that match a quote. Each matched suggestion is then compared with the
quote it covers most: its attribution kind; its speaker (the same entity, or none on both
sides, and a description given where the dossier gives one, in whatever language); and its
event date, when the dossier gives one, by whether the two spans of days overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from fuzzy_date import FuzzyDate
from services.suggesting.suggester import Suggestion

TARGETS = {
    "recall": 0.85,
    "precision": 0.60,
    "attribution": 0.75,
    "speaker": 0.70,
    "event_date": 0.70,
}
LABELS = {
    "recall": "Recall (dossier quotes a suggestion covers by half or more)",
    "precision": "Precision (suggestions that cover a dossier quote)",
    "attribution": "Attribution kind right, among matched suggestions",
    "speaker": "Speaker or speaker description right, among matched suggestions",
    "event_date": "Event date overlapping the dossier's, among matched suggestions whose "
    "dossier claim has one",
    "event_date_phrase": "The same, counting only dates read from a phrase in the sentence "
    '(not the default "by the publication date")',
}


@dataclass(frozen=True)
class KeyClaim:
    """One claim of the answer key."""

    locator: int
    quote: str
    attribution: str
    speaker: str | None
    speaker_description: str | None
    event_date: FuzzyDate | None


@dataclass
class Score:
    hits: int
    out_of: int

    @property
    def share(self) -> float:
        return self.hits / self.out_of if self.out_of else 0.0


def evaluate(
    paragraphs: list[str], suggestions: list[Suggestion], key: list[KeyClaim]
) -> dict[str, Score]:
    """The five figures, each as hits out of a count, and the event dates that come from the
    text alone (no target: it shows what the publication-date default adds)."""
    spans = [_span(paragraphs, claim) for claim in key]
    recalled = sum(
        1
        for claim, span in zip(key, spans, strict=True)
        if span and any(_covers(s, claim.locator, span) for s in suggestions)
    )
    pairs = []
    for suggestion in suggestions:
        best = max(
            (
                (_overlap(suggestion, claim.locator, span), claim)
                for claim, span in zip(key, spans, strict=True)
                if span and _covers(suggestion, claim.locator, span)
            ),
            key=lambda pair: pair[0],
            default=None,
        )
        if best is not None:
            pairs.append((suggestion, best[1]))
    dated = [(s, claim) for s, claim in pairs if claim.event_date is not None]
    return {
        "recall": Score(recalled, len(key)),
        "precision": Score(len(pairs), len(suggestions)),
        "attribution": Score(
            sum(s.attribution.value == claim.attribution for s, claim in pairs), len(pairs)
        ),
        "speaker": Score(sum(_same_speaker(s, claim) for s, claim in pairs), len(pairs)),
        "event_date": Score(sum(_dates_overlap(s, claim) for s, claim in dated), len(dated)),
        "event_date_phrase": Score(
            sum(bool(s.event_phrase) and _dates_overlap(s, claim) for s, claim in dated),
            len(dated),
        ),
    }


def _span(paragraphs: list[str], claim: KeyClaim) -> tuple[int, int] | None:
    if not 1 <= claim.locator <= len(paragraphs):
        return None
    start = paragraphs[claim.locator - 1].find(claim.quote)
    return (start, start + len(claim.quote)) if start >= 0 and claim.quote else None


def _overlap(suggestion: Suggestion, locator: int, span: tuple[int, int]) -> int:
    if suggestion.locator != locator:
        return 0
    return max(0, min(suggestion.end, span[1]) - max(suggestion.start, span[0]))


def _covers(suggestion: Suggestion, locator: int, span: tuple[int, int]) -> bool:
    return 2 * _overlap(suggestion, locator, span) >= span[1] - span[0]


def _same_speaker(suggestion: Suggestion, claim: KeyClaim) -> bool:
    if claim.speaker is not None:
        return suggestion.speaker == claim.speaker
    return suggestion.speaker is None and bool(suggestion.speaker_description) == bool(
        claim.speaker_description
    )


def _dates_overlap(suggestion: Suggestion, claim: KeyClaim) -> bool:
    mine, theirs = suggestion.event_date, claim.event_date
    if mine is None or theirs is None:
        return False
    return mine.earliest <= theirs.latest and theirs.earliest <= mine.latest


def table(scores: dict[str, Score]) -> str:
    """The figures as a Markdown table, each beside its target."""
    rows = ["| measure | figure | target | met |", "| --- | --- | --- | --- |"]
    for name, score in scores.items():
        figure = f"{score.share:.0%} ({score.hits} of {score.out_of})"
        target = TARGETS.get(name)
        if target is None:
            rows.append(f"| {LABELS[name]} | {figure} | none | |")
            continue
        met = "yes" if score.share >= target else "no"
        rows.append(f"| {LABELS[name]} | {figure} | ≥ {target:.0%} | {met} |")
    return "\n".join(rows)
