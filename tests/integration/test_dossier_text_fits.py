"""Dossier PDFs keep their text on the page: a name with no place to break wraps, every
line read back from the PDF ends inside the right margin. And the cover's sentence on the
last import ends in one full stop, also after a date that ends in "г."."""

from __future__ import annotations

import io
from datetime import date

import pytest
from babel.dates import format_date
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from sqlalchemy import text

from tests.integration.test_dossier import _folded, _pdf_text

SURNAME = ("Абдрахманов" * 21)[:228]
SITE_NAME = ("Захоронение" * 21)[:229]
RIGHT_MARGIN_PT = 15 * 72 / 25.4  # dossier.css: @page margin 15 mm at the sides
TOLERANCE_PT = 1.0


def _advance_widths(font: dict) -> tuple[dict[str, float], float]:
    """Each character's advance in the font embedded in the PDF, in units of its em."""
    descendant = font["/DescendantFonts"][0].get_object()
    program = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    face = TTFont(io.BytesIO(program))
    metrics, cmap = face["hmtx"].metrics, face.getBestCmap()
    return {chr(c): metrics[g][0] for c, g in cmap.items()}, face["head"].unitsPerEm


def _lines_beyond_the_margin(pdf: bytes) -> list[str]:
    """Every run of text whose right end lies past the page's right margin, measured with
    the advance widths of the fonts the PDF embeds (WeasyPrint writes one run per line)."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[str, tuple[dict[str, float], float]] = {}
    beyond = []
    for number, page in enumerate(reader.pages, start=1):
        limit = float(page.mediabox.width) - RIGHT_MARGIN_PT + TOLERANCE_PT
        runs = []

        def visit(run, cm, tm, font, size, runs=runs):
            # pypdf gives the text of a form (the route drawing: stop numbers, "N") without
            # the form's placement, as if at the page's origin; no name is drawn there.
            if run.strip() and font and list(cm) != [1, 0, 0, 1, 0, 0]:
                runs.append((run.strip(), cm, tm, font, size))

        page.extract_text(visitor_text=visit)
        for run, cm, tm, font, size in runs:
            name = font["/BaseFont"]
            if name not in fonts:
                fonts[name] = _advance_widths(font)
            widths, em = fonts[name]
            width = sum(widths[ch] for ch in run) / em * size * tm[0]
            right = cm[0] * (tm[4] + width) + cm[4]
            if right > limit:
                beyond.append(f"page {number}: {run[:40]}… ends at {right:.0f} pt of {limit:.0f}")
    assert reader.pages, "no pages"
    return beyond


@pytest.fixture()
def long_names(scratch):
    site = scratch.site(SITE_NAME, 31.5, 55.9, name_en=SITE_NAME)
    scratch.person(site, SURNAME, given_name="Иван")
    return site


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_long_name_wraps_inside_the_page(client, long_names, shukhovtsy_id, lang):
    for url in (
        f"/plan.pdf?sites={long_names},{shukhovtsy_id}&lang={lang}",
        f"/sites/{long_names}.pdf?lang={lang}",
    ):
        response = client.get(url)
        assert _lines_beyond_the_margin(response.data) == [], url
        # Wrapped, not cut: every letter is printed.
        folded = _pdf_text(response).replace(" ", "")
        assert SITE_NAME in folded and SURNAME in folded


def test_ordinary_dossiers_measure_inside_the_page(client, shukhovtsy_id):
    # The measure itself: dossiers of ordinary names fit by it too.
    for url in (f"/sites/{shukhovtsy_id}.pdf", f"/plan.pdf?sites={shukhovtsy_id}"):
        assert _lines_beyond_the_margin(client.get(url).data) == [], url


@pytest.fixture()
def imported_today(engine):
    with engine.begin() as conn:
        batch = conn.execute(
            text(
                "INSERT INTO import_batches (kind, file_name, file_sha256, options, status) "
                "VALUES ('sites', 'test:cover-date.csv', repeat('0', 64), '{}', 'committed') "
                "RETURNING id"
            )
        ).scalar_one()
    yield
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM import_batches WHERE id = :b"), {"b": batch})


@pytest.mark.parametrize("lang", ["ru", "be", "kk", "en"])
def test_the_cover_names_the_last_import_with_one_full_stop(
    client, imported_today, shukhovtsy_id, lang
):
    today = _folded(format_date(date.today(), "long", locale=lang))
    word = {"ru": "последний импорт", "be": "апошні імпарт", "kk": "соңғы импорт"}
    for url in (f"/plan.pdf?sites={shukhovtsy_id}&", f"/sites/{shukhovtsy_id}.pdf?"):
        pdf = _pdf_text(client.get(f"{url}lang={lang}"))
        sentence = pdf[pdf.index(word.get(lang, "last import")) :]
        assert sentence.startswith(f"{word.get(lang, 'last import')}: {today}")
        ending = sentence[len(word.get(lang, "last import")) + 2 + len(today) :]
        assert ending.startswith(" " if today.endswith(".") else ". ")
        assert ".." not in pdf
