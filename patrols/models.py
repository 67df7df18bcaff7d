"""What happened: patrols, who took part, who intercepted them, who said what."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from aircraft.models import AircraftType
from core.geojson import validate_geometry
from core.history import AsOfRelation
from core.models import choices_constraint, count_constraint, geometry_constraint
from reference.models import Organization, Region, SourcedModel, SourcedQuerySet

from .figures import (  # noqa: F401  (registered here)
    Qualifier,
    Quantity,
    ReportedFigure,
    ZoneEntry,
    aircraft_figures,
    aircraft_totals,
    figure_as_of_relations,
    figure_prefetches,
    zone_counts,
)
from .responses import Interception, Statement, StatementKind  # noqa: F401  (registered here)


class PatrolKind(models.TextChoices):
    JOINT_STRATEGIC_PATROL = "joint_strategic_patrol", "Joint strategic patrol"
    NATIONAL_LONG_RANGE_PATROL = "national_long_range_patrol", "National long-range patrol"
    EXERCISE = "exercise", "Exercise"


def compact_columns(*relations):
    """The columns a compact related record shows (key and name), for each relation path."""
    columns = {
        "aircraft_type": ("slug", "designation"),
        "country": ("code", "name"),
    }
    paths = []
    for relation in relations:
        last = relation.rsplit("__", 1)[-1]
        paths += [relation] + [
            f"{relation}__{column}" for column in columns.get(last, ("slug", "name"))
        ]
    return paths


class PatrolQuerySet(SourcedQuerySet):
    def with_details(self):
        """Everything a patrol's full representation shows, in a fixed number of queries.

        Each relation lands in a plain list (``<relation>_prefetched``, read by ``prefetched``)
        and loads only the columns the representation shows: on the patrol list, building model
        instances costs more than the SQL. The nested rows bring their own status (confidence,
        sources, claims): two more queries per kind of row, whatever the page size.
        """
        participations = Participation.objects.with_sources().select_related(
            "aircraft_type", "operator__country"
        ).only(
            *compact_columns("aircraft_type", "operator", "operator__country"),
            "patrol_id", "aircraft_description", "count", "role", "notes", "confidence",
        )  # fmt: skip
        interceptions = Interception.objects.with_sources().select_related(
            "responder__country", "aircraft_type", "region"
        ).only(
            *compact_columns("responder", "responder__country", "aircraft_type", "region"),
            "patrol_id", "count", "date", "airspace_violated", "notes", "confidence",
        )  # fmt: skip
        statements = Statement.objects.with_sources().select_related("organization").only(
            *compact_columns("organization"),
            "patrol_id", "slug", "speaker", "date", "kind", "summary", "confidence",
        )  # fmt: skip
        return self.with_sources().prefetch_related(
            models.Prefetch(
                "participations", queryset=participations, to_attr="participations_prefetched"
            ),
            *figure_prefetches(),
            models.Prefetch(
                "interceptions", queryset=interceptions, to_attr="interceptions_prefetched"
            ),
            models.Prefetch("statements", queryset=statements, to_attr="statements_prefetched"),
            models.Prefetch(
                "regions",
                queryset=Region.objects.only("slug", "name"),
                to_attr="regions_prefetched",
            ),
        )

    def with_summary(self):
        """Per-patrol aircraft (``aircraft_known_minimum``: the known counts summed, 0 when
        none is known), country and source counts, each as one correlated subquery.

        Subqueries rather than joins, so that counting participations and citations in one
        query does not multiply the rows either of them counts. Unknown counts add nothing.
        """
        participations = Participation.objects.filter(patrol=OuterRef("pk")).values("patrol")
        return self.with_source_count().annotate(
            aircraft_known_minimum=Coalesce(
                Subquery(participations.annotate(total=Sum("count")).values("total")), 0
            ),
            country_count=Coalesce(
                Subquery(
                    participations.annotate(n=Count("operator__country", distinct=True)).values("n")
                ),
                0,
            ),
        )

    def with_countries(self):
        return self.prefetch_related("participations__operator__country")

    def joint(self, value=True):
        queryset = self if "country_count" in self.query.annotations else self.with_summary()
        return (
            queryset.filter(country_count__gte=2) if value else queryset.filter(country_count__lt=2)
        )


class Patrol(SourcedModel):
    """A flight or series of flights recorded as one event."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=PatrolKind.choices)
    ordinal = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="1st, 2nd, … for joint strategic patrols, in the Chinese MND's count.",
    )
    start_date = models.DateField()  # indexed first in patrols_patrol_list (Meta.indexes)
    end_date = models.DateField(null=True, blank=True)
    regions = models.ManyToManyField(
        Region, through="PatrolRegion", blank=True, related_name="patrols"
    )
    summary = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    route = models.JSONField(
        null=True, blank=True, validators=[validate_geometry], help_text="A GeoJSON geometry."
    )

    objects = PatrolQuerySet.as_manager()

    class Meta(SourcedModel.Meta):
        ordering = ["-start_date", "name"]
        indexes = [
            # A year's page (of a kind, in any list ordering) counted and cut to its ids from
            # here alone (RecordViewSet.rows_list); id for PostgreSQL's index-only scans.
            models.Index(
                fields=["start_date", "kind", "name", "end_date", "ordinal", "updated_at", "id"],
                name="patrols_patrol_list",
            ),
        ]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", PatrolKind, "patrols_patrol_kind_valid"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="patrols_patrol_end_after_start",
                violation_error_message="The end date cannot come before the start date.",
            ),
            count_constraint("ordinal", "patrols_patrol_ordinal_positive"),
            models.CheckConstraint(
                condition=Q(ordinal__isnull=True) | Q(kind=PatrolKind.JOINT_STRATEGIC_PATROL),
                name="patrols_patrol_ordinal_only_for_joint",
                violation_error_message="Only joint strategic patrols are numbered.",
            ),
            models.UniqueConstraint(
                fields=["kind", "ordinal"],
                condition=Q(ordinal__isnull=False),
                name="patrols_patrol_unique_ordinal",
                violation_error_message="Another patrol of this kind has this ordinal.",
            ),
            geometry_constraint("route", "patrols_patrol_route_type"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def as_of_relations(cls):
        return [
            *super().as_of_relations(),
            AsOfRelation(
                "participations",
                Participation,
                "patrol_id",
                follow=("aircraft_type", "operator__country"),
                relations=tuple(Participation.as_of_relations()),
            ),
            AsOfRelation(
                "interceptions",
                Interception,
                "patrol_id",
                follow=("responder__country", "aircraft_type", "region"),
                relations=tuple(Interception.as_of_relations()),
            ),
            *figure_as_of_relations(),
            AsOfRelation(
                "statements",
                Statement,
                "patrol_id",
                follow=("organization",),
                relations=tuple(Statement.as_of_relations()),
            ),
            AsOfRelation(
                "regions",
                PatrolRegion,
                "patrol_id",
                follow=("region",),
                pick="region",
                sort_by="name",
            ),
        ]

    @property
    def participation_list(self):
        return self.prefetched("participations")

    @property
    def interception_list(self):
        return self.prefetched("interceptions")

    @property
    def statement_list(self):
        return self.prefetched("statements")

    @property
    def region_list(self):
        return self.prefetched("regions")

    @property
    def countries(self):
        """Derived from the participations, never typed twice."""
        found = {
            p.operator.country.code: p.operator.country
            for p in self.participation_list
            if p.operator.country is not None
        }
        return [found[code] for code in sorted(found)]

    @property
    def is_joint(self):
        return len(self.countries) >= 2

    @property
    def reported_figure_list(self):
        return self.prefetched("reported_figures")

    @property
    def zone_entry_list(self):
        return self.prefetched("zone_entries")

    @property
    def aircraft(self):
        """What is known of how many aircraft took part (``figures.aircraft_figures``): from
        its participations (by operator's country), aircraft totals and zone entries."""
        return aircraft_figures(
            [(p.operator.country_id, p.count) for p in self.participation_list],
            aircraft_totals(self.reported_figure_list),
            zone_counts(self.zone_entry_list),
        )

    def save(self, *args, **kwargs):
        validate_geometry(self.route, "route")
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date cannot come before the start date."
        if self.ordinal is not None and self.kind != PatrolKind.JOINT_STRATEGIC_PATROL:
            errors["ordinal"] = "Only joint strategic patrols are numbered."
        elif self.ordinal is not None and self.start_date:
            error = self._ordinal_out_of_order()
            if error:
                errors["ordinal"] = error
        if errors:
            raise ValidationError(errors)

    def _ordinal_out_of_order(self):
        """Ordinals follow dates: the nth patrol starts no earlier than the (n-1)th."""
        numbered = Patrol.objects.filter(kind=self.kind, ordinal__isnull=False).exclude(pk=self.pk)
        earlier = numbered.filter(ordinal__lt=self.ordinal, start_date__gt=self.start_date).first()
        if earlier:
            return f"Patrol no. {earlier.ordinal} starts later ({earlier.start_date})."
        later = numbered.filter(ordinal__gt=self.ordinal, start_date__lt=self.start_date).first()
        if later:
            return f"Patrol no. {later.ordinal} starts earlier ({later.start_date})."
        return None


def participation_key(aircraft_type, aircraft_description, operator, role):
    """What identifies a participation within its patrol, as its two unique constraints say:
    the type, operator and role, or (unidentified aircraft) the description instead of a type."""
    return (aircraft_type, "" if aircraft_type else aircraft_description, operator, role)


class PatrolRegion(models.Model):
    """A region a patrol crossed. An explicit link so that a region in use cannot be deleted."""

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="region_links")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="patrol_links")
    history = HistoricalRecords()

    class Meta:
        ordering = ["patrol", "region__name"]
        verbose_name = "region crossed"
        verbose_name_plural = "regions crossed"
        constraints = [
            models.UniqueConstraint(fields=["patrol", "region"], name="patrols_patrolregion_unique")
        ]

    def __str__(self):
        return str(self.region)


class ParticipationRole(models.TextChoices):
    BOMBER = "bomber", "Bomber"
    ESCORT = "escort", "Escort"
    AEW_C = "aew_c", "AEW&C"
    TANKER = "tanker", "Tanker"
    RECONNAISSANCE = "reconnaissance", "Reconnaissance"
    ELECTRONIC_WARFARE = "electronic_warfare", "Electronic warfare"
    TRANSPORT = "transport", "Transport"
    OTHER = "other", "Other"


class Participation(SourcedModel):
    """Which aircraft flew in a patrol, for whom, how many, in what role."""

    SOURCE_PARENT = "patrol"  # inherits its sources when written with it

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="participations")
    aircraft_type = models.ForeignKey(
        AircraftType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text="Empty when the sources do not identify the type; describe it instead.",
    )
    aircraft_description = models.CharField(
        max_length=200, blank=True, help_text="As reported, when the type is not identified."
    )
    operator = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="participations"
    )
    count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty when unknown."
    )
    role = models.CharField(max_length=30, choices=ParticipationRole.choices)
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["patrol", "pk"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("role", ParticipationRole, "patrols_participation_role_valid"),
            count_constraint("count", "patrols_participation_count_positive"),
            models.CheckConstraint(
                condition=Q(aircraft_type__isnull=False) | ~Q(aircraft_description=""),
                name="patrols_participation_type_or_description",
                violation_error_message="Give the aircraft type or, if unidentified, describe it.",
            ),
            models.UniqueConstraint(
                fields=["patrol", "aircraft_type", "operator", "role"],
                condition=Q(aircraft_type__isnull=False),
                name="patrols_participation_unique",
                violation_error_message=(
                    "This patrol already lists this aircraft type for this operator and role."
                ),
            ),
            models.UniqueConstraint(
                fields=["patrol", "aircraft_description", "operator", "role"],
                condition=Q(aircraft_type__isnull=True),
                name="patrols_participation_unique_unidentified",
                violation_error_message=(
                    "This patrol already lists these aircraft for this operator and role."
                ),
            ),
        ]

    def __str__(self):
        what = self.aircraft_type or self.aircraft_description
        return f"{self.count or '?'} × {what} ({self.operator})"

    def clean(self):
        super().clean()
        if self.aircraft_type_id is None and not self.aircraft_description.strip():
            raise ValidationError(
                {"aircraft_type": "Give the aircraft type or, if unidentified, describe it."}
            )


from .activity import ActivityCount  # noqa: E402, F401  (registered here)
