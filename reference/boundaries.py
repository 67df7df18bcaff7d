"""Zone boundaries: an ADIZ's boundary as far as its sources give it, and never further.

A boundary is often known only in part (the first seven of the JADIZ's thirty outer-line points;
the KADIZ's main points as a newspaper printed them, in no boundary order) or only in words (a
legal definition whose coordinate list could not be read). ``ZoneBoundary`` stores exactly what
the source gives and says how much that is (``status``); nothing closes a ring, orders a list or
adds a point. A map can draw a ``complete`` boundary as a ring; a ``partial`` one only as what it
is (an ordered line, or loose points when ``points_ordered`` is false).

Shapes:

- ``points``: ``[{"n": 1, "lon": 138.746389, "lat": 45.751944, "dms": "45°45'07\\"N …"}, …]``
  in the order the source prints them. ``n`` is the point's number as published (an integer ≥ 1)
  or null when the source numbers none; ``lon``/``lat`` are decimal degrees, WGS 84, east and
  north positive (-180..180, -90..90); ``dms`` is the point as printed (text) or null when the
  source prints only decimals. No other key is allowed.
- ``segments_not_points``: ``["(10)–(11): line 14 nm outside …", …]``, parts of the boundary the
  source defines by a rule rather than by points (text).
"""

import json
from numbers import Real

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import choices_constraint

from .provenance import SourcedModel, SourcedQuerySet

POINT_KEYS = ("n", "lon", "lat", "dms")
# ``reference.models.RegionKind.ADIZ``, spelt here because ``reference.models`` imports this
# module (tests/reference/test_zone_boundaries.py holds the two equal).
ADIZ = "adiz"
# A ring needs three corners; fewer points cannot be a complete boundary.
MIN_COMPLETE_POINTS = 3


class BoundaryStatus(models.TextChoices):
    COMPLETE = "complete", "Complete: every point, in boundary order"
    PARTIAL = "partial", "Partial: only some points, or points in no known order"
    DESCRIBED = "described", "Described: a definition in words, no coordinates"


MAX_N = 2_147_483_647  # a point's number, bounded like any stored integer


def _number(value):
    return isinstance(value, Real) and not isinstance(value, bool)


def _point_errors(point, path):
    """The problems of one point, as readable lines naming it (``points[2].lat``)."""
    if not isinstance(point, dict):
        return [f"{path}: a point is an object with the keys {', '.join(POINT_KEYS)}."]
    errors = []
    unknown = sorted(set(point) - set(POINT_KEYS))
    missing = [key for key in POINT_KEYS if key not in point]
    if unknown:
        errors.append(f"{path}: unknown key(s) {', '.join(map(repr, unknown))}.")
    if missing:
        errors.append(f"{path}: missing key(s) {', '.join(map(repr, missing))}.")
    n = point.get("n")
    if n is not None and (not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_N):
        errors.append(
            f"{path}.n: the point's number as published (a whole number 1..{MAX_N}) or null."
        )
    for key, limit in (("lon", 180), ("lat", 90)):
        if key not in point:
            continue
        value = point[key]
        if not _number(value):
            errors.append(f"{path}.{key}: a number of decimal degrees.")
        elif not -limit <= value <= limit:
            name = "longitude" if key == "lon" else "latitude"
            errors.append(f"{path}.{key}: {name} {value} is outside -{limit}..{limit}.")
    dms = point.get("dms")
    if dms is not None and (not isinstance(dms, str) or not dms.strip()):
        errors.append(f"{path}.dms: the point as printed (text), or null when none is printed.")
    return errors


def _no_nul(value, name):
    if "\\u0000" in json.dumps(value):  # PostgreSQL's jsonb cannot store a NUL character
        raise ValidationError(f"{name}: text cannot contain a null character.")


def validate_points(value):
    """Raise ValidationError unless ``value`` is a list of points (module docstring)."""
    if not isinstance(value, list):
        raise ValidationError("points: a list of points (an empty list for none).")
    _no_nul(value, "points")
    errors = []
    for i, point in enumerate(value):
        errors += _point_errors(point, f"points[{i}]")
    numbers = [p.get("n") for p in value if isinstance(p, dict) and p.get("n") is not None]
    repeated = sorted({n for n in numbers if isinstance(n, int) and numbers.count(n) > 1})
    if repeated:
        errors.append(f"points: number(s) {', '.join(map(str, repeated))} given twice.")
    if errors:
        raise ValidationError(errors)


def validate_segments(value):
    """Raise ValidationError unless ``value`` is a list of non-empty texts."""
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValidationError("segments_not_points: a list of texts (an empty list for none).")
    _no_nul(value, "segments_not_points")


def status_errors(status, points, ordered):
    """What ``status`` requires of the points: ``{field: message}``, empty when it holds."""
    count = len(points) if isinstance(points, list) else 0
    if status == BoundaryStatus.COMPLETE:
        if not ordered:
            return {"points_ordered": "A complete boundary lists its points in boundary order."}
        if count < MIN_COMPLETE_POINTS:
            return {"points": f"A complete boundary has at least {MIN_COMPLETE_POINTS} points."}
    if status == BoundaryStatus.DESCRIBED and count:
        return {"points": "A described boundary has no points: its status is partial."}
    return {}


class ZoneBoundaryQuerySet(SourcedQuerySet):
    def with_details(self):
        """What the API shows: the region, sources and claims (three queries)."""
        return self.select_related("region").with_sources()


class ZoneBoundary(SourcedModel):
    """An ADIZ's boundary as its sources give it (module docstring: shapes and rules)."""

    slug = models.SlugField(max_length=100, unique=True)
    region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        related_name="boundaries",
        help_text="The air defense identification zone bounded.",
    )
    effective_from = models.DateField(
        null=True, blank=True, help_text="When this boundary took effect, where a source says."
    )
    legal_basis = models.TextField(
        blank=True, help_text="The instrument defining the boundary, as cited."
    )
    definition = models.TextField(blank=True, help_text="How the source defines the boundary.")
    points = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_points],
        help_text=(
            'The points as the source lists them: [{"n": 1, "lon": 138.746389, "lat": 45.751944, '
            '"dms": "45°45\'07\\"N 138°44\'47\\"E"}, …]; n is the published number or null, '
            "lon/lat decimal degrees (WGS 84), dms the text as printed or null."
        ),
    )
    points_ordered = models.BooleanField(
        default=False,
        help_text="The points are listed in boundary order (false: order unknown or not theirs).",
    )
    status = models.CharField(max_length=10, choices=BoundaryStatus.choices)
    status_note = models.TextField(blank=True, help_text="What is missing, and why.")
    segments_not_points = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_segments],
        help_text="Parts of the boundary defined by a rule, not points (a list of texts).",
    )
    notes = models.TextField(blank=True)

    objects = ZoneBoundaryQuerySet.as_manager()

    as_of_follow = ("region",)

    class Meta(SourcedModel.Meta):
        ordering = ["slug"]
        verbose_name = "zone boundary"
        verbose_name_plural = "zone boundaries"
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("status", BoundaryStatus, "reference_zoneboundary_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=BoundaryStatus.COMPLETE) | Q(points_ordered=True),
                name="reference_zoneboundary_complete_is_ordered",
                violation_error_message="A complete boundary lists its points in boundary order.",
            ),
            models.CheckConstraint(
                condition=~Q(status=BoundaryStatus.DESCRIBED) | Q(points=[]),
                name="reference_zoneboundary_described_has_no_points",
                violation_error_message="A described boundary has no points.",
            ),
            models.UniqueConstraint(
                fields=["region", "effective_from"],
                condition=Q(effective_from__isnull=False),
                name="reference_zoneboundary_unique_region_date",
                violation_error_message="This zone already has a boundary from that date.",
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(effective_from__isnull=True),
                name="reference_zoneboundary_unique_region_undated",
                violation_error_message="This zone already has an undated boundary.",
            ),
        ]

    def __str__(self):
        when = f" from {self.effective_from.isoformat()}" if self.effective_from else ""
        return f"{self.region.name} boundary{when}"

    @property
    def point_count(self):
        return len(self.points) if isinstance(self.points, list) else 0

    def save(self, *args, **kwargs):
        # Structure the database cannot check is checked on every ORM write, not only in forms.
        validate_points(self.points)
        validate_segments(self.segments_not_points)
        errors = status_errors(self.status, self.points, self.points_ordered)
        if errors:
            raise ValidationError(errors)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.region_id is not None and self.region.kind != ADIZ:
            errors["region"] = "Only an air defense identification zone has a zone boundary."
        # The points' own shape is the field validator's; the status rules need a list.
        if isinstance(self.points, list):
            errors.update(status_errors(self.status, self.points, self.points_ordered))
        if errors:
            raise ValidationError(errors)
