"""Text from a contributor, checked before it reaches the database."""

from __future__ import annotations

import unicodedata

from mapapp.errors import N_, InvalidInput, not_between


def clean_text(value, name: str, max_length: int, required: bool = False) -> str | None:
    """A stripped string, or None when empty and optional; InvalidInput naming ``name``
    for anything PostgreSQL could not store or a person would not have meant."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(N_("%(name)s must be text"), parameter=name, name=name)
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        if required:
            raise InvalidInput(N_("%(name)s is required"), parameter=name, name=name)
        return None
    if len(value) > max_length:
        raise InvalidInput(
            N_("%(name)s is longer than %(max)s characters"),
            parameter=name,
            name=name,
            max=max_length,
        )
    if any(ord(c) < 32 and c not in "\n\t" for c in value) or "\x7f" in value:
        raise InvalidInput(N_("%(name)s contains control characters"), parameter=name, name=name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            N_("%(name)s is not valid Unicode text"), parameter=name, name=name
        ) from exc
    return value


def clean_int(value, name: str, low: int, high: int, required: bool = False) -> int | None:
    """A whole number in [low, high] given as a number or as digits; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(N_("%(name)s is required"), parameter=name, name=name)
        return None
    if isinstance(value, bool):
        raise InvalidInput(N_("%(name)s must be a whole number"), parameter=name, name=name)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 12 or not text.isascii() or not text.lstrip("-").isdigit():
            raise InvalidInput(N_("%(name)s must be a whole number"), parameter=name, name=name)
        value = int(text)
    if not isinstance(value, int):
        raise InvalidInput(N_("%(name)s must be a whole number"), parameter=name, name=name)
    if not low <= value <= high:
        raise not_between(name, low, high)
    return value
