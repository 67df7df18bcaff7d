"""Preferred values and the sources that give them: a whole-data-set check beside ``integrity``.

A record keeps one preferred value per field and cites every source that reported it; where the
fact sheet says *which* of those pages gives the preferred value, the data file says so beside
the record, for any sourced entry (an aircraft type, a weapon, a patrol, a participation, …)::

    figure_sources: {range_km: historywarsweapons-tu-95, payload_kg: historywarsweapons-tu-95}

Each value is a source slug, or a list of slugs of which every one gives the value. The record
must cite each named source: a preferred figure resting on a page the record does not cite is
an unsourced figure. The statement lives in the data files (no table holds it), so the check
reads them and compares with the records as stored; where a curator has since changed the
value, the sheet's attribution no longer applies and the record is left to the curator.

Problems come back as readable lines naming the record, the field and the source.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist

from aircraft.models import AircraftCapability, AircraftType, Armament, Inventory, Weapon
from patrols.models import Interception, Participation, Patrol, Statement
from reference.models import Organization, Region

from .loaders import LOADERS
from .loading import read_data

KEY = "figure_sources"


def _slug(entry, parent):
    return {"slug": entry["slug"]}


def _linked(name, key=None):
    """A look-up on a related record named by slug in the entry (absent: no related record)."""

    def lookup(entry):
        value = entry.get(key or name)
        return {f"{name}__slug": value} if value else {f"{name}__isnull": True}

    return lookup


def _child(parent_field, *parts, plain=()):
    """The look-up of an entry nested in a slugged parent: the parent by its slug, the entry's
    related records by theirs (``parts``), its own plain fields (``plain``, key = field name)."""

    def lookup(entry, parent):
        found = {f"{parent_field}__slug": parent}
        for part in parts:
            found.update(part(entry))
        for name in plain:
            found[name] = entry.get(name) or ("" if name == "aircraft_description" else None)
        return found

    return lookup


# Each data-file section: the model its entries write and how to find an entry's record, with
# the sections nested in its entries. Mirrors the loaders' keys (``curation.loaders``).
TOP_SECTIONS = {
    "organizations": (Organization, _slug, {}),
    "regions": (Region, _slug, {}),
    "weapons": (Weapon, _slug, {}),
    "aircraft_types": (
        AircraftType,
        _slug,
        {
            "capabilities": (AircraftCapability, _child("aircraft_type", _linked("capability"))),
            "armaments": (Armament, _child("aircraft_type", _linked("weapon"))),
            "inventories": (
                Inventory,
                _child("aircraft_type", _linked("operator"), plain=("as_of_year",)),
            ),
        },
    ),
    "patrols": (
        Patrol,
        _slug,
        {
            "participations": (
                Participation,
                _child(
                    "patrol",
                    _linked("aircraft_type"),
                    _linked("operator"),
                    plain=("aircraft_description", "role"),
                ),
            ),
            "interceptions": (
                Interception,
                _child(
                    "patrol",
                    _linked("responder"),
                    _linked("aircraft_type"),
                    plain=("date",),
                ),
            ),
            "statements": (Statement, _slug),
        },
    ),
}


@dataclass(frozen=True)
class Attribution:
    """One data-file statement that ``sources`` give the preferred value of ``field``."""

    model: type
    lookup: dict
    entry_name: str
    field: str
    value: object
    sources: tuple


def data_paths():
    """Every loader's main data file (``read_data`` adds its companions)."""
    return [loader.DATA_FILE for loader in LOADERS]


def attributions(paths=None):
    """Every ``figure_sources`` statement in the data files, and a line for each one written
    where it cannot be checked. Shape: ``(list[Attribution], list[str])``."""
    found, unplaced = [], []
    for path in paths or data_paths():
        data = read_data(path)
        for section, entries in data.items():
            model, lookup, nested = TOP_SECTIONS.get(section, (None, None, {}))
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                name = f"{section} {entry.get('slug', '?')}"
                if model is None or "slug" not in entry:
                    unplaced += _stray(entry, name)
                    continue
                found += _read(model, lookup(entry, None), name, entry, unplaced)
                for child_section, child_entries in entry.items():
                    if not isinstance(child_entries, list):
                        continue
                    child_model, child_lookup = nested.get(child_section, (None, None))
                    for index, child in enumerate(child_entries):
                        if not isinstance(child, dict):
                            continue
                        child_name = f"{name}, {child_section} no. {index + 1}"
                        if child_model is None:
                            unplaced += _stray(child, child_name)
                        else:
                            key = child_lookup(child, entry["slug"])
                            found += _read(child_model, key, child_name, child, unplaced)
    return found, unplaced


def _read(model, lookup, name, entry, unplaced):
    given = entry.get(KEY)
    if given is None:
        return []
    if not isinstance(given, dict):
        unplaced.append(f"{name}: {KEY} is not a mapping of field to source slug(s)")
        return []
    found = []
    for field, slugs in given.items():
        slugs = (slugs,) if isinstance(slugs, str) else tuple(slugs or ())
        found.append(Attribution(model, lookup, name, field, entry.get(field), slugs))
    return found


def _stray(entry, name):
    return [f"{name}: {KEY} is given where no record can be found for it"] if KEY in entry else []


def preferred_figures_without_their_source(paths=None):
    """A preferred value the data files attribute to a source is on a record citing that source."""
    found, unplaced = attributions(paths)
    yield from unplaced
    for attribution in found:
        yield from _check(attribution)


def _check(attribution):
    model, field_name = attribution.model, attribution.field
    label = model._meta.verbose_name
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if field is None or not field.concrete or field.is_relation:
        yield f"{attribution.entry_name}: {label} has no value field {field_name!r} to source"
        return
    if attribution.value is None:
        yield f"{attribution.entry_name}: names a source for {field_name}, which it leaves empty"
        return
    record = model._default_manager.filter(**attribution.lookup).first()
    if record is None:
        return  # not loaded, or deleted by a curator: nothing stored to check
    if getattr(record, field.attname) != field.to_python(attribution.value):
        return  # a curator changed the value: the sheet's attribution no longer applies
    cited = set(record.citations.values_list("source__slug", flat=True))
    for slug in attribution.sources:
        if slug not in cited:
            yield (
                f"{label} {record} (id {record.pk}): {field_name} = {attribution.value} is "
                f"given by source {slug}, which the record does not cite"
            )
