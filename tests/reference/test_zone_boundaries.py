"""Zone boundaries: stored exactly as their sources give them, refused when malformed, and read
through the API on their own and inside their zone.

A boundary's points keep their published numbers, the source's order and the printed DMS; a
complete boundary is ordered and has a ring's three points at least, a described one has none,
and nothing closes a ring. The rules hold on every path: ``full_clean()`` (admin, API, imports,
loader), every ORM save, and the database's own CHECK constraints.
"""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from reference import boundaries
from reference.models import RegionKind, ZoneBoundary
from tests import factories
from tests.core.resource_cases import API, BASE, assert_json_error, compact, listed, results

pytestmark = pytest.mark.django_db


def point(n=None, lon=124.0, lat=37.0, dms="37°00'N 124°00'E"):
    return {"n": n, "lon": lon, "lat": lat, "dms": dms}


TRIANGLE = [point(1, 124.0, 37.0), point(2, 133.0, 39.0), point(3, 127.5, 32.5)]


def boundary(**kwargs):
    """An unsaved boundary of a new ADIZ."""
    region = kwargs.pop("region", None) or factories.RegionFactory(kind="adiz")
    fields = {"slug": "b", "status": "partial", "points": [point()], **kwargs}
    return ZoneBoundary(region=region, **fields)


def errors_of(record):
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    return refused.value.message_dict


# --- The points' shape ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, message",
    [
        (point(lon=180.5), "points[0].lon: longitude 180.5 is outside -180..180."),
        (point(lon=-181), "points[0].lon: longitude -181 is outside -180..180."),
        (point(lat=90.01), "points[0].lat: latitude 90.01 is outside -90..90."),
        (point(lat=-91), "points[0].lat: latitude -91 is outside -90..90."),
        (point(lat="37"), "points[0].lat: a number of decimal degrees."),
        (point(lon=True), "points[0].lon: a number of decimal degrees."),
        (point(n=0), "points[0].n: the point's number as published"),
        (point(n=1.5), "points[0].n: the point's number as published"),
        (point(n=2_147_483_648), "points[0].n: the point's number as published"),
        (point(dms=""), "points[0].dms: the point as printed"),
        ({"lon": 1, "lat": 2, "dms": None}, "points[0]: missing key(s) 'n'."),
        ({**point(), "alt": 3}, "points[0]: unknown key(s) 'alt'."),
        ([124.0, 37.0], "points[0]: a point is an object"),
    ],
)
def test_a_malformed_point_is_refused_naming_it(bad, message):
    errors = errors_of(boundary(points=[bad]))

    assert any(text.startswith(message) for text in errors["points"]), errors


def test_points_are_a_list():
    errors = errors_of(boundary(points={"n": 1}))

    assert errors["points"] == ["points: a list of points (an empty list for none)."]


def test_a_published_number_given_twice_is_refused():
    errors = errors_of(boundary(points=[point(3), point(3, lat=38.0)]))

    assert errors["points"] == ["points: number(s) 3 given twice."]


def test_segments_are_a_list_of_texts():
    errors = errors_of(boundary(segments_not_points=["(10)–(11): 14 nm line", ""]))

    assert "segments_not_points" in errors


def test_an_orm_save_refuses_what_full_clean_refuses():
    record = boundary(points=[point(lat=95)])

    with pytest.raises(ValidationError, match="latitude 95"):
        record.save()
    assert not ZoneBoundary.objects.exists()


# --- The status rules ----------------------------------------------------------------------------


def test_a_complete_boundary_must_be_in_boundary_order():
    errors = errors_of(boundary(status="complete", points=TRIANGLE, points_ordered=False))

    assert errors["points_ordered"] == ["A complete boundary lists its points in boundary order."]


def test_a_complete_boundary_has_three_points_at_least():
    errors = errors_of(boundary(status="complete", points=TRIANGLE[:2], points_ordered=True))

    assert errors["points"] == ["A complete boundary has at least 3 points."]


def test_a_described_boundary_has_no_points():
    errors = errors_of(boundary(status="described", points=[point()]))

    assert "A described boundary has no points: its status is partial." in errors["points"]


def test_the_database_refuses_an_unordered_complete_boundary():
    record = factories.ZoneBoundaryFactory(status="partial", points_ordered=False, points=TRIANGLE)

    with pytest.raises(IntegrityError), transaction.atomic():
        ZoneBoundary.objects.filter(pk=record.pk).update(status="complete")


def test_the_database_refuses_a_described_boundary_with_points():
    record = factories.ZoneBoundaryFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ZoneBoundary.objects.filter(pk=record.pk).update(status="described")


def test_the_database_takes_a_described_boundary_without_points():
    record = factories.ZoneBoundaryFactory(status="described", points=[], points_ordered=False)

    assert ZoneBoundary.objects.get(pk=record.pk).points == []


def test_the_adiz_kind_is_the_regions_own():
    assert boundaries.ADIZ == RegionKind.ADIZ


def test_only_an_adiz_has_a_boundary():
    sea = factories.RegionFactory(kind="sea")

    errors = errors_of(boundary(region=sea))

    assert errors["region"] == ["Only an air defense identification zone has a zone boundary."]


def test_a_zone_has_one_boundary_per_date_and_one_undated():
    first = factories.ZoneBoundaryFactory(effective_from=None)

    errors = errors_of(boundary(region=first.region, slug="again"))

    assert "This zone already has an undated boundary." in errors["__all__"]


def test_a_complete_ring_is_stored_as_listed_never_closed():
    record = boundary(status="complete", points=TRIANGLE, points_ordered=True)
    record.full_clean()
    record.save()

    stored = ZoneBoundary.objects.get(pk=record.pk).points

    assert stored == TRIANGLE
    assert stored[0] != stored[-1]


# --- The API -------------------------------------------------------------------------------------


def cited(record, **kwargs):
    factories.CitationFactory(content_object=record, **kwargs)
    return record


def test_a_boundary_reads_as_stored(api_client):
    kadiz = factories.RegionFactory(slug="kadiz", name="KADIZ", kind="adiz")
    source = factories.SourceFactory(slug="newdaily", title="NewDaily")
    record = factories.ZoneBoundaryFactory(
        slug="kadiz-2013",
        region=kadiz,
        points=[point(), point(lon=122.416667, lat=30.0, dms="30°00'N 122°25'E")],
        points_ordered=False,
        confidence="claimed",
        segments_not_points=["a rule"],
    )
    cited(record, source=source)

    data = api_client.get(f"{API}/zone-boundaries/kadiz-2013/").json()

    assert data["url"] == f"{BASE}/zone-boundaries/kadiz-2013/"
    assert data["region"] == compact("slug", "kadiz", "regions", "KADIZ")
    assert data["points"] == record.points
    assert (data["points_ordered"], data["status"], data["confidence"]) == (
        False,
        "partial",
        "claimed",
    )
    assert data["segments_not_points"] == ["a rule"]
    assert data["sources"] == [compact("slug", "newdaily", "sources", "NewDaily")]
    assert data["disputed"] is False


def test_a_region_shows_its_boundaries_with_their_status(api_client):
    zone = factories.RegionFactory(slug="japan-adiz", kind="adiz")
    record = cited(factories.ZoneBoundaryFactory(slug="jadiz", region=zone, confidence="reported"))
    factories.ClaimFactory(content_object=record, field="", value="other")

    for data in (
        api_client.get(f"{API}/regions/japan-adiz/").json(),
        results(listed(api_client, "regions"))[0],
    ):
        (nested,) = data["boundaries"]
        assert nested["slug"] == "jadiz"
        assert nested["url"] == f"{BASE}/zone-boundaries/jadiz/"
        assert nested["points"] == record.points
        assert (nested["confidence"], nested["disputed"]) == ("reported", True)
        assert len(nested["sources"]) == 1
        assert nested["claims"][0]["value"] == "other"


def test_a_region_without_boundaries_shows_an_empty_list(api_client):
    factories.RegionFactory(slug="sea-of-japan")

    assert api_client.get(f"{API}/regions/sea-of-japan/").json()["boundaries"] == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("region=kadiz", {"kadiz-2013"}),
        ("status=described", {"alaska"}),
        ("status=partial&status=complete", {"kadiz-2013", "jadiz"}),
        ("points_ordered=false", {"kadiz-2013", "alaska"}),
        ("declared_by=JP", {"jadiz"}),
    ],
)
def test_boundaries_filter_by_zone_status_and_order(api_client, query, expected):
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    zones = {
        slug: factories.RegionFactory(slug=slug, kind="adiz", declared_by=country)
        for slug, country in (("kadiz", None), ("japan-adiz", japan), ("alaska-adiz", None))
    }
    factories.ZoneBoundaryFactory(slug="kadiz-2013", region=zones["kadiz"], points_ordered=False)
    factories.ZoneBoundaryFactory(slug="jadiz", region=zones["japan-adiz"])
    factories.ZoneBoundaryFactory(
        slug="alaska",
        region=zones["alaska-adiz"],
        status="described",
        points=[],
        points_ordered=False,
    )

    assert {row["slug"] for row in results(listed(api_client, "zone-boundaries", query))} == (
        expected
    )


@pytest.mark.parametrize(
    "query, name",
    [
        ("status=closed", "status"),
        ("region=atlantis", "region"),
        ("points_ordered=maybe", "points_ordered"),
        ("shape=ring", "shape"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_it(api_client, query, name):
    assert_json_error(listed(api_client, "zone-boundaries", query), 400, name)


def test_csv_writes_the_points_as_json(api_client):
    record = cited(factories.ZoneBoundaryFactory(slug="jadiz"))

    response = api_client.get(f"{API}/zone-boundaries/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(text)))

    assert json.loads(row["points"]) == record.points
    assert json.loads(row["segments_not_points"]) == []
    assert row["region"] == record.region.slug


def test_a_region_csv_names_its_boundaries(api_client):
    zone = factories.RegionFactory(slug="kadiz", kind="adiz")
    factories.ZoneBoundaryFactory(slug="kadiz-2013", region=zone)

    response = api_client.get(f"{API}/regions/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    assert "kadiz-2013" in text


def test_a_boundary_as_it_stood(api_client):
    record = cited(factories.ZoneBoundaryFactory(slug="jadiz", status_note="before"))
    moment = ZoneBoundary.history.get(id=record.pk).history_date.isoformat()
    record.status_note = "after"
    record.save()

    then = api_client.get(f"{API}/zone-boundaries/jadiz/", {"as_of": moment}).json()

    assert then["status_note"] == "before"
    assert then["region"]["slug"] == record.region.slug


def payload(region, **kwargs):
    return {
        "slug": "new",
        "region": region.slug,
        "status": "partial",
        "points": [point(1)],
        "points_ordered": True,
        "sources": [factories.SourceFactory().slug],
        **kwargs,
    }


def test_a_curator_writes_a_boundary_through_the_api(curator_api_client):
    zone = factories.RegionFactory(kind="adiz")

    response = curator_api_client.post(f"{API}/zone-boundaries/", payload(zone), format="json")

    assert response.status_code == 201, response.json()
    assert ZoneBoundary.objects.get(slug="new").points == [point(1)]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"status": "described"}, "points"),
        ({"status": "complete", "points_ordered": False}, "points_ordered"),
        ({"points": [point(lat=91)]}, "points"),
        ({"points": [point(99999999999999999999999)]}, "points"),  # wider than any column
        ({"points": "[]"}, "points"),
        ({"sources": []}, "sources"),
    ],
)
def test_the_api_refuses_a_boundary_its_rules_refuse(curator_api_client, change, field):
    zone = factories.RegionFactory(kind="adiz")

    response = curator_api_client.post(
        f"{API}/zone-boundaries/", payload(zone, **change), format="json"
    )

    assert_json_error(response, 400, field)
    assert not ZoneBoundary.objects.exists()


def test_the_api_refuses_a_boundary_of_a_sea(curator_api_client):
    sea = factories.RegionFactory(kind="sea")

    response = curator_api_client.post(f"{API}/zone-boundaries/", payload(sea), format="json")

    assert_json_error(response, 400, "region")


def test_a_region_list_costs_the_same_with_many_boundaries(api_client, django_assert_num_queries):
    def zone_with_boundary():
        record = cited(factories.ZoneBoundaryFactory())
        factories.ClaimFactory(content_object=record, field="", value="x")
        cited(record.region)

    zone_with_boundary()
    api_client.get(f"{API}/regions/")  # content types are looked up once per process
    with CaptureQueriesContext(connection) as one:
        api_client.get(f"{API}/regions/")
    for _ in range(20):
        zone_with_boundary()
    with django_assert_num_queries(len(one.captured_queries)):
        page = api_client.get(f"{API}/regions/").json()

    assert sum(len(row["boundaries"]) for row in page["results"]) == 21
