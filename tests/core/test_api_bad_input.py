"""Input that once reached the database or Python's int() unchecked: a 400 or 404 in JSON,
on SQLite and PostgreSQL alike, never a 500."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/sources/?page=²", "page"),
        ("/api/v1/sources/?page_size=²", "page_size"),
        ("/api/v1/sources/?page=" + "9" * 5000, "page"),
        ("/api/v1/patrols/?aircraft_type=h-6%00k", "aircraft_type"),
        ("/api/v1/patrols/?country=C%00", "country"),
        ("/api/v1/aircraft-types/?crew_max=40000", "crew_max"),
        ("/api/v1/inventories/?as_of_year_min=99999", "as_of_year_min"),
        ("/api/v1/patrols/?search=a%00b", "search"),
    ],
)
def test_malformed_parameters_are_a_400_naming_them(api_client, url, parameter):
    response = api_client.get(url)
    assert response.status_code == 400
    assert parameter in response.json()


def test_a_null_character_in_a_url_is_a_404_in_json(api_client):
    response = api_client.get("/api/v1/patrols/joint%00patrol/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"sources": ["mnd\x00"]}, "sources"),
        ({"route": {"type": "Point", "coordinates": [0, 0], "name": "a\x00"}}, "route"),
        ({"name": "a\x00b"}, "name"),
    ],
)
def test_null_characters_in_a_write_are_a_400(curator_api_client, payload, field):
    patrol = factories.PatrolFactory()
    response = curator_api_client.patch(f"/api/v1/patrols/{patrol.slug}/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_statistics_answer_in_json_or_csv_only(api_client):
    response = api_client.get("/api/v1/patrols/stats/", {"group_by": "year", "format": "xml"})
    assert response.status_code == 400
    assert "format" in response.json()
