"""Dismissing a claim suggestion (issue #21): which quote, in which paragraph and version."""

from __future__ import annotations

from wtforms import HiddenField, ValidationError

from forms.fields import SpeakingForm
from i18n import _
from models.limits import QUOTE_MAX
from models.text import parse_whole_number


class DismissSuggestionForm(SpeakingForm):
    """Posted by the queue's "Dismiss" button; the page writes its hidden inputs."""

    version = HiddenField()
    locator = HiddenField()
    quote = HiddenField()

    def validate_version(self, field):
        if parse_whole_number(field.data, max_digits=9) is None:
            raise ValidationError(_("This page is out of date: reload it and dismiss again."))

    def validate_locator(self, field):
        if parse_whole_number(field.data, max_digits=9) is None:
            raise ValidationError(_("This page is out of date: reload it and dismiss again."))

    def validate_quote(self, field):
        if not field.data or len(field.data) > QUOTE_MAX:
            raise ValidationError(_("This page is out of date: reload it and dismiss again."))
