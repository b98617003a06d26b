"""Test helpers that write real rows and remove them again."""

from __future__ import annotations

import re

from sqlalchemy import Engine, text


class Scratch:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._n = 0

    def _ref(self, kind: str) -> str:
        self._n += 1
        return f"test:{kind}:{self._n}"

    def site(self, name: str, lon: float, lat: float, **fields) -> int:
        values = {
            "ref": self._ref("site"),
            "kind": "mass_grave",
            "name": name,
            "name_en": fields.pop("name_en", name),
            "precision": fields.pop("location_precision", "site"),
            "lon": lon,
            "lat": lat,
            "total": fields.pop("buried_total", None),
            "district": fields.pop("district", None),
        }
        assert not fields, f"unsupported fields {fields}"
        with self.engine.begin() as conn:
            return conn.execute(
                text(
                    """
                    INSERT INTO burial_sites (ref, kind, name, name_en, location_precision,
                        geom, buried_total, district, oblast)
                    VALUES (:ref, :kind, :name, :name_en, :precision,
                        ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :total, :district, 'Vitebsk')
                    RETURNING id
                    """
                ),
                values,
            ).scalar_one()

    def person(self, site_id: int, surname: str, **fields) -> int:
        from mapapp.importers.search_index import person_keys

        values = {
            "ref": self._ref("person"),
            "surname": surname,
            "given_name": fields.get("given_name"),
            "patronymic": fields.get("patronymic"),
            "birth_year": fields.get("birth_year"),
            "home_country": fields.get("home_country"),
            "home_region": fields.get("home_region"),
            "home_district": fields.get("home_district"),
            "fictional": fields.get("is_fictional", True),
        }
        values.update(person_keys(values))
        with self.engine.begin() as conn:
            person_id = conn.execute(
                text(
                    """
                    INSERT INTO persons (ref, surname, given_name, patronymic, birth_year,
                        home_country, home_region, home_district, is_fictional, search_key,
                        name_words,
                        surname_key, home_country_key, home_region_key, home_district_key,
                        callup_key)
                    VALUES (:ref, :surname, :given_name, :patronymic, :birth_year,
                        :home_country, :home_region, :home_district, :fictional, :search_key,
                        :name_words,
                        :surname_key, :home_country_key, :home_region_key, :home_district_key,
                        :callup_key)
                    RETURNING id
                    """
                ),
                values,
            ).scalar_one()
            conn.execute(
                text("INSERT INTO burials (person_id, site_id) VALUES (:p, :s)"),
                {"p": person_id, "s": site_id},
            )
            from mapapp.importers.search_index import refresh_vocabulary

            refresh_vocabulary(conn, [person_id])
        return person_id

    def award(self, person_id: int, title: str, position: int = 1, **fields) -> None:
        """An award (its Hero decree date as year, month, day; its feat)."""
        from mapapp.importers.awards import is_hero_title

        with self.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO awards (person_id, position, title, is_hero_title, date_year, "
                    "date_month, date_day, feat) VALUES (:p, :n, :t, :h, :y, :m, :d, :f)"
                ),
                {
                    "p": person_id, "n": position, "t": title, "h": is_hero_title(title),
                    "y": fields.get("year"), "m": fields.get("month"), "d": fields.get("day"),
                    "f": fields.get("feat"),
                },
            )  # fmt: skip
            if is_hero_title(title):
                conn.execute(
                    text("UPDATE persons SET is_hero = true WHERE id = :p"), {"p": person_id}
                )

    def unit(self, name: str, brigade_id: int | None = None, **fields) -> int:
        """A fictional partisan brigade, or a detachment of ``brigade_id``; ``point`` (lon,
        lat) gives its area a district point."""
        from mapapp.importers.awards import unit_key

        with self.engine.begin() as conn:
            unit_id = conn.execute(
                text(
                    "INSERT INTO partisan_units (ref, kind, name, name_key, brigade_id, "
                    "is_fictional) VALUES (:ref, :kind, :name, :key, :brigade, true) RETURNING id"
                ),
                {
                    "ref": self._ref("unit"), "name": name, "key": unit_key(name) or "x",
                    "kind": "detachment" if brigade_id else "brigade", "brigade": brigade_id,
                },
            ).scalar_one()  # fmt: skip
            if "point" in fields:
                lon, lat = fields["point"]
                conn.execute(
                    text(
                        "INSERT INTO partisan_unit_areas (unit_id, district, district_key, geom)"
                        " VALUES (:u, :d, :d, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))"
                    ),
                    {"u": unit_id, "d": fields.get("district", name), "lon": lon, "lat": lat},
                )
        return unit_id

    def member(self, person_id: int, unit_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO partisan_memberships (person_id, unit_id) VALUES (:p, :u)"),
                {"p": person_id, "u": unit_id},
            )

    def withdraw(self, table: str, record_id: int, reason: str) -> None:
        """Mark a record withdrawn as an approved withdrawal does (here by direct SQL)."""
        assert table in ("burial_sites", "persons")
        with self.engine.begin() as conn:
            conn.execute(
                text(
                    f"UPDATE {table} SET withdrawn_at = now(), withdrawn_reason = :reason "
                    "WHERE id = :id"
                ),
                {"id": record_id, "reason": reason},
            )

    def cleanup(self) -> None:
        with self.engine.begin() as conn:
            remove_contributions_to(conn, "persons", "ref LIKE 'test:%'")
            remove_contributions_to(conn, "burial_sites", "ref LIKE 'test:%'")
            conn.execute(text("DELETE FROM persons WHERE ref LIKE 'test:%'"))
            for first in ("brigade_id IS NOT NULL", "true"):
                conn.execute(
                    text(f"DELETE FROM partisan_units WHERE ref LIKE 'test:%' AND {first}")
                )
            conn.execute(
                text(
                    "DELETE FROM burials WHERE site_id IN "
                    "(SELECT id FROM burial_sites WHERE ref LIKE 'test:%')"
                )
            )
            conn.execute(text("DELETE FROM burial_sites WHERE ref LIKE 'test:%'"))


TARGET_TYPES = {"persons": "person", "burial_sites": "site"}


def remove_contributions_to(conn, table: str, where: str) -> None:
    """Remove the contributions to the records of ``table`` matching ``where``, with their
    photos, evidence files and mail, so that a test can delete its records: the database
    refuses to delete a record a contribution targets (migration 0019)."""
    contributions = (
        f"SELECT c.id FROM contributions c WHERE c.target_type = '{TARGET_TYPES[table]}' "
        f"AND c.target_id IN (SELECT id FROM {table} WHERE {where})"
    )
    conn.execute(
        text(f"UPDATE {table} SET withdrawn_by = NULL WHERE withdrawn_by IN ({contributions})")
    )
    for dependent in ("photos", "evidence_files", "outbox"):
        conn.execute(text(f"DELETE FROM {dependent} WHERE contribution_id IN ({contributions})"))
    conn.execute(text(f"DELETE FROM contributions WHERE id IN ({contributions})"))


def remove_batch(engine: Engine, batch_id: int) -> None:
    """Undo an import batch whatever a test did to its records: an undo keeps those that
    hold contributions or edits, so their contributions go first and the records an undo
    still keeps (edited ones) are deleted afterwards."""
    from mapapp.importers.batches import UndoRefused, undo_batch, undo_batch_keeping_edited

    try:
        undo_batch(engine, batch_id)
        return
    except UndoRefused:
        pass
    with engine.begin() as conn:
        for table in TARGET_TYPES:
            remove_contributions_to(conn, table, f"import_batch_id = {batch_id}")
    undo_batch_keeping_edited(engine, batch_id)
    with engine.begin() as conn:
        for table, place_type in (("burial_sites", "site"), ("battle_locations", "battle")):
            conn.execute(
                text(
                    f"DELETE FROM place_names WHERE place_type = '{place_type}' AND place_id IN "
                    f"(SELECT id FROM {table} WHERE import_batch_id = :b)"
                ),
                {"b": batch_id},
            )
        for table in ("persons", "burial_sites", "battle_locations"):  # burials go with persons
            conn.execute(text(f"DELETE FROM {table} WHERE import_batch_id = :b"), {"b": batch_id})
        conn.execute(
            text("UPDATE import_batches SET status = 'undone' WHERE id = :b"), {"b": batch_id}
        )


PASSWORD = "correct horse battery staple"
_accounts = 0


def make_account(engine: Engine, role: str) -> tuple[str, str]:
    """A new account with a unique e-mail (accounts are kept: contributions name them)."""
    import uuid

    from mapapp.accounts.users import add_user
    from mapapp.db import session_scope

    global _accounts
    _accounts += 1
    email = f"{role}-{_accounts}-{uuid.uuid4().hex[:8]}@example.org"
    with session_scope(engine) as session:
        add_user(session, email, PASSWORD, role)
    return email, PASSWORD


def csrf_token(html: str) -> str:
    import re

    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD) -> str:
    """Sign in through the /login form; returns the session's CSRF token."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return token


def fuzz(max_examples: int):
    """Hypothesis settings for tests against the real database: reproducible examples
    (derandomized, no example database), no deadline, fixtures shared across examples."""
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
        database=None,
    )


def site_names_of_batch(engine: Engine, batch_id: int) -> list[str]:
    """The names of the sites an import batch stored, in the order it stored them."""
    with engine.connect() as conn:
        return (
            conn.execute(
                text("SELECT name FROM burial_sites WHERE import_batch_id = :b ORDER BY id"),
                {"b": batch_id},
            )
            .scalars()
            .all()
        )


def linked_site(engine: Engine, surname: str) -> str | None:
    """The name of the site the person of this surname is buried at, if any."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT s.name FROM persons p JOIN burials b ON b.person_id = p.id "
                "JOIN burial_sites s ON s.id = b.site_id WHERE p.surname = :s"
            ),
            {"s": surname},
        ).scalar_one_or_none()


def searched_surnames(client, query: str) -> set[str]:
    """The surnames a person search (/api/persons) finds, over all its pages: it asks
    for no page past the last one, which is a 404."""
    surnames, page = set(), 1
    while True:
        response = client.get(f"/api/persons?{query}&per_page=100&page={page}")
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        surnames |= {p["surname"] for p in body["items"]}
        if page * 100 >= body["total"]:
            return surnames
        page += 1


def fate_as_written_on(page: str) -> str | None:
    """The fate cell a person page shows as written beside the fate's label, as text."""
    found = re.search(r'data-testid="fate-as-written">(.*?)</dd>', page)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else None


def imported_fate_cells(run, tmp_path, engine, cells: dict[str, str]) -> list[tuple]:
    """Imports a persons file of one row a surname (given name Иван), with its fate cell,
    and gives (surname, person id, stored fate) of each row stored."""
    lines = "".join(f'{surname},Иван,"{cell}"\n' for surname, cell in cells.items())
    path = tmp_path / "fate_cells.csv"
    path.write_text("Фамилия,Имя,Судьба\n" + lines, encoding="utf-8")
    report = run("persons", path)
    assert report.ok and report.added == len(cells), [str(p) for p in report.problems]
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT surname, id, fate FROM persons WHERE import_batch_id = :b"),
            {"b": report.batch_id},
        ).all()
