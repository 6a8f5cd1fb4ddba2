"""The claim form's people: who said it (the speaker) and, for a private remark, who relayed
it. Each is chosen from the known entities, added inline as someone new, or described."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wtforms import SelectField, StringField, ValidationError

from forms.fields import check, formatted, labelled, options
from i18n import _, _l
from models import Entity
from models.limits import RELAYED_BY_DESCRIPTION_MAX, SPEAKER_DESCRIPTION_MAX
from models.vocabulary import Attribution, EntityKind
from services.editing import claim_input

NEW = "new"
# The reference fields that may name someone new, each with its name and kind fields.
PEOPLE = ("speaker", "relayed_by")
# Service names of the nested values, and the form fields that hold them.
NESTED_FIELDS = {
    f"{person}.{part}": f"{person}_{part}" if part in ("name", "kind") else person
    for person in PEOPLE
    for part in ("name", "kind", "description", "aliases")
}

# Which people fields each kind of attribution calls for (issue #15): claim-form.js shows
# only those once an attribution is chosen; without it every field shows, with PEOPLE_HINT.
PEOPLE_BY_ATTRIBUTION = {
    "speaker": (Attribution.PUBLIC, Attribution.PRIVATE, Attribution.REPORT, Attribution.DATA),
    "speaker_description": (Attribution.INSIDER, Attribution.REPORT, Attribution.DATA),
    "relayed_by": (Attribution.INSIDER, Attribution.PRIVATE),
}
PEOPLE_HINT = _l(
    "A public statement, a private remark, a report or a record names its speaker; insiders "
    "are described instead. A private remark also says who relayed it."
)


def _kind_field() -> SelectField:
    return SelectField(
        _l("Kind"),
        choices=labelled(EntityKind),
        default=EntityKind.PERSON.value,
        validate_choice=False,
    )


class ClaimPeopleMixin:
    """Speaker and relay fields of ClaimForm, with their checks and pickers."""

    speaker = SelectField(_l("Speaker"), validate_choice=False)
    speaker_name = StringField(_l("Name of the new speaker"))
    speaker_kind = _kind_field()
    speaker_description = StringField(
        _l("Speaker description"),
        description=_l(
            'For an unnamed speaker, as the source puts it: "a senior TSMC executive". '
            "Up to %(count)s characters.",
            count=formatted(SPEAKER_DESCRIPTION_MAX),
        ),
    )
    relayed_by = SelectField(
        _l("Relayed by"),
        description=_l(
            "Who passed on the speaker's words. A private remark needs this or the "
            "description below; for other kinds of claim it is optional."
        ),
        validate_choice=False,
    )
    relayed_by_name = StringField(_l("Name of the new person who relayed it"))
    relayed_by_kind = _kind_field()
    relayed_by_description = StringField(
        _l("Relayed by (description)"),
        description=_l(
            'As the source puts it: "a person familiar with the conversation". '
            "Matters for private remarks. Up to %(count)s characters.",
            count=formatted(RELAYED_BY_DESCRIPTION_MAX),
        ),
    )

    people_hint = PEOPLE_HINT

    if TYPE_CHECKING:  # the form supplies its fields by name

        def __getitem__(self, name: str) -> Any: ...

    def validate_speaker_description(self, field):
        check(field, claim_input.speaker_description)

    def validate_relayed_by_description(self, field):
        check(field, claim_input.relayed_by_description)

    def validate_speaker_name(self, field):
        self._check_new_person(
            "speaker",
            field,
            _(
                'You chose a speaker from the list: choose "Someone new" to add them, '
                "or clear this field."
            ),
        )

    def validate_relayed_by_name(self, field):
        self._check_new_person(
            "relayed_by",
            field,
            _(
                'You chose who relayed it from the list: choose "Someone new" to add them, '
                "or clear this field."
            ),
        )

    def _check_new_person(self, person: str, field, message: str) -> None:
        if self[person].data not in ("", NEW, None) and (field.data or "").strip():
            raise ValidationError(message)

    def shown_for(self, name: str) -> str:
        """The attributions (space-separated) that call for the field `name`."""
        return " ".join(kind.value for kind in PEOPLE_BY_ATTRIBUTION[name])

    def prepare_people(self, entities: list[Entity]) -> list:
        """Fill the speaker and relay pickers; the (slug, name) pairs, for other pickers."""
        people = [(entity.slug, entity.name) for entity in entities]
        new = [(NEW, _("Someone new (name them below)"))]
        self["speaker"].choices = options(
            [("", _("Nobody named (describe the speaker below)"))] + people + new
        )
        self["relayed_by"].choices = options(
            [("", _("Nobody named (describe them below, for a private remark)"))] + people + new
        )
        return people

    def people_raw(self, raw: dict[str, Any]) -> None:
        """Put someone new, typed in the form, in `raw` as the fields of a new entity."""
        for person in PEOPLE:
            name = self[f"{person}_name"].data
            if self[person].data == NEW or (not self[person].data and name):
                raw[person] = {"name": name, "kind": self[f"{person}_kind"].data}


def people_form_data(raw: Mapping[str, Any], data: dict[str, Any]) -> None:
    """Someone new in raw claim values, as the form's "Someone new" fields."""
    for person in PEOPLE:
        value = raw.get(person)
        if isinstance(value, Mapping):
            data[person] = NEW
            data[f"{person}_name"], data[f"{person}_kind"] = value.get("name"), value.get("kind")
