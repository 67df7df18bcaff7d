"""What flies: aircraft types, their figures and capabilities, their weapons, who operates them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from core.history import AsOfRelation
from core.models import (
    TimeStampedModel,
    choices_constraint,
    count_constraint,
    is_own_ancestor,
    year_constraint,
)
from reference.models import Country, Organization, SourcedModel, SourcedQuerySet

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]

# Performance figures carry their unit in the name; unknown stays null. PositiveIntegerField
# gives each a database CHECK (>= 0) on SQLite and PostgreSQL alike.
FIGURE_FIELDS = (
    "max_speed_kmh",
    "combat_radius_km",
    "range_km",
    "service_ceiling_m",
    "max_takeoff_weight_kg",
    "payload_kg",
)


class Manufacturer(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="manufacturers"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AircraftRole(models.TextChoices):
    UNKNOWN = "", "Unknown"
    STRATEGIC_BOMBER = "strategic_bomber", "Strategic bomber"
    BOMBER = "bomber", "Bomber"
    FIGHTER = "fighter", "Fighter"
    MULTIROLE_FIGHTER = "multirole_fighter", "Multirole fighter"
    INTERCEPTOR = "interceptor", "Interceptor"
    AEW_C = "aew_c", "AEW&C"
    TANKER = "tanker", "Tanker"
    RECONNAISSANCE = "reconnaissance", "Reconnaissance"
    ELECTRONIC_WARFARE = "electronic_warfare", "Electronic warfare"
    MARITIME_PATROL = "maritime_patrol", "Maritime patrol"
    TRANSPORT = "transport", "Transport"


class AircraftStatus(models.TextChoices):
    UNKNOWN = "", "Unknown"
    IN_SERVICE = "in_service", "In service"
    RETIRED = "retired", "Retired"
    IN_DEVELOPMENT = "in_development", "In development"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class AircraftTypeQuerySet(SourcedQuerySet):
    def with_details(self):
        """Everything an aircraft type's full representation shows, in a fixed number of queries.

        Each relation lands in a plain list (``<relation>_prefetched``, read by ``prefetched``).
        """
        return (
            self.select_related("variant_of", "manufacturer", "country_of_origin")
            .with_sources()
            .prefetch_related(
                models.Prefetch(
                    "variants",
                    queryset=AircraftType.objects.order_by("designation"),
                    to_attr="variants_prefetched",
                ),
                models.Prefetch(
                    "capability_links",
                    queryset=AircraftCapability.objects.select_related("capability"),
                    to_attr="capability_links_prefetched",
                ),
                models.Prefetch(
                    "armaments",
                    queryset=Armament.objects.select_related("weapon"),
                    to_attr="armaments_prefetched",
                ),
                models.Prefetch(
                    "inventories",
                    queryset=Inventory.objects.select_related("operator"),
                    to_attr="inventories_prefetched",
                ),
            )
        )

    def descendants_of(self, aircraft_type):
        """The type and every variant below it, at any depth."""
        ids, frontier = {aircraft_type.pk}, {aircraft_type.pk}
        while frontier:
            frontier = (
                set(self.model.objects.filter(variant_of__in=frontier).values_list("pk", flat=True))
                - ids
            )
            ids |= frontier
        return self.filter(pk__in=ids)


class AircraftType(SourcedModel):
    designation = models.CharField(max_length=64, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    common_name = models.CharField(max_length=100, blank=True)
    nato_name = models.CharField("NATO reporting name", max_length=50, blank=True)
    variant_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="variants"
    )
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.PROTECT, null=True, blank=True, related_name="types"
    )
    country_of_origin = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="aircraft_types"
    )
    role = models.CharField(max_length=30, choices=AircraftRole.choices, blank=True)
    status = models.CharField(
        max_length=20, choices=AircraftStatus.choices, blank=True, default=AircraftStatus.UNKNOWN
    )
    first_flight = models.DateField(null=True, blank=True)
    first_flight_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the first-flight date is known; 1979 is stored as 1979-01-01, year.",
    )
    service_entry_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=YEAR_VALIDATORS
    )
    crew = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    max_speed_kmh = models.PositiveIntegerField("max speed (km/h)", null=True, blank=True)
    combat_radius_km = models.PositiveIntegerField("combat radius (km)", null=True, blank=True)
    range_km = models.PositiveIntegerField("range (km)", null=True, blank=True)
    service_ceiling_m = models.PositiveIntegerField("service ceiling (m)", null=True, blank=True)
    max_takeoff_weight_kg = models.PositiveIntegerField("MTOW (kg)", null=True, blank=True)
    payload_kg = models.PositiveIntegerField("payload (kg)", null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = AircraftTypeQuerySet.as_manager()

    class Meta(SourcedModel.Meta):
        ordering = ["designation"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("role", AircraftRole, "aircraft_aircrafttype_role_valid"),
            choices_constraint("status", AircraftStatus, "aircraft_aircrafttype_status_valid"),
            choices_constraint(
                "first_flight_precision", DatePrecision, "aircraft_aircrafttype_precision_valid"
            ),
            models.CheckConstraint(
                condition=~Q(variant_of=F("pk")), name="aircraft_aircrafttype_not_own_variant"
            ),
            count_constraint("crew", "aircraft_aircrafttype_crew_positive"),
            year_constraint("service_entry_year", "aircraft_aircrafttype_service_entry_year_range"),
        ]

    def __str__(self):
        return self.designation

    as_of_follow = ("variant_of", "manufacturer", "country_of_origin")

    @classmethod
    def as_of_relations(cls):
        return [
            *super().as_of_relations(),
            AsOfRelation("variants", AircraftType, "variant_of_id", sort_by="designation"),
            AsOfRelation(
                "capability_links", AircraftCapability, "aircraft_type_id", follow=("capability",)
            ),
            AsOfRelation("armaments", Armament, "aircraft_type_id", follow=("weapon",)),
            AsOfRelation("inventories", Inventory, "aircraft_type_id", follow=("operator",)),
        ]

    @property
    def variant_list(self):
        return self.prefetched("variants")

    @property
    def capability_list(self):
        return self.prefetched("capability_links")

    @property
    def armament_list(self):
        return self.prefetched("armaments")

    @property
    def inventory_list(self):
        return self.prefetched("inventories")

    def clean(self):
        super().clean()
        errors = {}
        if is_own_ancestor(self, "variant_of"):
            errors["variant_of"] = "An aircraft type cannot be its own ancestor."
        first_year = self.first_flight.year if self.first_flight else None
        if first_year and self.service_entry_year and self.service_entry_year < first_year:
            errors["service_entry_year"] = "Service entry cannot come before the first flight."
        if errors:
            raise ValidationError(errors)


class Capability(TimeStampedModel):
    """A curated vocabulary: nuclear strike, aerial refuelling, low observable, …"""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "capabilities"

    def __str__(self):
        return self.name


class AircraftCapability(SourcedModel):
    SOURCE_PARENT = "aircraft_type"  # inherits its sources when written with it

    aircraft_type = models.ForeignKey(
        AircraftType, on_delete=models.PROTECT, related_name="capability_links"
    )
    capability = models.ForeignKey(
        Capability, on_delete=models.PROTECT, related_name="aircraft_links"
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["aircraft_type", "capability"]
        verbose_name_plural = "aircraft capabilities"
        constraints = [
            *SourcedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["aircraft_type", "capability"], name="aircraft_aircraftcapability_unique"
            ),
        ]

    def __str__(self):
        return f"{self.aircraft_type}: {self.capability}"


class WeaponKind(models.TextChoices):
    CRUISE_MISSILE = "cruise_missile", "Cruise missile"
    ANTI_SHIP_MISSILE = "anti_ship_missile", "Anti-ship missile"
    BALLISTIC_MISSILE = "ballistic_missile", "Ballistic missile"
    AIR_TO_AIR_MISSILE = "air_to_air_missile", "Air-to-air missile"
    OTHER = "other", "Other"


class Weapon(SourcedModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=WeaponKind.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="weapons"
    )
    range_km = models.PositiveIntegerField("range (km)", null=True, blank=True)
    nuclear_capable = models.BooleanField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["name"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", WeaponKind, "aircraft_weapon_kind_valid"),
        ]

    def __str__(self):
        return self.name


class Armament(SourcedModel):
    SOURCE_PARENT = "aircraft_type"  # inherits its sources when written with it

    aircraft_type = models.ForeignKey(
        AircraftType, on_delete=models.PROTECT, related_name="armaments"
    )
    weapon = models.ForeignKey(Weapon, on_delete=models.PROTECT, related_name="armaments")
    max_carried = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["aircraft_type", "weapon"]
        constraints = [
            *SourcedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["aircraft_type", "weapon"], name="aircraft_armament_unique"
            ),
            count_constraint("max_carried", "aircraft_armament_max_carried_positive"),
        ]

    def __str__(self):
        return f"{self.aircraft_type}: {self.weapon}"


class Inventory(SourcedModel):
    """Which organization operates how many of a type, as of which year."""

    SOURCE_PARENT = "aircraft_type"  # inherits its sources when written with it

    aircraft_type = models.ForeignKey(
        AircraftType, on_delete=models.PROTECT, related_name="inventories"
    )
    operator = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="inventories")
    count = models.PositiveIntegerField(null=True, blank=True)
    as_of_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["aircraft_type", "operator", "-as_of_year"]
        verbose_name_plural = "inventories"
        constraints = [
            *SourcedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["aircraft_type", "operator", "as_of_year"],
                name="aircraft_inventory_unique",
            ),
            year_constraint("as_of_year", "aircraft_inventory_year_range", nullable=False),
        ]

    def __str__(self):
        return f"{self.operator}: {self.aircraft_type} ({self.as_of_year})"
