"""Template helpers: coordinates, numbers, distances, direction links, safe external links."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from urllib.parse import quote, urlsplit

from babel.dates import get_date_format, get_datetime_format, get_time_format
from babel.numbers import get_decimal_symbol, get_group_symbol
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _

from mapapp.text.coords import lat_lon_dms


def one_full_stop(sentence: str) -> str:
    """A sentence that ends in an abbreviation ("30 ноября 2026 г." then the sentence's
    own ".") ends in one full stop, not two; an ellipsis stays."""
    if sentence.endswith("..") and not sentence.endswith("..."):
        return sentence[:-1]
    return sentence


def decimal_coords(lat: float, lon: float) -> str:
    return f"{lat:.6f}, {lon:.6f}"


def dms_coords(lat: float, lon: float) -> str:
    return lat_lon_dms(lat, lon)


def long_date(value: datetime | str) -> str:
    """A date (or an ISO timestamp) as the language writes it in full."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_date(value, "long")


def number(value: int | float | None) -> str:
    """A count written the reader's way: 1,234 in English, 1 234 in Russian."""
    return "" if value is None else format_decimal(value)


def one_decimal(value: float) -> str:
    """A distance or time to one decimal, rounded as "%.1f" rounds, with the reader's
    decimal sign: 12.5 in English, 12,5 in Russian, Kazakh and Belarusian."""
    return format_decimal(Decimal(f"{value:.1f}"), "#,##0.0")


def km(value: float) -> str:
    return one_decimal(value) if value < 100 else format_decimal(Decimal(f"{value:.0f}"), "#,##0")


def direction_links(lat: float, lon: float) -> list[tuple[str, str]]:
    """Web directions first (the dossier's QR code takes the first), then the links a phone
    hands to its own navigation app: Apple Maps on an iPhone, a geo: URI on Android."""
    point = f"{lat:.6f},{lon:.6f}"
    return [
        (
            "OpenStreetMap",
            f"https://www.openstreetmap.org/directions?route={quote(';' + point)}"
            f"#map=14/{lat:.6f}/{lon:.6f}",
        ),
        ("Google Maps", f"https://www.google.com/maps/dir/?api=1&destination={quote(point)}"),
        ("Yandex Maps", f"https://yandex.ru/maps/?rtext={quote('~' + point)}&rtt=auto"),
        ("Apple Maps", f"https://maps.apple.com/?daddr={quote(point)}&dirflg=d"),
        (_("Navigation app on this phone"), f"geo:{point}?q={quote(point)}"),
    ]


def safe_url(url: str | None) -> str | None:
    """Only http(s) links from data become hrefs; anything else is shown as text."""
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def display_name(record: dict) -> str:
    """The English name in English, the name as recorded otherwise."""
    if str(get_locale()) == "en" and record.get("name_en"):
        return record["name_en"]
    return record["name"]


def person_line(person: dict, demo_label: str) -> str:
    """One person in a list of names: the names that exist, then year of birth and rank,
    each after a comma; never a stray space before a comma."""
    names = " ".join(
        part.strip()
        for part in (person.get("surname"), person.get("given_name"), person.get("patronymic"))
        if part and part.strip()
    )
    details = [str(person["birth_year"])] if person.get("birth_year") else []
    if person.get("rank") and person["rank"].strip():
        details.append(person["rank"].strip())
    line = ", ".join([names, *details])
    return f"{line} ({demo_label})" if person.get("is_fictional") else line


def script_formats() -> dict:
    """How the page's language writes numbers and a date with its time, for the scripts:
    browsers lack these for some languages (Kazakh and Belarusian among them)."""
    locale = get_locale()
    moment = (
        get_datetime_format("short", locale)
        .replace("{1}", get_date_format("short", locale).pattern)
        .replace("{0}", get_time_format("short", locale).pattern)
    )
    return {
        "group": get_group_symbol(locale),
        "decimal": get_decimal_symbol(locale),
        "datetime": moment,
    }
