"""The most characters each imported text field can hold, read from the model, so that a
long cell is refused with its row and column instead of failing the whole import when
PostgreSQL refuses it. Fields stored as Text have no limit and are not listed."""

from __future__ import annotations

from mapapp.models import BattleLocation, Burial, BurialSite, Person, Source

# Field (as the column mapping names it) -> the model column that stores it.
_SOURCE_FIELDS = {
    "fond": Source.fond,
    "opis": Source.opis,
    "delo": Source.delo,
    "record_id": Source.record_id,
}
_STORED_IN = {
    "sites": {
        **_SOURCE_FIELDS,
        "ref": BurialSite.ref,
        "register_number": BurialSite.register_number,
        "oblast": BurialSite.oblast,
        "year": BurialSite.year,
    },
    "battles": {**_SOURCE_FIELDS, "ref": BattleLocation.ref},
    "persons": {
        **_SOURCE_FIELDS,
        "ref": Person.ref,
        "record_id": Person.record_id,
        "plot": Burial.plot,
        "row": Burial.row,
        "grave": Burial.grave,
        "reburial_date": Burial.reburial_date,
    },
}
FIELD_LIMITS: dict[str, dict[str, int]] = {
    kind: {name: column.type.length for name, column in fields.items()}
    for kind, fields in _STORED_IN.items()
}


def too_long(limit: int) -> str:
    return f"longer than {limit} characters, the most this field holds"
