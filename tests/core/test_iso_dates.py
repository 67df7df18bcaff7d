"""``core.dates``: the one ISO 8601 spelling of a date and a date-time that every reader takes.

The other scripts' digits, ``2024-1-2``, ``20240102`` and week dates are what
``django.utils.dateparse`` (DRF's and Django's ISO reading) takes; a locale's ``02/01/2024`` is
what a form takes. The API (tests/core/test_iso_dates_api.py), the data files and the dataset
import (tests/curation/test_iso_dates_files.py) read dates here.
"""

import datetime

import pytest
from django.utils.dateparse import parse_date as django_parse_date
from django.utils.dateparse import parse_datetime as django_parse_datetime

from core import dates
from patrols.models import Patrol

UTC = datetime.UTC

ARABIC_INDIC = "٢٠٢٤-٠١-٠٢"  # 2024-01-02 in Arabic-Indic digits
FULLWIDTH = "２０２４-０１-０２"

# Dates Django reads one way or another, none of them YYYY-MM-DD.
NOT_ISO_DATES = [
    "02/01/2024",
    "2/1/2024",
    "02.01.2024",
    "2024-1-2",
    "2024-01-2",
    "24-01-02",
    "20240102",
    "2024-W01-2",
    ARABIC_INDIC,
    FULLWIDTH,
    " 2024-01-02",
    "2024-01-02\n",
    "2024-01-02T00:00",
    "+2024-01-02",
    "",
    "soon",
]
NOT_ISO_DATETIMES = [
    "2024-1-2 3:4",
    "2024-01-02 03:04",
    "2024-01-02 03:04:05Z",
    "02/01/2024 03:04",
    "2024-01-02t03:04z",
    "20240102T030405Z",
    "2024-01-02T0304Z",
    "2024-01-02T03Z",
    "2024-01-02T3:04Z",
    "2024-01-02T03:04:05.1234567Z",
    "2024-01-02T03:04:05,123Z",
    "2024-01-02T03:04+0100",
    "2024-01-02T03:04+01",
    "2024-01-02T03:04:05+01:00:30",
    f"{ARABIC_INDIC}T03:04Z",
    "2024-01-02T03:04Z ",
    "",
]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-01-02", datetime.date(2024, 1, 2)),
        ("0001-01-01", datetime.date(1, 1, 1)),
        ("9999-12-31", datetime.date(9999, 12, 31)),
        ("2024-02-29", datetime.date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_in_its_one_spelling(text, day):
    assert dates.parse_date(text) == day


@pytest.mark.parametrize("text", NOT_ISO_DATES)
def test_any_other_spelling_of_a_date_is_refused_with_the_format(text):
    with pytest.raises(dates.NotISO, match="ISO 8601 date, YYYY-MM-DD"):
        dates.parse_date(text)


@pytest.mark.parametrize("text", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10"])
def test_a_well_spelt_day_not_in_the_calendar_is_refused_naming_it(text):
    with pytest.raises(dates.NotISO, match=f"{text} is not a day of the calendar"):
        dates.parse_date(text)


@pytest.mark.parametrize("value", [20240102, 2024.0, None, True, ["2024-01-02"]])
def test_a_date_must_be_text(value):
    with pytest.raises(dates.NotISO):
        dates.parse_date(value)


def test_the_refused_spellings_are_ones_django_reads():
    """So the tests above test something: Django's ISO reading takes these."""
    for text in ("2024-1-2", "20240102", "2024-W01-2", ARABIC_INDIC):
        assert django_parse_date(text) == datetime.date(2024, 1, 2), text
    assert django_parse_datetime("2024-1-2 3:4") == datetime.datetime(2024, 1, 2, 3, 4)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-01-02T03:04Z", datetime.datetime(2024, 1, 2, 3, 4, tzinfo=UTC)),
        ("2024-01-02T03:04:05Z", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2024-01-02T03:04:05.5Z", datetime.datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)),
        (
            "2024-01-02T03:04:05.123456+00:00",
            datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        ),
        ("2024-01-02T04:04+01:00", datetime.datetime(2024, 1, 2, 3, 4, tzinfo=UTC)),
        ("2024-01-01T21:34-05:30", datetime.datetime(2024, 1, 2, 3, 4, tzinfo=UTC)),
    ],
)
def test_a_date_time_is_read_with_its_offset(text, moment):
    assert dates.parse_datetime(text) == moment
    assert dates.parse_datetime(text, offset_required=False) == moment


@pytest.mark.parametrize("text", NOT_ISO_DATETIMES)
def test_any_other_spelling_of_a_date_time_is_refused(text):
    with pytest.raises(dates.NotISO, match="ISO 8601 date and time"):
        dates.parse_datetime(text, offset_required=False)


def test_a_date_time_without_offset_is_utc_where_allowed_and_refused_elsewhere():
    assert dates.parse_datetime("2024-01-02T03:04", offset_required=False) == datetime.datetime(
        2024, 1, 2, 3, 4, tzinfo=UTC
    )
    with pytest.raises(dates.NotISO, match="with Z or ±HH:MM"):
        dates.parse_datetime("2024-01-02T03:04")


def test_a_date_alone_is_not_a_date_time():
    with pytest.raises(dates.NotISO, match="Give a time too"):
        dates.parse_datetime("2024-01-02", offset_required=False)


def test_a_plus_lost_in_a_url_is_explained():
    with pytest.raises(dates.NotISO, match="write \\+ as %2B"):
        dates.parse_datetime("2024-01-02T03:04:05 01:00", offset_required=False)


@pytest.mark.parametrize("text", ["2024-01-02T24:00Z", "2024-01-02T03:60Z", "2024-02-30T03:04Z"])
def test_a_well_spelt_moment_not_in_the_calendar_is_refused_naming_it(text):
    with pytest.raises(dates.NotISO, match=f"{text} is not a moment of the calendar"):
        dates.parse_datetime(text)


def test_a_model_field_takes_a_date_iso_text_or_nothing_and_refuses_the_rest():
    start_date = Patrol._meta.get_field("start_date")
    created_at = Patrol._meta.get_field("created_at")
    day, moment = datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, tzinfo=UTC)

    assert dates.field_value(start_date, day) == day
    assert dates.field_value(start_date, "2024-01-02") == day
    assert dates.field_value(start_date, None) is None
    assert dates.field_value(created_at, moment) == moment
    assert dates.field_value(created_at, "2024-01-02T03:04Z") == moment
    assert dates.field_value(Patrol._meta.get_field("name"), "02/01/2024") == "02/01/2024"
    for value in ("02/01/2024", "2024-1-2", moment, 20240102):
        with pytest.raises(dates.NotISO):
            dates.field_value(start_date, value)
    for value in ("2024-01-02T03:04", "2024-01-02", moment.replace(tzinfo=None), day):
        with pytest.raises(dates.NotISO):
            dates.field_value(created_at, value)


def test_model_values_name_the_field_refused():
    values = {"name": "x", "start_date": "2024-01-02", "end_date": "03/01/2024"}

    with pytest.raises(dates.NotISO, match="^field end_date: Use an ISO 8601 date"):
        dates.model_values(Patrol, values)
    assert dates.model_values(Patrol, {**values, "end_date": None}) == {
        "name": "x",
        "start_date": datetime.date(2024, 1, 2),
        "end_date": None,
    }
