"""Which column of a file is which field: usual Russian, Belarusian, Kazakh and English headers
(and OSM tags), or a map.

Headers are compared after folding case, spaces and punctuation, so "Дата рождения",
"дата рождения:" and "ДАТА  РОЖДЕНИЯ" are one header, and the Kazakh letters to those a
Russian keyboard types for them, so "Тегі", "Теги" and "Тегi" (a Latin i) are one header too.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache
from pathlib import Path

from mapapp.importers.errors import ImportFileError
from mapapp.text.kazakh_letters import fold_kazakh_letters


class ColumnNotFound(ImportFileError):
    """A column the import needs, or one the mapping names, is not in the file (another
    sheet of it may have it)."""


_COMMON = {
    "ref": ["ref", "id записи в реестре", "external id"],
    "lat": ["lat", "latitude", "широта", "y", "шырата"],
    "lon": ["lon", "lng", "long", "longitude", "долгота", "x", "даўгата"],
    "coords": ["coords", "coordinates", "координаты", "каардынаты", "point"],
    "location_precision": ["location precision", "precision", "точность"],
    "location_note": ["location note", "примечание о месте"],
    "source_url": ["source url", "url", "ссылка", "источник ссылка"],
    "source_title": [
        "source",
        "источник",
        "название источника",
        "название источника донесения",
        "крыніца",
    ],
    "description": ["description", "описание", "апісанне"],
    # Every source cited for a record, in one cell (importers.source_cells), as exports
    # write it: not "source", which is one source's title.
    "sources": ["sources"],
}

FIELDS: dict[str, dict[str, list[str]]] = {
    "persons": {
        **{k: _COMMON[k] for k in ("ref", "source_url", "source_title", "sources")},
        # Whose record id a row's is, where the row says (as exports write it); else
        # --source or the file's name.
        "record_source": ["record source"],
        "record_id": [
            "record id",
            "id запісу",
            "№ запісу",
            "нумар запісу",
            "id записи",
            "№ записи",
            "номер записи",
            "id",
            "идентификатор",
            "идентификатор записи",
        ],
        "surname": ["surname", "last name", "family name", "фамилия", "прозвішча"],
        "given_name": ["given name", "first name", "имя", "імя"],
        "patronymic": ["patronymic", "middle name", "отчество", "імя па бацьку"],
        "full_name": [
            "full name",
            "фио",
            "ф и о",
            "фамилия имя отчество",
            "фамилия имя и отчество",
            "фамилия и имя",
            "фамилия имя",
            "піб",
            "прозвішча імя імя па бацьку",
            "прозвішча імя па бацьку",
            "прозвішча імя",
        ],
        "name_variants": ["name variants", "variants", "другие написания", "варианты"],
        "birth_date": [
            "birth date",
            "date of birth",
            "дата рождения",
            "дата рождения возраст",
            "год рождения",
            "year of birth",
            "born",
            "дата нараджэння",
            "год нараджэння",
        ],
        # "Уроженец" heads the birthplace in Book of Memory lists ("уроженец д. Ляды").
        "birthplace": [
            "birthplace",
            "place of birth",
            "место рождения",
            "месца нараджэння",
            "уроженец",
            "уроженка",
            "ураджэнец",
            "ураджэнка",
        ],
        "home_country": ["home country", "country", "страна", "страна рождения", "краіна"],
        "home_region": [
            "home region",
            "region",
            "область рождения",
            "регион рождения",
            "вобласць нараджэння",
        ],
        "home_district": ["home district", "район рождения", "раён нараджэння"],
        "callup_place": [
            "call up place",
            "callup place",
            "место призыва",
            "дата и место призыва",
            "месца прызыву",
        ],
        "rank": [
            "rank",
            "military rank",
            "воинское звание",
            "звание",
            "воінскае званне",
            "званне",
        ],
        "unit": [
            "unit",
            "последнее место службы",
            "апошняе месца службы",
            "last place of service",
            "часть",
            "воинская часть",
            "вайсковая часць",
            "часць",
        ],
        "death_date": [
            "death date",
            "date of death",
            "дата смерти",
            "дата выбытия",
            "дата гибели",
            "дата смерці",
            "дата гібелі",
        ],
        "fate": [
            "fate",
            "cause of death",
            "reason for leaving",
            "судьба",
            "причина выбытия",
            "причина смерти",
            "причина гибели",
            "лёс",
            "прычына выбыцця",
            "прычына смерці",
            "прычына гібелі",
        ],
        "nationality": ["nationality", "национальность", "нацыянальнасць"],
        "is_hero": ["is hero", "hero", "герой советского союза", "герой савецкага саюза"],
        "is_partisan": ["is partisan", "partisan", "партизан", "партызан"],
        "biography": ["biography", "биография", "біяграфія"],
        # Awards and formations (mapapp.importers.awards): "; "-separated lists.
        "awards": ["awards", "награды", "узнагароды"],
        "award_date": ["award date", "decree date", "дата указа"],
        "feat": ["feat", "подвиг", "подзвіг"],
        "brigade": [
            "brigade",
            "partisan brigade",
            "бригада",
            "партизанская бригада",
            "брыгада",
            "партызанская брыгада",
        ],
        "detachment": [
            "detachment",
            "partisan detachment",
            "отряд",
            "партизанский отряд",
            "атрад",
            "партызанскі атрад",
        ],
        "original_burial_place": [
            "original burial place",
            "первичное место захоронения",
            "першаснае месца пахавання",
        ],
        "reburied_from": ["reburied from", "откуда перезахоронен"],
        "reburial_date": ["reburial date", "дата перезахоронения", "дата перапахавання"],
        "burial_place": [
            "burial place",
            "place of burial",
            "место захоронения",
            "месца пахавання",
        ],
        "burial_district": ["burial district", "район захоронения", "раён пахавання"],
        "site_id": ["site id", "id захоронения"],
        "site_ref": ["site ref"],
        "register_number": [
            "site register number",
            "register number",
            "register no",
            "учетный номер",
            "учётный номер",
            "номер захоронения",
            "учетный номер захоронения",
        ],
        "plot": ["plot", "участок", "участак"],
        "row": ["row", "ряд", "рад"],
        "grave": ["grave", "могила", "номер могилы", "магіла", "нумар магілы"],
        "on_plaque": ["on plaque", "на плите", "увековечен"],
        "is_fictional": ["is fictional", "fictional", "вымышленный"],
        "archive": ["archive", "архив", "архіў"],
        # OBD Memorial's export names them "... источника информации".
        "fond": ["fond", "номер фонда", "номер фонда источника информации", "фонд"],
        "opis": ["opis", "номер описи", "номер описи источника информации", "опись", "вопіс"],
        "delo": ["delo", "номер дела", "номер дела источника информации", "дело", "справа"],
    },
    "sites": {
        **{k: v for k, v in _COMMON.items()},
        "kind": [
            "kind",
            "type",
            "тип",
            "вид",
            "вид захоронения",
            "від пахавання",
            "тип захоронения",
            "тип объекта",
            "від",
            "тып",
        ],
        "name": ["name", "title", "название", "наименование", "назва", "найменне", "label"],
        "name_ru": ["name ru", "name:ru", "название на русском", "название рус"],
        "name_be": [
            "name be",
            "name:be",
            "name be tarask",
            "название на белорусском",
            "назва па-беларуску",
            "назва па беларуску",
        ],
        "name_en": ["name en", "name:en", "english name", "название на английском"],
        "osm_historic": ["historic"],
        "osm_memorial": ["memorial", "memorial type", "tomb", "cemetery"],
        "register_number": [
            "register number",
            "regnum",  # a Shapefile's field names are ten letters at most
            "reg no",
            "register no",
            "учетный номер",
            "учётный номер",
            "номер захоронения",
            "heritage code",
            "heritage ref",
            "ref heritage",
            "ref by gosspisok",
            "ref by heritage",
            "gosspisok",
            "шифр",
            "шифр объекта",
            "код",
            "регистрационный номер",
            "уліковы нумар",
            "нумар пахавання",
        ],
        "oblast": ["oblast", "область", "вобласць"],
        "district": ["district", "район", "раён"],
        "village_council": ["village council", "сельсовет", "сельсавет"],
        "settlement": [
            "settlement",
            "населенный пункт",
            "населённый пункт",
            "населены пункт",
            "location",
            "место",
            "месцазнаходжанне",
            "addr:city",  # OpenStreetMap: the settlement a memorial stands in
            "addr:place",
        ],
        # A count as its source writes it ("10 тыс.", "35 воинов из Казахстана"): the
        # column an export writes it in.
        "buried_as_written": ["buried as written"],
        "buried_total": [
            "buried total",
            "total",
            "всего",
            "всего захоронено",
            "всего похоронено",
            "number buried",
            "количество захороненных",
            "похоронено",
            "усяго",
            "усяго пахавана",
            "колькасць пахаваных",
        ],
        "buried_known": [
            "buried known",
            "known",
            "известных",
            "известно",
            "из них известных",
            "вядомых",
            "з іх вядомых",
        ],
        "buried_unknown": ["buried unknown", "unknown", "неизвестных", "неизвестно", "невядомых"],
        "year": ["year", "год", "год захоронения", "год установки", "год пахавання"],
        "condition": ["condition", "состояние", "стан"],
        "responsible_body": [
            "responsible body",
            "ответственная организация",
            "закреплено за",
            "замацавана за",
        ],
        "source_note": ["source note", "примечание", "note", "заўвага", "заўвагі"],
        # Where the gazetteer placed a site (an export of this register writes it).
        "gazetteer_place": ["gazetteer place"],
    },
    "battles": {
        **{k: v for k, v in _COMMON.items()},
        "name": ["name", "название", "наименование", "назва"],
        "name_en": ["name en", "english name"],
        "operation": ["operation", "операция", "аперацыя"],
        "period": ["period", "date", "dates", "период", "даты", "перыяд"],
        "year_from": ["year from", "год начала"],
        "year_to": ["year to", "год окончания"],
        "units": ["units", "части", "соединения", "часці", "злучэнні"],
    },
}

# A list's running number (№ п/п): it numbers the rows and names no record, as a
# re-sorted or corrected copy numbers them otherwise. It is never read as the record id
# unasked; where rows are alike in every mapped cell (unknown soldiers, namesakes), the
# import names it as the record id to give with --map (row_repeats).
ROW_NUMBER_HEADERS = (
    "№", "#", "№ п/п", "N п/п", "No п/п", "№ пп", "п/п", "пп", "№ п.п.", "No", "Nr",
    "№ по порядку", "номер по порядку", "порядковый номер", "№ па парадку",
    "парадкавы нумар", "р/с", "реттік нөмірі",
)  # fmt: skip


# The Kazakh one typed without the Kazakh letters too ("Реттик номири"): fold_header.
@cache
def _row_number_headers() -> frozenset[str]:
    return frozenset({fold_header(h) for h in ROW_NUMBER_HEADERS} - {""})


def row_number_columns(columns: list[str]) -> list[str]:
    """The columns whose headers say they number a list's rows. "№" and "#" fold to
    nothing, as "*", "—" and a blank header do: those are matched as written."""
    folded = _row_number_headers()
    signs = {h for h in ROW_NUMBER_HEADERS if not fold_header(h)}
    return [
        c
        for c in columns
        if c not in REJECTS_COLUMNS and (c.strip() in signs or fold_header(c) in folded)
    ]


# Headers of lists made in Kazakhstan, in Kazakh (Тегі, Аты, Әкесінің аты ...).
_KAZAKH_PERSON_HEADERS = {
    "surname": ["тегі"],
    "given_name": ["аты", "есімі"],
    "patronymic": ["әкесінің аты", "әкесінің есімі"],
    "full_name": [
        "аты-жөні",
        "толық аты-жөні",
        # Тегі, аты, әкесінің аты: surname, name, father's name, as one column.
        "тегі аты әкесінің аты",
        "тегі аты әкесінің есімі",
        "тегі есімі әкесінің есімі",
        "тегі аты жөні",
        "тегі аты",
    ],
    "birth_date": ["туған жылы", "туған күні"],
    "birthplace": ["туған жері"],
    "callup_place": ["әскерге шақырылған жері", "шақырылған жері"],
    "rank": ["әскери атағы"],
    "death_date": ["қаза тапқан күні", "қайтыс болған күні"],
    # Қаза болу себебі (cause of death), тағдыры (fate).
    "fate": ["қаза болу себебі", "қаза себебі", "қайтыс болу себебі", "тағдыры", "тағдыр"],
    "burial_place": ["жерленген жері"],
    "nationality": ["ұлты"],
}
for _field, _names in _KAZAKH_PERSON_HEADERS.items():
    FIELDS["persons"][_field] = [*FIELDS["persons"][_field], *_names]


# Each entry: alternatives of which one must have a column (or a --set value). A site
# without a kind column takes its kind from its name or --set kind=..., row by row; a
# site without coordinates can be placed at a settlement or district the gazetteer knows.
REQUIRED = {
    "persons": [("surname", "full_name")],
    "sites": [("name", "name_ru", "name_be"), ("lat", "coords", "settlement", "district")],
    "battles": [("name",), ("lat", "coords")],
}


@cache
def _aliases(kind: str) -> dict[str, str]:
    """Every header a kind of file is read by, folded -> its field. A Kazakh header typed
    without the Kazakh letters folds as the Kazakh one does (fold_header); no two fields'
    headers fold alike (tests/unit/test_header_folding.py)."""
    return {fold_header(a): f for f, names in FIELDS[kind].items() for a in [f, *names]}


def fold_header(header: str) -> str:
    """The key a header is compared by: case, spaces and punctuation folded, and each Kazakh
    letter as a Russian keyboard types it (text.kazakh_letters), so that a Kazakh header
    typed with, without or with some of its letters is the same header."""
    header = header.lower().replace("ё", "е").replace("_", " ")
    header = re.sub(r"[^\w]+", " ", header)
    return fold_kazakh_letters(" ".join(header.split()))


@dataclass
class ColumnMap:
    field_of: dict[str, str]  # file column -> field
    unmapped: list[str]
    # Further columns whose headers name a mapped field ("Год рождения" beside "Дата
    # рождения"; OSM's `title` beside `name`, `cemetery` beside `memorial`): column ->
    # field, in the file's order. A row's value is the first of its columns that holds
    # something, so a feature tagged one way and its neighbour tagged another are both
    # read; the report says so.
    also_named: dict[str, str] = dataclass_field(default_factory=dict)
    # What the report says of the mapping (a header written over several columns).
    notes: list[str] = dataclass_field(default_factory=list)
    # The required fields without a column (map_columns(require=False)): each entry, the
    # alternatives of which one must have one.
    missing: list[tuple[str, ...]] = dataclass_field(default_factory=list)

    def column_of(self, field: str) -> str | None:
        for column, f in self.field_of.items():
            if f == field:
                return column
        return None


def also_named_lines(mapped: dict[str, str], also_named: dict[str, str]) -> list[str]:
    """A line for each column that names a field another column is read for first."""
    read_from = {field: column for column, field in mapped.items()}
    return [
        f"column {column!r} also names {field!r}: it is read where {read_from[field]!r} "
        f"(and any column before it) is empty; to read one column only, name it with --map"
        for column, field in also_named.items()
    ]


def load_mapping_file(path: Path) -> dict[str, str]:
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportFileError(f"mapping file {path}: {exc}") from None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ImportFileError(
            f'mapping file {path}: expected a JSON object {{"file column": "field", ...}}'
        )
    return mapping


# The columns a rejects file adds to the rows (runner._write_rejects): the row's number in
# the file it came from, its problems and its record source. Never read as fields ("_row"
# would fold to the grave row's header), kept with the row as read.
REJECTS_COLUMNS = ("_row", "_problems", "_source")


def map_columns(
    kind: str,
    columns: list[str],
    explicit: dict[str, str] | None,
    given: dict[str, str] | None = None,
    require: bool = True,
) -> ColumnMap:
    """Map the file's columns to fields. ``given`` holds the fields set for the whole
    file (``--set FIELD=VALUE``); they count as present and must not also have a column.
    A required field without a column refuses the file, unless not ``require``d (--inspect
    shows what it would take)."""
    field_of = _explicit_columns(kind, columns, explicit or {})
    aliases = _aliases(kind)
    for column in columns:
        if column in field_of or column in REJECTS_COLUMNS:
            continue
        field = aliases.get(fold_header(column))
        if field and field not in field_of.values():
            field_of[column] = field
    _check_given(kind, field_of, given or {})
    present = set(field_of.values()) | set(given or {})
    missing = [alts for alts in REQUIRED[kind] if not any(f in present for f in alts)]
    if missing and require:
        # A column read as another field (lat) is no candidate for this one.
        free = [c for c in columns if c not in field_of]
        raise ColumnNotFound(missing_field_message(kind, missing[0], columns, free))
    unmapped = [c for c in columns if c not in field_of]
    _refuse_withdrawals(unmapped)
    also_named = further_columns(kind, unmapped, field_of, set((explicit or {}).values()))
    return ColumnMap(field_of=field_of, unmapped=unmapped, also_named=also_named, missing=missing)


def further_columns(
    kind: str, unmapped: list[str], field_of: dict[str, str], chosen: set[str] = frozenset()
) -> dict[str, str]:
    """ColumnMap.also_named: the unmapped columns whose headers name a mapped field, in
    the file's order. A field named with --map (``chosen``) is read from that column
    alone."""
    aliases = _aliases(kind)
    fields = set(field_of.values()) - chosen
    return {
        c: aliases[fold_header(c)]
        for c in unmapped
        if c not in REJECTS_COLUMNS and aliases.get(fold_header(c)) in fields
    }


def check_repeated_headers(
    columns: ColumnMap, repeated: list, name: str, below_header: str = ""
) -> None:
    """A header written over several columns (readers.RepeatedHeader). Read as a field,
    it refuses the file: which of the columns holds the field cannot be told, and reading
    the first would store the other's cells nowhere but the row as read, unseen. Read as
    no field, every column is kept with its rows as read, each under a key of its own, and
    the report says so: nothing is lost and nothing guessed. ``below_header``: what the
    refusal says where the line below names columns too (a header on two rows)."""
    for header in repeated:
        read = {
            key: columns.field_of.get(key) or columns.also_named[key]
            for key in header.keys
            if key in columns.field_of or key in columns.also_named
        }
        if read:
            fields = ", ".join(dict.fromkeys(map(repr, read.values())))
            if below_header:
                raise ImportFileError(
                    f"{name}: {header.where} have the same header, {header.header!r}, which "
                    f"is read as {fields}{below_header}; then import again. Nothing was "
                    "imported"
                )
            raise ImportFileError(
                f"{name}: {header.where} have the same header, {header.header!r}, which is "
                f"read as {fields}: which of them holds it cannot be told. Give each column "
                "but the one to read a header of its own (rename it in the file, or delete "
                "it if it is not wanted), and import again. Nothing was imported"
            )
        others = ", ".join(repr(key) for key in header.keys[1:])
        columns.notes.append(
            f"{header.where} have the same header, {header.header!r}: no field is read "
            f"from them, and each is kept with its rows as read, the first as "
            f"{header.header!r}, the next as {others}; to read one as a field, give it a "
            "header of its own"
        )


# The columns an export adds for withdrawn records (mapapp export --include-withdrawn).
WITHDRAWAL_HEADERS = ("withdrawn at", "withdrawn reason", "withdrawn by")


def _refuse_withdrawals(unmapped: list[str]) -> None:
    """A withdrawal is a moderator's decision on evidence: a file cannot make one, and
    importing a withdrawn record without its mark would bring it back as if never withdrawn,
    so a file with withdrawal columns is refused rather than kept as unmapped columns."""
    found = [c for c in unmapped if fold_header(c) in WITHDRAWAL_HEADERS]
    if found:
        raise ImportFileError(
            f"the file has withdrawal columns ({', '.join(found)}): an import cannot withdraw "
            "records or bring withdrawn ones back; remove the withdrawn records and these "
            "columns (or export again without --include-withdrawn)"
        )


def _explicit_columns(kind: str, columns: list[str], explicit: dict[str, str]) -> dict[str, str]:
    fields = FIELDS[kind]
    field_of: dict[str, str] = {}
    for column, field in explicit.items():
        if field not in fields:
            raise ImportFileError(
                f"mapping names unknown field {field!r}; {kind} fields are: "
                + ", ".join(sorted(fields))
            )
        if column not in columns:
            raise ColumnNotFound(_unknown_mapped_column(column, columns))
        if field in field_of.values():
            other = next(c for c, f in field_of.items() if f == field)
            raise ImportFileError(
                f"mapping names two columns for {field!r} ({other!r} and {column!r}): "
                "a field is read from one column; map the other to another field or leave "
                "it out (its values are kept with the rows as read)"
            )
        field_of[column] = field
    return field_of


def _unknown_mapped_column(column: str, columns: list[str]) -> str:
    """The mapping names a column the file lacks: the one it likely means (headers
    compared folded: case, spaces, punctuation), else the file's columns."""
    folded = [c for c in columns if fold_header(c) == fold_header(column)]
    message = f"mapping names column {column!r}, which the file does not have"
    if folded:
        return message + f"; did you mean {folded[0]!r}?"
    near = difflib.get_close_matches(column, columns, n=3, cutoff=0.6)
    if near:
        return message + "; did you mean " + " or ".join(repr(c) for c in near) + "?"
    return message + f"; the file's columns are: {listed_columns(columns)}"


def _check_given(kind: str, field_of: dict[str, str], given: dict[str, str]) -> None:
    fields = FIELDS[kind]
    for field in given:
        if field not in fields:
            raise ImportFileError(
                f"--set names unknown field {field!r}; {kind} fields are: "
                + ", ".join(sorted(fields))
            )
        column = next((c for c, f in field_of.items() if f == field), None)
        if column is not None:
            raise ImportFileError(
                f"--set {field}=...: the file has a column for {field!r} ({column!r}); "
                "--set is for a field the file lacks"
            )


# How alike (difflib's ratio) a header must be to a usual name to be offered: at 0.5,
# "lat" was offered as the surname ("last name").
LIKELY = 0.6


def likeliest_columns(kind: str, field: str, columns: list[str], limit: int = 3) -> list[str]:
    """The file's columns whose headers look most like the usual names of ``field``. A
    header naming several parts of a name ("Тегі, аты, әкесінің аты") is a full name's:
    mapped to the surname, whole names would be stored as surnames."""
    score = _scorer(kind, field)
    scored = [(s, column) for column in columns if (s := score(column)) >= LIKELY]
    return [column for _, column in sorted(scored, key=lambda sc: -sc[0])[:limit]]


def likeliest_field(kind: str, column: str, taken=frozenset()) -> str | None:
    """The field ``column``'s header looks most like, of those not ``taken`` (a column
    left unmapped that looks like the given name, beside the surname mapped)."""
    best = max(
        ((_scorer(kind, field)(column), field) for field in FIELDS[kind] if field not in taken),
        default=(0.0, None),
        key=lambda sf: sf[0],
    )
    return best[1] if best[0] >= LIKELY else None


@cache
def _scorer(kind: str, field: str):
    """How alike a header is to the usual names of ``field`` (0 to 1). A header in Latin
    letters is also compared with the names transliterated: a Shapefile's field names
    are ten Latin letters at most (NAZVANIE, RAION, UCHNOMER, IZVESTN for "известных")."""
    names = [fold_header(a) for a in [field, *FIELDS[kind][field]]]
    latin = {v for n in names if not n.isascii() for v in _latin(n)} - set(names)
    latin_words = [name.split() for name in sorted(latin)]
    # One matcher per usual name: SequenceMatcher indexes its second text once.
    matchers = [difflib.SequenceMatcher(None, "", name) for name in names]
    name_parts = kind == "persons" and field in NAME_PARTS + ("full_name",)

    def score(column: str) -> float:
        folded = fold_header(column)
        if len(folded) < 3 and folded not in names:
            return 0.0  # "id", "@id": two letters are like any short name
        if name_parts and names_several_parts(column):
            return 0.9 if field == "full_name" else 0.0
        best = max(_likeness(matcher, folded) for matcher in matchers)
        if any(name in folded.split() or folded in name.split() for name in names if name):
            best = max(best, 0.8)
        if latin and folded.isascii():
            if folded in latin:
                return 1.0
            # Names cut short and run together: IZVESTN, NEIZV, UCHNOMER, NASPUNKT.
            solid = folded.replace(" ", "")
            if len(solid) >= 4 and any(_cut_short(solid, words) for words in latin_words):
                best = max(best, 0.75)
        return best

    return score


# Cyrillic letters as Latin ones, the two usual ways (х as kh or h, й as i or y ...).
_LATIN_LETTERS = dict(
    zip("абвгдеёжзийклмнопрстуўфхцчшщъыьэюяі", (
        "a b v g d e e zh z i i k l m n o p r s t u u f kh ts ch sh shch - y - e iu ia i"
    ).split(), strict=True)
)  # fmt: skip
_LATIN_OTHER = {"х": "h", "й": "y", "ц": "c", "ю": "yu", "я": "ya"}


def _cut_short(header: str, words: list[str], first: bool = True) -> bool:
    """Whether ``header`` is each of ``words`` cut short, in order, run together, the
    first to two letters at least ("uchnomer": uchetnyi nomer; "izvestn": izvestnykh)."""
    if not words:
        return not header
    word, rest = words[0], words[1:]
    for length in range(min(len(word), len(header)), 1 if first else 0, -1):
        if header[:length] == word[:length] and _cut_short(header[length:], rest, False):
            return True
    return False


def _latin(text: str) -> list[str]:
    first = {k: v.strip("-") for k, v in _LATIN_LETTERS.items()}
    second = {**first, **_LATIN_OTHER}
    return ["".join(letters.get(ch, ch) for ch in text) for letters in (first, second)]


NAME_PARTS = ("surname", "given_name", "patronymic")


@cache
def _name_part_words() -> list[tuple[str, str]]:
    """(usual header folded, the part of a name it names), in every language read, the
    longest first: "імя па бацьку" and "әкесінің аты" are each one part, not two."""
    words = {fold_header(a): part for part in NAME_PARTS for a in [part, *FIELDS["persons"][part]]}
    return sorted(words.items(), key=lambda wp: -len(wp[0]))


def names_several_parts(header: str) -> bool:
    """Whether ``header`` names the surname and another part of a name ("Фамилия и имя",
    "Тегі, аты, әкесінің аты"): a column of whole names. ("Имя, отчество" is no full
    name: its first word is no surname.)"""
    folded = f" {fold_header(header)} "
    named = set()
    for word, part in _name_part_words():
        if f" {word} " in folded:
            named.add(part)
            folded = folded.replace(f" {word} ", " | ")
    return "surname" in named and len(named) >= 2


def _likeness(matcher: difflib.SequenceMatcher, header: str) -> float:
    """The matcher's ratio for ``header`` where it can reach 0.5; the quick upper
    bounds first (a file of 100,000 columns took seconds a field)."""
    matcher.set_seq1(header)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    return matcher.ratio()


# A file's columns, as a message lists them: the first ones, then how many more.
COLUMNS_LISTED = 60


def listed_columns(columns: list[str]) -> str:
    shown = ", ".join(columns[:COLUMNS_LISTED])
    more = len(columns) - COLUMNS_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


# The fields that tie a person to a grave (links.LOOKUP_ORDER).
GRAVE_FIELDS = ("site_id", "site_ref", "register_number", "burial_place")


def grave_columns(field_of: dict[str, str]) -> list[str]:
    """The file's columns that give the persons' graves."""
    return [column for column, name in field_of.items() if name in GRAVE_FIELDS]


def no_grave_column_note(columns: list[str], field_of: dict[str, str], given: dict) -> str | None:
    """A person file with no column for the grave stores every person without one, and a
    later import cannot add it to the stored records: said before anything is stored."""
    if grave_columns(field_of) or set(GRAVE_FIELDS) & set(given):
        return None
    free = [c for c in columns if c not in field_of]  # a column read as another field is not
    candidates = [c for f in GRAVE_FIELDS for c in likeliest_columns("persons", f, free)]
    hint = (
        " (likeliest: " + ", ".join(repr(c) for c in dict.fromkeys(candidates)) + ")"
        if candidates
        else ""
    )
    first = [
        c for c, name in field_of.items() if name in ("original_burial_place", "reburied_from")
    ]
    kept = (
        "; "
        + ", ".join(repr(c) for c in first)
        + " (where first buried, or moved from) is kept with a grave only: without one it "
        "stays in each row as read and no page shows it"
        if first
        else ""
    )
    return (
        "no column gives the persons' graves (burial place, register number, site id or "
        f"site ref){hint}: every person is stored without a burial site, and importing the "
        "file again with a mapping adds no grave to them (undo the batch first); name the "
        f'column with a mapping file, e.g. {{"COLUMN": "burial_place"}}{kept}'
    )


# Required fields one value may give for a whole file (--set): a list from one district.
# Names and coordinates are never one value for every row.
SETTABLE_REQUIRED = ("district",)


_POINT_FIELDS = {"lat", "lon", "coords"}
_ID_FIELDS = {"record_id", "ref"}


def _point_headers() -> set[str]:
    """The folded headers any kind of file reads as a point (lat, lon, coords)."""
    return {a for kind in FIELDS for a, f in _aliases(kind).items() if f in _POINT_FIELDS}


def point_columns(columns: list[str]) -> list[str]:
    """The columns whose headers read as a point in some kind of file: a persons list
    may give each grave's (our export of persons does)."""
    headers = _point_headers()
    return [c for c in columns if fold_header(c) in headers]


def other_kind_note(kind: str, unmapped: list[str]) -> str | None:
    """Columns left unread here that another kind of file reads (a sites register
    imported as battles: its kind, register number and counts are not read)."""
    own = _aliases(kind).keys()
    # A point says nothing of the kind (point_columns).
    points = _point_headers()
    # Nor does an identifier: an OpenStreetMap export's id and @id are no persons' record ids.
    points |= {a for other in FIELDS for a, f in _aliases(other).items() if f in _ID_FIELDS}
    best: tuple[int, str, list[str]] = (0, "", [])
    for other in FIELDS:
        theirs = _aliases(other).keys() - own - points
        read = [c for c in unmapped if fold_header(c) in theirs]
        if other != kind and len(read) > best[0]:
            best = (len(read), other, read)
    count, other, read = best
    if count < 2:
        return None
    shown = ", ".join(read[:5]) + (", …" if count > 5 else "")
    return (
        f"the columns {shown} are read in a {other} file, and not in a {kind} file: is it a "
        f"{other} file? (mapapp import {other} FILE)"
    )


def missing_field_message(
    kind: str, alternatives: tuple[str, ...], columns: list[str], free: list[str] | None = None
) -> str:
    """``free``: the columns not read as another field, where candidates are looked for."""
    names = " or ".join(repr(a) for a in alternatives)
    free = columns if free is None else free
    found = [(c, f) for f in alternatives for c in likeliest_columns(kind, f, free)]
    candidates = list(dict.fromkeys(c for c, _ in found))
    hint = "; likeliest: " + ", ".join(repr(c) for c in candidates) if candidates else ""
    # The field the likeliest column is for (a column of whole names is a full name's).
    example = found[0][1] if found else alternatives[0]
    if example == "full_name":
        hint += (
            " (it names several parts of a name: as 'full_name' it is split into surname, "
            "given name and patronymic)"
        )
    settable = [f for f in alternatives if f in SETTABLE_REQUIRED]
    one_value = (
        f"; where every row lies in one {settable[0]}, --set {settable[0]}=NAME places each "
        "at its centre, with that precision"
        if settable
        else ""
    )
    return (
        f"no column for {names}; the file's columns are: {listed_columns(columns)}{hint} "
        f'(name one with a mapping file, --map FILE: {{"COLUMN": "{example}"}}'
        f"{one_value})"
    )
