"""Pieces shared by the forms: their language, one-time submission tokens, checkbox lists,
field checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from babel.support import LazyProxy
from flask_wtf import FlaskForm
from flask_wtf.csrf import _FlaskFormCSRF
from wtforms import Field, HiddenField, SelectMultipleField, ValidationError, widgets
from wtforms import i18n as wtforms_i18n
from wtforms.fields.choices import SelectChoice

import i18n
from i18n import N_, _
from models.text import parse_whole_number
from services.editing import submissions
from services.editing.field_values import FieldError


def options(pairs) -> list[SelectChoice]:
    """Choices for a select, radio or checkbox field from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def shown(thing: object, attribute: str = "label") -> LazyProxy:
    """`thing.attribute` read each time it is shown: a vocabulary's label in a choice list
    built at import, in the language of the page that shows it."""
    return LazyProxy(getattr, thing, attribute, enable_cache=False)


def labelled(members: Iterable[Any]) -> list[SelectChoice]:
    """Choices for an enum's members: the value, and its label in the reader's language."""
    return options((member.value, shown(member)) for member in members)


def formatted(value: int) -> LazyProxy:
    """A number written the reader's way where it is shown (1,000 or 1 000): for a limit
    in a hint defined at import."""
    return LazyProxy(i18n.number, value, enable_cache=False)


def translated(message: str) -> LazyProxy:
    """`message` translated where it is shown: for words kept in a table (marked with N_)."""
    return LazyProxy(lambda: _(str(message)), enable_cache=False)


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


# Flask-WTF's refusals of a form without a good CSRF token (and, over HTTPS, of a foreign
# referrer): it raises them in English and translates them only through Flask-Babel, which
# Claimline does not use; SpeakingCSRF and web.extensions translate them.
CSRF_MESSAGES = (
    N_("The CSRF token is missing."),
    N_("The CSRF session token is missing."),
    N_("The CSRF token has expired."),
    N_("The CSRF token is invalid."),
    N_("The CSRF tokens do not match."),
    N_("The referrer header is missing."),
    N_("The referrer does not match the host."),
)


@cache
def _wtforms_translations(language: str) -> Any:
    return wtforms_i18n.get_translations([language])


class SpeakingCSRF(_FlaskFormCSRF):
    """Flask-WTF's form CSRF check, refusing in the reader's language."""

    def validate_csrf_token(self, form, field):
        try:
            super().validate_csrf_token(form, field)
        except ValidationError as error:
            raise ValidationError(_(str(error))) from None


class SpeakingMeta(FlaskForm.Meta):
    """WTForms' own messages ("This field is required.") from the catalogue WTForms ships,
    in the reader's language. Flask-WTF's Meta asks Flask-Babel for them, so without it
    they would stay English."""

    csrf_class = SpeakingCSRF

    def get_translations(self, form):
        return _wtforms_translations(i18n.current())


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


class SpeakingForm(SummaryMixin, FlaskForm):
    """A form whose messages, WTForms' and Flask-WTF's included, are in the reader's language."""

    Meta = SpeakingMeta


class OneTimeForm(SpeakingForm):
    """A form that acts once: it carries a random token the view remembers after success."""

    submission = HiddenField(default=submissions.new_token)

    def validate_submission(self, field: Field) -> None:
        if not submissions.is_token(field.data):
            raise ValidationError(
                _("This form is incomplete or out of date: reload the page and enter it again.")
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
            raise ValidationError(_("This form is out of date: reload the page to edit again."))

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
