"""The /clip bookmarklet's landing (issue #15): what the page being read gives (its address,
title, published date and the selected words) as the values a new claim form starts with.
The source is the dossier's own when one has the same address; else it is described as new."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Dossier, Source
from models.limits import QUOTE_MAX, SOURCE_TITLE_MAX
from services.editing import field_values, source_writes
from services.reading import dossier_lookup, paragraphs

# The date at the start of a page's metadata ("2024-07-15T09:30:00+02:00" gives the day).
_ISO_DAY = re.compile(r"\s*([0-9]{4}-[0-9]{2}-[0-9]{2})")
_URL_MAX = 2000


def _same_address(url: str) -> str:
    # "https://x.org/a/" and "https://x.org/a#top" are the same page.
    return url.split("#", 1)[0].rstrip("/")


def source_by_address(session: Session, dossier: Dossier, url: str) -> Source | None:
    """The dossier's live source at this address (ignoring a fragment and a final slash)."""
    wanted = _same_address(url)
    if not wanted:
        return None
    candidates = session.scalars(
        select(Source).where(
            Source.dossier_id == dossier.id,
            Source.deleted_at.is_(None),
            Source.url.startswith(wanted),
        )
    )
    return next((s for s in candidates if _same_address(s.url or "") == wanted), None)


def paragraph_of(session: Session, source: Source, quote: str) -> int | None:
    """The number of the first paragraph of the source's text holding the quote."""
    captured = paragraphs.current(session, source)
    words = paragraphs.whitespace_folded(quote)
    if captured is None or not words:
        return None
    for number, paragraph in enumerate(paragraphs.split(captured.text), start=1):
        if words in paragraphs.whitespace_folded(paragraph):
            return number
    return None


def claim_form_values(session: Session, dossier: Dossier, page: dict[str, Any]) -> dict[str, str]:
    """The new claim form's starting values from what the bookmarklet sent (`url`, `title`,
    `quote`, `published`), each cut to its limit; the form checks them again on save."""
    url = field_values.as_text(page.get("url"))[:_URL_MAX]
    title = " ".join(field_values.as_text(page.get("title")).split())[:SOURCE_TITLE_MAX]
    quote = paragraphs.whitespace_folded(field_values.as_text(page.get("quote")))[:QUOTE_MAX]
    day = _ISO_DAY.match(field_values.as_text(page.get("published")))
    values = {"quote": quote}
    source = source_by_address(session, dossier, url)
    if source is not None:
        values["source"] = str(source.id)
        number = paragraph_of(session, source, quote)
        values["locator"] = str(number) if number else ""
        if source.published is not None:
            values["stated_date"] = source_writes.date_text(source.published)
    else:
        published = day.group(1) if day else ""
        values |= {"source": "new", "source_title": title or url, "source_url": url}
        values |= {"source_published": published, "stated_date": published}
    return {name: value for name, value in values.items() if value}


def dossiers_to_clip_into(session: Session) -> list[Dossier]:
    """The dossiers an editor may add claims to (all but archived ones), by title."""
    return list(
        session.scalars(
            select(Dossier).where(dossier_lookup.open_to_editors()).order_by(Dossier.title)
        )
    )
