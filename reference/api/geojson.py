"""Regions and zone boundaries as GeoJSON features (``core.api.geojson``: the format itself).

A region's feature carries the geometry curators gave it, as stored. A zone boundary's is made
from its points, exactly as its source lists them, and says no more than the source does
(``reference.boundaries``):

- ``complete`` (every point, in boundary order): a ``Polygon``, its ring closed by repeating
  the first point (unless the source already repeats it) — a complete boundary is closed, so
  closing it adds nothing the source does not say;
- ``partial`` with ``points_ordered``: a ``LineString`` through the points in order, never
  closed (the rest of the boundary is unknown); with a single point, a ``MultiPoint``, since a
  line needs two;
- ``partial`` without an order: a ``MultiPoint``, loose points, never joined;
- ``described`` (words only), or a partial boundary without points: no geometry (``null``).

Coordinates are ``[lon, lat]`` exactly as stored. ``point_numbers`` gives each position's
number as published (``null`` where the source numbers none), in the order of the positions
(the Polygon's closing repetition aside).
"""

from ..boundaries import BoundaryStatus
from ..models import Region, ZoneBoundary


def region_records():
    """Regions with what their features show: one query."""
    return Region.objects.select_related("parent", "declared_by")


def region_feature(region, urls):
    return {
        "type": "Feature",
        "id": region.slug,
        "geometry": region.geometry,
        "properties": {
            "slug": region.slug,
            "name": region.name,
            "kind": region.kind,
            "parent": region.parent.slug if region.parent else None,
            "declared_by": region.declared_by.code if region.declared_by else None,
            "url": urls("region", region.slug),
            "confidence": region.confidence,
        },
    }


def boundary_records():
    """Zone boundaries with their zone: one query."""
    return ZoneBoundary.objects.select_related("region")


def boundary_geometry(boundary):
    """The geometry a boundary's points make, given its status (module docstring), or None."""
    positions = [[point["lon"], point["lat"]] for point in boundary.points]
    if not positions or boundary.status == BoundaryStatus.DESCRIBED:
        return None
    if boundary.status == BoundaryStatus.COMPLETE:
        ring = positions if positions[0] == positions[-1] else [*positions, positions[0]]
        return {"type": "Polygon", "coordinates": [ring]}
    if boundary.points_ordered and len(positions) >= 2:
        return {"type": "LineString", "coordinates": positions}
    return {"type": "MultiPoint", "coordinates": positions}


def boundary_feature(boundary, urls):
    return {
        "type": "Feature",
        "id": boundary.slug,
        "geometry": boundary_geometry(boundary),
        "properties": {
            "slug": boundary.slug,
            "name": str(boundary),
            "region": boundary.region.slug,
            "status": boundary.status,
            "points_ordered": boundary.points_ordered,
            "point_numbers": [point["n"] for point in boundary.points],
            "segments_not_points": boundary.segments_not_points,
            "url": urls("zoneboundary", boundary.slug),
            "confidence": boundary.confidence,
        },
    }
