"""A register whose fate column holds the app's own fate labels, in every language the app
shows them in ("Хабар-ошарсыз кетті", "Тұтқынға түскен", "Жазаланған", "Пакараны
смерцю"; Kazakh typed without its letters too), is imported with each label's fate, and
the person page does not repeat the label as written beside it."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from mapapp.web.labels import FATE_LABELS
from tests.helpers import fate_as_written_on, imported_fate_cells

TRANSLATIONS = Path(__file__).resolve().parents[2] / "mapapp" / "translations"
# Each Kazakh letter as a Russian keyboard types it.
RUSSIAN_FOR = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def _labels() -> list[tuple[str, str, str, str]]:
    """(language, code, cell, label): each label's msgid and its translation in each
    catalogue as the cell; the Kazakh one also typed with Russian letters, and with a Latin
    "i" for "і"."""
    labels = []
    for code, label in FATE_LABELS.items():
        labels.append(("en", code, label._args[0], label._args[0]))
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        with open(po, "rb") as fh:
            catalogue = read_po(fh)
        for code, label in FATE_LABELS.items():
            translated = catalogue.get(label._args[0]).string
            labels.append((lang, code, translated, translated))
            if lang == "kk" and translated.translate(RUSSIAN_FOR) != translated:
                labels.append(("kk", code, translated.translate(RUSSIAN_FOR), translated))
                if "і" in translated:
                    labels.append(("kk", code, translated.replace("і", "i"), translated))
    return labels


def _surnames(count: int) -> list[str]:
    stems = [c + v for c in "БВГДЗКЛМНПРСТФ" for v in "аоу"]
    assert count <= len(stems)
    return [f"{stem}ренцев" for stem in stems[:count]]


def test_the_apps_own_fate_labels_are_imported_as_their_fates(run, tmp_path, engine, client):
    labels = _labels()
    assert {lang for lang, *_ in labels} >= {"en", "ru", "be", "kk"}
    assert ("kk", "missing", "Хабар-ошарсыз кетти", "Хабар-ошарсыз кетті") in labels
    rows = dict(zip(_surnames(len(labels)), labels, strict=True))
    stored = imported_fate_cells(run, tmp_path, engine, {s: r[2] for s, r in rows.items()})
    assert {s: (rows[s][2], fate) for s, _, fate in stored} == {
        s: (cell, code) for s, (_, code, cell, _) in rows.items()
    }

    for surname, person, _ in stored:
        lang, _, cell, label = rows[surname]
        page = client.get(f"/persons/{person}?lang={lang}").get_data(as_text=True)
        assert label in page, cell  # the label, in the language it was written in
        assert fate_as_written_on(page) is None, cell
        assert client.get(f"/api/persons/{person}").get_json()["fate_as_written"] is None, cell
