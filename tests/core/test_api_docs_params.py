"""The schema and its two pages take only what they read (core/api/docs.py): the schema
``format`` (json or yaml, once) and ``lang`` (a language of LANGUAGES); the pages ``lang``;
``version`` nowhere (one version). Anything else is a JSON 400 naming the parameter; it was a
200 (and ``version`` was echoed into the schema's ``info.version``)."""

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

SCHEMA, DOCS, REDOC = "/api/schema/", "/api/docs/", "/api/redoc/"
PAGES = [DOCS, REDOC]

REFUSED = [
    (SCHEMA, "x=1", "x"),
    (SCHEMA, "format=json&format=yaml", "format"),
    (SCHEMA, "format=xml", "format"),
    (SCHEMA, "format=", "format"),
    (SCHEMA, "version=%3Cscript%3Ealert(1)%3C/script%3E", "version"),
    (SCHEMA, "version=1", "version"),
    (SCHEMA, "lang=zz", "lang"),
    (SCHEMA, "lang=fr&lang=de", "lang"),
    *((page, "x=1", "x") for page in PAGES),
    *((page, "format=json", "format") for page in PAGES),
    *((page, "version=2", "version") for page in PAGES),
    *((page, "lang=zz", "lang") for page in PAGES),
]
ACCEPTED = [
    (SCHEMA, ""),
    (SCHEMA, "format=json"),
    (SCHEMA, "format=yaml"),
    (SCHEMA, "lang=fr"),
    (SCHEMA, "format=json&lang=de"),
    *((page, "") for page in PAGES),
    *((page, "lang=de") for page in PAGES),
]


@pytest.mark.parametrize(("path", "query", "named"), REFUSED)
def test_a_parameter_the_schema_or_its_pages_do_not_read_is_refused(client, path, query, named):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()) == [named]


@pytest.mark.parametrize(("path", "query"), ACCEPTED)
def test_what_they_read_is_accepted(client, path, query):
    assert client.get(f"{path}?{query}").status_code == 200


def test_version_is_not_echoed_into_the_schema(client):
    response = client.get(f"{SCHEMA}?format=json&version=%3Cscript%3E")

    assert response.status_code == 400
    assert "one version" in response.json()["version"][0]
    assert b"<script>" not in response.content


def test_the_schema_states_its_one_version(client):
    schema = client.get(f"{SCHEMA}?format=json").json()

    assert schema["info"]["version"] == django_settings.SPECTACULAR_SETTINGS["VERSION"]


def test_the_format_decides_the_schema_media_type(client):
    assert client.get(f"{SCHEMA}?format=json")["Content-Type"].startswith(
        "application/vnd.oai.openapi+json"
    )
    assert client.get(f"{SCHEMA}?format=yaml")["Content-Type"].startswith(
        "application/vnd.oai.openapi"
    )


def test_a_language_the_pages_take_is_passed_on_to_the_schema(client):
    assert b"/api/schema/?lang=de" in client.get(f"{REDOC}?lang=de").content
