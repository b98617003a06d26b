"""The dossiers a delegation sends ahead: trip and site PDFs made on the server, read back
as text; names printed cleanly; a site too big to print says so; /from opens on a country."""

import io
import re
from datetime import date

import pytest
from babel.dates import format_date
from pypdf import PdfReader
from sqlalchemy import text

from mapapp import create_app
from mapapp.web.formatting import person_line


def _pdf_text(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    for page in reader.pages:
        # A4 portrait, in points.
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    # Lines wrap anywhere in a PDF: compare with all white space folded.
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def _folded(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


@pytest.fixture(scope="module")
def biggest_sites(engine) -> list[int]:
    with engine.connect() as conn:
        return (
            conn.execute(
                text(
                    "SELECT site_id FROM burials GROUP BY site_id "
                    "ORDER BY count(*) DESC, site_id LIMIT 4"
                )
            )
            .scalars()
            .all()
        )


def _names_at(engine, site_id: int) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.surname, p.given_name, p.patronymic, p.birth_year, p.rank, "
                "p.is_fictional FROM burials b JOIN persons p ON p.id = b.person_id "
                "WHERE b.site_id = :s"
            ),
            {"s": site_id},
        ).mappings()
        return [dict(r) for r in rows]


def _site(engine, site_id: int) -> dict:
    with engine.connect() as conn:
        return dict(
            conn.execute(
                text("SELECT name, name_en FROM burial_sites WHERE id = :s"), {"s": site_id}
            )
            .mappings()
            .one()
        )


@pytest.mark.parametrize(
    ("lang", "heading", "demo"),
    [
        ("en", "Trip dossier", "demo"),
        ("ru", "Досье поездки", "демо"),
        ("kk", "Сапар досьесі", "демо"),
        ("be", "Дасье паездкі", "дэма"),
    ],
)
def test_trip_pdf_lists_every_stop_and_every_name(
    client, engine, biggest_sites, lang, heading, demo
):
    params = {"sites": ",".join(map(str, biggest_sites)), "start": "53.9,27.56", "lang": lang}
    pdf = _pdf_text(client.get("/plan.pdf", query_string=params))
    assert heading in pdf
    itinerary = client.get("/api/itinerary", query_string=params).get_json()
    for number, site_id in enumerate(itinerary["order"], start=1):
        site = _site(engine, site_id)
        name = site["name_en"] if lang == "en" and site["name_en"] else site["name"]
        assert _folded(f"{number}. {name}") in pdf
        for person in _names_at(engine, site_id):
            assert _folded(person_line(person, demo)) in pdf, person
    # The legs table: one row per leg, with its distance written the language's way.
    decimal_sign = "." if lang == "en" else ","
    for leg in itinerary["legs"]:
        assert f"{leg['km']:.1f}".replace(".", decimal_sign) in pdf
    # The date it was made on, in the language.
    assert _folded(format_date(date.today(), "long", locale=lang)) in pdf


def test_site_pdf_in_two_languages(client, engine, shukhovtsy_id):
    names = _names_at(engine, shukhovtsy_id)
    assert len(names) == 35
    for lang, demo, word in (("en", "demo", "Names"), ("ru", "демо", "Имена")):
        pdf = _pdf_text(client.get(f"/sites/{shukhovtsy_id}.pdf", query_string={"lang": lang}))
        assert f"{word} (35)" in pdf
        for person in names:
            assert _folded(person_line(person, demo)) in pdf
        assert "54.571940, 30.690000" in pdf  # decimal coordinates as on the page


def test_a_missing_site_or_a_bad_trip_is_not_a_pdf(client):
    assert client.get("/sites/2147483647.pdf").status_code == 404
    assert client.get("/plan.pdf?sites=abc").status_code == 400
    assert client.get("/plan.pdf").status_code == 400


def test_a_site_too_big_to_print_gives_its_count_and_the_csv(engine, test_settings, shukhovtsy_id):
    app = create_app(test_settings.model_copy(update={"dossier_max_names": 10}))
    client = app.test_client()
    pdf = _pdf_text(client.get(f"/sites/{shukhovtsy_id}.pdf", query_string={"lang": "en"}))
    assert "35 names: too many to print here" in pdf
    assert f"/api/sites/{shukhovtsy_id}/persons.csv" in pdf.replace(" ", "")
    # Never part of a list: not one of the names is printed.
    for person in _names_at(engine, shukhovtsy_id):
        assert _folded(person_line(person, "demo")) not in pdf
    page = client.get(f"/plan?sites={shukhovtsy_id}&lang=en").get_data(as_text=True)
    assert 'data-testid="too-many-names"' in page


@pytest.mark.parametrize(
    ("person", "line"),
    [
        ({"surname": "Айтбаев", "given_name": "Есим", "birth_year": 1919}, "Айтбаев Есим, 1919"),
        ({"surname": "Айтбаев ", "given_name": "", "patronymic": None}, "Айтбаев"),
        ({"surname": "Иванов", "patronymic": "Петрович", "rank": "рядовой"},
         "Иванов Петрович, рядовой"),
        ({"surname": "Калиев", "given_name": "Т", "is_fictional": True}, "Калиев Т (demo)"),
    ],
)  # fmt: skip
def test_a_name_line_has_no_stray_spaces(person, line):
    assert person_line(person, "demo") == line


def test_from_opens_on_kazakhstan(client):
    html = client.get("/from?lang=en").get_data(as_text=True)
    assert re.search(r'<option value="Казахстан"\s+selected', html)
    summary = re.search(r'data-testid="home-summary">([^<]*)', html).group(1)
    assert re.match(r"\d+ persons at \d+ sites", summary.strip())
    # An explicit empty choice is respected: no country, no list.
    assert "home-summary" not in client.get("/from?country=&lang=en").get_data(as_text=True)
