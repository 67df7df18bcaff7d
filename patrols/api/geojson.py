"""Patrols as GeoJSON features (``core.api.geojson``: the format itself).

Where a patrol flew, as far as the data knows, and from what:

- its ``route``, where curators gave one (``geometry_from: "route"``);
- else a ``GeometryCollection`` of the geometries of the regions it crossed that have one
  (``"regions"``: where it flew, not its path), a region's own collection spliced in rather than
  nested (RFC 7946 §3.1.8 advises against nesting);
- else ``null`` (``geometry_from: null``): the patrol is listed, and counted in the
  collection's ``unmapped``.

Coordinates are exactly as stored. ``joint`` is the JSON's (two countries or more among the
participations). ``page`` is the patrol's page on the public explorer, a site-relative path
built from ``PATROL_PAGE``: the explorer is the floor above, so its ``reverse()`` cannot be
called from here (tests/patrols/test_geojson_patrols.py holds the two equal).
"""

from django.db.models import Prefetch

from reference.models import Region

from ..models import Participation, Patrol

PATROL_PAGE = "/patrols/{slug}/"  # explorer:patrol, at the site's root (config/urls.py)
ROUTE, REGIONS = "route", "regions"


def patrol_records():
    """Patrols with what their features show: three queries, whatever their number (the
    patrols, their participations' countries, their regions' shapes)."""
    participations = Participation.objects.select_related("operator__country").only(
        "patrol_id", "operator", "operator__country", "operator__country__code"
    )
    return Patrol.objects.only(
        "slug", "name", "kind", "start_date", "end_date", "ordinal", "route"
    ).prefetch_related(
        Prefetch("participations", participations, to_attr="participations_prefetched"),
        Prefetch(
            "regions",
            Region.objects.only("slug", "name", "geometry"),
            to_attr="regions_prefetched",
        ),
    )


def patrol_geometry(patrol):
    """``(geometry, where it comes from)``: the route, else the regions' shapes, else nothing."""
    if patrol.route is not None:
        return patrol.route, ROUTE
    geometries = []
    for region in patrol.region_list:
        if region.geometry is None:
            continue
        if region.geometry["type"] == "GeometryCollection":
            geometries += region.geometry["geometries"]
        else:
            geometries.append(region.geometry)
    if geometries:
        return {"type": "GeometryCollection", "geometries": geometries}, REGIONS
    return None, None


def patrol_feature(patrol, urls):
    geometry, geometry_from = patrol_geometry(patrol)
    return {
        "type": "Feature",
        "id": patrol.slug,
        "geometry": geometry,
        "properties": {
            "slug": patrol.slug,
            "name": patrol.name,
            "kind": patrol.kind,
            "start_date": patrol.start_date.isoformat(),
            "end_date": patrol.end_date.isoformat() if patrol.end_date else None,
            "ordinal": patrol.ordinal,
            "joint": patrol.is_joint,
            "geometry_from": geometry_from,
            "regions": [region.slug for region in patrol.region_list],
            "url": urls("patrol", patrol.slug),
            "page": PATROL_PAGE.format(slug=patrol.slug),
        },
    }
