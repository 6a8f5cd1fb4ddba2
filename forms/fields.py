"""Pieces shared by the forms: one-time submission tokens, checkbox lists, field checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SelectMultipleField, ValidationError, widgets
from wtforms.fields.choices import SelectChoice

from models.text import parse_whole_number
from services.editing import submissions
from services.editing.field_values import FieldError


def options(pairs) -> list[SelectChoice]:
    """Choices for a select, radio or checkbox field from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def check(field: Field, read: Callable[[Any], Any]) -> None:
    """Run a service's field reader on the field's value; its message becomes the error."""
    try:
        read(field.data)
    except FieldError as error:
        raise ValidationError(str(error)) from None


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes: easier to use than a multiple select, and accessible."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class SummaryMixin:
    """Lists every error for the summary at the top of a form, in the order of the form."""

    if TYPE_CHECKING:  # what FlaskForm, which this always comes with, provides
        form_errors: list[str]

        def __iter__(self) -> Iterator[Any]: ...

    @property
    def all_errors(self) -> list[tuple[str, str]]:
        """(id of the field to link to, or "" for none; message)."""
        found = [("", message) for message in self.form_errors]
        for field in self:
            if field.type == "FieldList":
                for row in field:
                    found += [(sub.id, sub.errors[0]) for sub in row.form if sub.errors]
            elif field.errors and isinstance(field.errors, list):
                found.append((field.id if field.type != "HiddenField" else "", field.errors[0]))
        return found


class OneTimeForm(SummaryMixin, FlaskForm):
    """A form that acts once: it carries a random token the view remembers after success."""

    submission = HiddenField(default=submissions.new_token)

    def validate_submission(self, field: Field) -> None:
        if not submissions.is_token(field.data):
            raise ValidationError(
                "This form is incomplete or out of date: reload the page and enter it again."
            )


class VersionedForm(OneTimeForm):
    """An edit form: carries the version of the object it was loaded at. With `new=True`
    it adds an object instead, and has no version."""

    version = HiddenField()

    def __init__(self, *args, new: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.is_new = new

    def validate_version(self, field: Field) -> None:
        if self.is_new:
            return
        if parse_whole_number(field.data, max_digits=9) is None:
            raise ValidationError("This form is out of date: reload the page to edit again.")

    @property
    def expected_version(self) -> int | None:
        data = self.version.data
        return parse_whole_number(data, max_digits=9)


def attach_errors(form: FlaskForm, errors: dict[str, str], fields: dict[str, str]) -> None:
    """Put service messages next to the fields they concern; `fields` maps service names
    ("source.title") to form field names ("source_title"). Unknown names go to the top."""
    for key, message in errors.items():
        target = form._fields.get(fields.get(key, key))
        if target is None:
            form.form_errors.append(message)
        elif not target.errors:
            target.errors = [message]
