"""The import upload form and its confirmation."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, SubmitField

from forms.fields import SpeakingForm, options, translated
from i18n import N_, _l

FORMAT_CHOICES = (
    ("", N_("Tell from the file")),
    ("json", N_("Claimline JSON (an export of a dossier)")),
    ("csv", N_("CSV with Claimline's columns")),
    ("timelinejs", N_("TimelineJS sheet (saved as CSV) or TimelineJS JSON")),
)


class ImportForm(SpeakingForm):
    file = FileField(
        _l("File"),
        validators=[FileRequired(_l("Choose the file to import."))],
        description=_l("A .json or .csv file of at most 1 MB, in UTF-8."),
        render_kw={"accept": ".json,.csv,.tsv,.txt,application/json,text/csv"},
    )
    format = SelectField(
        _l("Format"),
        choices=options((value, translated(label)) for value, label in FORMAT_CHOICES),
        default="",
    )
    preview = SubmitField(_l("Check the file"))


class ConfirmImportForm(SpeakingForm):
    token = HiddenField()
    confirm = SubmitField(_l("Import these changes"))
