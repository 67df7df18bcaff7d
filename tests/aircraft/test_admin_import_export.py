"""Importing aircraft types in the admin: a figure that is not a whole number names the
column and writes nothing."""

import pytest

from aircraft.models import AircraftType
from tests.core.spreadsheets import to_csv, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("value", "message"), [("1.5", "1.5"), ("abc", "abc"), ("--5", "--5")])
def test_a_count_that_is_not_a_whole_number_names_the_column(curator_client, value, message):
    row = {"slug": "j-20", "designation": "J-20", "crew": value}

    preview = upload(curator_client, "/admin/aircraft/aircrafttype/", to_csv([row]))

    [invalid] = preview.context["result"].invalid_rows
    assert f"Not a whole number: '{message}'." in invalid.field_specific_errors["crew"]
    assert not AircraftType.objects.exists()
