import pytest

from mapapp.text.dates import format_partial_date, parse_death_date, parse_partial_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1902", (1902, None, None)),
        ("__.__.1902", (1902, None, None)),
        ("12.1943", (1943, 12, None)),
        ("__.12.1943", (1943, 12, None)),
        ("22.06.1944", (1944, 6, 22)),
        # ISO 8601, as databases export; a midnight time and the year's mark around a date.
        ("1944-06-22", (1944, 6, 22)),
        ("1944-06", (1944, 6, None)),
        ("22.06.1944 0:00:00", (1944, 6, 22)),
        ("22.06.1944 00:00", (1944, 6, 22)),
        ("1944 г.", (1944, None, None)),
        ("22.06.1944г.", (1944, 6, 22)),
        ("1944 года", (1944, None, None)),
        ("1944 год", (1944, None, None)),
        ("1944-06-22T00:00:00", (1944, 6, 22)),
        ("1910 г.р.", (1910, None, None)),  # "year of birth"
        ("1910 г. р.", (1910, None, None)),
        ("1910 года рождения", (1910, None, None)),
        ("__.__.____", (None, None, None)),  # a form's blank
        ("00.00.0000", (None, None, None)),  # the same in zeros
        ("1910-10", (1910, 10, None)),
        ("", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_parse_partial_dates_keeps_unknown_parts_unknown(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1944/06/22",  # which is the month, in 1944/06/05? never guessed
        "1944-6-22",
        "1943-44",  # years, not a year and a month
        "22.06.1944 12:30:00",  # a time of day: not a date as written
        "32.01.1944",
        "01.13.1944",
        "22.06.44",
        "abc",
        "1.2.3.1944",
        "1800",
        "г.",
        "1944-06-22T12:30:00",
    ],
)
def test_parse_partial_dates_rejects_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="1944|date|range|1800"):
        parse_partial_date(text)


@pytest.mark.parametrize("text", ["1910 г.р.", "1910г.р", "1910 г. р.", "1910 года рождения"])
def test_a_year_of_birth_is_not_a_date_of_death(text):
    with pytest.raises(ValueError, match="marked as a year of birth"):
        parse_death_date(text)


@pytest.mark.parametrize(("text", "expected"), [("1944 г.", (1944, None, None)), ("", (None,) * 3)])
def test_a_date_of_death_is_read_as_any_date(text, expected):
    assert parse_death_date(text) == expected


@pytest.mark.parametrize("text", ["33 года", "33", "44", "5 лет"])
def test_an_age_is_named_as_such(text):
    with pytest.raises(ValueError, match="is an age or a shortened year, not a date"):
        parse_partial_date(text)


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ((1902, None, None), "1902"),
        ((1943, 12, None), "12.1943"),
        ((1944, 6, 22), "22.06.1944"),
        ((None, None, None), None),
    ],
)
def test_format_partial_date(parts, text):
    assert format_partial_date(*parts) == text


def test_round_trip_of_every_form():
    for text in ("1902", "12.1943", "22.06.1944"):
        assert format_partial_date(*parse_partial_date(text)) == text


@pytest.mark.parametrize("text", ["31.02.1944", "30.02.1943", "29.02.1943", "31.04.1942"])
def test_days_that_the_calendar_does_not_have_are_rejected(text):
    with pytest.raises(ValueError, match="no such day in the calendar"):
        parse_partial_date(text)


def test_a_leap_day_is_a_day():
    assert parse_partial_date("29.02.1944") == (1944, 2, 29)


@pytest.mark.parametrize("text", ["00.13.1942", "01.00.1942", "1942-00-01"])
def test_thirteen_and_a_zero_month_with_a_day_are_out_of_range(text):
    with pytest.raises(ValueError, match="out of range"):
        parse_partial_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00.00.1910", (1910, None, None)),
        ("0.0.1910", (1910, None, None)),
        ("00.01.1942", (1942, 1, None)),
        ("00.1942", (1942, None, None)),
        ("1910-00-00", (1910, None, None)),
        ("1944-06-00", (1944, 6, None)),
    ],
)
def test_zeros_are_what_is_not_known_as_registers_write_it(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["00.05.1944", "перенесена 00.00.1957", "1944-00-00"])
def test_zeros_in_text_kept_as_written_are_no_day_to_refuse(text):
    from mapapp.importers.values import text_with_real_dates

    assert text_with_real_dates(text) == text


@pytest.mark.parametrize(
    "text", ["31.02.1944", "31.02.1944.", "1944-02-31", "29.02.0000", "00.13.1942", "у 30.02.1943"]
)
def test_a_day_the_calendar_lacks_is_refused_in_text(text):
    from mapapp.importers.values import text_with_real_dates

    with pytest.raises(ValueError, match="no such day in the calendar"):
        text_with_real_dates(text)


@pytest.mark.parametrize(
    "text",
    ["1944", "22.06.1944.", "1944-06-22", "1943-1945", "перенесено 1957-1958 гг.", "2.3.1944"],
)
def test_text_with_real_days_or_none_is_kept_as_written(text):
    from mapapp.importers.values import text_with_real_dates

    assert text_with_real_dates(text) == text


@pytest.mark.parametrize("text", ["22.06.44", "06.44"])
def test_a_year_in_two_digits_is_refused_saying_so(text):
    with pytest.raises(ValueError, match=r"a year in two digits .*write it in full \(1944\?\)"):
        parse_partial_date(text)


@pytest.mark.parametrize(
    "text", ["около 1910", "1910?", "~1910", "ок. 1910", "прибл. 1910", "1910 (?)", "каля 1910"]
)
def test_an_approximate_date_is_named_as_such_not_read_as_certain(text):
    with pytest.raises(ValueError, match="is an approximate date: .* would drop the doubt"):
        parse_partial_date(text)


@pytest.mark.parametrize(("text", "month"), [("1910-11", "11.1910"), ("1911-12", "12.1911")])
def test_a_year_and_the_next_one_s_last_digits_are_never_taken_for_a_month(text, month):
    with pytest.raises(ValueError, match=f"a year and a month, or two years.*as {month}"):
        parse_partial_date(text)
