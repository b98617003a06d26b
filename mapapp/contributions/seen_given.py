"""The value of the corrected field its sender says they saw: the hidden value a page's
correction form sends (the one it displayed), or the API's ``value_seen``. Checked as
the field's own value is; told apart from the value now only by what a person can see."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from mapapp.contributions.fields import FIELDS
from mapapp.contributions.text import clean_text
from mapapp.errors import N_, InvalidInput

PARAMETER = "value_seen"


@dataclass(frozen=True)
class Seen:
    """A value seen that the sender gave; None is an empty field. ``refused``: the
    field's check refused it (an imported rank longer than a correction may be): it is
    taken only where it is the value now, as a page shows a stored value it did not
    check (seen.record_seen), else refused as the check said."""

    value: object
    refused: InvalidInput | None = None


# Text a page may have displayed: an imported cell is at most this long.
MAX_SEEN_CHARS = 10_000


def parse_value_seen(kind: str, target_type: str, field: str | None, data: Mapping) -> Seen | None:
    """Seen, or None when the sender gave no value seen (an older client: the value at
    storing is kept instead). Empty is an empty field, even for a required one (whose
    approval then finds it changed); anything else passes the field's check."""
    if PARAMETER not in data:
        return None
    if kind != "correction" or field is None:
        raise InvalidInput(
            N_("%(name)s is only for a correction: the value of its field that the sender saw"),
            PARAMETER,
            name=PARAMETER,
        )
    raw = data[PARAMETER]
    if isinstance(raw, str):
        # A form sends its line breaks as CR LF; a record imported from a file may hold
        # either kind. Neither is a control character here.
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        if not raw.strip():
            return Seen(None)
    if raw is None:
        return Seen(None)
    try:
        return Seen(FIELDS[target_type][field].parse(raw, PARAMETER))
    except InvalidInput as refused:
        if not isinstance(raw, str):
            raise
        try:
            return Seen(clean_text(raw, PARAMETER, MAX_SEEN_CHARS), refused)
        except InvalidInput:
            raise refused from None


def same_to_the_eye(given, now) -> bool:
    """Whether a value seen and the field's value now differ only where no one could see
    it: line breaks, spaces at either end, how Unicode composes a letter (й as one
    character or two), an empty text and no text."""
    return _as_seen(given) == _as_seen(now)


def _as_seen(value):
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return unicodedata.normalize("NFC", value) or None
