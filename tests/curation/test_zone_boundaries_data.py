"""The curated zone boundaries are exactly what the fact sheet gives (facts-extra.yaml,
``zone_boundaries:``), and nothing more: the JADIZ's outer-line points (1)–(7), numbered and in
order but partial; the KADIZ's nine points in NewDaily's order, unnumbered and unordered; the
Alaska ADIZ in words only. The sheet's values are restated here, not read from it."""

import pytest

from curation import boundary_checks, integrity
from reference.models import ZoneBoundary

pytestmark = pytest.mark.django_db

# (n, lon, lat, dms) as the sheet lists them.
JADIZ_POINTS = [
    (1, 138.746389, 45.751944, "45°45'07\"N 138°44'47\"E"),
    (2, 132.997222, 40.669167, "40°40'09\"N 132°59'50\"E"),
    (3, 132.997222, 37.286111, "37°17'10\"N 132°59'50\"E"),
    (4, 130.4975, 36.003056, "36°00'11\"N 130°29'51\"E"),
    (5, 129.797778, 35.219722, "35°13'11\"N 129°47'52\"E"),
    (6, 126.998056, 33.003333, "33°00'12\"N 126°59'53\"E"),
    (7, 124.998056, 33.003333, "33°00'12\"N 124°59'53\"E"),
]
KADIZ_POINTS = [
    (None, 123.5, 39.0, "39°00'N 123°30'E"),
    (None, 133.0, 39.0, "39°00'N 133°00'E"),
    (None, 124.0, 37.0, "37°00'N 124°00'E"),
    (None, 133.0, 37.283333, "37°17'N 133°00'E"),
    (None, 124.0, 30.0, "30°00'N 124°00'E"),
    (None, 122.416667, 30.0, "30°00'N 122°25'E"),
    (None, 126.833333, 32.5, "32°30'N 126°50'E"),
    (None, 127.5, 32.5, "32°30'N 127°30'E"),
    (None, 128.866667, 34.283333, "34°17'N 128°52'E"),
]
FARAIM_99_45 = "http://www.faraim.org.s3-website-us-east-1.amazonaws.com/faa/far/14CFR/vol2/part99/2/page-2.html"


def as_points(rows):
    return [{"n": n, "lon": lon, "lat": lat, "dms": dms} for n, lon, lat, dms in rows]


def boundary_of(region):
    (boundary,) = ZoneBoundary.objects.filter(region__slug=region)
    return boundary


def source_urls(boundary):
    return {source.url for source in boundary.sources}


def test_every_adiz_has_one_boundary_and_nothing_else_does(loaded):
    regions = ZoneBoundary.objects.values_list("region__slug", "region__kind")

    assert sorted(regions) == [
        ("alaska-adiz", "adiz"),
        ("japan-adiz", "adiz"),
        ("kadiz", "adiz"),
    ]


def test_the_jadiz_has_exactly_outer_line_points_1_to_7_in_order_and_is_partial(loaded):
    jadiz = boundary_of("japan-adiz")

    assert jadiz.points == as_points(JADIZ_POINTS)
    assert (jadiz.status, jadiz.points_ordered) == ("partial", True)
    assert jadiz.effective_from is None  # the sheet gives no date for this text
    assert jadiz.confidence == "reported"  # medium
    assert len(jadiz.segments_not_points) == 2
    assert jadiz.segments_not_points[0].startswith("(10)–(11)")
    assert jadiz.segments_not_points[1].startswith("(24)–(25) and (26)–(27)")


def test_the_kadiz_has_the_nine_points_in_newdailys_order_unordered_and_partial(loaded):
    kadiz = boundary_of("kadiz")

    assert kadiz.points == as_points(KADIZ_POINTS)
    assert (kadiz.status, kadiz.points_ordered) == ("partial", False)
    assert kadiz.effective_from.isoformat() == "2013-12-15"
    assert kadiz.confidence == "claimed"  # low
    assert kadiz.segments_not_points == []
    assert "https://www.newdaily.co.kr/site/data/html/2013/12/08/2013120800033.html" in (
        source_urls(kadiz)
    )


def test_the_alaska_adiz_is_described_without_points(loaded):
    alaska = boundary_of("alaska-adiz")

    assert (alaska.status, alaska.points, alaska.points_ordered) == ("described", [], False)
    assert alaska.effective_from is None
    assert alaska.confidence == "confirmed"  # high, for the citation and the line rule
    assert "great circles" in alaska.definition
    assert FARAIM_99_45 in source_urls(alaska)


def test_no_ring_is_closed_and_no_boundary_claims_to_be_complete(loaded):
    for boundary in ZoneBoundary.objects.all():
        assert boundary.status != "complete"
        if len(boundary.points) > 1:
            assert boundary.points[0] != boundary.points[-1]


def test_every_boundary_cites_the_sheets_sources_and_passes_the_checks(loaded):
    expected = {
        "alaska-adiz": 4,
        "kadiz": 6,
        "japan-adiz": 4,
    }
    for region, count in expected.items():
        assert len(boundary_of(region).sources) == count

    assert [line for line in integrity.problems() if "zone boundary" in line] == []


def test_the_generic_checks_cover_boundaries(loaded):
    """An uncited boundary and one moved onto a sea are each reported."""
    jadiz = boundary_of("japan-adiz")
    jadiz.citations.all().delete()
    kadiz = boundary_of("kadiz")
    kadiz.region.kind = "sea"
    kadiz.region.save()

    lines = integrity.problems()

    assert any(line.startswith(f"zone boundary {jadiz} ") for line in lines)
    assert any(line.startswith("zone boundary kadiz-boundary-2013 belongs to") for line in lines)


@pytest.mark.parametrize(
    "ring, crossing",
    [
        ([(0, 0), (2, 0), (2, 2), (0, 2)], None),  # a square
        ([(0, 0), (2, 2), (2, 0), (0, 2)], (0, 2)),  # a bow tie
        ([(170, 0), (-170, 0), (-170, 5), (170, 5)], None),  # across the antimeridian
    ],
)
def test_the_ring_check_finds_a_side_crossing_another(ring, crossing):
    points = [{"n": None, "lon": x, "lat": y, "dms": None} for x, y in ring]

    assert boundary_checks.first_crossing(boundary_checks.ring_of(points)) == crossing
