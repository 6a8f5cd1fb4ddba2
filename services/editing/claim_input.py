"""Reading a claim's raw fields into a ClaimInput: one reading for the form, the JSON API and
CSV imports, so all three accept and refuse the same things with the same words.

In: a plain mapping of the API's field names to raw values (text from a form or a CSV cell,
or JSON values). `source`, `speaker` and `relayed_by` may also be mappings describing a new
source or entity. Out: a ClaimInput, or None and {field: message}; nested fields are named
"source.title", "speaker.name", "relayed_by.name", "relations.0.claim". Nothing here raises
for bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from fuzzy_date import FuzzyDate
from i18n import N_, _
from models import Claim, Dossier, Source
from models.limits import (
    LOCATOR_MAX,
    NOTES_MAX,
    QUOTE_MAX,
    RELAYED_BY_DESCRIPTION_MAX,
    SPEAKER_DESCRIPTION_MAX,
    STATEMENT_MAX,
    TAG_NAME_MAX,
    TAGS_MAX,
)
from models.text import parse_whole_number
from models.vocabulary import Attribution, Status, likelihood, tag_key
from services.editing import (
    claim_references,
    field_values,
    markdown_render,
    source_texts,
    source_writes,
)
from services.editing.claim_writes import ClaimInput, RelationInput
from services.editing.field_values import FieldError, FieldReader

FIELDS = (
    "statement",
    "quote",
    "quote_lang",
    "statement_lang",
    "attribution",
    "speaker",
    "speaker_description",
    "relayed_by",
    "relayed_by_description",
    "via",
    "source",
    "locator",
    "event_date",
    "stated_date",
    "confidence",
    "status",
    "tags",
    "notes",
    "entities",
    "relations",
)
# "873", "#873", "873 — Broadcom is..." name claim 873; "2024 plans" and "2024-06" do not.


# --- single fields, needing nothing but their value (the form's validate_<field> use these) --


def statement(value: Any) -> str:
    return field_values.text(value, N_("statement"), STATEMENT_MAX, required=True)


def quote(value: Any) -> str:
    return field_values.text(value, N_("quote"), QUOTE_MAX, multiline=True)


def notes(value: Any) -> str:
    return field_values.text(value, N_("notes"), NOTES_MAX, multiline=True)


def quote_lang(value: Any) -> str | None:
    return field_values.language_tag(value, N_("quote's language"))


def statement_lang(value: Any) -> str | None:
    """The statement's language (any BCP 47 tag); None: the dossier's statement language."""
    return field_values.language_tag(value, N_("statement's language"))


def speaker_description(value: Any) -> str | None:
    return field_values.optional_text(value, N_("speaker description"), SPEAKER_DESCRIPTION_MAX)


def relayed_by_description(value: Any) -> str | None:
    return field_values.optional_text(
        value, N_("description of who relayed it"), RELAYED_BY_DESCRIPTION_MAX
    )


def locator(value: Any) -> int | None:
    return field_values.whole_number(value, N_("paragraph number"), 1, LOCATOR_MAX, 12)


def confidence(value: Any) -> int:
    number = field_values.whole_number(value, N_("confidence"), 0, 100, 70)
    if number is None:
        raise FieldError(_('Enter the confidence, a whole number from 0 to 100, like "70".'))
    return number


def attribution(value: Any) -> Attribution:
    return field_values.choice(value, Attribution, N_("kind of attribution"))


def status(value: Any) -> Status:
    return field_values.choice(value, Status, N_("status"), Status.UNVERIFIED)


def tags(value: Any) -> list[str]:
    names = field_values.name_list(value, N_("tags"), TAG_NAME_MAX)
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(tag_key(name), name)
    if len(distinct) > TAGS_MAX:
        raise FieldError(
            _(
                "A claim can have at most %(most)s tags; this has %(count)s.",
                most=TAGS_MAX,
                count=len(distinct),
            )
        )
    return list(distinct.values())


# --- the whole claim -----------------------------------------------------------------------


@dataclass
class Parsed:
    """What could be read of each field, and a message for each field that could not."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def claim_input(self) -> ClaimInput | None:
        if self.errors:
            return None
        values = self.values
        return ClaimInput(
            statement=values["statement"],
            attribution=values["attribution"],
            source=values["source"],
            stated_date=values["stated_date"],
            confidence=values["confidence"],
            status=values["status"],
            quote=values["quote"],
            quote_lang=values["quote_lang"] if values["quote"] else None,
            statement_lang=values["statement_lang"],
            locator=values["locator"],
            notes=values["notes"],
            speaker=values["speaker"],
            speaker_description=values["speaker_description"],
            relayed_by=values["relayed_by"],
            relayed_by_description=values["relayed_by_description"],
            via=values["via"],
            event_date=values["event_date"],
            tags=values["tags"],
            entities=values["entities"],
            relations=values["relations"],
        )


def parse(
    session: Session, dossier: Dossier, raw: Mapping[str, Any], claim: Claim | None = None
) -> tuple[ClaimInput | None, dict[str, str]]:
    """Raw fields to a ClaimInput, or None and {field: message}. `claim` is the claim being
    edited, if any (it cannot be related to itself). New sources and entities come back
    unsaved; claim_writes saves them with the claim."""
    parsed = parse_fields(session, dossier, raw, claim)
    return parsed.claim_input(), parsed.errors


def parse_fields(
    session: Session, dossier: Dossier, raw: Mapping[str, Any], claim: Claim | None = None
) -> Parsed:
    """Read every field it can, so a preview shows the readings even while some are wrong."""
    read = FieldReader(raw)
    values: dict[str, Any] = {
        "statement": read("statement", statement),
        "quote": read("quote", quote),
        "quote_lang": read("quote_lang", quote_lang),
        "statement_lang": read("statement_lang", statement_lang),
        "attribution": read("attribution", attribution),
        "speaker_description": read("speaker_description", speaker_description),
        "relayed_by_description": read("relayed_by_description", relayed_by_description),
        "locator": read("locator", locator),
        "confidence": read("confidence", confidence),
        "status": read("status", status),
        "tags": read("tags", tags),
        "notes": read("notes", notes),
        "source": claim_references.source(read, session, dossier),
        "speaker": claim_references.speaker(read, session),
        "relayed_by": claim_references.relayed_by(read, session),
        "entities": read("entities", claim_references.entities, session),
        "relations": claim_references.relations(read, session, dossier, claim),
    }
    values["via"] = claim_references.via(read, session, dossier)
    if values["via"] is not None and values["via"] is values["source"]:
        read.errors["via"] = _("Via names the outlet the source credits, not the source itself.")
    _require_relay(values, read.errors)
    _check_quote(session, values, read.errors)
    reference = values["source"].published if values["source"] is not None else None
    values["event_date"] = read("event_date", field_values.fuzzy_date, N_("event date"), reference)
    values["stated_date"] = read(
        "stated_date", field_values.fuzzy_date, N_("date it was said"), reference, required=True
    )
    return Parsed(values, read.errors)


def _check_quote(session: Session, values: dict[str, Any], errors: dict[str, str]) -> None:
    # A source with its text: the quote must be in the paragraph named (issue #15), the same
    # check for the form, the API and imports. Only when all three fields could be read.
    if any(name in errors for name in ("source", "locator", "quote")):
        return
    source, number, words = values["source"], values["locator"], values["quote"]
    if source is None or source.id is None or number is None or not words:
        return
    problem = source_texts.quote_problem(session, source, number, words)
    if problem:
        errors["quote"] = problem


def _require_relay(values: dict[str, Any], errors: dict[str, str]) -> None:
    # A private remark is someone's words passed on by someone else: say who passed them on
    # (issue #14 §4). Checked only when both fields could be read, so one message at a time.
    if values["attribution"] is not Attribution.PRIVATE:
        return
    if "relayed_by" in errors or "relayed_by_description" in errors:
        return
    if any(name.startswith("relayed_by.") for name in errors):
        return
    if values["relayed_by"] is None and not values["relayed_by_description"]:
        errors["relayed_by"] = _(
            "A private remark needs who relayed it: choose them in Relayed by, or describe "
            'them in the relayed by description ("a person familiar with the conversation").'
        )


# --- readings shown before saving ----------------------------------------------------------


@dataclass
class Preview:
    """How the server reads what was typed: shown by the form's Preview button."""

    event_date: FuzzyDate | None
    stated_date: FuzzyDate | None
    confidence: int | None
    confidence_words: str
    notes_html: str
    relations: list[RelationInput]


def preview(parsed: Parsed) -> Preview:
    values = parsed.values
    number = values.get("confidence")
    return Preview(
        event_date=values.get("event_date"),
        stated_date=values.get("stated_date"),
        confidence=number,
        confidence_words=likelihood(number) if number is not None else "",
        notes_html=markdown_render.render(values.get("notes") or ""),
        relations=values.get("relations") or [],
    )


def read_date(
    session: Session, text: Any, source_id: Any = None, published: Any = None
) -> FuzzyDate | None:
    """One date field as the form reads it, against the chosen source's publication date
    (or the date typed for a new source). Raises FieldError; None when empty."""
    reference = None
    source_text = field_values.as_text(source_id)
    if (source_number := parse_whole_number(source_text, max_digits=9)) is not None:
        source = session.get(Source, source_number)
        reference = source.published if source is not None else None
    elif published:
        try:
            reference = field_values.fuzzy_date(published, N_("publication date"))
        except FieldError:
            reference = None
    return field_values.fuzzy_date(text, N_("date"), reference)


# --- a saved claim as raw fields -------------------------------------------------------------


def raw_from_claim(claim: Claim) -> dict[str, Any]:
    """A claim's values in the shape `parse` reads: what an edit form starts from. The
    claim's collections must be loaded (claim_writes.load_for_edit)."""
    return {
        "statement": claim.statement,
        "quote": claim.quote,
        "quote_lang": claim.quote_lang or "",
        "statement_lang": claim.statement_lang or "",
        "attribution": claim.attribution.value,
        "speaker": claim.speaker.slug if claim.speaker else "",
        "speaker_description": claim.speaker_description or "",
        "relayed_by": claim.relayed_by.slug if claim.relayed_by else "",
        "relayed_by_description": claim.relayed_by_description or "",
        "via": str(claim.via_id) if claim.via_id else "",
        "source": str(claim.source_id),
        "locator": str(claim.locator) if claim.locator else "",
        "event_date": source_writes.date_text(claim.event_date),
        "stated_date": source_writes.date_text(claim.stated_date),
        "confidence": str(claim.confidence),
        "status": claim.status.value,
        "tags": ", ".join(tag.name for tag in claim.tags),
        "notes": claim.notes,
        "entities": [entity.slug for entity in claim.entities],
        "relations": [
            {
                "type": relation.type.value,
                "claim": claim_references.claim_reference(relation.to_claim),
                "note": relation.note,
            }
            for relation in claim.relations_out
        ],
    }


# Snapshot names (services.revisions) of the fields whose raw names differ.
SNAPSHOT_FIELDS = {
    "source_id": "source",
    "via_id": "via",
    "speaker_id": "speaker",
    "relayed_by_id": "relayed_by",
    "entity_ids": "entities",
}


def field_of_snapshot(name: str) -> str:
    """The raw field name for a snapshot field: "source_id" is the "source" field."""
    return SNAPSHOT_FIELDS.get(name, name)
