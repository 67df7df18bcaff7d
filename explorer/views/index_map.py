"""The explorer's map: the GeoJSON layers it draws, and a plain statement of what it cannot.

The map (``explorer/static/explorer/map.js``) draws, over the coastline shipped with the site,
whatever the API's ``format=geojson`` lists hold: the zone boundaries (a complete one as a ring,
a partial one as the open line or the loose points its source gives), the matching patrols'
routes or, without a route, their regions' shapes, and every region's shape. What it cannot
place is said in words, counted here from the database: patrols with neither a route nor a
region with a shape, regions without a shape, and each zone boundary known only in part or in
words.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from patrols.models import Patrol, PatrolRegion
from reference.models import BoundaryStatus, Region, ZoneBoundary

GEOJSON = "format=geojson"


def layer_urls(query):
    """The map's data layers: zone boundaries, the matching patrols, every region."""
    patrols = query.filter_query(("format", "geojson"))
    return [
        f"{reverse('api:zoneboundary-list')}?{GEOJSON}",
        f"{reverse('api:patrol-list')}?{patrols}",
        f"{reverse('api:region-list')}?{GEOJSON}",
    ]


def plural(count, one, many=None):
    return f"{count} {one if count == 1 else (many or one + 's')}"


def unmapped_patrols(patrols):
    """How many of ``patrols`` the map cannot place: no route, and no region with a shape."""
    shaped = PatrolRegion.objects.filter(patrol=OuterRef("pk"), region__geometry__isnull=False)
    matching = Patrol.objects.filter(pk__in=patrols.order_by().values("pk"))
    return matching.filter(route__isnull=True).exclude(Exists(shaped)).count()


def boundary_sentence(boundary):
    """What the map shows of one zone boundary, in words."""
    name = boundary["region__name"]
    when = boundary["effective_from"]
    what = f"The {name} boundary" + (f" (from {when.day} {when:%B %Y})" if when else "")
    points = len(boundary["points"] or ())
    if boundary["status"] == BoundaryStatus.DESCRIBED:
        return f"{what} is described in words only: there is nothing to draw."
    if boundary["status"] == BoundaryStatus.COMPLETE:
        return None  # drawn whole
    if boundary["points_ordered"]:
        return (
            f"{what} is known only in part: {plural(points, 'point')} in order, drawn as an "
            "open dashed line."
        )
    return (
        f"{what} is known only as {plural(points, 'point')} in no known order, drawn as loose "
        "points."
    )


def not_mapped(patrols, matching):
    """``{patrols, regions, boundaries, sentences}``: the counts and the sentences saying what
    the map leaves out (``matching``: how many patrols match)."""
    missing = unmapped_patrols(patrols) if matching else 0
    regions = Region.objects.aggregate(
        total=Count("pk"), unshaped=Count("pk", filter=Q(geometry__isnull=True))
    )
    boundaries = list(
        ZoneBoundary.objects.order_by("region__name", "effective_from").values(
            "region__name", "effective_from", "status", "points", "points_ordered"
        )
    )
    sentences = []
    if matching:
        sentences.append(
            f"{missing} of {plural(matching, 'matching patrol')} "
            f"{'has' if missing == 1 else 'have'} no route or region shape"
            + (", so the map cannot place them." if missing else ": every one is drawn.")
        )
    if regions["total"]:
        sentences.append(
            f"{regions['unshaped']} of {plural(regions['total'], 'region')} "
            f"{'has' if regions['unshaped'] == 1 else 'have'} no shape."
        )
    sentences += [s for s in map(boundary_sentence, boundaries) if s]
    if not boundaries:
        sentences.append("No zone boundary is recorded.")
    return {
        "patrols": missing,
        "regions": regions["unshaped"],
        "boundaries": len(boundaries),
        "sentences": sentences,
    }
