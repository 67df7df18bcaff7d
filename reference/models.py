"""The shared vocabulary: countries, organizations and regions (and, re-exported, provenance).

Provenance (sources, citations, claims, the ``SourcedModel`` base) lives in ``provenance.py``;
importing it here registers its models with the app.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Upper
from django.db.models.lookups import Exact

from core.geojson import validate_geometry
from core.models import (
    TimeStampedModel,
    choices_constraint,
    geometry_constraint,
    is_own_ancestor,
    year_constraint,
)

from .provenance import (  # noqa: F401  (the app's models, and names other apps import)
    Citation,
    Claim,
    Confidence,
    GenericAttachment,
    Reliability,
    Source,
    SourcedModel,
    SourcedQuerySet,
    SourceKind,
    attached_records,
    fact_record_models,
)


class Country(TimeStampedModel):
    """A country, named outside the database by its ISO 3166-1 alpha-2 code (``country=RU``)."""

    NATURAL_KEY = "code"
    code = models.CharField(
        "ISO alpha-2 code",
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Two capital letters (ISO 3166-1 alpha-2).")],
    )
    code3 = models.CharField(
        "ISO alpha-3 code",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters (ISO 3166-1 alpha-3).")],
    )
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(Exact(Length("code"), 2), code=Upper("code")),
                name="reference_country_code_alpha2",
            ),
            models.CheckConstraint(
                condition=Q(Exact(Length("code3"), 3), code3=Upper("code3")),
                name="reference_country_code_alpha3",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class OrganizationKind(models.TextChoices):
    AIR_FORCE = "air_force", "Air force"
    NAVAL_AVIATION = "naval_aviation", "Naval aviation"
    AVIATION_COMMAND = "aviation_command", "Aviation command"
    ARMED_FORCES = "armed_forces", "Armed forces"
    MINISTRY = "ministry", "Ministry"
    JOINT_STAFF = "joint_staff", "Joint staff"
    GOVERNMENT = "government", "Government"
    LEGISLATURE = "legislature", "Legislature"
    MULTINATIONAL_COMMAND = "multinational_command", "Multinational command"
    OTHER = "other", "Other"


class Organization(SourcedModel):
    """Anyone who operates aircraft or speaks: an air force, a command, a ministry."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=OrganizationKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text="Empty for multinational commands such as NORAD.",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["name"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", OrganizationKind, "reference_organization_kind_valid"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="reference_organization_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name  # short names repeat across countries ("MND" in Beijing and Seoul)

    def clean(self):
        super().clean()
        if is_own_ancestor(self, "parent"):
            raise ValidationError({"parent": "An organization cannot be its own ancestor."})


class RegionKind(models.TextChoices):
    SEA = "sea", "Sea"
    STRAIT = "strait", "Strait"
    OCEAN_AREA = "ocean_area", "Ocean area"
    ADIZ = "adiz", "Air defense identification zone"
    AIRSPACE = "airspace", "National airspace"
    ISLAND_AREA = "island_area", "Island area"
    OTHER = "other", "Other"


class Region(SourcedModel):
    """A named sea, strait, ocean area, ADIZ or national airspace."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    declared_by = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declared_regions",
        help_text="The declaring country, for an ADIZ.",
    )
    established_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    geometry = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_geometry],
        help_text="A GeoJSON geometry object (longitude, latitude in WGS 84).",
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["name"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", RegionKind, "reference_region_kind_valid"),
            geometry_constraint("geometry", "reference_region_geometry_type"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="reference_region_not_own_parent"
            ),
            year_constraint("established_year", "reference_region_established_year_range"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Structure the database cannot check is checked on every ORM write, not only in forms.
        validate_geometry(self.geometry)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if is_own_ancestor(self, "parent"):
            raise ValidationError({"parent": "A region cannot be its own ancestor."})


from .boundaries import BoundaryStatus, ZoneBoundary  # noqa: E402, F401  (registered here)
