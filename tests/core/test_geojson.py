"""validate_geometry: what a GeoJSON geometry may look like, and errors that say where it broke."""

import pytest
from django.core.exceptions import ValidationError

from core.geojson import validate_geometry

SQUARE = [[130, 35], [135, 35], [135, 40], [130, 40], [130, 35]]
HOLE = [[131, 36], [132, 36], [132, 37], [131, 36]]


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        {"type": "Point", "coordinates": [131.5, 37.2]},
        {"type": "Point", "coordinates": [-180, -90, 1200]},
        {"type": "Point", "coordinates": (180.0, 90.0)},
        {"type": "MultiPoint", "coordinates": [[131.5, 37.2]]},
        {"type": "LineString", "coordinates": [[129.0, 34.5], [131.9, 37.2]]},
        {
            "type": "MultiLineString",
            "coordinates": [[[129, 34], [131, 37]], [[140, 40], [141, 41]]],
        },
        {"type": "Polygon", "coordinates": [SQUARE]},
        {"type": "Polygon", "coordinates": [SQUARE, HOLE]},
        {"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE, HOLE]]},
        {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Point", "coordinates": [131.5, 37.2]},
                {"type": "Polygon", "coordinates": [SQUARE]},
            ],
        },
    ],
    ids=[
        "none",
        "point",
        "point-with-altitude-at-the-corner",
        "point-as-tuple",
        "multipoint",
        "linestring",
        "multilinestring",
        "polygon",
        "polygon-with-hole",
        "multipolygon",
        "geometrycollection",
    ],
)
def test_a_valid_geometry_is_accepted(geometry):
    assert validate_geometry(geometry) is None


def message_of(geometry, path="geometry"):
    with pytest.raises(ValidationError) as raised:
        validate_geometry(geometry, path)
    (message,) = raised.value.messages
    return message


@pytest.mark.parametrize(
    ("geometry", "path", "words"),
    [
        ([131.5, 37.2], "geometry", "object with a 'type'"),
        ("POINT (131.5 37.2)", "geometry", "object with a 'type'"),
        ({"type": "Circle", "coordinates": [131.5, 37.2]}, "geometry", "'Circle'"),
        ({"coordinates": [131.5, 37.2]}, "geometry", "None"),
        ({"type": "point", "coordinates": [131.5, 37.2]}, "geometry", "'point'"),
        ({"type": "Point"}, "geometry", "needs 'coordinates'"),
        ({"type": "Polygon"}, "geometry", "needs 'coordinates'"),
        ({"type": "GeometryCollection"}, "geometry.geometries", "non-empty list"),
        ({"type": "GeometryCollection", "geometries": []}, "geometry.geometries", "non-empty"),
    ],
    ids=[
        "a-list",
        "a-string",
        "an-unknown-type",
        "no-type",
        "a-type-in-the-wrong-case",
        "point-without-coordinates",
        "polygon-without-coordinates",
        "collection-without-geometries",
        "empty-collection",
    ],
)
def test_a_geometry_of_the_wrong_shape_is_refused_with_its_path(geometry, path, words):
    message = message_of(geometry)

    assert message.startswith(f"{path}:")
    assert words in message


@pytest.mark.parametrize(
    ("coordinates", "path", "words"),
    [
        ([181, 37], "geometry.coordinates", "longitude 181"),
        ([-180.5, 37], "geometry.coordinates", "longitude -180.5"),
        ([131, 90.1], "geometry.coordinates", "latitude 90.1"),
        ([131, -91], "geometry.coordinates", "latitude -91"),
        ([True, False], "geometry.coordinates", "must be numbers"),
        ([131, True], "geometry.coordinates", "must be numbers"),
        (["131", "37"], "geometry.coordinates", "must be numbers"),
        ([131], "geometry.coordinates", "2 or 3 numbers"),
        ([131, 37, 0, 0], "geometry.coordinates", "2 or 3 numbers"),
        (131, "geometry.coordinates", "2 or 3 numbers"),
    ],
    ids=[
        "longitude-above-180",
        "longitude-below-minus-180",
        "latitude-above-90",
        "latitude-below-minus-90",
        "booleans",
        "one-boolean",
        "strings",
        "one-number",
        "four-numbers",
        "a-bare-number",
    ],
)
def test_a_bad_point_is_refused_with_the_path_of_the_position(coordinates, path, words):
    message = message_of({"type": "Point", "coordinates": coordinates})

    assert message.startswith(f"{path}:")
    assert words in message


def test_a_linestring_with_one_position_is_refused():
    message = message_of({"type": "LineString", "coordinates": [[131, 37]]})

    assert message == "geometry.coordinates: needs at least 2 positions."


def test_a_bad_position_deep_in_a_linestring_is_named_by_its_index():
    message = message_of({"type": "LineString", "coordinates": [[131, 37], [131, 95]]})

    assert message.startswith("geometry.coordinates[1]:")
    assert "latitude 95" in message


def test_a_polygon_ring_that_does_not_end_where_it_starts_is_refused():
    message = message_of({"type": "Polygon", "coordinates": [SQUARE[:-1] + [[131, 35]]]})

    assert message == "geometry.coordinates[0]: a polygon ring must end where it starts."


def test_a_polygon_ring_with_fewer_than_four_positions_is_refused():
    message = message_of({"type": "Polygon", "coordinates": [[[130, 35], [135, 35], [130, 35]]]})

    assert message == "geometry.coordinates[0]: needs at least 4 positions."


def test_an_unclosed_hole_is_named_by_its_ring_index():
    open_hole = HOLE[:-1] + [[131.5, 36.5]]

    message = message_of({"type": "Polygon", "coordinates": [SQUARE, open_hole]})

    assert message.startswith("geometry.coordinates[1]:")


def test_a_polygon_without_rings_is_refused():
    message = message_of({"type": "Polygon", "coordinates": []})

    assert message == "geometry.coordinates: a polygon is a list of linear rings."


def test_a_bad_ring_in_a_multipolygon_is_named_by_polygon_and_ring():
    open_hole = HOLE[:-1] + [[131.5, 36.5]]

    message = message_of({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE, open_hole]]})

    assert message == "geometry.coordinates[1][1]: a polygon ring must end where it starts."


def test_a_bad_member_of_a_geometry_collection_is_named_by_its_index():
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [131.5, 37.2]},
            {"type": "LineString", "coordinates": [[131.5, 37.2], [200, 37.2]]},
        ],
    }

    message = message_of(collection)

    assert message.startswith("geometry.geometries[1].coordinates[1]:")
    assert "longitude 200" in message


def test_the_path_starts_with_the_name_the_caller_gives():
    message = message_of({"type": "LineString", "coordinates": [[131, 37]]}, path="route")

    assert message.startswith("route.coordinates:")
