"""The filters of the reference records: organizations, regions, sources, citations and claims.

Each selects exactly the records it should; what a bad value answers is in
tests/core/test_api_filters.py.
"""

import pytest

from tests import factories
from tests.core import filter_cases
from tests.core.filter_cases import day, ids, listed, slugs

pytestmark = pytest.mark.django_db

# Fixtures from tests.core.filter_cases, bound to these names for pytest to find.
world = filter_cases.world


# --- Organizations and regions --------------------------------------------------------------------


def test_organizations_by_kind_and_country(api_client, world):
    norad = factories.OrganizationFactory(slug="norad", kind="multinational_command", country=None)

    assert slugs(listed(api_client, "organizations", "kind=ministry")) == {"mnd"}
    assert slugs(
        listed(api_client, "organizations", "kind=ministry&kind=multinational_command")
    ) == {
        "mnd",
        norad.slug,
    }
    assert slugs(listed(api_client, "organizations", "country=CN")) == {"plaaf", "mnd"}
    assert slugs(listed(api_client, "organizations", "country=RU&kind=air_force")) == {
        "lra",
        "vks",
    }
    assert slugs(listed(api_client, "organizations", "country=US")) == set()


def test_organizations_by_parent(api_client, world):
    wing = factories.OrganizationFactory(slug="wing", parent=world["plaaf"])

    assert slugs(listed(api_client, "organizations", "parent=plaaf")) == {wing.slug}


def test_regions_by_kind_and_declaring_country(api_client, world):
    jadiz = factories.RegionFactory(slug="jadiz", kind="adiz", declared_by=world["japan"])
    factories.RegionFactory(slug="miyako-strait", kind="strait")

    assert slugs(listed(api_client, "regions", "kind=adiz")) == {"kadiz", jadiz.slug}
    assert slugs(listed(api_client, "regions", "kind=strait&kind=adiz")) == {
        "kadiz",
        "jadiz",
        "miyako-strait",
    }
    assert slugs(listed(api_client, "regions", "declared_by=KR")) == {"kadiz"}
    assert slugs(listed(api_client, "regions", "declared_by=jp")) == {"jadiz"}
    assert slugs(listed(api_client, "regions", "kind=sea")) == {"east-china-sea", "sea-of-japan"}


# --- Sources, citations and claims ----------------------------------------------------------------


@pytest.fixture
def sources():
    for slug, kind, reliability, published_on, language in (
        ("mod-statement", "official_statement", "A", "2019-07-23", "ru"),
        ("wire-report", "news_report", "B", "2020-01-01", "en"),
        ("think-tank", "analysis", "B", "2022-06-01", "en"),
        ("undated-blog", "news_report", "F", None, "ja"),
    ):
        factories.SourceFactory(
            slug=slug,
            kind=kind,
            reliability=reliability,
            published_on=day(published_on) if published_on else None,
            language=language,
            publisher=slug.replace("-", " ").title(),
        )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=news_report", {"wire-report", "undated-blog"}),
        ("kind=official_statement&kind=analysis", {"mod-statement", "think-tank"}),
        ("reliability=B", {"wire-report", "think-tank"}),
        ("reliability=A&reliability=F", {"mod-statement", "undated-blog"}),
        ("published_after=2020-01-01", {"wire-report", "think-tank"}),  # inclusive
        ("published_before=2019-12-31", {"mod-statement"}),
        (
            "published_after=2019-01-01&published_before=2021-01-01",
            {"mod-statement", "wire-report"},
        ),
        ("language=en", {"wire-report", "think-tank"}),
        ("publisher=think%20TANK", {"think-tank"}),
    ],
)
def test_sources_by_kind_reliability_date_language_and_publisher(
    api_client, sources, query, expected
):
    assert slugs(listed(api_client, "sources", query)) == expected


@pytest.fixture
def attachments():
    """Citations and claims on a patrol, an aircraft type and an organization."""
    tass, kyodo = factories.SourceFactory(slug="tass"), factories.SourceFactory(slug="kyodo")
    patrol_ = factories.PatrolFactory()
    aircraft_type = factories.AircraftTypeFactory()
    organization = factories.OrganizationFactory()
    citation = factories.CitationFactory
    claim = factories.ClaimFactory
    return {
        "citations": {
            "patrol-tass": citation(content_object=patrol_, source=tass).pk,
            "patrol-kyodo": citation(content_object=patrol_, source=kyodo).pk,
            "aircraft-tass": citation(content_object=aircraft_type, source=tass).pk,
            "organization-kyodo": citation(content_object=organization, source=kyodo).pk,
        },
        "claims": {
            "patrol-tass": claim(content_object=patrol_, source=tass, field="start_date").pk,
            "aircraft-kyodo": claim(
                content_object=aircraft_type, source=kyodo, field="range_km", value="6000"
            ).pk,
            "organization-tass": claim(
                content_object=organization,
                source=tass,
                field="name",
                value="Other name",
                confidence="reported",
            ).pk,  # fmt: skip
        },
    }


@pytest.mark.parametrize("resource", ["citations", "claims"])
@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("source=tass", lambda name: name.endswith("-tass")),
        ("source=kyodo", lambda name: name.endswith("-kyodo")),
        ("source=tass&source=kyodo", lambda name: True),
        ("record_type=patrols.patrol", lambda name: name.startswith("patrol-")),
        ("record_type=aircraft.aircrafttype", lambda name: name.startswith("aircraft-")),
        ("record_type=reference.organization", lambda name: name.startswith("organization-")),
        ("record_type=aircraft.weapon", lambda name: False),
        (
            "record_type=patrols.patrol&source=kyodo",
            lambda name: name.startswith("patrol-") and name.endswith("-kyodo"),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_citations_and_claims_by_source_and_record_type(
    api_client, attachments, resource, query, wanted
):
    expected = {pk for name, pk in attachments[resource].items() if wanted(name)}

    assert ids(listed(api_client, resource, query)) == expected


def test_claims_by_field_and_confidence(api_client, attachments):
    claims = attachments["claims"]

    assert ids(listed(api_client, "claims", "field=range_km")) == {claims["aircraft-kyodo"]}
    assert ids(listed(api_client, "claims", "confidence=reported")) == {claims["organization-tass"]}
