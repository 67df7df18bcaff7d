"""Aircraft resources: each a declaration over ``RecordViewSet``."""

from drf_spectacular.utils import extend_schema_view

from core.api.history import AS_OF_SCHEMA
from core.api.views import RecordViewSet

from .. import filters
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
from . import serializers


class ManufacturerViewSet(RecordViewSet):
    """Aircraft manufacturers."""

    queryset = Manufacturer.objects.select_related("country")
    serializer_class = serializers.ManufacturerSerializer
    filterset_class = filters.ManufacturerFilterSet
    search_fields = ("name", "slug")
    ordering_fields = ("name", "updated_at")


class CapabilityViewSet(RecordViewSet):
    """The capability vocabulary (nuclear strike, aerial refuelling, low observable, …)."""

    queryset = Capability.objects.all()
    serializer_class = serializers.CapabilitySerializer
    filterset_class = filters.CapabilityFilterSet
    search_fields = ("name", "slug", "description")
    ordering_fields = ("name", "updated_at")


@extend_schema_view(list=AS_OF_SCHEMA, retrieve=AS_OF_SCHEMA)
class AircraftTypeViewSet(RecordViewSet):
    """Aircraft types with their figures, variants, capabilities, armaments and inventories."""

    as_of_enabled = True
    queryset = AircraftType.objects.with_details()
    serializer_class = serializers.AircraftTypeSerializer
    filterset_class = filters.AircraftTypeFilterSet
    search_fields = ("designation", "common_name", "nato_name", "slug")
    ordering_fields = (
        "designation", "first_flight", "service_entry_year", "crew", *FIGURE_FIELDS, "updated_at",
    )  # fmt: skip


class AircraftCapabilityViewSet(RecordViewSet):
    """Which aircraft type has which capability, with sources."""

    queryset = AircraftCapability.objects.select_related(
        "aircraft_type", "capability"
    ).with_sources()
    serializer_class = serializers.AircraftCapabilitySerializer
    filterset_class = filters.AircraftCapabilityFilterSet
    search_fields = ("aircraft_type__designation", "capability__name", "notes")
    ordering_fields = ("id", "updated_at")


class WeaponViewSet(RecordViewSet):
    """Stand-off weapons and missiles."""

    queryset = Weapon.objects.select_related("country").with_sources()
    serializer_class = serializers.WeaponSerializer
    filterset_class = filters.WeaponFilterSet
    search_fields = ("name", "slug", "notes")
    ordering_fields = ("name", "kind", "range_km", "updated_at")


class ArmamentViewSet(RecordViewSet):
    """Which aircraft type carries which weapon, and how many."""

    queryset = Armament.objects.select_related("aircraft_type", "weapon").with_sources()
    serializer_class = serializers.ArmamentSerializer
    filterset_class = filters.ArmamentFilterSet
    search_fields = ("aircraft_type__designation", "weapon__name", "notes")
    ordering_fields = ("id", "max_carried", "updated_at")


class InventoryViewSet(RecordViewSet):
    """How many of a type an organization operates, as of a year."""

    queryset = Inventory.objects.select_related("aircraft_type", "operator").with_sources()
    serializer_class = serializers.InventorySerializer
    filterset_class = filters.InventoryFilterSet
    search_fields = ("aircraft_type__designation", "operator__name", "notes")
    ordering_fields = ("id", "as_of_year", "count", "updated_at")
