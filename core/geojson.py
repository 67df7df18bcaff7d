"""A small GeoJSON geometry validator, so regions and routes can carry shapes without a GIS stack.

It checks structure (RFC 7946 geometry objects), coordinate ranges and ring closure; it does not
check topology (self-intersection), which would need GEOS.
"""

import json
from numbers import Real

from django.core.exceptions import ValidationError

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


def _position(value, path):
    if not isinstance(value, list | tuple) or len(value) not in (2, 3):
        raise ValidationError(f"{path}: a position is a list of 2 or 3 numbers.")
    if not all(isinstance(n, Real) and not isinstance(n, bool) for n in value):
        raise ValidationError(f"{path}: coordinates must be numbers.")
    lon, lat = value[0], value[1]
    if not -180 <= lon <= 180:
        raise ValidationError(f"{path}: longitude {lon} is outside -180..180.")
    if not -90 <= lat <= 90:
        raise ValidationError(f"{path}: latitude {lat} is outside -90..90.")


def _positions(value, path, minimum):
    if not isinstance(value, list | tuple) or len(value) < minimum:
        raise ValidationError(f"{path}: needs at least {minimum} positions.")
    for i, position in enumerate(value):
        _position(position, f"{path}[{i}]")


def _ring(value, path):
    _positions(value, path, 4)
    if list(value[0]) != list(value[-1]):
        raise ValidationError(f"{path}: a polygon ring must end where it starts.")


def _polygon(value, path):
    if not isinstance(value, list | tuple) or not value:
        raise ValidationError(f"{path}: a polygon is a list of linear rings.")
    for i, ring in enumerate(value):
        _ring(ring, f"{path}[{i}]")


def _list_of(value, path, check):
    if not isinstance(value, list | tuple) or not value:
        raise ValidationError(f"{path}: expected a non-empty list.")
    for i, item in enumerate(value):
        check(item, f"{path}[{i}]")


def validate_geometry(value, path="geometry"):
    """Raise ValidationError unless ``value`` is a GeoJSON geometry object."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise ValidationError(f"{path}: a GeoJSON geometry is an object with a 'type'.")
    if "\\u0000" in json.dumps(value):  # PostgreSQL's jsonb cannot store a NUL character
        raise ValidationError(f"{path}: text in a geometry cannot contain a null character.")
    kind = value.get("type")
    if kind not in GEOMETRY_TYPES:
        raise ValidationError(
            f"{path}: type must be one of {', '.join(GEOMETRY_TYPES)}, not {kind!r}."
        )
    if kind == "GeometryCollection":
        _list_of(value.get("geometries"), f"{path}.geometries", validate_geometry)
        return
    if "coordinates" not in value:
        raise ValidationError(f"{path}: a {kind} needs 'coordinates'.")
    coordinates = value["coordinates"]
    coords_path = f"{path}.coordinates"
    if kind == "Point":
        _position(coordinates, coords_path)
    elif kind == "MultiPoint":
        _positions(coordinates, coords_path, 1)
    elif kind == "LineString":
        _positions(coordinates, coords_path, 2)
    elif kind == "MultiLineString":
        _list_of(coordinates, coords_path, lambda v, p: _positions(v, p, 2))
    elif kind == "Polygon":
        _polygon(coordinates, coords_path)
    else:  # MultiPolygon
        _list_of(coordinates, coords_path, _polygon)
