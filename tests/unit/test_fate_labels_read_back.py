"""The app's own fate labels, in every language it shows them in, are read back by the
importer as the fate they label and say no more than it: a register exported from the app,
or typed by someone copying its page, is imported as shown ("Хабар-ошарсыз кетті",
"Пакараны смерцю", "Жазаланған"), Kazakh typed without its letters too. The labels are
read from the catalogues, so a label translated anew is checked as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mapapp.importers.fate_cells import parse_fate, says_only_the_fate
from mapapp.models import FATES
from mapapp.queries.fate_as_written import fate_as_written
from mapapp.text.kazakh_letters import kazakh_spellings
from mapapp.web.labels import FATE_LABELS

TRANSLATIONS = Path(__file__).resolve().parents[2] / "mapapp" / "translations"
LANGUAGES = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def _msgid(code: str) -> str:
    """The English msgid of a fate's label (a lazy string: its gettext's argument)."""
    msgid = FATE_LABELS[code]._args[0]
    assert isinstance(msgid, str) and msgid
    return msgid


def _labels() -> list[tuple[str, str, str]]:
    """(language, code, label) for every fate label: the msgid, each catalogue's
    translation of it, and each spelling of the Kazakh one typed without Kazakh letters."""
    labels = [("en", code, _msgid(code)) for code in FATE_LABELS]
    for lang in LANGUAGES:
        with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
            catalogue = read_po(fh)
        for code in FATE_LABELS:
            message = catalogue.get(_msgid(code))
            assert message is not None and message.string, (lang, code)
            labels.append((lang, code, message.string))
            if lang == "kk":
                typed = kazakh_spellings(message.string) - {message.string}
                labels += [("kk typed", code, spelling) for spelling in sorted(typed)]
    return labels


LABELS = _labels()


def test_every_fate_has_a_label_in_every_language():
    assert set(FATE_LABELS) == set(FATES)
    assert {"ru", "be", "kk"} <= set(LANGUAGES)
    assert {(lang, code) for lang, code, _ in LABELS} >= {
        (lang, code) for lang in ("en", *LANGUAGES) for code in FATES
    }
    # The Kazakh labels holding Kazakh letters are checked as typed without them too.
    assert ("kk typed", "missing", "Хабар-ошарсыз кетти") in LABELS


@pytest.mark.parametrize(("lang", "code", "label"), LABELS)
def test_a_fate_label_is_read_back_as_its_fate(lang, code, label):
    try:
        read = parse_fate(label)
    except ValueError as refused:
        read = f"refused: {refused}"
    assert read == code
    assert says_only_the_fate(label, code)
    assert says_only_the_fate(label.upper() + ".", code)
    assert fate_as_written(label, code) is None


@pytest.mark.parametrize(
    ("cell", "fate"),
    [
        ("Хабар-ошарсыз кетті, Орша түбінде", "missing"),  # a word more: shown as written
        ("Пакараны смерцю ў Мінску", "executed"),
        ("Тұтқынға түскен 1941", "captured"),
    ],
)
def test_a_label_with_a_word_more_is_its_fate_shown_as_written(cell, fate):
    assert parse_fate(cell) == fate
    assert not says_only_the_fate(cell, fate)
    assert fate_as_written(cell, fate) == cell


@pytest.mark.parametrize(
    "cell",
    [
        "ошарсыз",  # half of the pair word "хабар-ошарсыз" says nothing
        "ошарсыз кетті",
        "пакараны",  # (be) punished: no death
        "не пакараны смерцю",
        "тұтқынға",  # (kk) into captivity: nothing happened
        "тұтқынға түспеген",  # (kk) was not taken prisoner
        "туткынга туспеди",
        "не попал в плен",
        # (kk) punished: an execution only as the whole cell, the app's label; within a
        # longer cell (a sentence, a penalty) it is no fate
        "сотталып жазаланған",
        "жазаланған 1942 ж.",
        "жазаланды",
    ],
)
def test_words_near_a_label_are_no_fate(cell):
    with pytest.raises(ValueError, match="unknown fate"):
        parse_fate(cell)


def test_punished_within_a_longer_cell_adds_no_execution():
    # "жазаланған" beside a fate is not read: the cell is that fate, shown as written.
    assert parse_fate("тұтқында, жазаланған") == "captured"
    assert fate_as_written("тұтқында, жазаланған", "captured") == "тұтқында, жазаланған"
    assert parse_fate("жараланған, жазаланған") == "wounded"
    assert not says_only_the_fate("жазаланған", "killed")


def test_half_a_kazakh_label_behaves_as_before():
    assert parse_fate("хабарсыз") == parse_fate("хабарсыз кетті") == "missing"
    assert says_only_the_fate("хабарсыз кетті", "missing")
    assert parse_fate("тұтқында") == "captured"
