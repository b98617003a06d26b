"""Every language's catalogue is complete, and the check that says so really fails."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from mapapp.i18n import LANGUAGE_NAMES
from mapapp.settings import SUPPORTED_LANGUAGES, Settings

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "mapapp" / "translations"
SCRIPT = ROOT / "scripts" / "check_translations.py"
# Words that stay in Latin letters in every language: formats, services, the unit sign.
LATIN_KEPT = {
    "PDF", "JSON", "GeoJSON", "CSV", "GPX", "KML", "OpenStreetMap", "API", "QR", "https",
    "JPEG", "PNG", "WebP", "CSRF",
}  # fmt: skip


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True
    )


def _catalogue(lang: str) -> Catalog:
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh)


def test_every_language_has_every_message_translated():
    result = _check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_languages_offered_are_the_catalogues_plus_english():
    catalogues = {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")}
    assert catalogues | {"en"} == set(SUPPORTED_LANGUAGES) == {"ru", "en", "kk", "be"}
    assert Settings().languages == SUPPORTED_LANGUAGES
    assert LANGUAGE_NAMES == {"ru": "Русский", "en": "English", "kk": "Қазақша", "be": "Беларуская"}


@pytest.mark.parametrize("lang", ["kk", "be", "ru"])
def test_default_language_can_be_any_of_the_four(lang):
    assert Settings(default_language=lang).default_language == lang


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        Settings(default_language="de")
    with pytest.raises(ValueError, match="unsupported languages"):
        Settings(languages=("ru", "xx"))


@pytest.mark.parametrize(("lang", "nplurals"), [("ru", 3), ("kk", 2), ("be", 3)])
def test_plural_forms_fit_the_language(lang, nplurals):
    catalogue = _catalogue(lang)
    assert catalogue.num_plurals == nplurals
    for message in catalogue:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == nplurals and all(message.string), message.id


@pytest.mark.parametrize("lang", ["ru", "kk", "be"])
def test_no_english_is_left_in_a_translation(lang):
    for message in _catalogue(lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            words = re.findall(r"[A-Za-z]+", re.sub(r"%\(\w+\)s|\{\w+\}", "", string))
            assert set(words) <= LATIN_KEPT, (lang, message.id, string)


def _broken_catalogue(tmp_path: Path) -> Path:
    with open(TRANSLATIONS / "messages.pot", "rb") as fh:
        template = read_po(fh)
    catalogue = Catalog(locale="kk")
    for message in template:
        if message.id:
            catalogue.add(message.id, "аударма", flags=message.flags)
    catalogue["Mass grave"].string = ""
    catalogue["Memorial"].flags.add("fuzzy")
    catalogue["Found: %(n)s"].string = "Табылды: %(count)s"
    del catalogue["Partisan"]
    path = tmp_path / "kk" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as fh:
        write_po(fh, catalogue, width=100)
    return path


def test_the_check_fails_naming_the_language_and_each_message(tmp_path):
    result = _check(str(_broken_catalogue(tmp_path)))
    assert result.returncode == 1
    lines = set(result.stdout.splitlines())
    assert {
        "kk: untranslated: 'Mass grave'",
        "kk: fuzzy: 'Memorial'",
        "kk: placeholders differ: 'Found: %(n)s'",
        "kk: not in the catalogue: 'Partisan'",
    } <= lines, result.stdout
    assert all(line.startswith("kk: ") for line in lines)


def test_the_check_also_names_an_untranslated_error_message(tmp_path):
    # The core's error messages (marked N_) are in the template like every other string.
    catalogue = _catalogue("kk")
    catalogue["%(name)s must be 0 or 1"].string = ""
    catalogue["no burial site with id %(id)s"].string = "%(n)s нөмірлі жерлеу орны жоқ"
    del catalogue["%(name)s must be 4 comma-separated numbers %(form)s; got %(given)s value(s)"]
    path = tmp_path / "kk" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as fh:
        write_po(fh, catalogue, width=100)
    result = _check(str(path))
    assert result.returncode == 1
    assert set(result.stdout.splitlines()) == {
        "kk: untranslated: '%(name)s must be 0 or 1'",
        "kk: placeholders differ: 'no burial site with id %(id)s'",
        "kk: not in the catalogue: "
        "'%(name)s must be 4 comma-separated numbers %(form)s; got %(given)s value(s)'",
    }, result.stdout
