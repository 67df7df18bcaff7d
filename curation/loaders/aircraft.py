"""Loads aircraft/data/aircraft.yaml: manufacturers, capabilities, weapons and aircraft types."""

from pathlib import Path

import aircraft
from aircraft.models import (
    FIGURE_FIELDS,
    AircraftCapability,
    AircraftType,
    Armament,
    Capability,
    Inventory,
    Manufacturer,
    Weapon,
)
from reference.models import Organization

from ..loading import confidence, parents_first, read_data

DATA_FILE = Path(aircraft.__file__).resolve().parent / "data" / "aircraft.yaml"


def load(loader, path=None):
    data = read_data(path or DATA_FILE)
    for entry in data.get("manufacturers", []):
        loader.upsert(
            Manufacturer,
            {"slug": entry["slug"]},
            {"name": entry["name"], "country": loader.country(entry.get("country"))},
        )
    for entry in data.get("capabilities", []):
        loader.upsert(
            Capability,
            {"slug": entry["slug"]},
            {"name": entry["name"], "description": entry.get("description") or ""},
        )
    for entry in data.get("weapons", []):
        loader.upsert(
            Weapon,
            {"slug": entry["slug"]},
            {
                "name": entry["name"],
                "kind": entry["kind"],
                "country": loader.country(entry.get("country")),
                "range_km": entry.get("range_km"),
                "nuclear_capable": entry.get("nuclear_capable"),
                "notes": entry.get("notes") or "",
                "confidence": confidence(entry.get("confidence")),
            },
            **loader.sourced(entry),
        )
    for entry in parents_first(data.get("aircraft_types", []), parent_key="variant_of"):
        load_aircraft_type(loader, entry)


def load_aircraft_type(loader, entry):
    fields = {
        "designation": entry["designation"],
        "common_name": entry.get("common_name") or "",
        "nato_name": entry.get("nato_name") or "",
        "variant_of": loader.get(AircraftType, entry.get("variant_of")),
        "manufacturer": loader.get(Manufacturer, entry.get("manufacturer")),
        "country_of_origin": loader.country(entry.get("country_of_origin")),
        "role": entry.get("role") or "",
        "status": entry.get("status") or "",
        "first_flight": entry.get("first_flight"),
        "first_flight_precision": entry.get("first_flight_precision") or "day",
        "service_entry_year": entry.get("service_entry_year"),
        "crew": entry.get("crew"),
        "notes": entry.get("notes") or "",
        "confidence": confidence(entry.get("confidence")),
        **{name: entry.get(name) for name in FIGURE_FIELDS},
    }
    own = loader.sourced(entry)
    aircraft_type = loader.upsert(AircraftType, {"slug": entry["slug"]}, fields, **own)
    if aircraft_type is None:
        return
    for link in entry.get("capabilities") or []:
        loader.upsert(
            AircraftCapability,
            {
                "aircraft_type": aircraft_type,
                "capability": loader.get(Capability, link["capability"]),
            },
            {
                "notes": link.get("notes") or "",
                "confidence": confidence(link.get("confidence")),
            },
            **loader.sourced(link, own["sources"]),
        )
    for link in entry.get("armaments") or []:
        loader.upsert(
            Armament,
            {"aircraft_type": aircraft_type, "weapon": loader.get(Weapon, link["weapon"])},
            {
                "max_carried": link.get("max_carried"),
                "notes": link.get("notes") or "",
                "confidence": confidence(link.get("confidence")),
            },
            **loader.sourced(link, own["sources"]),
        )
    for link in entry.get("inventories") or []:
        loader.upsert(
            Inventory,
            {
                "aircraft_type": aircraft_type,
                "operator": loader.get(Organization, link["operator"]),
                "as_of_year": link["as_of_year"],
            },
            {
                "count": link.get("count"),
                "notes": link.get("notes") or "",
                "confidence": confidence(link.get("confidence")),
            },
            **loader.sourced(link, own["sources"]),
        )
