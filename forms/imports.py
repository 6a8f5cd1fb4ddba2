"""The import upload form and its confirmation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, SubmitField

from forms.fields import SummaryMixin, options

FORMAT_CHOICES = (
    ("", "Tell from the file"),
    ("json", "Claimline JSON (an export of a dossier)"),
    ("csv", "CSV with Claimline's columns"),
    ("timelinejs", "TimelineJS sheet (saved as CSV) or TimelineJS JSON"),
)


class ImportForm(SummaryMixin, FlaskForm):
    file = FileField(
        "File",
        validators=[FileRequired("Choose the file to import.")],
        description="A .json or .csv file of at most 1 MB, in UTF-8.",
        render_kw={"accept": ".json,.csv,.tsv,.txt,application/json,text/csv"},
    )
    format = SelectField("Format", choices=options(FORMAT_CHOICES), default="")
    preview = SubmitField("Check the file")


class ConfirmImportForm(FlaskForm):
    token = HiddenField()
    confirm = SubmitField("Import these changes")
