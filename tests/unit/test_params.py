import pytest

from mapapp.errors import N_, InvalidInput
from mapapp.http.params import parse_bbox, parse_kind, parse_positive_int


def test_bbox_in_geojson_order():
    assert parse_bbox("23.1,51.2,32.8,56.2") == (23.1, 51.2, 32.8, 56.2)
    assert parse_bbox(None) is None
    assert parse_bbox("") is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1,2,3", "4 comma-separated"),
        ("1,2,3,4,5", "4 comma-separated"),
        ("a,b,c,d", "numbers"),
        ("nan,50,30,55", "finite"),
        ("20,50,inf,55", "finite"),
        ("20,-91,30,55", "minlat"),
        ("20,50,30,95", "maxlat"),
        ("-190,50,30,55", "minlon"),
        ("30,50,20,55", "must not exceed"),
    ],
)
def test_bad_bbox_is_named(raw, fragment):
    with pytest.raises(InvalidInput) as info:
        parse_bbox(raw)
    assert fragment in info.value.message
    assert info.value.parameter == "bbox"
    assert info.value.status == 400


def test_kind_must_be_known():
    assert parse_kind("mass_grave") == "mass_grave"
    with pytest.raises(InvalidInput, match="kind must be one of"):
        parse_kind("castle")


@pytest.mark.parametrize("raw", ["0", "-1", "1.5", "x", "１"])
def test_positive_int_rejects(raw):
    with pytest.raises(InvalidInput, match="page"):
        parse_positive_int(raw, "page", 1)


def test_positive_int_maximum():
    assert parse_positive_int("500", "per_page", 50, 500) == 500
    with pytest.raises(InvalidInput, match="at most 500"):
        parse_positive_int("501", "per_page", 50, 500)


def test_positive_int_huge_numbers_are_a_clear_error():
    with pytest.raises(InvalidInput, match="at most 1000000000"):
        parse_positive_int("9" * 10000, "page", 1)
    assert parse_positive_int("0007", "page", 1) == 7


@pytest.mark.parametrize("raw", ["9" * 5000, "１", "²", "0", "-1", "2147483648", "1e3", ""])
def test_an_id_is_ascii_digits_in_range_whatever_its_length(raw):
    from mapapp.http.params import parse_id

    with pytest.raises(InvalidInput) as info:
        parse_id(raw, "sites", N_("%(value)s is not a site id"))
    assert info.value.parameter == "sites"
    assert "is not a site id" in info.value.message


def test_an_id_list_is_bounded_and_distinct():
    from mapapp.http.params import parse_site_ids

    assert parse_site_ids(" 3, 1,2 ", "sites", 5) == [3, 1, 2]
    for raw, message in ((",,,", "required"), ("1,2,3", "at most 2"), ("4,04", "twice")):
        with pytest.raises(InvalidInput, match=message):
            parse_site_ids(raw, "sites", 2)


def test_no_parameter_may_be_longer_than_the_cap():
    from werkzeug.datastructures import MultiDict

    from mapapp.http.params import MAX_PARAMETER_LENGTH, check_parameter_sizes

    check_parameter_sizes(MultiDict({"q": "x" * MAX_PARAMETER_LENGTH}))
    with pytest.raises(InvalidInput) as info:
        check_parameter_sizes(MultiDict({"q": "x" * (MAX_PARAMETER_LENGTH + 1)}))
    assert info.value.parameter == "q"
    with pytest.raises(InvalidInput, match="too many parameters"):
        check_parameter_sizes(MultiDict([("sites", "1")] * 101))
