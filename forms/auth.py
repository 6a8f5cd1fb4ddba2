"""Signing in, and the account's display name."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from forms.fields import SummaryMixin
from models.limits import DISPLAY_NAME_MAX


class LoginForm(SummaryMixin, FlaskForm):
    username = StringField(
        "Name",
        validators=[InputRequired("Enter your name.")],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    submit = SubmitField("Sign in")


class DisplayNameForm(SummaryMixin, FlaskForm):
    display_name = StringField(
        "Display name",
        validators=[
            InputRequired("Enter the name readers should see."),
            Length(max=DISPLAY_NAME_MAX, message=f"At most {DISPLAY_NAME_MAX} characters."),
        ],
        description="Shown on your edits in histories and feeds; never your sign-in name.",
        render_kw={"autocomplete": "nickname"},
    )
    submit = SubmitField("Save")
