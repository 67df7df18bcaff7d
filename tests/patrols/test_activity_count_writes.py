"""Writing activity counts (``patrols.activity``) through the API and the admin: what a writer
sends is taken as the rules allow or refused naming the field at fault (a year out of range, a
zone that is not an ADIZ, a ``partial`` disagreeing with the dates, a number too large to store),
never answered with a constraint's name or silently dropped."""

import pytest
from django.contrib import admin as django_admin

from patrols.activity import ActivityCount
from tests import factories
from tests.patrols.activity_factories import ActivityCountFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/activity-counts/"


def cited(**fields):
    record = ActivityCountFactory(**fields)
    factories.CitationFactory(content_object=record)
    return record


def test_a_curator_writes_a_count_through_the_api_with_empty_dates(curator_api_client):
    reporter, source = factories.OrganizationFactory(), factories.SourceFactory()
    answer = curator_api_client.post(
        URL,
        {
            "measure": "scrambles", "reported_by": reporter.slug, "period": "fiscal_year",
            "year": 2024, "scope": "total", "count": 704, "sources": [source.slug],
        },
        format="json",
    )  # fmt: skip
    assert answer.status_code == 201, answer.json()
    assert (answer.json()["period_end"], answer.json()["partial"]) == ("2025-03-31", False)
    again = curator_api_client.post(
        URL,
        {
            "measure": "scrambles", "reported_by": reporter.slug, "period": "fiscal_year",
            "year": 2024, "scope": "total", "count": 700, "sources": [source.slug],
        },
        format="json",
    )  # fmt: skip
    assert again.status_code == 400
    assert ActivityCount.objects.get().count == 704


def post_count(client, **fields):
    body = {
        "measure": "scrambles", "reported_by": factories.OrganizationFactory().slug,
        "period": "fiscal_year", "year": 2024, "scope": "total", "count": 704,
        "sources": [factories.SourceFactory().slug], **fields,
    }  # fmt: skip
    return client.post(URL, body, format="json")


@pytest.mark.parametrize("year", [2101, 1899, 99999])
def test_a_year_out_of_range_is_a_400_naming_the_year_and_its_range(curator_api_client, year):
    answer = post_count(curator_api_client, year=year)
    assert answer.status_code == 400
    assert answer.json() == {"year": ["Give a year from 1900 to 2100."]}
    assert not ActivityCount.objects.exists()


def test_a_zone_that_is_not_an_adiz_is_a_400_naming_the_zone(curator_api_client):
    sea = factories.RegionFactory(slug="sea-of-japan", kind="sea")
    answer = post_count(curator_api_client, zone=sea.slug)
    assert answer.status_code == 400
    assert list(answer.json()) == ["zone"]
    kadiz = factories.RegionFactory(slug="kadiz", kind="adiz")
    assert post_count(curator_api_client, zone=kadiz.slug).status_code == 201


@pytest.mark.parametrize(
    ("fields", "accepted"),
    [
        ({"partial": True}, False),  # a whole year called partial
        ({"partial": False}, True),
        ({"partial": "perhaps"}, False),
        ({"period_end": "2024-09-30", "partial": False}, False),  # part of a year called whole
        ({"period_end": "2024-09-30", "partial": True}, True),
    ],
    ids=str,
)
def test_a_partial_sent_must_agree_with_the_dates(curator_api_client, fields, accepted):
    answer = post_count(curator_api_client, **fields)
    if accepted:
        assert answer.status_code == 201, answer.json()
        assert answer.json()["partial"] is fields["partial"]
    else:
        assert answer.status_code == 400
        assert list(answer.json()) == ["partial"]
        assert not ActivityCount.objects.exists()


def test_a_partial_disagreeing_with_an_update_is_a_400(curator_api_client):
    count = cited(year=2024)
    answer = curator_api_client.patch(
        f"{URL}{count.slug}/", {"partial": True, "count": 5}, format="json"
    )
    assert answer.status_code == 400
    assert list(answer.json()) == ["partial"]
    count.refresh_from_db()
    assert count.count != 5


def test_a_breakdown_number_too_large_to_store_is_a_400_naming_it(curator_api_client):
    answer = post_count(curator_api_client, breakdown={"n": 99999999999999999999999})
    assert answer.status_code == 400
    assert list(answer.json()) == ["breakdown"]
    assert not ActivityCount.objects.exists()


def admin_form(rf, admin_user, **fields):
    """The admin's add form for a count, bound to a FY2024 total with ``fields`` changed."""
    request = rf.get("/")
    request.user = admin_user
    form_class = django_admin.site._registry[ActivityCount].get_form(request)
    data = {
        "measure": "scrambles", "reported_by": factories.OrganizationFactory().pk,
        "period": "fiscal_year", "year": 2024, "scope": "total", "count": 1,
        "confidence": "reported", **fields,
    }  # fmt: skip
    form = form_class(data)
    form.is_valid()
    return form


@pytest.mark.parametrize("year", [2101, 1899, 99999])
def test_the_admin_names_a_year_out_of_range(rf, admin_user, year):
    form = admin_form(rf, admin_user, year=year)
    assert "year" in form.errors
    assert "2100" in str(form.errors["year"]) or "1900" in str(form.errors["year"])
    assert "__all__" not in form.errors


def test_the_admin_offers_adiz_zones_only(rf, admin_user):
    sea, adiz = factories.RegionFactory(kind="sea"), factories.RegionFactory(kind="adiz")
    assert "zone" in admin_form(rf, admin_user, zone=sea.pk).errors
    assert "zone" not in admin_form(rf, admin_user, zone=adiz.pk).errors
