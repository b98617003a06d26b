"""Create accounts and check passwords (argon2id via argon2-cffi)."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mapapp.contributions.text import clean_text
from mapapp.errors import N_, Conflict, InvalidInput, not_one_of
from mapapp.models import ROLES, User

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so that a wrong address takes as long as
# a wrong password.
_DUMMY_HASH = _hasher.hash("no such user")
MIN_PASSWORD = 12


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: str


def add_user(session: Session, email: str, password: str, role: str) -> Account:
    email = (clean_text(email, "email", 254, required=True) or "").lower()
    if "@" not in email:
        raise InvalidInput(N_("%(name)s must be an e-mail address"), "email", name="email")
    if role not in ROLES:
        raise not_one_of("role", ROLES)
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            N_("%(name)s must have at least %(min)s characters"),
            "password",
            name="password",
            min=MIN_PASSWORD,
        )
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict(N_("an account for %(email)s exists already"), "email", email=email)
    user = User(email=email, password_hash=_hasher.hash(password), role=role, active=True)
    session.add(user)
    session.flush()
    return Account(user.id, user.email, user.role)


def authenticate(session: Session, email: str, password: str) -> Account | None:
    """The account when the password matches an active account, else None."""
    if not _plausible(email, 254) or not _plausible(password, 1000):
        return None
    user = session.scalar(select(User).where(User.email == func.lower(email.strip())))
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return Account(user.id, user.email, user.role)


def get_account(session: Session, user_id: int) -> Account | None:
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    return Account(user.id, user.email, user.role)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _plausible(value, max_length: int) -> bool:
    """Text PostgreSQL and argon2 can take: a string, not too long, no NUL, valid UTF-8."""
    if not isinstance(value, str) or len(value) > max_length or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
