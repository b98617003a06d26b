"""Translated labels for the codes stored in the database."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "mass_grave": _l("Mass grave"),
    "individual_grave": _l("Individual grave"),
    "military_cemetery": _l("Military cemetery"),
    "memorial": _l("Memorial"),
    "battle": _l("Battle location"),
}
PRECISION_LABELS = {
    "site": _l("Point of the site itself"),
    "settlement_centre": _l("Centre of the settlement"),
    "district": _l("Approximate: district only"),
}
PRECISION_HELP = {
    "site": _l("The coordinates mark the site itself, as given by the cited catalogue."),
    "settlement_centre": _l(
        "The coordinates mark the centre of the settlement; the site is nearby."
    ),
    "district": _l(
        "The exact position is not known. The point only shows the district; "
        "ask the district authorities for directions before travelling."
    ),
}
FATE_LABELS = {
    "killed": _l("Killed"),  # "погиб", "убит": the record says no more than that
    "died_of_wounds": _l("Died of wounds"),
    "missing": _l("Missing in action"),
    "died_in_captivity": _l("Died in captivity"),
    "died": _l("Died"),
    # What the record states, when it states no death.
    "wounded": _l("Wounded"),
    "captured": _l("Taken prisoner"),
    "executed": _l("Executed"),
}
# What a person's stored date is (queries.common.death_date_means): a date of death, or,
# for the fates that state no death, the date the record gives the loss.
DATE_LABELS = {
    "death": _l("Date of death"),
    "missing_since": _l("Missing since"),
    "loss": _l("Date of loss"),
}
OBLAST_LABELS = {
    "Brest": _l("Brest Region"),
    "Vitebsk": _l("Vitebsk Region"),
    "Gomel": _l("Gomel Region"),
    "Grodno": _l("Grodno Region"),
    "Minsk": _l("Minsk Region"),
    "Minsk (city)": _l("Minsk (city)"),
    "Mogilev": _l("Mogilev Region"),
}


def label(mapping: dict, code: str | None) -> str:
    """The translated label for a code, or the code itself when it has none."""
    if code is None:
        return ""
    return str(mapping.get(code, code))


FIELD_LABELS = {
    "surname": _l("Surname"),
    "given_name": _l("Given name"),
    "patronymic": _l("Patronymic"),
    "name_variants": _l("Other spellings"),
    "birth_year": _l("Year of birth"),
    "birthplace": _l("Place of birth"),
    "home_country": _l("Home country"),
    "home_region": _l("Home region"),
    "home_district": _l("Home district"),
    "callup_place": _l("Called up"),
    "rank": _l("Rank"),
    # The date the register gives: a death, or the loss of the missing, wounded, captured.
    "death_year": _l("Year of death or loss"),
    "death_month": _l("Month of death or loss"),
    "death_day": _l("Day of death or loss"),
    "fate": _l("Fate"),
    "nationality": _l("Nationality"),
    "biography": _l("Biography"),
    "name": _l("Name as recorded"),
    "name_ru": _l("Name in Russian"),
    "name_be": _l("Name in Belarusian"),
    "name_en": _l("Name in English"),
    "settlement": _l("Settlement"),
    "buried_total": _l("Buried in total"),
    "buried_known": _l("Buried, known by name"),
    "buried_unknown": _l("Buried, unknown"),
    "buried_as_written": _l("Number buried as written"),
    "year": _l("Year"),
    "description": _l("Description"),
    "condition": _l("Condition"),
    "responsible_body": _l("Responsible body"),
    "withdrawn_at": _l("Withdrawn on"),
    "withdrawn_reason": _l("Reason for withdrawal"),
    "withdrawn_by": _l("Withdrawn by contribution"),
    "partisan_formation": _l("Partisan formation"),
}
OPERATION_LABELS = {
    "insert": _l("created"),
    "update": _l("changed"),
    "delete": _l("deleted"),
}
CONTRIBUTION_KIND_LABELS = {
    "correction": _l("Correction"),
    "add_person": _l("New person"),
    "condition": _l("Condition report"),
    "photo": _l("Photo"),
    "withdrawal": _l("Withdrawal"),
}
