"""The one write path for aircraft types and what hangs off them (capabilities, armaments,
inventories), which the API, the admin, spreadsheet imports and the loader call.

An aircraft type is a fact record like any other: it is written with the sources it cites, and
its capabilities, armaments and inventories written with it and naming no sources of their own
inherit the type's (``reference.services``). The rule spanning rows that is the type's own — no
type is its own ancestor through ``variant_of`` — is checked by ``AircraftType.clean()``, which
every writer runs, and held by a database trigger against concurrent writes.
"""

from django.db import transaction

from reference.services import save_record


@transaction.atomic
def save_aircraft_type(aircraft_type, *, sources=None):
    """Write an aircraft type (fields validated by the caller's ``full_clean()``) and, when given,
    exactly the sources it cites; its heirs then settle. Raises ``ValidationError`` keyed
    ``sources`` when the type, or a record inheriting from it, would cite nothing."""
    return save_record(aircraft_type, sources=sources)
