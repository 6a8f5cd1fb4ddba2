"""Knight Lab's TimelineJS3: its JSON (written as an export, read as an import) and its
Google sheet template saved as CSV (read). Writer and readers live here together."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from markupsafe import Markup, escape

from fuzzy_date import FuzzyDate, Point
from i18n import SOURCE_LANGUAGE, _, speaking
from models import Claim, Dossier
from models.limits import RELAYED_BY_DESCRIPTION_MAX, STATEMENT_MAX
from models.text import parse_whole_number
from models.vocabulary import Attribution
from services.interchange.formats.document import (
    Document,
    FormatError,
    Row,
    StreamedRows,
    claim_key,
    generated_key,
)

TIMELINEJS_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
TIMELINEJS_SOURCE_KEY = "timelinejs"
TIMELINEJS_CONFIDENCE = 50


# --- writing ------------------------------------------------------------------------------


_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


def _timelinejs_date(point: Point, end: bool) -> dict[str, int | str]:
    """One EDTF point as a TimelineJS date: year, then month and day only when the date
    names them. A season gives its first month as a start and its last month as an end."""
    year, month, day = point.year, point.month, point.day
    date: dict[str, int | str] = {"year": year}
    if month in _SEASON_MONTHS:
        first, last = _SEASON_MONTHS[month]
        if end and last < first:
            date["year"] = year + 1
        date["month"] = last if end else first
    elif month is not None:
        date["month"] = month
        if day is not None:
            date["day"] = day
    return date


def timelinejs_dates(
    value: FuzzyDate,
) -> tuple[dict[str, int | str], dict[str, int | str] | None]:
    """start_date and end_date (or None) for a fuzzy date, each with its display_date."""
    end: dict[str, int | str] | None = None
    if value.start is None:  # open at the start ("2025 or earlier"): place it at its end
        assert value.end is not None  # EDTF intervals are never open at both ends
        start = _timelinejs_date(value.end, end=True)
    else:
        start = _timelinejs_date(value.start, end=False)
        if value.end is not None:
            end = _timelinejs_date(value.end, end=True)
        if value.precision not in ("interval", "open") and end == start:
            end = None
    start["display_date"] = value.label
    if end is not None:
        end["display_date"] = value.label
    return start, end


def timelinejs_text(claim: Claim, claim_url: str) -> str:
    """The slide's HTML: who says it and through whom, the quote, confidence and status."""
    who = claim.speaker.name if claim.speaker else claim.speaker_description
    line = [Markup("<strong>%s</strong>") % claim.attribution_label]
    if who:
        line.append(escape(who))
    relay = claim.relayed_by.name if claim.relayed_by else claim.relayed_by_description
    if relay:
        line.append(Markup("%s %s") % (RELAY_WORDS, relay))
    if claim.via:
        line.append(Markup("via <cite>%s</cite>") % (claim.via.outlet or claim.via.title))
    parts = [Markup("<p>%s</p>") % Markup(" · ").join(line)]
    if claim.quote:
        lang = Markup(' lang="%s"') % claim.quote_lang if claim.quote_lang else ""
        parts.append(Markup("<blockquote%s>%s</blockquote>") % (lang, claim.quote))
    source = escape(claim.source.title)
    if claim.source.url:
        source = Markup('<a href="%s">%s</a>') % (claim.source.url, claim.source.title)
    parts.append(
        Markup("<p>Confidence %s%% (%s) · %s · Source: %s</p>")
        % (claim.confidence, claim.confidence_label, claim.status.label, source)
    )
    parts.append(Markup('<p><a href="%s">This claim on Claimline</a></p>') % claim_url)
    return str(Markup("").join(parts))


def write(
    dossier: Dossier, claims: list[Claim], claim_url: Callable[[Claim], str]
) -> dict[str, Any]:
    """Knight Lab TimelineJS3's JSON: a title slide and one event per claim, grouped by
    attribution, each at its event date (or the date it was stated). In English whatever the
    reader's language: the file is kept on disk for every reader, and imports read it back."""
    with speaking(SOURCE_LANGUAGE):
        return _write(dossier, claims, claim_url)


def _write(
    dossier: Dossier, claims: list[Claim], claim_url: Callable[[Claim], str]
) -> dict[str, Any]:
    events = []
    for claim in claims:
        start, end = timelinejs_dates(claim.timeline_fuzzy_date)
        event: dict[str, Any] = {
            "unique_id": claim_key(claim),
            "start_date": start,
            "display_date": claim.timeline_fuzzy_date.label,
            "text": {
                "headline": str(escape(claim.statement)),
                "text": timelinejs_text(claim, claim_url(claim)),
            },
            "group": claim.attribution_label,
        }
        if end is not None:
            event["end_date"] = end
        events.append(event)
    return {
        "title": {
            "text": {
                "headline": str(escape(dossier.title)),
                "text": str(Markup("<p>%s</p>") % dossier.subject) if dossier.subject else "",
            }
        },
        "events": events,
        "scale": "human",
    }


# --- reading ------------------------------------------------------------------------------


_TAG = re.compile(r"<[^>]+>")
# How timelinejs_text names who relayed a private remark, read back on import.
RELAY_WORDS = "in private, relayed by"
_RELAY = re.compile(re.escape(RELAY_WORDS) + r" (.+?)(?: · |\n|$)")
_BREAK = re.compile(r"<\s*(?:br|/p|/blockquote|/li|/h\d)\s*/?\s*>", re.IGNORECASE)


def plain_text(markup: Any) -> str:
    """TimelineJS text is HTML: keep its words and line breaks, drop its tags."""
    if not isinstance(markup, str):
        return ""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", markup)))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _edtf_point(year: Any, month: Any, day: Any) -> str | None:
    """An EDTF point from TimelineJS's year, month and day cells; None without a year."""
    parts = []
    for value, width in ((year, 4), (month, 2), (day, 2)):
        text = str(value).strip() if value is not None else ""
        if not text:
            break
        if parse_whole_number(text, max_digits=width) is None:
            raise ValueError(f'"{text}" is not a number')
        parts.append(text.zfill(width))
    return "-".join(parts) or None


def _attribution(group: str) -> Attribution | None:
    wanted = group.strip().casefold()
    for attribution in Attribution:
        if wanted in (attribution.value, attribution.label.casefold()):
            return attribution
    return None


def _slide_row(where: str, slide: dict[str, Any]) -> Row | tuple[str, str]:
    """A TimelineJS slide (sheet row or JSON event, same names) as a claim row, or the
    reason it is skipped."""
    kind = str(slide.get("Type") or "").strip().lower()
    if kind in ("title", "era"):
        return (where, f"{'an era' if kind == 'era' else 'the title'} slide, not a claim")
    headline, text = plain_text(slide.get("Headline")), plain_text(slide.get("Text"))
    statement = headline or _shortened(text)
    try:
        start = _edtf_point(slide.get("Year"), slide.get("Month"), slide.get("Day"))
        end = _edtf_point(slide.get("End Year"), slide.get("End Month"), slide.get("End Day"))
    except ValueError as error:
        return Row(
            where, {"key": "", "error": _("its date is not numbers: %(error)s", error=error)}
        )
    date = f"{start}/{end}" if start and end and end != start else start
    group = str(slide.get("Group") or "").strip()
    attribution = _attribution(group) if group else None
    notes = [text] if headline and text else []
    media = str(slide.get("Media") or "").strip()
    if media:
        caption = plain_text(slide.get("Media Caption"))
        credit = plain_text(slide.get("Media Credit"))
        notes.append(f"Media: {media}" + (f" — {caption}" if caption else "")
                     + (f" ({credit})" if credit else ""))  # fmt: skip
    data = {
        "key": str(slide.get("unique_id") or "").strip()
        or generated_key(statement, {"date": date, "statement": statement}),
        "statement": statement,
        "attribution": (attribution or Attribution.REPORT).value,
        "source": TIMELINEJS_SOURCE_KEY,
        "event_date": date,
        "stated_date": date,
        "confidence": TIMELINEJS_CONFIDENCE,
        "tags": [group] if group and attribution is None else [],
        "notes": "\n\n".join(notes),
    }
    relay = _RELAY.search(text)
    if relay:
        # Only the name survives a slide: it comes back as a description, not an entity.
        data["relayed_by_description"] = relay.group(1)[:RELAYED_BY_DESCRIPTION_MAX]
    if not date:
        data["error"] = "it has no Year"
    if not statement:
        data["error"] = "its Headline and Text are empty"
    return Row(where, data)


def _shortened(text: str) -> str:
    first = text.split("\n", 1)[0]
    if len(first) <= STATEMENT_MAX:
        return first
    return first[: STATEMENT_MAX - 1].rsplit(" ", 1)[0] + "…"


def _timelinejs(slides: Iterable[Row], title: dict | None) -> Document:
    """The document of a timeline's slides, walked twice: once here for the slides that
    are not claims, again when the import walks the claims (a sheet's are read again from
    its file)."""
    document = Document(
        format="timelinejs",
        claims=StreamedRows(lambda: _slide_claims(slides)),
        relations=None,
        sources_create_only=True,
        claims_create_only=True,
    )
    if title:
        document.dossier = title
    document.sources.append(
        Row(
            "the timeline",
            {
                "key": TIMELINEJS_SOURCE_KEY,
                "title": "Imported TimelineJS timeline",
                "kind": "report",
            },
        )
    )
    for slide in slides:
        result = _slide_row(slide.where, slide.data)
        if not isinstance(result, Row):
            document.skipped.append(result)
    document.notes.append(
        _(
            "TimelineJS has no confidence or date said: claims get %(confidence)s%% "
            "and their event date as the date said; a Group that is not an attribution becomes "
            "a tag, and the claim is filed as a media report. A slide whose claim is already "
            "in the dossier leaves it as it is.",
            confidence=TIMELINEJS_CONFIDENCE,
        )
    )
    return document


def _slide_claims(slides: Iterable[Row]) -> Iterator[Row]:
    for slide in slides:
        result = _slide_row(slide.where, slide.data)
        if isinstance(result, Row):
            yield result


def read_sheet(rows: Iterable[Row], columns: list[str]) -> Document:
    """The claims of a TimelineJS sheet's rows (a csv_columns.Sheet, walked once for the
    title and the skipped slides, again for the claims). Raises FormatError."""
    if "Headline" not in columns or "Year" not in columns:
        raise FormatError(
            _(
                "A TimelineJS sheet needs its template's columns: %(columns)s.",
                columns=", ".join(TIMELINEJS_COLUMNS),
            )
        )
    title = None
    for row in rows:
        if str(row.data.get("Type") or "").strip().lower() == "title":
            title = {
                "title": plain_text(row.data.get("Headline")),
                "subject": plain_text(row.data.get("Text")),
            }
            break
    return _timelinejs(rows, title)


def _date_cells(date: Any, prefix: str) -> dict[str, Any]:
    if not isinstance(date, dict):
        return {}
    return {f"{prefix}{name}": date.get(name.lower()) for name in ("Year", "Month", "Day")}


def _mapping(value: Any) -> dict[str, Any]:
    """The value if it is a JSON object, else an empty one: a reader takes what is there."""
    return value if isinstance(value, dict) else {}


def read_json(data: dict) -> Document:
    """The claims of TimelineJS JSON's events. Raises FormatError."""
    events = data.get("events")
    if not isinstance(events, list):
        raise FormatError('TimelineJS JSON needs an "events" list.')
    slides: list[Row] = []
    for index, event in enumerate(events, start=1):
        if not isinstance(event, dict):
            slides.append(Row(f"event #{index}", {}))
            continue
        text, media = _mapping(event.get("text")), _mapping(event.get("media"))
        slide = {
            **_date_cells(event.get("start_date"), ""),
            **_date_cells(event.get("end_date"), "End "),
            "Headline": text.get("headline"),
            "Text": text.get("text"),
            "Group": event.get("group"),
            "Media": media.get("url"),
            "Media Caption": media.get("caption"),
            "Media Credit": media.get("credit"),
            "unique_id": event.get("unique_id"),
        }
        where = f'event "{event["unique_id"]}"' if event.get("unique_id") else f"event #{index}"
        slides.append(Row(where, slide))
    title_text = _mapping(_mapping(data.get("title")).get("text"))
    title = None
    if title_text:
        title = {
            "title": plain_text(title_text.get("headline")),
            "subject": plain_text(title_text.get("text")),
        }
    return _timelinejs(slides, title)
