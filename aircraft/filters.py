"""FilterSets for aircraft types and everything attached to them."""

from core.filters import (
    SMALL_BOUNDS,
    RecordFilterSet,
    RelatedOneFilter,
    StrictBooleanFilter,
    add_filters,
    by_choice,
    by_slug,
    date_range,
    number_range,
    with_descendants,
)
from reference.filters import SourcedFilterSet, by_country
from reference.models import Organization

from .models import (
    FIGURE_FIELDS,
    AircraftCapability,
    AircraftRole,
    AircraftStatus,
    AircraftType,
    Armament,
    Capability,
    Inventory,
    Manufacturer,
    Weapon,
    WeaponKind,
)


class ManufacturerFilterSet(RecordFilterSet):
    country = by_country("country", "ISO alpha-2 code of the manufacturer's country.")

    class Meta:
        model = Manufacturer
        fields = []


class CapabilityFilterSet(RecordFilterSet):
    class Meta:
        model = Capability
        fields = []


class AircraftTypeFilterSet(SourcedFilterSet):
    role = by_choice("role", AircraftRole.choices, "Role of the type; repeat for OR.")
    status = by_choice("status", AircraftStatus.choices, "Service status; repeat for OR.")
    country = by_country("country_of_origin", "ISO alpha-2 code of the country of origin.")
    manufacturer = by_slug(
        "manufacturer", Manufacturer.objects.all(), "Slug of the manufacturer; repeat for OR."
    )
    capability = by_slug(
        "capability_links__capability",
        Capability.objects.all(),
        "Slug of a capability the type has; repeat for OR.",
    )
    weapon = by_slug(
        "armaments__weapon", Weapon.objects.all(), "Slug of a weapon the type carries."
    )
    operator = by_slug(
        "inventories__operator",
        Organization.objects.all(),
        "Slug of an organization operating the type.",
    )
    variant_of = RelatedOneFilter(
        queryset=AircraftType.objects.all(),
        to_field_name="slug",
        method="filter_variant_of",
        help_text="Slug of a type: its variants, and theirs, at any depth (not the type itself).",
    )
    first_flight = date_range(  # first_flight_after, first_flight_before
        "first_flight", "First flew on or after.", "First flew on or before."
    )

    class Meta:
        model = AircraftType
        fields = []

    def filter_variant_of(self, queryset, name, value):
        return queryset.filter(pk__in=with_descendants([value], "variant_of") - {value.pk})


FIGURE_LABELS = {name: AircraftType._meta.get_field(name).verbose_name for name in FIGURE_FIELDS}
add_filters(
    AircraftTypeFilterSet,
    {
        **{
            name: filter_
            for field in FIGURE_FIELDS
            for name, filter_ in number_range(field, str(FIGURE_LABELS[field])).items()
        },
        **number_range("crew", "Crew", SMALL_BOUNDS),
        **number_range("service_entry_year", "Year of service entry", SMALL_BOUNDS),
    },
)


class AircraftCapabilityFilterSet(SourcedFilterSet):
    aircraft_type = by_slug(
        "aircraft_type", AircraftType.objects.all(), "Slug of the aircraft type; repeat for OR."
    )
    capability = by_slug("capability", Capability.objects.all(), "Slug of the capability.")

    class Meta:
        model = AircraftCapability
        fields = []


class WeaponFilterSet(SourcedFilterSet):
    kind = by_choice("kind", WeaponKind.choices, "Kind of weapon; repeat for OR.")
    country = by_country("country", "ISO alpha-2 code of the weapon's country; repeat for OR.")
    nuclear_capable = StrictBooleanFilter(help_text="true or false.")

    class Meta:
        model = Weapon
        fields = []


add_filters(WeaponFilterSet, number_range("range_km", "Range (km)"))


class ArmamentFilterSet(SourcedFilterSet):
    aircraft_type = by_slug(
        "aircraft_type", AircraftType.objects.all(), "Slug of the aircraft type; repeat for OR."
    )
    weapon = by_slug("weapon", Weapon.objects.all(), "Slug of the weapon; repeat for OR.")

    class Meta:
        model = Armament
        fields = []


class InventoryFilterSet(SourcedFilterSet):
    aircraft_type = by_slug(
        "aircraft_type", AircraftType.objects.all(), "Slug of the aircraft type; repeat for OR."
    )
    operator = by_slug("operator", Organization.objects.all(), "Slug of the operator.")
    country = by_country("operator__country", "ISO alpha-2 code of the operator's country.")

    class Meta:
        model = Inventory
        fields = []


add_filters(InventoryFilterSet, number_range("as_of_year", "Year of the count", SMALL_BOUNDS))
