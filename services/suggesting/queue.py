"""A stored source's suggestions as an editor reviews them (issue #21): computed from its
latest text, without what claims already quote or what an editor dismissed; and the two
actions that are not the claim form: dismissing one, and merging two of a paragraph."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from fuzzy_date import as_typed
from i18n import _
from models import Claim, DismissedSuggestion, Entity, Source, SourceText, User
from services.editing import entity_writes, source_writes
from services.reading import paragraphs as paragraph_rule
from services.suggesting.names import KnownName
from services.suggesting.suggester import Outlet, Reading, Suggestion, outlet_names, suggest


class SuggestionError(ValueError):
    """An action on a suggestion that cannot be done; the message says why."""


@dataclass
class Queue:
    source: Source
    text: SourceText
    suggestions: list[Suggestion]
    already_quoted: int  # left out: a claim quotes the sentence
    dismissed: int  # left out: an editor dismissed it
    names: dict[str, str]  # the entities' names by slug, to show a speaker
    sources: dict[int, Source]  # the dossier's sources by id, to show an outlet credited

    def find(self, key: str) -> Suggestion | None:
        return next((item for item in self.suggestions if item.key == key), None)


def build(session: Session, source: Source) -> Queue | None:
    """The review queue for the source's latest text, or None when it has no text."""
    text = paragraph_rule.current(session, source)
    if text is None:
        return None
    paragraphs = paragraph_rule.split(text.text)
    entities = entity_writes.live(session)
    sources = {other.id: other for other in source_writes.in_dossier(session, source.dossier)}
    everything = suggest(_reading(source, paragraphs, entities, sources))
    dismissed = _dismissed(session, source, text)
    quoted = _quoted_spans(session, source, paragraphs)
    kept, already_quoted, turned_down = [], 0, 0
    for suggestion in everything:
        if (suggestion.locator, _digest(suggestion.quote)) in dismissed:
            turned_down += 1
        elif _already_quoted(suggestion, quoted.get(suggestion.locator, [])):
            already_quoted += 1
        else:
            kept.append(suggestion)
    names = {entity.slug: entity.name for entity in entities}
    return Queue(source, text, kept, already_quoted, turned_down, names, sources)


def _reading(
    source: Source, paragraphs: list[str], entities: list[Entity], sources: dict[int, Source]
) -> Reading:
    known = [
        KnownName(entity.slug, entity.kind, (entity.name, *entity.aliases)) for entity in entities
    ]
    outlets = [
        Outlet(other.id, outlet_names(other.outlet))
        for other in sources.values()
        if other.id != source.id and other.outlet
    ]
    return Reading(paragraphs, source.title, source.language, source.published, known, outlets)


def _digest(quote: str) -> str:
    return hashlib.sha256(quote.encode()).hexdigest()


def _dismissed(session: Session, source: Source, text: SourceText) -> set[tuple[int, str]]:
    rows = session.execute(
        select(DismissedSuggestion.locator, DismissedSuggestion.quote_sha256).where(
            DismissedSuggestion.dossier_id == source.dossier_id,
            DismissedSuggestion.source_text_id == text.id,
        )
    )
    return {(locator, digest) for locator, digest in rows}


def _quoted_spans(
    session: Session, source: Source, paragraphs: list[str]
) -> dict[int, list[tuple[int, int]]]:
    """Where the source's live claims' quotes stand, by paragraph."""
    claims = session.execute(
        select(Claim.locator, Claim.quote).where(
            Claim.source_id == source.id, Claim.deleted_at.is_(None), Claim.locator.is_not(None)
        )
    )
    spans: dict[int, list[tuple[int, int]]] = {}
    for locator, quote in claims:
        if not quote or locator is None or not 1 <= locator <= len(paragraphs):
            continue
        start = paragraphs[locator - 1].find(quote)
        if start >= 0:
            spans.setdefault(locator, []).append((start, start + len(quote)))
    return spans


def _already_quoted(suggestion: Suggestion, spans: list[tuple[int, int]]) -> bool:
    """A claim's quote lies (at least half of it) in the sentence: the benchmark's match,
    so a sentence an editor has made a claim of is not proposed again."""
    return any(
        2 * (min(end, suggestion.end) - max(start, suggestion.start)) >= end - start
        for start, end in spans
    )


def by_paragraph(queue: Queue) -> list[tuple[int, str, list[Suggestion]]]:
    """(number, text, its suggestions) for each paragraph with suggestions, in order."""
    paragraphs = paragraph_rule.split(queue.text.text)
    grouped: dict[int, list[Suggestion]] = {}
    for suggestion in queue.suggestions:
        grouped.setdefault(suggestion.locator, []).append(suggestion)
    return [(number, paragraphs[number - 1], items) for number, items in grouped.items()]


def dismiss(
    session: Session, source: Source, version: int, locator: int, quote: str, user: User | None
) -> None:
    """Remember that an editor turned this quote down in this version of the text. Doing it
    twice changes nothing. Raises SuggestionError when the quote is not in that paragraph."""
    text = paragraph_rule.version(session, source, version)
    if text is None:
        raise SuggestionError(
            _("Source %(id)s has no text of version %(version)s.", id=source.id, version=version)
        )
    paragraphs = paragraph_rule.split(text.text)
    if not 1 <= locator <= len(paragraphs):
        raise SuggestionError(_("The text has no paragraph %(locator)s.", locator=locator))
    if not quote or quote not in paragraphs[locator - 1]:
        raise SuggestionError(
            _("That quote is not in paragraph %(locator)s; nothing was dismissed.", locator=locator)
        )
    if (locator, _digest(quote)) in _dismissed(session, source, text):
        return
    session.add(
        DismissedSuggestion(
            dossier_id=source.dossier_id,
            source_text_id=text.id,
            locator=locator,
            quote=quote,
            quote_sha256=_digest(quote),
            dismissed_by_id=user.id if user is not None else None,
        )
    )
    session.flush()


def merge(queue: Queue, keys: list[str]) -> Suggestion:
    """Two suggestions of one paragraph as one: the text from the first's start to the
    second's end, verbatim, with the first's attribution and both suggestions' cues."""
    chosen = [item for item in queue.suggestions if item.key in set(keys)]
    if len(set(keys)) != 2 or len(chosen) != 2:
        raise SuggestionError(_("Choose two suggestions to merge."))
    first, second = sorted(chosen, key=lambda item: (item.locator, item.start))
    if first.locator != second.locator:
        raise SuggestionError(
            _(
                "Only suggestions of the same paragraph can be merged: a quote stays in one "
                "paragraph."
            )
        )
    paragraph = paragraph_rule.split(queue.text.text)[first.locator - 1]
    return replace(
        first,
        end=second.end,
        quote=paragraph[first.start : second.end],
        entities=list(dict.fromkeys(first.entities + second.entities)),
        cues=[*first.cues, *(cue for cue in second.cues if cue not in first.cues)],
    )


def claim_form_values(suggestion: Suggestion, source: Source) -> dict[str, str | list[str]]:
    """The suggestion as the new-claim form's starting values (the source reader's prefill
    path): what is empty is left out, for the editor to fill."""
    values: dict[str, str | list[str]] = {
        "source": str(source.id),
        "locator": str(suggestion.locator),
        "quote": suggestion.quote,
        "quote_lang": suggestion.quote_lang or "",
        "attribution": suggestion.attribution.value,
        "speaker": suggestion.speaker or "",
        "speaker_name": "" if suggestion.speaker else suggestion.speaker_name or "",
        "speaker_description": suggestion.speaker_description or "",
        "relayed_by_description": suggestion.relayed_by_description or "",
        "via": str(suggestion.via) if suggestion.via is not None else "",
        "stated_date": as_typed(suggestion.stated_date) if suggestion.stated_date else "",
        "event_date": as_typed(suggestion.event_date) if suggestion.event_date else "",
        "entities": list(suggestion.entities),
    }
    return {name: value for name, value in values.items() if value}
