"""A write naming a field the resource does not have is refused, naming it, and stores nothing:
a misspelt field would otherwise be dropped silently and the record stored without it. Fields a
resource shows but does not take (``url``, ``created_at``) may be sent back as read.

Generated from the URL conf: every route that creates or updates a record is covered."""

import pytest

from tests.core.api_routes import ROUTES, params

pytestmark = pytest.mark.django_db

BODY_WRITES = ("POST", "PUT", "PATCH")


@pytest.mark.parametrize(
    ("route", "method"),
    params((r, m) for r in ROUTES if r.resource for m in BODY_WRITES if m in r.methods),
)
def test_a_field_the_resource_does_not_have_is_a_400_naming_it(route, method, curator_api_client):
    url = route.url()
    before = route.stored()

    response = curator_api_client.generic(
        method, url, '{"aircraft_cuont": 3}', content_type="application/json"
    )

    assert response.status_code == 400, response.content
    assert "aircraft_cuont" in response.json()
    assert route.stored() == before


def test_fields_shown_but_not_taken_may_be_sent_back(curator_api_client):
    from tests import factories

    patrol = factories.PatrolFactory()
    factories.CitationFactory(content_object=patrol)
    url = f"/api/v1/patrols/{patrol.slug}/"
    shown = curator_api_client.get(url).json()
    body = {"name": "Renamed", **{key: shown[key] for key in ("url", "created_at", "joint")}}

    response = curator_api_client.patch(url, body, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Renamed"
