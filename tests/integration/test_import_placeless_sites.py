"""Sites without a point are known by kind, name, settlement, district, counts and location
note: two graves of one name in one village with other counts or notes are two sites (both
placed at the village's centre and listed as possibly one place), not one record with
other values; the same file again, or with the settlement's type written, adds nothing;
sites stored under the older keys (without the note; kind, name, settlement, district)
are still found where their note is none or the row's, and the row alone carries the key
or its counts agree."""

from __future__ import annotations

from sqlalchemy import text

from mapapp.importers.records import digest
from mapapp.importers.search_index import settlement_name
from mapapp.text.districts import district_key
from mapapp.text.normalize import search_key
from tests.integration.test_import_real_files import write

HEADER = "Название;Вид;Район;Населённый пункт;Всего\n"
FIRST = "Братская могила;mass_grave;Дубровенский район;Дубровно;120\n"
SECOND = "Братская могила;mass_grave;Дубровенский район;Дубровно;33\n"


def stored_totals(engine) -> list[int]:
    with engine.connect() as conn:
        return sorted(
            conn.execute(
                text(
                    "SELECT buried_total FROM burial_sites WHERE name = 'Братская могила' "
                    "AND settlement = 'Дубровно' AND location_precision = 'settlement_centre'"
                )
            ).scalars()
        )


def stored_under_the_older_key(run, tmp_path, engine, total: int = 120) -> None:
    """The first grave, as an import before this key stored it."""
    first = run("sites", write(tmp_path, "a.csv", HEADER + FIRST))
    older = "site:" + digest("mass_grave", "Братская могила", "Дубровно", "Дубровенский район")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE burial_sites SET ref = :r, buried_total = :t WHERE import_batch_id = :b"),
            {"r": older, "t": total, "b": first.batch_id},
        )


def test_two_graves_of_one_name_in_one_village_are_two_sites(run, tmp_path, engine, counts):
    report = run("sites", write(tmp_path, "two.csv", HEADER + FIRST + SECOND))
    assert report.committed and report.added == 2, report.problems
    assert stored_totals(engine) == [33, 120]
    assert report.possible_duplicate_sites == 1  # one place? for a person to say
    again = run("sites", write(tmp_path, "two.csv", HEADER + FIRST + SECOND))
    assert (again.added, again.present, again.present_differing) == (0, 2, 0)


def test_the_second_grave_in_a_later_file_is_added(run, tmp_path, engine):
    run("sites", write(tmp_path, "a.csv", HEADER + FIRST))
    later = run("sites", write(tmp_path, "b.csv", HEADER + SECOND))
    assert (later.added, later.present) == (1, 0)
    assert stored_totals(engine) == [33, 120]


def test_a_note_added_or_the_settlement_s_type_written_is_the_same_site(run, tmp_path, counts):
    run("sites", write(tmp_path, "a.csv", HEADER + FIRST))
    before = counts()
    header = "Название;Вид;Район;Населённый пункт;Всего;Примечание\n"
    for settlement in ("г. Дубровно", "ДУБРОВНО", "Дуброўна"):
        later = f"Братская могила;mass_grave;Дубровенский район;{settlement};120;уточнено\n"
        report = run("sites", write(tmp_path, "b.csv", header + later))
        assert (report.added, report.present) == (0, 1), settlement
    assert counts() == before


def test_only_the_row_whose_counts_agree_is_the_site_under_the_older_key(run, tmp_path, engine):
    """Before, the second grave could never be stored: both rows had one key."""
    stored_under_the_older_key(run, tmp_path, engine)
    both = run("sites", write(tmp_path, "both.csv", HEADER + FIRST + SECOND))
    assert (both.added, both.present, both.present_differing) == (1, 1, 0)
    assert stored_totals(engine) == [33, 120]


def test_a_site_stored_under_the_older_key_is_present(run, tmp_path, engine, counts):
    stored_under_the_older_key(run, tmp_path, engine)
    before = counts()
    again = run("sites", write(tmp_path, "a.csv", HEADER + FIRST))
    assert (again.added, again.present, again.present_differing) == (0, 1, 0)
    assert counts() == before


def test_a_site_under_the_older_key_with_counts_corrected_since_is_still_present(
    run, tmp_path, engine, counts
):
    # Stored before, and its count corrected on its page since.
    stored_under_the_older_key(run, tmp_path, engine, total=121)
    before = counts()
    again = run("sites", write(tmp_path, "a.csv", HEADER + FIRST))
    assert (again.added, again.present, again.present_differing) == (0, 1, 1)
    assert counts() == before


NOTED = "Название;Вид;Район;Населённый пункт;Примечание о месте;Описание\n"
AT_SCHOOL = "Братская могила;mass_grave;Дубровенский район;д. Рыленки;у школы;воины 338 сд\n"
AT_CEMETERY = (
    "Братская могила;mass_grave;Дубровенский район;д. Рыленки;на сельском кладбище;партизаны\n"
)


def notes_stored(engine) -> list[str]:
    with engine.connect() as conn:
        return sorted(
            conn.execute(
                text(
                    "SELECT location_note FROM burial_sites WHERE name = 'Братская могила' "
                    "AND settlement = 'д. Рыленки'"
                )
            ).scalars()
        )


def stored_at_school_without_note_in_key(run, tmp_path, engine) -> None:
    """The grave by the school, as an import stored it before the note was part of a
    site's key."""
    first = run("sites", write(tmp_path, "graves.csv", NOTED + AT_SCHOOL))
    place = (search_key(settlement_name("д. Рыленки")), district_key("Дубровенский район"))
    without_note = "site:" + digest("mass_grave", "Братская могила", *place, *[None] * 4)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE burial_sites SET ref = :r WHERE import_batch_id = :b"),
            {"r": without_note, "b": first.batch_id},
        )


def test_two_graves_of_one_village_without_counts_are_told_apart_by_their_notes(
    run, tmp_path, engine
):
    report = run("sites", write(tmp_path, "graves.csv", NOTED + AT_SCHOOL + AT_CEMETERY))
    assert report.committed and report.added == 2, [str(p) for p in report.problems]
    assert notes_stored(engine) == ["на сельском кладбище", "у школы"]
    assert report.possible_duplicate_sites == 1  # one place? for a person to say
    again = run("sites", write(tmp_path, "graves.csv", NOTED + AT_SCHOOL + AT_CEMETERY))
    assert (again.added, again.present, again.present_differing) == (0, 2, 0)


def test_the_other_grave_of_the_village_in_a_later_file_is_added_not_taken_for_the_first(
    run, tmp_path, engine
):
    run("sites", write(tmp_path, "graves.csv", NOTED + AT_SCHOOL))
    later = run("sites", write(tmp_path, "graves_2.csv", NOTED + AT_CEMETERY))
    assert (later.added, later.present, later.present_differing) == (1, 0, 0)
    assert notes_stored(engine) == ["на сельском кладбище", "у школы"]
    assert later.possible_duplicate_sites == 1


def test_a_site_stored_without_its_note_in_its_key_is_the_row_whose_note_agrees(
    run, tmp_path, engine
):
    stored_at_school_without_note_in_key(run, tmp_path, engine)
    alone = run("sites", write(tmp_path, "graves.csv", NOTED + AT_SCHOOL), dry_run=True)
    assert (alone.added, alone.present) == (0, 1)
    both = run("sites", write(tmp_path, "graves.csv", NOTED + AT_CEMETERY + AT_SCHOOL))
    assert (both.added, both.present, both.present_differing) == (1, 1, 0)
    assert notes_stored(engine) == ["на сельском кладбище", "у школы"]


def test_a_site_stored_without_its_note_in_its_key_is_not_the_village_s_other_grave(
    run, tmp_path, engine
):
    # The grave by the school, stored before the note was part of a site's key; a later
    # file holds only the grave at the cemetery: another grave, added.
    stored_at_school_without_note_in_key(run, tmp_path, engine)
    later = run("sites", write(tmp_path, "graves_2.csv", NOTED + AT_CEMETERY))
    assert (later.added, later.present) == (1, 0)
    assert notes_stored(engine) == ["на сельском кладбище", "у школы"]
