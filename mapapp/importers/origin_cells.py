"""A person's home country and oblast, read from the birthplace where the row gives none.

OBD Memorial cards give the birthplace alone ("Казахская ССР, Карагандинская обл.,
Каркаралинский р-н"): without its country a person is "of unknown origin", and no filter
by country or region finds him. Where the row leaves the home country or region empty (or
the file has no such column), they are read from the birthplace when it names them
unmistakably (text.birthplaces); a value the row gives is never replaced, and the
birthplace is kept as written. An oblast is taken only with a country (the row's, or the
birthplace's), and not where the birthplace names another country than the row.
Both checks (records.check_person and person_columns) read them here, and the report
counts the rows (OriginsRead).
"""

from __future__ import annotations

from dataclasses import dataclass

from mapapp.text.birthplaces import birthplace_origin
from mapapp.text.normalize import area_key


def home_from_birthplace(
    birthplace: str | None, country: str | None, region: str | None
) -> tuple[str | None, str | None]:
    """(home country, home region) of a row: its own, else what its birthplace names."""
    if not birthplace or (country and region):
        return country, region
    named_country, named_oblast = birthplace_origin(birthplace)
    if country is None:
        country = named_country
    elif named_country is not None and not _same_country(country, named_country):
        return country, region  # the birthplace says another country: its oblast is not his
    if region is None and country is not None:
        region = named_oblast
    return country, region


def _same_country(written: str, named: str) -> bool:
    """ "Казахская ССР" or "Kazakhstan" in the row, "Казахстан" in the birthplace."""
    a, b = area_key(written), area_key(named)
    return bool(a) and (a.startswith(b) or b.startswith(a))


@dataclass
class OriginsRead:
    """For the report: rows whose home country or region was read from the birthplace
    (with the first of them, to show), and rows left without a home country."""

    read: int = 0
    first: tuple | None = None  # (row, birthplace, home country, home region)
    unknown: int = 0

    def count(self, row: int, birthplace, given: tuple, stored: tuple) -> None:
        """One staged row: ``given`` (country, region) as the row gives them, ``stored``
        as they are staged."""
        if stored != given:
            self.read += 1
            if self.first is None or row < self.first[0]:
                self.first = (row, birthplace, *stored)
        if stored[0] is None:
            self.unknown += 1

    def add(self, other: OriginsRead) -> None:
        self.read += other.read
        self.unknown += other.unknown
        if other.first is not None and (self.first is None or other.first[0] < self.first[0]):
            self.first = other.first

    def note(self, column: str, written: bool) -> str | None:
        """The report's note on the rows read so; None when there are none."""
        if not self.read:
            return None
        row, birthplace, country, region = self.first
        one = self.read == 1
        read = f"{country!r}" + (f", {region!r}" if region else "")
        verb = ("is" if one else "are") if written else "would be"
        return (
            f"{self.read:,} {'row gives' if one else 'rows give'} no home country or region "
            f"of {'its' if one else 'their'} own: those {'its' if one else 'their'} "
            f"birthplace ({column!r}) names {verb} stored (row {row}: {birthplace!r} → "
            f"{read}); the birthplace is kept as written. Where that is wrong, give the home "
            "country and region in columns of their own (Страна, Область рождения)"
        )
