"""Report messages that lack a translation in any language (run after `pybabel update`).

    python scripts/check_translations.py              # every mapapp/translations/*/
    python scripts/check_translations.py mapapp/translations/kk/LC_MESSAGES/messages.po

Each catalogue is checked against the template (messages.pot): a message is missing when the
catalogue does not have it, has no translation (or an empty plural form), is marked fuzzy,
or does not keep the placeholders (such as %(n)s) of the English original. Exits non-zero
when anything is missing, naming the language and the message.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "mapapp" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def _read(path: Path) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh)


def _key(message_id: str | tuple) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def catalogues() -> list[Path]:
    """Every language's catalogue under mapapp/translations/."""
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def problems(path: Path, template: Path | None = TEMPLATE) -> list[str]:
    """What is wrong with one catalogue, one line per message."""
    catalog = _read(path)
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        key = _key(message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {key!r}")
        elif not all(strings):
            found.append(f"untranslated: {key!r}")
        elif isinstance(message.id, tuple) and len(strings) != catalog.num_plurals:
            found.append(f"wrong number of plural forms: {key!r}")
        else:
            wanted = _placeholders(key)
            if "python-format" in message.flags and any(
                _placeholders(s) != wanted for s in strings
            ):
                found.append(f"placeholders differ: {key!r}")
    if template is not None and template.exists():
        present = {_key(m.id) for m in catalog if m.id}
        for message in _read(template):
            if message.id and _key(message.id) not in present:
                found.append(f"not in the catalogue: {_key(message.id)!r}")
    return found


def language(path: Path) -> str:
    return path.parent.parent.name


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or catalogues()
    if not paths:
        print(f"no catalogues under {TRANSLATIONS}")
        return 1
    failed = False
    for path in paths:
        for problem in problems(path):
            print(f"{language(path)}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
