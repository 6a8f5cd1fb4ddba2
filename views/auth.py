"""Signing in and out: the sign-in form and the sign-out button."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user

from db import get_session
from forms.auth import DisplayNameForm, LoginForm
from i18n import _
from services.accounts import users as auth_service
from web.security import client_address
from web.sign_in import Editor, safe_next, start_session_clock

auth = Blueprint("auth", __name__)


@auth.route("/login", methods=["GET", "POST"])
def login():
    """Sign in; failures count against the name and the address (services.accounts.users)."""
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    status, retry_after = 200, None
    if form.validate_on_submit():
        result = auth_service.authenticate(
            get_session(), form.username.data, form.password.data, client_address()
        )
        if result.user is not None:
            session.clear()  # a new session at sign-in: nothing carried over from before
            login_user(Editor(result.user))
            start_session_clock()
            get_session().commit()
            flash(_("Signed in as %(name)s.", name=result.user.display_name), "success")
            return redirect(safe_next(form.next.data))
        get_session().commit()  # the failure counts even though the page is shown again
        form.form_errors.append(result.message)
        status, retry_after = result.status, result.retry_after
    elif form.is_submitted():
        status = 422
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return render_template("auth/login.html", form=form), status, headers


@auth.post("/logout")
def logout():
    """Sign out everywhere: the session version moves, so every open session ends."""
    if current_user.is_authenticated:
        auth_service.end_sessions(current_user.user)
        get_session().commit()
    logout_user()
    session.clear()
    flash(_("Signed out."), "success")
    return redirect(url_for("dossiers.index"))


@auth.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """The signed-in editor chooses the name shown on their work."""
    user = current_user.user
    form = DisplayNameForm(display_name=user.display_name)
    if form.validate_on_submit():
        try:
            auth_service.set_display_name(user, form.display_name.data)
        except auth_service.AccountError as error:
            form.display_name.errors = [str(error)]
        else:
            get_session().commit()
            flash(_("Your work is now shown as %(name)s.", name=user.display_name), "success")
            return redirect(url_for("auth.account"))
    status = 422 if form.is_submitted() else 200
    return render_template("auth/account.html", form=form), status
