"""Aircraft types and what hangs off them, as the API shows them."""

from rest_framework import serializers

from core.api.fields import CompactRelatedField, SelfURLField
from core.api.serializers import RecordSerializer
from reference.api.serializers import SOURCED, TIMESTAMPS, SourcedSerializer, country_field
from reference.models import Organization

from .. import services
from ..models import (
    FIGURE_FIELDS,
    AircraftCapability,
    AircraftType,
    Armament,
    Capability,
    Inventory,
    Manufacturer,
    Weapon,
)


def aircraft_type_field(**kwargs):
    return CompactRelatedField(
        "aircrafttype", name_attr="designation", queryset=AircraftType.objects.all(), **kwargs
    )


class ManufacturerSerializer(RecordSerializer):
    url = SelfURLField()
    country = country_field(required=False)

    class Meta:
        model = Manufacturer
        fields = ("id", "url", "slug", "name", "country", *TIMESTAMPS)


class CapabilitySerializer(RecordSerializer):
    url = SelfURLField()

    class Meta:
        model = Capability
        fields = ("id", "url", "slug", "name", "description", *TIMESTAMPS)


class WeaponSerializer(SourcedSerializer):
    url = SelfURLField()
    country = country_field(required=False)

    class Meta:
        model = Weapon
        fields = (
            "id", "url", "slug", "name", "kind", "country", "range_km", "nuclear_capable",
            "notes", *SOURCED,
        )  # fmt: skip


class TypeCapabilitySerializer(serializers.ModelSerializer):
    """A capability as listed inside its aircraft type."""

    capability = CompactRelatedField("capability", read_only=True)

    class Meta:
        model = AircraftCapability
        fields = ("id", "capability", "notes", "confidence")
        read_only_fields = fields


class TypeArmamentSerializer(serializers.ModelSerializer):
    weapon = CompactRelatedField("weapon", read_only=True)

    class Meta:
        model = Armament
        fields = ("id", "weapon", "max_carried", "notes", "confidence")
        read_only_fields = fields


class TypeInventorySerializer(serializers.ModelSerializer):
    operator = CompactRelatedField("organization", read_only=True)

    class Meta:
        model = Inventory
        fields = ("id", "operator", "count", "as_of_year", "notes", "confidence")
        read_only_fields = fields


class AircraftTypeSerializer(SourcedSerializer):
    write_service = staticmethod(services.save_aircraft_type)
    url = SelfURLField()
    variant_of = aircraft_type_field(allow_null=True, required=False)
    variants = CompactRelatedField(
        "aircrafttype", name_attr="designation", source="variant_list", many=True, read_only=True,
        help_text="Types derived from this one (one level; filter variant_of for all levels).",
    )  # fmt: skip
    manufacturer = CompactRelatedField(
        "manufacturer", queryset=Manufacturer.objects.all(), allow_null=True, required=False
    )
    country_of_origin = country_field(required=False)
    capabilities = TypeCapabilitySerializer(source="capability_list", many=True, read_only=True)
    armaments = TypeArmamentSerializer(source="armament_list", many=True, read_only=True)
    inventories = TypeInventorySerializer(source="inventory_list", many=True, read_only=True)

    class Meta:
        model = AircraftType
        fields = (
            "id", "url", "slug", "designation", "common_name", "nato_name", "variant_of",
            "variants", "manufacturer", "country_of_origin", "role", "status", "first_flight",
            "first_flight_precision", "service_entry_year", "crew", *FIGURE_FIELDS, "notes",
            "capabilities", "armaments", "inventories", *SOURCED,
        )  # fmt: skip


class AircraftCapabilitySerializer(SourcedSerializer):
    url = SelfURLField()
    aircraft_type = aircraft_type_field()
    capability = CompactRelatedField("capability", queryset=Capability.objects.all())

    class Meta:
        model = AircraftCapability
        fields = ("id", "url", "aircraft_type", "capability", "notes", *SOURCED)


class ArmamentSerializer(SourcedSerializer):
    url = SelfURLField()
    aircraft_type = aircraft_type_field()
    weapon = CompactRelatedField("weapon", queryset=Weapon.objects.all())

    class Meta:
        model = Armament
        fields = ("id", "url", "aircraft_type", "weapon", "max_carried", "notes", *SOURCED)


class InventorySerializer(SourcedSerializer):
    url = SelfURLField()
    aircraft_type = aircraft_type_field()
    operator = CompactRelatedField("organization", queryset=Organization.objects.all())

    class Meta:
        model = Inventory
        fields = (
            "id", "url", "aircraft_type", "operator", "count", "as_of_year", "notes", *SOURCED,
        )  # fmt: skip
