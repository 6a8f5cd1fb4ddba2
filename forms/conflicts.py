"""The conflict form: settling, field by field, an edit saved over by someone else.

Only the fields both editors changed to different values are asked about, and nothing is
chosen for the editor: the form refuses to save until each of them is settled (issue #14).
"""

from __future__ import annotations

import json
from typing import Any

from wtforms import HiddenField, RadioField, SubmitField

from forms.fields import VersionedForm, options
from i18n import _, _l
from services.editing.claim_input import FIELDS as CLAIM_FIELDS
from services.editing.concurrent_edits import MINE, THEIRS
from services.editing.entity_writes import ENTITY_FIELDS
from services.editing.source_writes import SOURCE_FIELDS

UNSETTLED = _l(
    "Choose, for each field below, your value or the one saved since: "
    "nothing is chosen for you, so that nobody's work is undone by one click."
)


class ConflictForm(VersionedForm):
    """`mine` carries the editor's values as JSON (read again by the same service when posted,
    never trusted); `base` is the version the editor loaded, `version` the one saved since
    that this page shows. There is a `take_<field>` choice for every editable field."""

    mine = HiddenField()
    base = HiddenField()
    save = SubmitField(_l("Save with these choices"))

    def mine_raw(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.mine.data or "")
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    @property
    def base_version(self) -> int | None:
        data = self.base.data
        return int(data) if isinstance(data, str) and data.isdigit() and len(data) < 10 else None

    def choices(self) -> dict[str, str]:
        """{field: "mine" or "theirs"} for every field whose choice was made."""
        return {
            name.removeprefix("take_"): field.data
            for name, field in self._fields.items()
            if name.startswith("take_") and field.data in (MINE, THEIRS)
        }

    def refuse_unsettled(self, names: list[str]) -> None:
        """Say, at the top and at each field, that a choice is still to be made."""
        self.form_errors.append(str(UNSETTLED))
        for name in names:
            self[f"take_{name}"].errors = [_("Choose yours or theirs.")]


# One choice per editable field of a claim, a source or an entity, with no default.
for _name in dict.fromkeys((*CLAIM_FIELDS, *SOURCE_FIELDS, *ENTITY_FIELDS)):
    setattr(
        ConflictForm,
        f"take_{_name}",
        RadioField(
            choices=options([(MINE, _l("Keep yours")), (THEIRS, _l("Take theirs"))]),
            default=None,
            validate_choice=False,
        ),
    )
