"""The claim form, and the delete and restore confirmations (conflicts: forms.conflicts)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from babel.support import LazyProxy
from sqlalchemy.orm import Session
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)

import i18n
from forms.claim_people import NESTED_FIELDS as PEOPLE_FIELDS
from forms.claim_people import NEW, ClaimPeopleMixin, people_form_data
from forms.claim_source import NESTED_FIELDS as SOURCE_FIELDS
from forms.claim_source import ClaimSourceMixin, sources_form_data
from forms.dates import ClaimDatesMixin, DatePhraseField
from forms.fields import (
    MultiCheckboxField,
    VersionedForm,
    attach_errors,
    check,
    formatted,
    labelled,
    options,
    translated,
)
from i18n import N_, _, _l, percent
from models import Claim, Dossier, Entity, Source
from models.limits import NOTES_MAX, QUOTE_MAX, RELATIONS_MAX, STATEMENT_MAX
from models.text import parse_whole_number
from models.vocabulary import (
    LIKELIHOOD_BANDS,
    Attribution,
    RelationType,
    Status,
    likelihood,
)
from services.editing import claim_input, entity_mentions, entity_writes, source_writes
from services.editing.claim_input import FIELDS
from services.editing.claim_writes import ClaimInput

NESTED_FIELDS = SOURCE_FIELDS | PEOPLE_FIELDS
# "This claim <supports> <the other claim>", as the relation picker words each type.
RELATION_CHOICES = {
    RelationType.SUPPORTS: N_("Supports"),
    RelationType.CONTRADICTS: N_("Contradicts"),
    RelationType.CONFIRMS: N_("Confirms"),
    RelationType.REFUTES: N_("Refutes"),
    RelationType.UPDATES: N_("Updates"),
}


def _likelihood_bands() -> str:
    """The ICD 203 bands for claim-form.js's reading of a confidence, in the reader's words."""
    return json.dumps([(lowest, _(words)) for lowest, words in LIKELIHOOD_BANDS])


class RelationForm(Form):
    """One row of "this claim <type> <other claim>", with a note."""

    type = SelectField(
        _l("How this claim relates"),
        choices=options(
            [("", _l("Not related"))]
            + [(kind.value, translated(RELATION_CHOICES[kind])) for kind in RelationType]
        ),
        validate_choice=False,
    )
    claim = StringField(
        _l("Other claim"),
        description=_l("Its number, or words from its statement."),
        render_kw={"autocomplete": "off", "data-claim-search": ""},
    )
    note = StringField(_l("Note on the link"))


class ClaimForm(ClaimSourceMixin, ClaimPeopleMixin, ClaimDatesMixin, VersionedForm):
    statement = TextAreaField(
        _l("Statement"),
        description=_l(
            "One sentence saying what is claimed, in English. Up to %(count)s characters.",
            count=formatted(STATEMENT_MAX),
        ),
        render_kw={"rows": 2, "data-count-limit": str(STATEMENT_MAX)},
    )
    attribution = RadioField(
        _l("Who stands behind it"),
        choices=labelled(Attribution),
        validate_choice=False,
    )
    locator = StringField(
        _l("Paragraph"),
        description=_l("Where in the source: the paragraph number."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    quote = TextAreaField(
        _l("Quote"),
        description=_l(
            "The exact words in the source, in their language. Up to %(count)s characters.",
            count=formatted(QUOTE_MAX),
        ),
        render_kw={"rows": 4, "data-count-limit": str(QUOTE_MAX)},
    )
    quote_lang = StringField(
        _l("Language of the quote"),
        description=_l('A language code: "fr" for French, "en" for English.'),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    statement_lang = StringField(
        i18n.lazy_gettext("Language of the statement"),
        description=i18n.lazy_gettext("Empty when it is the dossier's statement language."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    stated_date = DatePhraseField(
        _l("When it was said"),
        description=_l(
            'Relative phrases such as "last month" are read against the source\'s date.'
        ),
        render_kw={"autocomplete": "off", "data-parse-date": ""},
    )
    event_date = DatePhraseField(
        _l("When it happened"),
        description=_l(
            'If the claim is about an event: "4 June 2024", "late 2023", "2026 or later".'
        ),
        render_kw={"autocomplete": "off", "data-parse-date": ""},
    )
    confidence = StringField(
        _l("Confidence"),
        description=_l("How likely the claim is true, from 0 to 100."),
        render_kw={
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-likelihood": LazyProxy(_likelihood_bands, enable_cache=False),
        },
    )
    status = SelectField(
        _l("Status"),
        choices=labelled(Status),
        default=Status.UNVERIFIED.value,
        validate_choice=False,
    )
    tags = StringField(
        _l("Tags"),
        description=_l("Separated by commas. Existing tags are reused whatever their case."),
    )
    entities = MultiCheckboxField(
        _l("Names mentioned"),
        description=_l(
            "Names found in the statement and quote, and the speaker, are ticked "
            "for you: untick any that is not about this claim."
        ),
        validate_choice=False,
    )
    # The names already proposed once: a name the editor unticked is not ticked again.
    proposed_mentions = HiddenField()
    relations = FieldList(FormField(RelationForm), min_entries=2, max_entries=RELATIONS_MAX)
    notes = TextAreaField(
        _l("Notes"),
        description=_l(
            "Markdown: *emphasis*, lists, [links](https://example.org). "
            "Up to %(count)s characters.",
            count=formatted(NOTES_MAX),
        ),
        render_kw={"rows": 6, "data-count-limit": str(NOTES_MAX)},
    )
    # Ticked to add a claim the editor has just added already (services.editing.claim_duplicates).
    save_duplicate = BooleanField(_l("Yes, save it again as a separate claim"))
    save = SubmitField(_l("Save claim"))
    save_another = SubmitField(_l("Save and add another from this source"))
    preview = SubmitField(_l("Preview"))

    parsed: claim_input.Parsed | None = None
    proposed: frozenset[str] = frozenset()

    @property
    def attribution_hints(self) -> dict[str, str]:
        """What each kind of attribution means, in the reader's language."""
        return {kind.value: kind.explanation for kind in Attribution}

    # The field checks that need nothing but the value; the rest is read by `read`.
    def validate_statement(self, field):
        check(field, claim_input.statement)

    def validate_quote(self, field):
        check(field, claim_input.quote)

    def validate_quote_lang(self, field):
        check(field, claim_input.quote_lang)

    def validate_statement_lang(self, field):
        check(field, claim_input.statement_lang)

    def validate_locator(self, field):
        check(field, claim_input.locator)

    def validate_confidence(self, field):
        check(field, claim_input.confidence)

    def validate_tags(self, field):
        check(field, claim_input.tags)

    def validate_notes(self, field):
        check(field, claim_input.notes)

    def prepare(self, sources: list[Source], entities: list[Entity]) -> ClaimForm:
        """Fill the pickers with the dossier's sources and the known entities."""
        self.prepare_sources(sources)
        people = self.prepare_people(entities)
        self.entities.choices = options(people)
        return self

    def kept_for_next(self, saved: Claim) -> dict[str, str]:
        """What "Save and add another" carries to the next form: the saved claim's source
        (new ones included, now saved), the dates as typed, the attribution, the language."""
        kept = {
            "source": str(saved.source_id),
            "stated_date": self.stated_date.data or "",
            "event_date": self.event_date.data or "",
            "attribution": self.attribution.data or "",
            "quote_lang": self.quote_lang.data or "",
        }
        return {name: value for name, value in kept.items() if value}

    def propose_mentions(self, entities: list[Entity]) -> None:
        """Tick the entities the statement and quote name, and the speaker, unless they
        were proposed before (the editor may have unticked them)."""
        named = entity_mentions.mentioned_entities(entities, self.statement.data, self.quote.data)
        slugs = [entity.slug for entity in named]
        if self.speaker.data and self.speaker.data != NEW:
            slugs.insert(0, self.speaker.data)
        offered = {choice.value for choice in self.entities.choices}
        slugs = [slug for slug in dict.fromkeys(slugs) if slug in offered]
        before = set((self.proposed_mentions.data or "").split())
        ticked = list(self.entities.data or [])
        ticked += [slug for slug in slugs if slug not in before and slug not in ticked]
        self.entities.data = ticked
        self.proposed = frozenset(slugs)
        self.proposed_mentions.data = " ".join(sorted(before | set(slugs)))

    def raw(self) -> dict[str, Any]:
        """The form's values in the API's shape, for services.claim_input."""
        raw: dict[str, Any] = {name: self[name].data for name in FIELDS if name in self._fields}
        self.sources_raw(raw)
        self.people_raw(raw)
        raw["entities"] = list(self.entities.data or [])
        raw["relations"] = [
            {"type": row.form.type.data, "claim": row.form.claim.data, "note": row.form.note.data}
            for row in self.relations
        ]
        return raw

    def read(
        self, session: Session, dossier: Dossier, claim: Claim | None = None
    ) -> ClaimInput | None:
        """Validate everything; the ClaimInput, or None with messages next to the fields."""
        valid = self.validate()
        data = self.check(session, dossier, claim)
        return data if valid else None

    def check(
        self, session: Session, dossier: Dossier, claim: Claim | None = None
    ) -> ClaimInput | None:
        """Read the values with services.claim_input only (no CSRF or token check): for a
        form filled by the server, such as a merge that needs correcting."""
        self.parsed = claim_input.parse_fields(session, dossier, self.raw(), claim)
        self.attach(self.parsed.errors)
        return self.parsed.claim_input()

    def attach(self, errors: dict[str, str]) -> None:
        """Put service messages next to their fields ("relations.1.claim" included)."""
        plain = {}
        for key, message in errors.items():
            parts = key.split(".")
            if parts[0] == "relations" and len(parts) == 3 and parts[1].isdigit():
                index = int(parts[1])
                if index < len(self.relations.entries):
                    row_field = self.relations.entries[index].form._fields.get(parts[2])
                    if row_field is not None and not row_field.errors:
                        row_field.errors = [message]
                    continue
            plain[key] = message
        attach_errors(self, plain, NESTED_FIELDS | {"relations": "relations"})

    def add_blank_relation(self) -> None:
        """Offer an empty row to link one more claim (when every row is used)."""
        if len(self.relations.entries) < RELATIONS_MAX and all(
            row.form.claim.data for row in self.relations
        ):
            self.relations.append_entry()

    def reading(self, name: str) -> str:
        """How the server read a date or the confidence, once the form was posted."""
        if self.parsed is None or self[name].errors:
            return ""
        value = self.parsed.values.get(name)
        if value is None:
            return ""
        if name == "confidence":
            return _(
                "%(percent)s: %(likelihood)s",
                percent=percent(value / 100),
                likelihood=likelihood(value),
            )
        return _("Read as %(date)s (%(edtf)s)", date=value.label, edtf=value.edtf)

    @property
    def preview_data(self) -> claim_input.Preview | None:
        return claim_input.preview(self.parsed) if self.parsed is not None else None


def form_data(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Raw claim values (services.claim_input's shape) as ClaimForm data."""
    data = dict(raw)
    sources_form_data(raw, data)
    people_form_data(raw, data)
    if isinstance(raw.get("tags"), list):
        data["tags"] = ", ".join(str(tag) for tag in raw["tags"])
    return data


# What a link may fill in a new claim form: the source reader's paragraph button (issue #15),
# /clip (a new source described by its title, address and date), "Save and add another" (the
# source, dates and attribution of the claim just saved) and an accepted claim suggestion
# (issue #21).
PREFILLED_FIELDS = (
    "source", "locator", "quote", "quote_lang", "stated_date", "event_date", "attribution",
    "speaker", "speaker_name", "speaker_description", "relayed_by_description", "via",
    "source_title", "source_url", "source_published",
)  # fmt: skip
PREFILLED_LISTS = ("entities",)


def prefilled(args: Mapping[str, Any]) -> dict[str, Any]:
    """A new claim form's starting values from the query string; checked when saved, like
    anything typed. A speaker's name without a chosen speaker is someone new."""
    values: dict[str, Any] = {name: str(args[name]) for name in PREFILLED_FIELDS if args.get(name)}
    getlist = getattr(args, "getlist", None)
    for name in PREFILLED_LISTS:
        if getlist is not None and getlist(name):
            values[name] = [str(value) for value in getlist(name)]
    if values.get("speaker_name") and not values.get("speaker"):
        values["speaker"] = NEW
    return values


def edit_form(claim: Claim, sources: list[Source], entities: list[Entity]) -> ClaimForm:
    """A form filled with a saved claim, at its current version, with a row to add a link."""
    form = ClaimForm(data=form_data(claim_input.raw_from_claim(claim)))
    form.version.data = str(claim.version)
    form.prepare(sources, entities)
    form.add_blank_relation()
    return form


class DeleteForm(VersionedForm):
    delete = SubmitField(_l("Delete this claim"))


class RestoreForm(VersionedForm):
    revision = HiddenField()
    restore = SubmitField(_l("Restore this version"))

    def validate_revision(self, field):
        if parse_whole_number(field.data, max_digits=9) is None:
            raise ValidationError(_("Choose a version to restore."))


def pickers(session: Session, dossier: Dossier) -> tuple[list[Source], list[Entity]]:
    """The sources and entities a claim form offers."""
    return source_writes.in_dossier(session, dossier), entity_writes.live(session)


class StatusOfferForm(VersionedForm):
    """One click to take an offered status and confidence for a linked claim."""

    status = HiddenField()
    confidence = HiddenField()
    accept = SubmitField(_l("Update it"))
