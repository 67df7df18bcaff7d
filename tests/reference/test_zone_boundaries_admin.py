"""Zone boundaries in the admin: their own page edits the points as JSON, with a clear error for
text that is not JSON and for a point out of range; a zone's page lists its boundaries as links
(each is edited, cited and reverted on its own page, never with the zone)."""

import json

import pytest

from reference.models import ZoneBoundary
from tests import factories
from tests.admin_forms import posted_data

pytestmark = pytest.mark.django_db


def point(n=None, lon=124.0, lat=37.0, dms="37°00'N 124°00'E"):
    return {"n": n, "lon": lon, "lat": lat, "dms": dms}


def admin_form_data(region, **kwargs):
    return {
        "region": region.pk,
        "slug": "jadiz",
        "status": "partial",
        "points": json.dumps([point(1)]),
        "segments_not_points": "",
        "confidence": "reported",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-source": factories.SourceFactory().pk,
        "citations-0-locator": "",
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        **kwargs,
    }


def inline_prefixes(client):
    """The generic inlines' form prefixes as the add page names them."""
    page = client.get("/admin/reference/zoneboundary/add/")
    return [inline.formset.prefix for inline in page.context["inline_admin_formsets"]]


def post_admin(client, data):
    prefixes = inline_prefixes(client)
    renamed = {}
    for key, value in data.items():
        if key.startswith("citations-"):
            key = key.replace("citations-", f"{prefixes[0]}-", 1)
        elif key.startswith("claims-"):
            key = key.replace("claims-", f"{prefixes[1]}-", 1)
        renamed[key] = value
    return client.post("/admin/reference/zoneboundary/add/", renamed)


def test_the_admin_saves_a_boundary_with_its_points(admin_client):
    zone = factories.RegionFactory(kind="adiz")

    response = post_admin(admin_client, admin_form_data(zone))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ZoneBoundary.objects.get(slug="jadiz").points == [point(1)]


def test_the_admin_explains_points_that_are_not_json(admin_client):
    zone = factories.RegionFactory(kind="adiz")

    response = post_admin(admin_client, admin_form_data(zone, points="[{n: 1, lon: 124}"))

    assert response.status_code == 200
    (message,) = response.context["adminform"].form.errors["points"]
    assert message.startswith("Enter JSON: a list in square brackets")
    assert not ZoneBoundary.objects.exists()


def test_the_admin_names_the_point_out_of_range(admin_client):
    zone = factories.RegionFactory(kind="adiz")

    response = post_admin(
        admin_client, admin_form_data(zone, points=json.dumps([point(1, lat=-95)]))
    )

    errors = response.context["adminform"].form.errors["points"]
    assert "points[0].lat: latitude -95 is outside -90..90." in errors


def test_an_empty_points_box_is_no_points(admin_client):
    zone = factories.RegionFactory(kind="adiz")

    response = post_admin(admin_client, admin_form_data(zone, points="", status="described"))

    assert response.status_code == 302
    assert ZoneBoundary.objects.get(slug="jadiz").points == []


def test_a_zone_page_lists_its_boundaries_with_links_to_their_pages(admin_client):
    record = factories.ZoneBoundaryFactory(slug="kadiz-2013", status="partial")

    page = admin_client.get(f"/admin/reference/region/{record.region.pk}/change/")

    assert page.status_code == 200
    link = f'<a href="/admin/reference/zoneboundary/{record.pk}/change/">kadiz-2013</a>'
    assert link in page.content.decode()
    assert "partial from" in page.content.decode()


def test_a_zone_page_is_saved_without_touching_its_boundaries(admin_client):
    """The list is shown, not a form: saving the zone leaves its boundaries as they were."""
    record = factories.ZoneBoundaryFactory()
    factories.CitationFactory(content_object=record.region)
    url = f"/admin/reference/region/{record.region.pk}/change/"
    before = ZoneBoundary.objects.values().get(pk=record.pk)

    response = admin_client.post(url, posted_data(admin_client.get(url)))

    assert response.status_code == 302
    assert ZoneBoundary.objects.values().get(pk=record.pk) == before
