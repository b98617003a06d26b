"""Sign-in and sign-out for moderators and administrators."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from mapapp.accounts.users import authenticate
from mapapp.http.auth import SignedIn
from mapapp.http.context import writing
from mapapp.i18n import address_language
from mapapp.web import blueprint


def _local_target(target: str | None) -> str:
    """Only a path on this site: never a redirect to another host."""
    target = target or ""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("web.moderation_page", lang=address_language())
    return target


@blueprint.get("/login")
def login_form():
    return render_template("login.html", next=request.args.get("next") or "")


@blueprint.post("/login")
def login():
    email = request.form.get("email", "")
    with writing() as session:  # a password hash may be upgraded on sign-in
        account = authenticate(session, email, request.form.get("password", ""))
    if account is None:
        message = _("The e-mail address or the password is wrong.")
        return render_template("login.html", error=message, next=""), 401
    login_user(SignedIn(account))
    return redirect(_local_target(request.form.get("next")))


@blueprint.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("web.index", lang=address_language()))
