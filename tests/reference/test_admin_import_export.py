"""Importing reference records in the admin: a country is named by its code, and an unknown
code is an error naming the value."""

import pytest

from tests.core.spreadsheets import to_csv, upload

pytestmark = pytest.mark.django_db


def test_an_unknown_country_code_names_the_value(curator_client):
    row = {"slug": "x", "name": "X", "kind": "air_force", "country": "ZZ"}

    preview = upload(curator_client, "/admin/reference/organization/", to_csv([row]))

    [invalid] = preview.context["result"].invalid_rows
    assert "There is no country with code 'ZZ'." in invalid.field_specific_errors["country"]
