"""How the reference records read in the API: a citation or claim names its record, a country
is named by its code, a source's link and its own API URL are kept apart."""

import pytest

from tests import factories
from tests.core.resource_cases import API, BASE, compact, listed, results

pytestmark = pytest.mark.django_db


def test_a_citation_names_the_record_it_is_attached_to(api_client):
    patrol = factories.PatrolFactory(slug="joint-patrol-1", name="1st joint patrol")
    source = factories.SourceFactory(slug="tass", title="TASS report")
    citation = factories.CitationFactory(content_object=patrol, source=source, locator="para. 2")

    data = api_client.get(f"{API}/citations/{citation.pk}/").json()

    assert data["record_type"] == "patrols.patrol"
    assert data["record_id"] == patrol.pk
    assert data["record"] == {
        "type": "patrols.patrol",
        "id": patrol.pk,
        "key": "joint-patrol-1",
        "name": "1st joint patrol",
        "url": f"{BASE}/patrols/joint-patrol-1/",
    }
    assert data["source"] == compact("slug", "tass", "sources", "TASS report")
    assert data["locator"] == "para. 2"


def test_a_claim_on_an_organization_names_it_and_its_field(api_client):
    organization = factories.OrganizationFactory(slug="rokaf", name="ROK Air Force")
    claim = factories.ClaimFactory(content_object=organization, field="name", value="ROKAF")

    data = api_client.get(f"{API}/claims/{claim.pk}/").json()

    assert data["record_type"] == "reference.organization"
    assert data["record"]["key"] == "rokaf"
    assert data["record"]["url"] == f"{BASE}/organizations/rokaf/"
    assert (data["field"], data["value"], data["confidence"]) == ("name", "ROKAF", "claimed")


def test_a_country_is_named_by_its_code_in_related_records(api_client):
    korea = factories.CountryFactory(code="KR", code3="KOR", name="South Korea")
    region = factories.RegionFactory(slug="kadiz", kind="adiz", declared_by=korea)

    data = api_client.get(f"{API}/regions/{region.slug}/").json()

    assert data["declared_by"] == compact("code", "KR", "countries", "South Korea")
    assert data["parent"] is None


def test_a_source_shows_its_link_under_link_and_its_own_api_url_under_url(api_client):
    source = factories.SourceFactory(slug="tass", url="https://tass.com/defense/1")

    data = api_client.get(f"{API}/sources/tass/").json()

    assert data["link"] == source.url
    assert data["url"] == f"{BASE}/sources/tass/"


def test_a_source_cited_by_two_records_is_listed_once_on_each(api_client):
    source = factories.SourceFactory(slug="tass", title="TASS")
    first, second = factories.PatrolFactory(), factories.PatrolFactory()
    factories.CitationFactory(content_object=first, source=source)
    factories.CitationFactory(content_object=second, source=source)

    rows = results(listed(api_client, "patrols"))

    assert [row["sources"] for row in rows] == [[compact("slug", "tass", "sources", "TASS")]] * 2
