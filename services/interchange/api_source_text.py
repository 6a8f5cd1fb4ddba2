"""The JSON twins of the source reader and of its suggestion queue (issues #15 and #21)."""

from __future__ import annotations

from typing import Any

from services.interchange import serialize
from services.reading.source_reader import SourceReader
from services.suggesting.queue import Queue
from services.suggesting.suggester import Suggestion


def reader(found: SourceReader) -> dict[str, Any]:
    """The text's paragraphs with their numbers, and which claims quote each."""
    return {
        "source": serialize.source_ref(found.source),
        "version": found.text.version,
        "latest_version": found.latest_version,
        "sha256": found.text.sha256,
        "captured_at": found.text.captured_at.isoformat(),
        "paragraph_count": found.text.paragraph_count,
        "quoted_count": found.quoted_count,
        "paragraphs": [
            {
                "number": paragraph.number,
                "text": paragraph.text,
                "claims": [
                    {
                        "id": claim.id,
                        "quote": claim.quote,
                        "attribution": claim.attribution.value,
                        "placed": claim not in paragraph.unplaced,
                    }
                    for claim in paragraph.claims
                ],
            }
            for paragraph in found.paragraphs
        ],
    }


def suggestions(queue: Queue) -> dict[str, Any]:
    """The queue: each suggestion with a claim's fields and the cues that made it."""
    return {
        "source": serialize.source_ref(queue.source),
        "text_version": queue.text.version,
        "already_quoted": queue.already_quoted,
        "dismissed": queue.dismissed,
        "items": [suggestion(item, queue) for item in queue.suggestions],
    }


def suggestion(item: Suggestion, queue: Queue) -> dict[str, Any]:
    speaker: dict[str, str | None] | None = None
    if item.speaker is not None:
        speaker = {"name": queue.names.get(item.speaker, item.speaker), "slug": item.speaker}
    elif item.speaker_name:
        speaker = {"name": item.speaker_name, "slug": None}
    via = queue.sources.get(item.via) if isinstance(item.via, int) else None
    return {
        "key": item.key,
        "statement": item.statement,
        "quote": item.quote,
        "quote_lang": item.quote_lang,
        "attribution": item.attribution.value,
        "attribution_label": item.attribution.english_label,
        "speaker": speaker,
        "speaker_description": item.speaker_description,
        "relayed_by": None,
        "relayed_by_description": item.relayed_by_description,
        "via": serialize.source_ref(via),
        "source": serialize.source_ref(queue.source),
        "locator": item.locator,
        "event_date": serialize.fuzzy_date(item.event_date),
        "event_phrase": item.event_phrase,
        "stated_date": serialize.fuzzy_date(item.stated_date),
        "entities": list(item.entities),
        "cues": list(item.cues),
    }
