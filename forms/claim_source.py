"""The claim form's source: the document the claim appears in (chosen, or described inline
with its kind and reliability) and the outlet it credits ("via", chosen or named inline)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wtforms import SelectField, StringField, ValidationError
from wtforms.fields.choices import SelectChoice

import i18n
from forms.claim_people import NEW
from forms.dates import DatePhraseField
from forms.fields import labelled, options, translated
from i18n import _, _l
from models import Source
from models.vocabulary import RELIABILITY_GRADES, SourceKind

# The inline new source's fields (after "source_"), and the inline outlet credited's.
NEW_SOURCE_FIELDS = ("title", "outlet", "url", "published", "kind", "reliability")
NEW_VIA_FIELDS = ("title", "url")
# Service names of nested values, and the form fields that hold them.
NESTED_FIELDS = {f"source.{name}": f"source_{name}" for name in NEW_SOURCE_FIELDS} | {
    "source.author": "source",
    "source.language": "source",
    "source.notes": "source",
    "via.title": "via_title",
    "via.url": "via_url",
    "via.outlet": "via_title",
    "via.published": "via",
}
# What a source says until someone grades it: the same words as the source form's.
RELIABILITY_CHOICES = options(
    [("", _l("Not graded"))]
    + [
        (grade, _l("%(grade)s: %(words)s", grade=grade, words=translated(words)))
        for grade, words in RELIABILITY_GRADES.items()
    ]
)


def _lang_of(source: Source) -> dict[str, str]:
    language = i18n.content_language(source, "outlet")
    return {} if language is None else {"lang": language}


def source_label(source: Source) -> str:
    title = source.title if len(source.title) <= 80 else source.title[:79] + "…"
    parts = [title]
    if source.outlet:
        parts.append(source.outlet if len(source.outlet) <= 40 else source.outlet[:39] + "…")
    if source.published:
        parts.append(source.published.label)
    return " — ".join(parts)


class ClaimSourceMixin:
    """Source and via fields of ClaimForm, with their checks and pickers."""

    source = SelectField(
        _l("Source"),
        description=_l("The document the claim appears in."),
        validate_choice=False,
    )
    source_title = StringField(_l("Title of the new source"))
    source_outlet = StringField(_l("Outlet"), description=_l("The publication or organisation."))
    source_url = StringField(
        _l("Web address"),
        description=_l("Starting with https://"),
        render_kw={"inputmode": "url"},
    )
    source_published = DatePhraseField(
        _l("Published"),
        description=_l('As you would write it: "13 October 2025", "July 2024".'),
        render_kw={"autocomplete": "off", "data-parse-date": ""},
    )
    source_kind = SelectField(
        _l("Kind of source"),
        choices=labelled(SourceKind),
        default=SourceKind.NEWS_ARTICLE.value,
        validate_choice=False,
    )
    source_reliability = SelectField(
        _l("Reliability"),
        description=_l("The Admiralty grade of the source's track record."),
        choices=RELIABILITY_CHOICES,
        validate_choice=False,
    )
    via = SelectField(
        _l("Via"),
        description=_l("The outlet the source credits for this claim, if it credits one."),
        validate_choice=False,
    )
    via_title = StringField(
        _l("Name of the new outlet credited"),
        description=_l('As the source credits it: "Reuters".'),
    )
    via_url = StringField(
        _l("Its web address"),
        description=_l("Starting with https://"),
        render_kw={"inputmode": "url"},
    )

    if TYPE_CHECKING:  # the form supplies its fields by name

        def __getitem__(self, name: str) -> Any: ...

    def validate_source_title(self, field):
        if self["source"].data not in ("", NEW, None) and self._typed("source", ("title",)):
            raise ValidationError(
                _(
                    'You chose an existing source: choose "A new source" to add this one '
                    "instead, or clear these fields."
                )
            )

    def validate_via_title(self, field):
        if self["via"].data not in ("", NEW, None) and (field.data or "").strip():
            raise ValidationError(
                _(
                    'You chose an outlet from the list: choose "A new outlet" to add one '
                    "instead, or clear this field."
                )
            )

    def prepare_sources(self, sources: list[Source]) -> None:
        """Fill the source and via pickers with the dossier's sources."""
        # Each source's option in its outlet's language (else its title's), when not the page's.
        choices = [
            SelectChoice(str(source.id), source_label(source), render_kw=_lang_of(source))
            for source in sources
        ]
        self["source"].choices = [
            *options([("", _("Choose a source…"))]),
            *choices,
            *options([(NEW, _("A new source (describe it below)"))]),
        ]
        self["via"].choices = [
            *options([("", _("None: the source speaks for itself"))]),
            *choices,
            *options([(NEW, _("A new outlet (name it below)"))]),
        ]

    def _typed(self, prefix: str, names: tuple[str, ...]) -> bool:
        return any((self[f"{prefix}_{name}"].data or "").strip() for name in names)

    def sources_raw(self, raw: dict[str, Any]) -> None:
        """Put a new source or outlet, typed in the form, in `raw` as a new source's fields."""
        if self["source"].data == NEW or (not self["source"].data and self["source_title"].data):
            raw["source"] = {name: self[f"source_{name}"].data for name in NEW_SOURCE_FIELDS}
        if self["via"].data == NEW or (not self["via"].data and self["via_title"].data):
            # An outlet credited is named once: its name is the new source's title and outlet.
            name = self["via_title"].data
            raw["via"] = {"title": name, "outlet": name, "url": self["via_url"].data}


def sources_form_data(raw: Mapping[str, Any], data: dict[str, Any]) -> None:
    """A new source or outlet in raw claim values, as the form's inline fields."""
    source = raw.get("source")
    if isinstance(source, Mapping):
        data["source"] = NEW
        data.update({f"source_{name}": source.get(name) or "" for name in NEW_SOURCE_FIELDS})
        data["source_kind"] = data["source_kind"] or SourceKind.NEWS_ARTICLE.value
    via = raw.get("via")
    if isinstance(via, Mapping):
        data["via"] = NEW
        data.update({f"via_{name}": via.get(name) or "" for name in NEW_VIA_FIELDS})
