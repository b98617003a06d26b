import re

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


# Dates as people write them in the registers: read, each to the one date it can be.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A four-digit year first, with dots: year.month.day (never a year in two digits).
        ("1944.06.24", (1944, 6, 24)),
        ("1944.06", (1944, 6, None)),
        ("1944.06.00", (1944, 6, None)),
        ("1944.06.24 г.", (1944, 6, 24)),
        # The year's mark in Kazakh and Belarusian, read past as the Russian one is.
        ("1913 ж.", (1913, None, None)),
        ("25.06.1944 ж.", (1944, 6, 25)),
        ("1944ж.", (1944, None, None)),
        ("1944 ж", (1944, None, None)),
        ("1913 жылы", (1913, None, None)),
        ("1920 ж.т.", (1920, None, None)),  # жылы туған: born in the year
        ("1920 жылы туған", (1920, None, None)),
        ("1913 г.н.", (1913, None, None)),  # год нараджэння
        ("1913 года нараджэння", (1913, None, None)),
        # Roman months, in Latin letters or the Cyrillic look-alikes (Х, І).
        ("24.VI.1944", (1944, 6, 24)),
        ("VI.1944", (1944, 6, None)),
        ("24 VI 1944", (1944, 6, 24)),
        ("24.X.1944", (1944, 10, 24)),
        ("24.ХІ.1944", (1944, 11, 24)),
        ("1.XII.1943", (1943, 12, 1)),
        # Months by name: Russian (nominative, genitive, abbreviated), Belarusian, Kazakh,
        # English.
        ("24 июня 1944", (1944, 6, 24)),
        ("24 июня 1944 г.", (1944, 6, 24)),
        ("24 июня 1944 года", (1944, 6, 24)),
        ("июнь 1944", (1944, 6, None)),
        ("Июнь 1944 г.", (1944, 6, None)),
        ("июня 1944", (1944, 6, None)),
        ("3 сент. 1943", (1943, 9, 3)),
        ("24 чэрвеня 1944", (1944, 6, 24)),
        ("24 ліпеня 1944", (1944, 7, 24)),
        ("24 лiпеня 1944", (1944, 7, 24)),  # a Latin i in the Belarusian word
        ("чэрвень 1944", (1944, 6, None)),
        ("24 маусым 1944", (1944, 6, 24)),
        ("24 маусым 1944 ж.", (1944, 6, 24)),
        ("1944 жылғы 24 маусым", (1944, 6, 24)),
        ("қазан 1943", (1943, 10, None)),
        ("24 June 1944", (1944, 6, 24)),
        ("June 24, 1944", (1944, 6, 24)),
        ("June 1944", (1944, 6, None)),
        # Slashes and hyphens, the year last in four digits: read the one way they can be
        # (no month over 12; equal numbers are one date either way).
        ("24/06/1944", (1944, 6, 24)),
        ("24-06-1944", (1944, 6, 24)),
        ("06/24/1944", (1944, 6, 24)),  # month first, as a spreadsheet in US English writes
        ("6/24/1944", (1944, 6, 24)),
        ("12-31-1944", (1944, 12, 31)),
        ("05/05/1944", (1944, 5, 5)),
        ("00/06/1944", (1944, 6, None)),  # a zero is a day not known only where it comes first
        ("06/1944", (1944, 6, None)),
        ("24.06.1944 г.", (1944, 6, 24)),
        ("24. 06. 1944", (1944, 6, 24)),
        # X's for what is not known, as underscores (Cyrillic Х or Latin x).
        ("ХХ.ХХ.1944", (1944, None, None)),
        ("xx.xx.1944", (1944, None, None)),
        ("XX.06.1944", (1944, 6, None)),
        ("хх.VI.1944", (1944, 6, None)),
        ("ХХ.ХХ.ХХХХ", (None, None, None)),
        # A trailing full stop or list separator.
        ("1944.", (1944, None, None)),
        ("24.06.1944.", (1944, 6, 24)),
        ("24.06.1944;", (1944, 6, 24)),
        ("24.06.1944 г.;", (1944, 6, 24)),
        ("1944-06-22;", (1944, 6, 22)),
    ],
)
def test_dates_as_people_write_them_are_read(text, expected):
    assert parse_partial_date(text) == expected
    if not any(mark in text for mark in ("ж.т.", "туған", "г.н.", "нараджэння")):
        assert parse_death_date(text) == expected  # a date of death reads them alike


def test_a_year_first_with_dots_is_never_taken_for_a_year_in_two_digits():
    """ "1944.06.24" was refused as a year in two digits "(1924?)": followed, the hint
    stored a wrong year."""
    assert parse_partial_date("1944.06.24") == (1944, 6, 24)
    for text in ("1944.6.24", "1944.6", "1944.13.01", "1944.06.31"):
        with pytest.raises(ValueError) as refused:
            parse_partial_date(text)
        assert "a year in two digits" not in str(refused.value)
        assert "write it in full" not in str(refused.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # With dots the day comes first: no month 24, and the other order is never guessed.
        ("06.24.1944", r"month out of range .*the day comes first .*write 24\.06\.1944"),
        ("12.31.1944", r"month out of range .*the day comes first"),
        # Slashes and hyphens, neither number a day: no such date either way.
        ("13/13/1944", r"month out of range"),
        ("06/32/1944", r"day out of range"),
        ("02/30/1944", r"no such day in the calendar: '02/30/1944'"),
        ("06/24/44", r"a year in two digits .*\(1944\?\)"),
        ("1944/06/24", r"a year first with slashes is not read"),
        ("1944/06", r"a year first with slashes is not read"),
        ("1944.6", r"with two digits for the month and the day"),
        ("1944.6.24", r"with two digits for the month and the day"),
        # A lone X for the month: October, or a month not known?
        ("X.1944", r"is X the month \(October, in Roman numerals\) or a month not known"),
        ("Х.1944", r"is X the month"),
        ("ХХ.Х.1944", r"is X the month"),
        # Days the calendar lacks, however the date is written.
        ("31/02/1944", r"no such day in the calendar: '31/02/1944'"),
        ("31-04-1944", r"no such day in the calendar"),
        ("31 июня 1944", r"no such day in the calendar"),
        ("30.II.1944", r"no such day in the calendar"),
        ("24/06/44", r"a year in two digits .*\(1944\?\)"),
        ("24 июня 44", r"not a date"),
        ("24 июня", r"not a date"),
        ("24.XIII.1944", r"not a date"),
        ("24.06/1944", r"not a date"),  # two separators
        ("1941-1945", r"not a date"),
        ("1941 - 1945", r"not a date"),
        ("22.06.1944-27.06.1944", r"not a date"),
        ("лето 1944", r"not a date"),
        ("__.__.194_", r"not a date"),
        ("24.06.1944; 25.06.1944", r"not a date"),
        ("24 мая 1944 1945", r"not a date"),
        ("ж.", r"not a date"),
        # A bound is no date.
        ("после 24.06.1944", r"bounds a date \(после\)"),
        ("не позднее 06.1944", r"bounds a date \(не позднее\)"),
        ("пасля 24 чэрвеня 1944", r"bounds a date \(пасля\)"),
        ("между 22.06.1941 и 01.09.1941", r"bounds a date \(между\)"),
        ("паміж 1941 і 1942", r"bounds a date \(паміж\)"),
    ],
)
def test_what_cannot_be_read_as_one_date_is_refused_saying_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_partial_date(text)


@pytest.mark.parametrize(
    ("text", "mark"),
    [("1913 г.н.", "г.н."), ("1920 ж.т.", "ж.т."), ("1920 жылы туған", "жылы туған"),
     ("1913 года нараджэння", "года нараджэння"), ("1910 г.р.;", "г.р.")],
)  # fmt: skip
def test_a_kazakh_or_belarusian_year_of_birth_is_not_a_date_of_death(text, mark):
    with pytest.raises(ValueError, match=rf"marked as a year of birth \({mark}\)"):
        parse_death_date(text)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_read_by_its_name_in_each_language(month):
    from mapapp.text.dates import MONTH_WORDS

    names = [word for word, number in MONTH_WORDS.items() if number == month]
    assert len(names) >= 6  # Russian twice (and abbreviated), Belarusian twice, Kazakh, English
    for name in names:
        assert parse_partial_date(f"1 {name} 1944") == (1944, month, 1), name
        assert parse_partial_date(f"{name.capitalize()} 1944") == (1944, month, None), name


@pytest.mark.parametrize(
    ("text", "day_first", "month_first"),
    [
        ("05/06/1944", "05.06.1944 for 5 June", "06.05.1944 for 6 May"),
        ("6/5/1944", "06.05.1944 for 6 May", "05.06.1944 for 5 June"),
        ("05-06-1944", "05.06.1944 for 5 June", "06.05.1944 for 6 May"),
        ("12/1/1944", "12.01.1944 for 12 January", "01.12.1944 for 1 December"),
        ("05/06/1944 г.", "05.06.1944 for 5 June", "06.05.1944 for 6 May"),
    ],
)
def test_a_slashed_or_hyphened_date_that_reads_two_ways_is_refused(text, day_first, month_first):
    """ "6/5/1944", as a spreadsheet set to US English writes 5 June, was read day first
    and stored as 6 May; neither order is guessed, and the message says how to write it."""
    for parse in (parse_partial_date, parse_death_date):
        with pytest.raises(ValueError) as refused:
            parse(text)
        message = str(refused.value)
        assert f"{text!r} is ambiguous" in message
        assert "write it with dots, day first" in message
        assert day_first in message and month_first in message


def test_a_slashed_zero_month_is_refused_saying_how_to_write_a_day_not_known():
    with pytest.raises(ValueError, match=r"'06/00/1944': no month 0 .*day first: 00\.06\.1944"):
        parse_partial_date("06/00/1944")


def test_dots_stay_day_first_where_slashes_would_be_ambiguous():
    assert parse_partial_date("05.06.1944") == (1944, 6, 5)
    assert parse_partial_date("6.5.1944") == (1944, 5, 6)


@pytest.mark.parametrize(
    "text",
    ["24/06/1944", "перенесены 24-06-1957", "с 13/2/1944 по 2/14/1944", "06/24/1957",
     "05/05/1957", "00/05/1944"],
)  # fmt: skip
def test_text_with_slashed_or_hyphened_real_days_is_kept(text):
    from mapapp.importers.values import text_with_real_dates

    assert text_with_real_dates(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [("31/02/1944", "'31/02/1944'"), ("02/31/1957", "'02/31/1957'"),
     ("перенесены 31-04-1957", "'31-04-1957'")],
)  # fmt: skip
def test_a_slashed_or_hyphened_day_the_calendar_lacks_is_refused_in_text(text, shown):
    from mapapp.importers.values import text_with_real_dates

    with pytest.raises(ValueError, match=re.escape(f"no such day in the calendar: {shown}")):
        text_with_real_dates(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [("с 1/2/1944 по 3/2/1944", "'1/2/1944' is ambiguous"),
     ("перенесены 05-06-1957", "'05-06-1957' is ambiguous"),
     ("1944, перенесена 05/06/1957", "06.05.1957 for 6 May")],
)  # fmt: skip
def test_a_slashed_or_hyphened_date_that_reads_two_ways_is_refused_in_text(text, shown):
    """Text kept as written is read by people day first: "05/06/1957" from a spreadsheet
    in US English would be misread as 5 June, so it is refused as a date field refuses it."""
    from mapapp.importers.values import text_with_real_dates

    with pytest.raises(ValueError, match=re.escape(shown)):
        text_with_real_dates(text)


# Kazakh lists write a date's month with a case ending: the locative (-да/-де/-та/-те, "in
# June") and the genitive (-ның/-нің/-дың/-дің/-тың/-тің, "June's"), whose day follows it
# with a possessive or ordinal ending ("маусымның 24-і", "24-ші"); the year with "жылы" or
# "жылғы" (in the year, of the year) or "ж.".
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1944 жылы 24 маусымда", (1944, 6, 24)),
        ("24 маусымда 1944 ж.", (1944, 6, 24)),
        ("24 маусымда 1944", (1944, 6, 24)),
        ("1944 ж. маусымның 24-і", (1944, 6, 24)),
        ("1944 жылғы маусымның 24-і", (1944, 6, 24)),
        ("1944 жылы маусымның 24-ші", (1944, 6, 24)),
        ("1944 ж. маусымның 20-сы", (1944, 6, 20)),
        ("1944 ж. маусымның 2-сі", (1944, 6, 2)),
        ("1944 ж. маусымның 6-шы", (1944, 6, 6)),
        ("1944 ж. маусымның 10-ы", (1944, 6, 10)),
        ("1944 ж. маусымның 24-інші", (1944, 6, 24)),
        ("1944 жылғы 24-ші маусым", (1944, 6, 24)),
        ("1944 жылы 24 маусым", (1944, 6, 24)),
        ("1943 ж. қыркүйектің 3-і", (1943, 9, 3)),
        ("1943 жылы 3 қыркүйекте", (1943, 9, 3)),
        # A partial date stays partial: the month and the year, or the year alone.
        ("маусым 1944", (1944, 6, None)),
        ("маусымда 1944", (1944, 6, None)),
        ("1944 жылы маусымда", (1944, 6, None)),
        ("1944 ж. маусымда", (1944, 6, None)),
        ("Қыркүйекте 1943 ж.", (1943, 9, None)),
        ("1944 жылы", (1944, None, None)),
    ],
)
def test_kazakh_dates_with_case_endings_are_read(text, expected):
    assert parse_partial_date(text) == expected
    assert parse_death_date(text) == expected


KAZAKH_MONTHS = [
    ("қаңтар", "қаңтарда", "қаңтардың"), ("ақпан", "ақпанда", "ақпанның"),
    ("наурыз", "наурызда", "наурыздың"), ("сәуір", "сәуірде", "сәуірдің"),
    ("мамыр", "мамырда", "мамырдың"), ("маусым", "маусымда", "маусымның"),
    ("шілде", "шілдеде", "шілденің"), ("тамыз", "тамызда", "тамыздың"),
    ("қыркүйек", "қыркүйекте", "қыркүйектің"), ("қазан", "қазанда", "қазанның"),
    ("қараша", "қарашада", "қарашаның"), ("желтоқсан", "желтоқсанда", "желтоқсанның"),
]  # fmt: skip


@pytest.mark.parametrize(("month", "forms"), list(enumerate(KAZAKH_MONTHS, start=1)))
def test_every_kazakh_month_is_read_in_its_locative_and_genitive(month, forms):
    name, in_month, of_month = forms
    assert parse_partial_date(f"1944 жылғы 3 {name}") == (1944, month, 3)
    assert parse_partial_date(f"1944 жылы 3 {in_month}") == (1944, month, 3)
    assert parse_partial_date(f"3 {in_month} 1944 ж.") == (1944, month, 3)
    assert parse_partial_date(f"1944 ж. {of_month} 3-і") == (1944, month, 3)
    assert parse_partial_date(f"{in_month.capitalize()} 1944") == (1944, month, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # No year, or no month: not one date.
        ("маусымның 24-і", r"not a date: 'маусымның 24-і'"),
        ("24 маусымда", r"not a date"),
        ("1944 жылы 24-і", r"not a date"),
        ("1944 ж. 24-ші", r"not a date"),
        # Two days, or two months.
        ("1944 ж. маусымның 24-і 25-і", r"not a date"),
        ("1944 жылы маусымда шілдеде", r"not a date"),
        # A day the calendar lacks, however the month is written.
        ("1944 ж. маусымның 31-і", r"no such day in the calendar"),
        ("31 маусымда 1944", r"no such day in the calendar"),
        # An ending the month does not take, and words that are no month's: never guessed.
        ("24 маусымде 1944", r"not a date"),
        ("1944 жылдың 24 маусымы", r"not a date"),
        ("1944 ж. маусымдағы 24-і", r"not a date"),
        ("24-ке дейін маусым 1944", r"not a date"),
        # A bound or a doubt is no date, in Kazakh as in other languages.
        ("шамамен 1944 ж.", r"is an approximate date"),
    ],
)
def test_a_kazakh_date_that_is_not_one_date_is_refused_saying_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_partial_date(text)
