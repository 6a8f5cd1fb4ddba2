"""The dossier form, and the archive and restore button."""

from __future__ import annotations

from typing import Any

from wtforms import Field, RadioField, SelectField, StringField, SubmitField, TextAreaField

import i18n
from forms.fields import VersionedForm, attach_errors, check, formatted, labelled
from i18n import _l
from models.limits import (
    DOSSIER_MARKDOWN_MAX,
    DOSSIER_SLUG_MAX,
    DOSSIER_SUBJECT_MAX,
    DOSSIER_TITLE_MAX,
)
from models.vocabulary import Visibility
from services.editing import dossier_writes
from services.editing.dossier_writes import DOSSIER_FIELDS, DossierInput


class DossierForm(VersionedForm):
    title = StringField(
        _l("Title"),
        description=_l(
            "The story, as a reader would name it. Up to %(count)s characters.",
            count=formatted(DOSSIER_TITLE_MAX),
        ),
        render_kw={"maxlength": str(DOSSIER_TITLE_MAX), "data-slug-source": ""},
    )
    slug = StringField(
        _l("Address name"),
        description=_l(
            "The last part of the dossier's address: "
            "lower-case letters, digits and dashes, at most %(count)s. "
            "Leave it empty to have one made from the title.",
            count=formatted(DOSSIER_SLUG_MAX),
        ),
        render_kw={
            "maxlength": str(DOSSIER_SLUG_MAX),
            "autocomplete": "off",
            "spellcheck": "false",
            "data-slug-target": "",
        },
    )
    subject = StringField(
        _l("Subject"),
        description=_l(
            "One line: who or what the dossier follows. Up to %(count)s.",
            count=formatted(DOSSIER_SUBJECT_MAX),
        ),
    )
    summary = TextAreaField(
        _l("Summary"),
        description=_l(
            "Markdown: what the story is, for a reader arriving on the timeline. "
            "Up to %(count)s characters.",
            count=formatted(DOSSIER_MARKDOWN_MAX),
        ),
        render_kw={"rows": 6, "data-count-limit": str(DOSSIER_MARKDOWN_MAX)},
    )
    methodology = TextAreaField(
        _l("Methodology"),
        description=_l("Markdown: how claims were gathered and graded."),
        render_kw={"rows": 6, "data-count-limit": str(DOSSIER_MARKDOWN_MAX)},
    )
    visibility = RadioField(
        _l("Who may read it"),
        choices=labelled(Visibility),
        default=dossier_writes.DEFAULT_VISIBILITY.value,
        validate_choice=False,
    )
    print_language = SelectField(
        i18n.lazy_gettext("Language of the printed briefing"),
        description=i18n.lazy_gettext(
            "The briefing and its PDF print in this language, whatever the reader's."
        ),
        choices=lambda: [("", i18n.gettext("Each reader's own language"))]
        # Each language named in itself, and marked so (a screen reader says it rightly).
        + [(code, i18n.native_name(code), {"lang": code}) for code in i18n.LANGUAGES],
        validate_choice=False,
    )
    statement_language = StringField(
        i18n.lazy_gettext("Language of the statements"),
        description=i18n.lazy_gettext(
            'A language code: "en" for English, "fr" for French. A claim may say otherwise.'
        ),
        default=i18n.SOURCE_LANGUAGE,
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    save = SubmitField(_l("Save dossier"))
    visibility_locked = False

    def validate_slug(self, field: Field) -> None:
        check(field, dossier_writes.slug)

    def lock_slug(self) -> None:
        """Show the address as it is, read-only: the dossier has claims."""
        self.slug.render_kw = {**(self.slug.render_kw or {}), "readonly": True}
        self.slug.description = dossier_writes.SLUG_LOCKED

    def lock_visibility(self, current: Visibility) -> None:
        """Show who may read the dossier, unchangeable: the editor is not an admin. Call it
        after `read`: the disabled buttons send nothing, which leaves the visibility alone."""
        self.visibility.data = current.value
        self.visibility.description = dossier_writes.ADMINS_ONLY_VISIBILITY
        self.visibility_locked = True

    def raw(self) -> dict[str, Any]:
        return {name: self[name].data for name in DOSSIER_FIELDS}

    def read(self) -> DossierInput | None:
        """Validate; the DossierInput, or None with messages next to the fields."""
        valid = self.validate()
        data, errors = dossier_writes.parse_dossier(self.raw())
        attach_errors(self, errors, {})
        return data if valid and not errors else None

    def refuse(self, errors: dict[str, str]) -> None:
        """Show the service's reasons for not writing next to their fields."""
        attach_errors(self, errors, {})


class ArchiveForm(VersionedForm):
    """One button: archive the dossier, or restore it, at the version shown."""

    archive = SubmitField(_l("Archive"))
    restore = SubmitField(_l("Restore"))
