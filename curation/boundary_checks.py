"""Whole-data-set checks on zone boundaries (``curation.integrity`` runs them with the others).

A boundary's own rules (point shapes, ranges, status) are its model's; these are the ones a row
cannot see or that only matter once a boundary claims to be whole:

- a boundary belongs to an air defense identification zone (a region's kind can change after
  its boundary was written);
- a complete boundary's ring, its points joined in order and back to the first, does not cross
  itself. The test is planar, in degrees, with longitudes unwrapped across the antimeridian: the
  sources' lines are great circles or rhumb lines, so a ring that only grazes itself could be
  flagged wrongly — a reason to look, not a proof. Partial boundaries are never joined up here:
  their missing points make any ring a guess.
"""

from reference.models import BoundaryStatus, RegionKind, ZoneBoundary


def boundaries_outside_an_adiz():
    """Every boundary bounds an ADIZ."""
    stray = ZoneBoundary.objects.exclude(region__kind=RegionKind.ADIZ).select_related("region")
    for boundary in stray:
        yield (
            f"zone boundary {boundary.slug} belongs to {boundary.region}, which is a "
            f"{boundary.region.get_kind_display().lower()}, not an ADIZ"
        )


def self_crossing_complete_boundaries():
    """A complete boundary's ring does not cross itself."""
    complete = ZoneBoundary.objects.filter(status=BoundaryStatus.COMPLETE)
    for boundary in complete.only("slug", "points"):
        crossing = first_crossing(ring_of(boundary.points))
        if crossing is not None:
            i, j = crossing
            yield (
                f"zone boundary {boundary.slug}: its side from point {i + 1} crosses its side "
                f"from point {j + 1} (points counted in the listed order)"
            )


def ring_of(points):
    """``[(x, y), …]`` of the listed points, longitudes unwrapped so that no side jumps more
    than 180° (a ring across the antimeridian stays one piece); not closed."""
    ring = []
    for point in points:
        x, y = point["lon"], point["lat"]
        if ring:
            while x - ring[-1][0] > 180:
                x -= 360
            while x - ring[-1][0] < -180:
                x += 360
        ring.append((x, y))
    return ring


def _orientation(a, b, c):
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (value > 0) - (value < 0)


def _on_segment(a, b, p):
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_cross(a, b, c, d):
    """Whether segments ab and cd share a point (touching counts)."""
    o1, o2, o3, o4 = (
        _orientation(a, b, c),
        _orientation(a, b, d),
        _orientation(c, d, a),
        _orientation(c, d, b),
    )
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(a, b, c))
        or (o2 == 0 and _on_segment(a, b, d))
        or (o3 == 0 and _on_segment(c, d, a))
        or (o4 == 0 and _on_segment(c, d, b))
    )


def first_crossing(ring):
    """``(i, j)``, the first two non-adjacent sides of the closed ring that meet, else None.

    Side ``i`` runs from point ``i`` to the next (the last back to the first). O(n²): rings
    here have tens of points."""
    n = len(ring)
    if n < 4:
        return None  # a triangle cannot cross itself
    sides = [(ring[i], ring[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # the closing side shares the first point with the first side
            if segments_cross(*sides[i], *sides[j]):
                return i, j
    return None


CHECKS = (boundaries_outside_an_adiz, self_crossing_complete_boundaries)
