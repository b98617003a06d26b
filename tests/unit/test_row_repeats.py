"""Why rows alike in every mapped cell are refused where the file gives no record id: a
numbering column that sets them apart is named with its numbers, one that gives a row the
kept row's number says it is written twice, and one that numbers them otherwise says
what keeps it from setting them apart. The numbering is read once for a whole group."""

from mapapp.importers.row_repeats import repeat_reasons

NUMBER = "№ п/п"


def group(numbers: dict[int, str]) -> tuple[list[int], dict[int, dict]]:
    """Rows alike but for their number, by row: (rows, rows as read)."""
    as_read = {row: {NUMBER: number, "Фамилия": "Неизвестный"} for row, number in numbers.items()}
    return list(numbers), as_read


def reasons(numbers: dict[int, str], numbering=(NUMBER,), skip_invalid=False) -> dict[int, str]:
    rows, as_read = group(numbers)
    return dict(repeat_reasons(rows, as_read, list(numbering), None, skip_invalid))


def test_thousands_of_unknown_soldiers_numbered_apart_are_each_told_their_number():
    said = reasons({row: str(row - 1) for row in range(2, 5002)})
    assert sorted(said) == list(range(3, 5002))
    for row in (3, 2500, 5001):
        assert said[row] == (
            "duplicate of row 2 (same record): its mapped cells are row 2's, and the file "
            "gives no record id; if they are different persons (unknown soldiers, namesakes), "
            'import with --map FILE, FILE holding {"№ п/п": "record_id"}: column \'№ п/п\' '
            f"({row - 1} here, 1 in row 2) is then each record's id, so a later copy of the "
            "list must keep its numbers"
        )


def test_thousands_of_rows_one_without_a_number_are_each_told_so():
    numbers = {row: str(row - 1) for row in range(2, 5002)}
    numbers[4000] = ""
    said = reasons(numbers)
    assert len(said) == 4999
    assert "(row 4000 has no number): " in said[3]
    assert "(this row has no number): " in said[4000]
    assert all("does not number these rows apart" in r for r in said.values())
    assert not any("Delete one" in r for r in said.values())


def test_a_number_other_than_the_kept_row_s_is_never_called_a_row_written_twice():
    # Rows 2, 5 and 9 numbered 1, 4 and nothing: row 5 is no copy of row 2.
    said = reasons({2: "1", 5: "4", 9: ""})
    assert said[5] == (
        "duplicate of row 2 (same record): its mapped cells are row 2's, and the file gives "
        "no record id; column '№ п/п' does not number these rows apart (row 9 has no "
        "number): if they are different persons (unknown soldiers, namesakes), give each "
        "row its own number in '№ п/п' and import with --map FILE, FILE holding "
        '{"№ п/п": "record_id"}'
    )
    assert "(this row has no number): " in said[9]
    assert "Delete one" not in said[5] + said[9]

    # The kept row's number again: a row written twice.
    said = reasons({2: "1", 5: "1", 9: ""})
    assert said[5].endswith(
        "column '№ п/п' gives it row 2's number too: a row written twice? Delete one"
    )
    assert "(this row has no number)" in said[9]


def test_a_number_two_rows_share_is_named_with_both():
    said = reasons({2: "1", 5: "4", 9: "4", 11: "7"})
    assert "(row 9 has its number, 4, too): " in said[5]
    assert "(row 5 has its number, 4, too): " in said[9]
    assert "(rows 5 and 9 both have number 4): " in said[11]
    assert not any("Delete one" in r for r in said.values())


def test_the_column_that_numbers_the_row_is_the_one_named():
    rows, as_read = group({2: "1", 5: "4"})
    for row, number in ((2, ""), (5, "4")):
        as_read[row]["№"] = number
    said = dict(repeat_reasons(rows, as_read, ["№", NUMBER], None, True))
    assert "column '№ п/п' (4 here, 1 in row 2) is then each record's id" in said[5]
    assert said[5].endswith("import the rejects file so, not this file again")

    as_read[5][NUMBER] = ""
    said = dict(repeat_reasons(rows, as_read, ["№", NUMBER], None, False))
    assert "column '№' does not number these rows apart (row 2 has no number)" in said[5]


def test_without_a_numbering_column_one_is_asked_for_and_a_mapped_id_is_named():
    said = reasons({2: "", 3: ""}, numbering=())
    assert "add a column numbering the rows (№ п/п) and import with --map" in said[3]
    rows, as_read = group({2: "", 3: "", 4: ""})
    said = dict(repeat_reasons(rows, as_read, [], "ID записи", False))
    assert said[4].endswith(
        "and neither has a record id; if they are different persons (unknown soldiers, "
        "namesakes), give each its id in 'ID записи'"
    )
