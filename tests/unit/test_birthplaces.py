"""The home country and oblast a birthplace names (text.birthplaces), and the rule that
fills a row's home from it (importers.origin_cells)."""

import pytest

from mapapp.importers.origin_cells import home_from_birthplace
from mapapp.text.birthplaces import birthplace_origin

KARAGANDA = ("Казахстан", "Карагандинская обл.")


@pytest.mark.parametrize(
    ("birthplace", "named"),
    [
        ("Казахская ССР, Карагандинская обл., Каркаралинский р-н", KARAGANDA),
        ("Казахская С.С.Р., Карагандинская обл.", KARAGANDA),
        ("КазССР, Карагандинская обл., с. Каркаралы", KARAGANDA),
        ("Каз. ССР; Карагандинская обл.", KARAGANDA),
        ("Казахской ССР, Карагандинская обл.", KARAGANDA),
        ("Казахстан, Карагандинская обл.", KARAGANDA),
        ("Казахская ССР Карагандинская обл. Каркаралинский р-н", KARAGANDA),
        ("Kazakh SSR, Karaganda region", ("Казахстан", "Karaganda region")),
        ("Қазақстан Республикасы, Қарағанды облысы", ("Казахстан", "Қарағанды облысы")),
        ("Казахская ССР, Акмолинская область", ("Казахстан", "Акмолинская область")),
        ("КазССР, Карагандинской обл.", ("Казахстан", "Карагандинской обл.")),
        ("УзССР, Ташкентская обл.", ("Узбекистан", "Ташкентская обл.")),
        ("Киргизская ССР", ("Кыргызстан", None)),
        ("Казахская ССР, г. Алма-Ата", ("Казахстан", None)),
        # An oblast alone names no country here; an oblast is kept as written.
        ("Карагандинская обл., Каркаралинский р-н", (None, "Карагандинская обл.")),
        # Not certain: republics whose lands are now more than one country's, the Kazakh
        # ASSR (1920-1936, with the Karakalpaks then), two countries or two oblasts.
        ("Белорусская ССР, Белостокская обл.", (None, "Белостокская обл.")),
        ("РСФСР, Крымская АССР", (None, None)),
        ("Казахская АССР, Кустанайский округ", (None, None)),
        ("Казахстан, Узбекская ССР", (None, None)),
        ("Актюбинская обл. (ныне Кустанайская обл.)", (None, None)),
        ("Актюбинская обл. ныне Кустанайская обл.", (None, None)),
        # A word that only begins like one: not a republic, not an oblast.
        ("Казахстанская обл.", (None, "Казахстанская обл.")),
        ("д. Областное", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_what_a_birthplace_names(birthplace, named):
    assert birthplace_origin(birthplace) == named


@pytest.mark.parametrize(
    ("birthplace", "country", "region", "home"),
    [
        ("Казахская ССР, Карагандинская обл.", None, None, KARAGANDA),
        # A value the row gives is never replaced.
        ("Казахская ССР, Карагандинская обл.", "Kazakhstan", None,
         ("Kazakhstan", "Карагандинская обл.")),
        ("Казахская ССР, Карагандинская обл.", None, "Караганда", ("Казахстан", "Караганда")),
        ("Карагандинская обл.", "Казахстан", None, KARAGANDA),
        # The birthplace says another country than the row: its oblast is not read.
        ("Казахская ССР, Карагандинская обл.", "Россия", None, ("Россия", None)),
        # An oblast without any country is not read (it would list under no country).
        ("Курская обл., Обоянский р-н", None, None, (None, None)),
        (None, None, None, (None, None)),
    ],
)  # fmt: skip
def test_a_row_s_home_is_its_own_else_its_birthplace_s(birthplace, country, region, home):
    assert home_from_birthplace(birthplace, country, region) == home
