"""Signing in, and the account's display name."""

from __future__ import annotations

from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from forms.fields import SpeakingForm
from i18n import _l
from models.limits import DISPLAY_NAME_MAX


class LoginForm(SpeakingForm):
    username = StringField(
        _l("Name"),
        validators=[InputRequired(_l("Enter your name."))],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class DisplayNameForm(SpeakingForm):
    display_name = StringField(
        _l("Display name"),
        validators=[
            InputRequired(_l("Enter the name readers should see.")),
            Length(
                max=DISPLAY_NAME_MAX,
                message=_l("At most %(count)s characters.", count=DISPLAY_NAME_MAX),
            ),
        ],
        description=_l("Shown on your edits in histories and feeds; never your sign-in name."),
        render_kw={"autocomplete": "nickname"},
    )
    submit = SubmitField(_l("Save"))
