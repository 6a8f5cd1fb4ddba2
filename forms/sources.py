"""The source form."""

from __future__ import annotations

from typing import Any

from flask_wtf.file import FileField
from wtforms import SelectField, StringField, SubmitField, TextAreaField, ValidationError

from forms.claim_source import RELIABILITY_CHOICES
from forms.fields import VersionedForm, attach_errors, formatted, labelled
from i18n import _, _l
from models.limits import NOTES_MAX, SOURCE_TEXT_MAX, SOURCE_TEXT_UPLOADS
from models.vocabulary import SourceKind
from services.editing import source_writes, text_extraction
from services.editing.source_writes import SOURCE_FIELDS, SourceInput


class SourceForm(VersionedForm):
    title = TextAreaField(_l("Title"), render_kw={"rows": 2})
    outlet = StringField(_l("Outlet"), description=_l("The publication or organisation."))
    author = StringField(_l("Author"), render_kw={"autocomplete": "off"})
    url = StringField(
        _l("Web address"),
        description=_l("Starting with https://"),
        render_kw={"inputmode": "url"},
    )
    language = StringField(
        _l("Language"),
        description=_l('A language code: "fr" for French, "en" for English.'),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    kind = SelectField(
        _l("Kind"),
        choices=labelled(SourceKind),
        default=SourceKind.NEWS_ARTICLE.value,
        validate_choice=False,
    )
    published = StringField(
        _l("Published"),
        description=_l('As you would write it: "13 October 2025", "July 2024", "around 2023".'),
        render_kw={"autocomplete": "off", "data-parse-date": ""},
    )
    reliability = SelectField(
        _l("Reliability"),
        description=_l("The Admiralty grade of the source's track record."),
        choices=RELIABILITY_CHOICES,
        validate_choice=False,
    )
    notes = TextAreaField(
        _l("Notes"),
        description=_l("Markdown. Up to %(count)s characters.", count=formatted(NOTES_MAX)),
        render_kw={"rows": 5, "data-count-limit": str(NOTES_MAX)},
    )
    text = TextAreaField(
        _l("Full text"),
        description=_l(
            "The document's words, one paragraph per line or between blank lines; "
            "paragraphs are numbered from 1 (the title, if pasted first). "
            "Up to %(count)s characters.",
            count=formatted(SOURCE_TEXT_MAX),
        ),
        render_kw={"rows": 10, "data-count-limit": str(SOURCE_TEXT_MAX)},
    )
    text_file = FileField(
        _l("Or upload the text"),
        description=_l(
            "A %(kinds)s file; a web page gives its main text, without menus.",
            kinds=", ".join(f".{kind}" for kind in SOURCE_TEXT_UPLOADS),
        ),
        render_kw={"accept": ",".join(f".{kind}" for kind in SOURCE_TEXT_UPLOADS)},
    )
    save = SubmitField(_l("Save source"))

    def raw(self) -> dict[str, Any]:
        return {name: self[name].data for name in SOURCE_FIELDS}

    def validate_text_file(self, field):
        """An uploaded file's text takes the place of the pasted text."""
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        if (self.text.data or "").strip():
            raise ValidationError(_("Paste the text or upload a file, not both."))
        try:
            self.text.data = text_extraction.extract(upload.filename, upload.read())
        except text_extraction.UnreadableFile as error:
            raise ValidationError(str(error)) from None

    def read(self) -> SourceInput | None:
        """Validate; the SourceInput, or None with messages next to the fields."""
        valid = self.validate()
        data, errors = source_writes.parse_source(self.raw())
        attach_errors(self, errors, {})
        return data if valid and not errors else None
