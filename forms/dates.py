"""Date fields of the claim form: the readings to choose from, and what to check.

A refused ambiguous date ("05/06/2024") comes back with one radio button per reading,
named like the field and placed after it: browsers send form values in page order, so
a chosen reading arrives last and replaces what was typed, without any script.
"""

from __future__ import annotations

from typing import Any

from wtforms import StringField

from fuzzy_date import FuzzyDate, cautions
from services.editing import field_values
from services.editing.field_values import FieldError


class DatePhraseField(StringField):
    """A date typed as people write it; a reading chosen after it replaces the text."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist[-1:])


class ClaimDatesMixin:
    """Choices and cautions for the date fields of a form that has read its values into
    `parsed` (services.editing.claim_input.Parsed)."""

    parsed: Any

    def _reference(self, name: str) -> FuzzyDate | None:
        # The claim's dates are read against the source's publication date; that one alone.
        if name == "source_published" or self.parsed is None:
            return None
        source = self.parsed.values.get("source")
        return source.published if source is not None else None

    def date_choices(self, name: str) -> tuple[str, ...]:
        """The readings of an ambiguous date, each ready to use; empty otherwise."""
        field = self[name]  # type: ignore[index]
        if not field.errors:
            return ()
        try:
            field_values.fuzzy_date(field.data, "date", self._reference(name))
        except FieldError as error:
            return error.choices
        return ()

    def date_cautions(self, name: str) -> list[str]:
        """What to check about a date that was read: it is wider than the day it names, or
        it was read against an uncertain publication date."""
        field = self[name]  # type: ignore[index]
        if self.parsed is None or field.errors or not (field.data or "").strip():
            return []
        reference = self._reference(name)
        try:
            value = field_values.fuzzy_date(field.data, "date", reference)
        except FieldError:
            return []
        return cautions(field_values.as_text(field.data), value, reference) if value else []
