"""Who is signed in, for the API and the pages alike (Flask-Login on a signed session)."""

from __future__ import annotations

from flask import current_app
from flask_login import UserMixin, current_user

from mapapp.accounts.users import Account, get_account
from mapapp.contributions.decisions import Decider
from mapapp.errors import N_, Forbidden, Unauthorized
from mapapp.http.context import get_session

RANKS = {"moderator": 1, "admin": 2}


class SignedIn(UserMixin):
    def __init__(self, account: Account):
        self.account = account

    def get_id(self) -> str:
        return str(self.account.id)


def load_user(user_id: str):
    if not user_id.isdigit() or len(user_id) > 10:
        return None
    account = get_account(get_session(), int(user_id))
    return SignedIn(account) if account else None


def unauthorized():
    raise Unauthorized(N_("sign in as a moderator first"))


def signed_in_account() -> Account | None:
    return current_user.account if current_user.is_authenticated else None


def require(role: str) -> Decider:
    """The signed-in user as a Decider if their role is at least ``role``."""
    account = signed_in_account()
    if account is None:
        raise Unauthorized(N_("sign in as a moderator first"))
    if RANKS[account.role] < RANKS[role]:
        raise Forbidden(N_("this needs the %(role)s role"), role=role)
    return Decider(account.id, account.role)


def require_for_change(role: str) -> Decider:
    """``require``, then the session's CSRF token (X-CSRFToken): a request without a
    session is told to sign in (401) rather than about a token it could not have. The
    views using this are exempt from the global check (mapapp.http.security)."""
    decider = require(role)
    current_app.extensions["csrf"].protect()
    return decider


def is_moderator() -> bool:
    return signed_in_account() is not None
