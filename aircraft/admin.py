"""Admin for aircraft types and what hangs off them."""

from django.contrib import admin

from core.admin import (
    TIMESTAMPS,
    CompactInline,
    RecordAdmin,
    SiblingInlineFormSet,
    SpreadsheetAdmin,
)
from reference.admin import SourcedAdmin

from .models import (
    AircraftCapability,
    AircraftType,
    Armament,
    Capability,
    Inventory,
    Manufacturer,
    Weapon,
)
from .resources import AircraftTypeResource


class AircraftCapabilityInline(CompactInline, admin.TabularInline):
    formset = SiblingInlineFormSet
    model = AircraftCapability
    extra = 0
    fields = ("capability", "confidence", "notes")
    autocomplete_fields = ("capability",)


class ArmamentInline(CompactInline, admin.TabularInline):
    formset = SiblingInlineFormSet
    model = Armament
    extra = 0
    fields = ("weapon", "max_carried", "confidence", "notes")
    autocomplete_fields = ("weapon",)


class InventoryInline(CompactInline, admin.TabularInline):
    formset = SiblingInlineFormSet
    model = Inventory
    extra = 0
    fields = ("operator", "count", "as_of_year", "confidence", "notes")
    autocomplete_fields = ("operator",)


@admin.register(Manufacturer)
class ManufacturerAdmin(RecordAdmin):
    list_display = ("name", "country")
    list_filter = ("country",)
    list_select_related = ("country",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country",)
    readonly_fields = TIMESTAMPS


@admin.register(AircraftType)
class AircraftTypeAdmin(SpreadsheetAdmin, SourcedAdmin):
    resource_classes = (AircraftTypeResource,)
    list_display = (
        "designation",
        "nato_name",
        "role",
        "variant_of",
        "country_of_origin",
        "manufacturer",
        "first_flight",
        "reads_as",
        "source_count",
    )
    list_filter = (
        "role",
        "status",
        "country_of_origin",
        "capability_links__capability",
        *SourcedAdmin.list_filter,
    )
    list_select_related = ("variant_of", "country_of_origin", "manufacturer")
    search_fields = ("designation", "nato_name", "common_name", "slug")
    prepopulated_fields = {"slug": ("designation",)}
    autocomplete_fields = ("variant_of", "manufacturer", "country_of_origin")
    inlines = (AircraftCapabilityInline, ArmamentInline, InventoryInline, *SourcedAdmin.inlines)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("designation", "slug"),
                    ("common_name", "nato_name"),
                    ("variant_of", "manufacturer", "country_of_origin"),
                    ("role", "status"),
                    ("first_flight", "first_flight_precision", "service_entry_year", "crew"),
                )
            },
        ),
        (
            "Performance (unknown stays empty)",
            {
                "fields": (
                    ("max_speed_kmh", "combat_radius_km", "range_km"),
                    ("service_ceiling_m", "max_takeoff_weight_kg", "payload_kg"),
                )
            },
        ),
        (None, {"fields": ("notes", "confidence", TIMESTAMPS)}),
    )


@admin.register(Capability)
class CapabilityAdmin(RecordAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = TIMESTAMPS


@admin.register(AircraftCapability)
class AircraftCapabilityAdmin(SourcedAdmin):
    list_display = ("aircraft_type", "capability", "reads_as", "source_count")
    list_filter = ("capability", *SourcedAdmin.list_filter)
    list_select_related = ("aircraft_type", "capability")
    search_fields = ("aircraft_type__designation", "capability__name")
    autocomplete_fields = ("aircraft_type", "capability")


@admin.register(Weapon)
class WeaponAdmin(SourcedAdmin):
    list_display = ("name", "kind", "country", "range_km", "nuclear_capable", "reads_as")
    list_filter = ("kind", "nuclear_capable", "country", *SourcedAdmin.list_filter)
    list_select_related = ("country",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country",)


@admin.register(Armament)
class ArmamentAdmin(SourcedAdmin):
    list_display = ("aircraft_type", "weapon", "max_carried", "reads_as", "source_count")
    list_filter = ("weapon__kind", *SourcedAdmin.list_filter)
    list_select_related = ("aircraft_type", "weapon")
    search_fields = ("aircraft_type__designation", "weapon__name")
    autocomplete_fields = ("aircraft_type", "weapon")


@admin.register(Inventory)
class InventoryAdmin(SourcedAdmin):
    list_display = ("aircraft_type", "operator", "count", "as_of_year", "reads_as")
    list_filter = ("as_of_year", *SourcedAdmin.list_filter)
    list_select_related = ("aircraft_type", "operator")
    search_fields = ("aircraft_type__designation", "operator__name")
    autocomplete_fields = ("aircraft_type", "operator")
