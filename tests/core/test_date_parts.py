"""A date's parts (year, month, day, quarter, weekdays) are computed by the database itself.

On SQLite, Django's own date parts call back into Python for every row (``django_date_extract``):
grouping 100,000 patrols by year spent most of its time there. ``core.date_parts`` replaces them
for every ``DateField`` of every model; these tests hold them to Django's numbers, on whichever
database runs the suite, and keep the Python callback out of the SQL.
"""

import datetime

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.models.functions import ExtractYear

from core.apps import data_app_configs
from core.date_parts import DATE_PARTS
from patrols.models import Patrol
from tests.factories import PatrolFactory

# What each part is of a date, in Python (Django's documented meaning).
EXPECTED = {
    "year": lambda day: day.year,
    "month": lambda day: day.month,
    "day": lambda day: day.day,
    "quarter": lambda day: (day.month - 1) // 3 + 1,
    "week_day": lambda day: day.isoweekday() % 7 + 1,  # Sunday 1 … Saturday 7
    "iso_week_day": lambda day: day.isoweekday(),  # Monday 1 … Sunday 7
}
PART_NAMES = [part.lookup_name for part in DATE_PARTS]

# Year and month ends, a leap day, every weekday, a year before 1000 and the last possible day.
DAYS = [
    datetime.date(2024, 2, 29),
    datetime.date(2023, 12, 31),
    datetime.date(2024, 1, 1),
    datetime.date(2025, 3, 31),
    datetime.date(2025, 4, 1),
    *(datetime.date(2026, 6, 1) + datetime.timedelta(days=n) for n in range(7)),
    datetime.date(999, 7, 15),
    datetime.date(9999, 12, 31),
]


def date_fields():
    """Every plain date field (not a date-time) of the data apps' models."""
    return [
        pytest.param(model, field.name, id=f"{model._meta.label}.{field.name}")
        for config in data_app_configs()
        for model in config.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
    ]


def test_every_part_of_django_is_replaced_and_covered():
    assert sorted(PART_NAMES) == sorted(EXPECTED)
    for name in PART_NAMES:
        assert models.DateField.get_lookups()[name] in DATE_PARTS


@pytest.mark.parametrize(("model", "field"), date_fields())
@pytest.mark.parametrize("part", PART_NAMES)
def test_no_date_part_calls_back_into_python(model, field, part):
    sql = str(model.objects.values(f"{field}__{part}").query)
    assert "django_date_extract" not in sql


@pytest.mark.django_db
@pytest.mark.parametrize("part", PART_NAMES)
def test_each_part_is_djangos_number(part):
    for day in DAYS:
        PatrolFactory(start_date=day, end_date=None)
    shown = dict(Patrol.objects.values_list("start_date", f"start_date__{part}"))
    assert shown == {day: EXPECTED[part](day) for day in DAYS}


@pytest.mark.django_db
def test_a_year_filter_is_still_a_date_range_that_can_use_the_index():
    sql = str(Patrol.objects.filter(start_date__year=2024).query)
    assert "BETWEEN" in sql and "2024-01-01" in sql


@pytest.mark.django_db
def test_a_date_time_keeps_djangos_time_zone_aware_part():
    # A date-time's year depends on the time zone: Django's expression, not the text's.
    model = apps.get_model("patrols", "ZoneEntry")
    sql = str(model.objects.values("entered_at__year").query)
    native = str(model.objects.values("patrol__start_date__year").query)
    if connection.vendor == "sqlite":
        assert "django_datetime_extract" in sql
        assert "strftime" in native
    assert ExtractYear("entered_at").lookup_name == "year"
