"""The entity form and the merge form."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from wtforms import SelectField, StringField, SubmitField, ValidationError

from forms.fields import OneTimeForm, VersionedForm, attach_errors, formatted, labelled, options
from i18n import _, _l
from models import Entity
from models.limits import ENTITY_DESCRIPTION_MAX
from models.vocabulary import EntityKind
from services.editing import entity_writes
from services.editing.entity_writes import ENTITY_FIELDS, EntityInput


class EntityForm(VersionedForm):
    name = StringField(_l("Name"), render_kw={"autocomplete": "off"})
    kind = SelectField(
        _l("Kind"),
        choices=labelled(EntityKind),
        default=EntityKind.PERSON.value,
        validate_choice=False,
    )
    description = StringField(
        _l("Description"),
        description=_l(
            "One line: who or what this is. Up to %(count)s characters.",
            count=formatted(ENTITY_DESCRIPTION_MAX),
        ),
    )
    aliases = StringField(
        _l("Other names"),
        description=_l('Separated by commas: how sources also call them ("Altman", "CC Wei").'),
    )
    member_of = SelectField(
        _l("Belongs to"),
        description=_l(
            "The organisation it speaks for: its public words then count as the "
            "organisation's own on the organisation's page (C.C. Wei for TSMC)."
        ),
        validate_choice=False,
    )
    save = SubmitField(_l("Save"))

    def prepare(self, organisations: list[Entity], entity: Entity | None) -> EntityForm:
        """Offer every organisation but the entity itself."""
        self.member_of.choices = options(
            [("", _("None"))]
            + [
                (organisation.slug, organisation.name)
                for organisation in organisations
                if entity is None or organisation.id != entity.id
            ]
        )
        return self

    def raw(self) -> dict[str, Any]:
        return {name: self[name].data for name in ENTITY_FIELDS}

    def read(self, session: Session, entity: Entity | None = None) -> EntityInput | None:
        """Validate; the EntityInput, or None with messages next to the fields."""
        valid = self.validate()
        data, errors = entity_writes.parse_entity(self.raw())
        if data is not None:
            try:
                entity_writes.organisation_for(session, data, entity)
            except entity_writes.MembershipError as error:
                errors = {"member_of": str(error)}
        attach_errors(self, errors, {})
        return data if valid and not errors else None


class MergeForm(OneTimeForm):
    duplicate = SelectField(
        _l("The duplicate"), description=_l("This one goes away."), validate_choice=False
    )
    kept = SelectField(
        _l("Merge it into"),
        description=_l("This one stays, with all references."),
        validate_choice=False,
    )
    merge = SubmitField(_l("Merge"))

    def prepare(self, entities: list[Entity]) -> MergeForm:
        choices = options(
            [("", _("Choose…"))]
            + [(entity.slug, f"{entity.name} ({entity.slug})") for entity in entities]
        )
        self.duplicate.choices = choices
        self.kept.choices = choices
        return self

    def validate_duplicate(self, field):
        if not field.data:
            raise ValidationError(_("Choose the duplicate entity."))

    def validate_kept(self, field):
        if not field.data:
            raise ValidationError(_("Choose the entity to keep."))
        if field.data == self.duplicate.data:
            raise ValidationError(_("Choose two different entities."))
