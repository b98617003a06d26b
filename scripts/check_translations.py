"""Report messages that lack a Russian translation (run after `pybabel update`).

    python scripts/fill_translations.py mapapp/translations/ru/LC_MESSAGES/messages.po
Exits non-zero when any message is untranslated or fuzzy, naming each one.
"""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po


def missing(path: str) -> list[str]:
    with open(path, "rb") as fh:
        catalog = read_po(fh)
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]


if __name__ == "__main__":
    gaps = missing(sys.argv[1])
    for message in gaps:
        print(f"untranslated: {message!r}")
    sys.exit(1 if gaps else 0)
