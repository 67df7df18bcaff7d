"""Loads patrols/data/patrols.yaml: patrols with their participations, interceptions,
statements, reported figures and zone entries (whose ``entered_at``/``exited_at`` are quoted ISO
date-times with an offset, read by ``core.dates``)."""

from pathlib import Path

from django.core.exceptions import ValidationError

import patrols
from aircraft.models import AircraftType
from patrols.models import (
    Interception,
    Participation,
    Patrol,
    Qualifier,
    ReportedFigure,
    Statement,
    ZoneEntry,
)
from patrols.services import patrol_rule_errors, set_regions
from reference.models import Organization, Region, RegionKind
from reference.services import require_sources

from ..loading import DataFileError, confidence, read_data

DATA_FILE = Path(patrols.__file__).resolve().parent / "data" / "patrols.yaml"


def load(loader, path=None):
    for entry in read_data(path or DATA_FILE).get("patrols", []):
        load_patrol(loader, entry)


def load_patrol(loader, entry):
    """One patrol entry with its records; once the load has written them all, the patrol rules
    are checked as stored, if anything of it was written."""
    own = loader.sourced(entry)
    # Children default to the patrol's confidence as the file states it, not as it may since
    # have been edited in the database.
    patrol_confidence = confidence(entry.get("confidence"))
    patrol = loader.upsert(
        Patrol,
        {"slug": entry["slug"]},
        {
            "name": entry["name"],
            "kind": entry["kind"],
            "ordinal": entry.get("ordinal"),
            "start_date": entry["start_date"],
            "end_date": entry.get("end_date"),
            "summary": entry.get("summary") or "",
            "notes": entry.get("notes") or "",
            "route": entry.get("route"),
            "confidence": patrol_confidence,
        },
        m2m={"regions": loader.get_many(Region, entry.get("regions"))},
        writers={"regions": set_regions},
        **own,
    )
    if patrol is None:
        return
    records = [patrol]
    for item in entry.get("participations") or []:
        records.append(
            loader.upsert(
                Participation,
                {
                    "patrol": patrol,
                    "aircraft_type": loader.get(AircraftType, item.get("aircraft_type")),
                    "aircraft_description": item.get("aircraft_description") or "",
                    "operator": loader.get(Organization, item["operator"]),
                    "role": item["role"],
                },
                {
                    "count": item.get("count"),
                    "notes": item.get("notes") or "",
                    "confidence": confidence(item.get("confidence"), patrol_confidence),
                },
                **loader.sourced(item, own["sources"]),
            )
        )
    for item in entry.get("interceptions") or []:
        records.append(
            loader.upsert(
                Interception,
                {
                    "patrol": patrol,
                    "responder": loader.get(Organization, item["responder"]),
                    "aircraft_type": loader.get(AircraftType, item.get("aircraft_type")),
                    "date": item.get("date"),
                },
                {
                    "count": item.get("count"),
                    "region": loader.get(Region, item.get("region")),
                    "airspace_violated": item.get("airspace_violated"),
                    "notes": item.get("notes") or "",
                    "confidence": confidence(item.get("confidence"), patrol_confidence),
                },
                **loader.sourced(item, own["sources"]),
            )
        )
    for item in entry.get("statements") or []:
        records.append(
            loader.upsert(
                Statement,
                {"slug": item["slug"]},
                {
                    "organization": loader.get(Organization, item["organization"]),
                    "speaker": item.get("speaker") or "",
                    "date": item.get("date"),
                    "kind": item["kind"],
                    "patrol": patrol,
                    "summary": item["summary"],
                    "confidence": confidence(item.get("confidence"), patrol_confidence),
                },
                **loader.sourced(item, own["sources"]),
            )
        )
    records += load_figures(loader, entry, patrol, own["sources"], patrol_confidence)
    if any((type(r), r.pk) in loader.written for r in records if r is not None):
        loader.check_after_load(lambda: check_patrol(patrol))


def load_figures(loader, entry, patrol, patrol_sources, patrol_confidence):
    """A patrol entry's ``reported_figures`` and ``zone_entries``; each without sources of its
    own inherits the patrol's. A figure is keyed by what, whose and by whom; a zone entry by its
    zone, country and entry time (one country may enter a zone twice in a patrol)."""
    records = []
    for item in entry.get("reported_figures") or []:
        records.append(
            loader.upsert(
                ReportedFigure,
                {
                    "patrol": patrol,
                    "quantity": item["quantity"],
                    "country": loader.country(item.get("country")),
                    "reported_by": loader.get(Organization, item.get("reported_by")),
                },
                {
                    "value": item["value"],
                    "qualifier": item.get("qualifier") or Qualifier.EXACT,
                    "notes": item.get("notes") or "",
                    "confidence": confidence(item.get("confidence"), patrol_confidence),
                },
                **loader.sourced(item, patrol_sources),
            )
        )
    for item in entry.get("zone_entries") or []:
        zone = loader.get(Region, item["zone"])
        if zone is not None and getattr(zone, "kind", RegionKind.ADIZ) != RegionKind.ADIZ:
            raise DataFileError(f"patrol {entry['slug']}: zone {item['zone']!r} is no ADIZ")
        records.append(
            loader.upsert(
                ZoneEntry,
                {
                    "patrol": patrol,
                    "zone": zone,
                    "country": loader.country(item["country"]),
                    "entered_at": item.get("entered_at"),
                },
                {
                    "aircraft_count": item.get("aircraft_count"),
                    "count_qualifier": item.get("count_qualifier"),
                    "exited_at": item.get("exited_at"),
                    "reported_by": loader.get(Organization, item.get("reported_by")),
                    "notes": item.get("notes") or "",
                    "confidence": confidence(item.get("confidence"), patrol_confidence),
                },
                **loader.sourced(item, patrol_sources),
            )
        )
    return records


def check_patrol(patrol):
    """The rules spanning rows (``patrols.services``), on the patrol as the load left it: a
    data file that breaks one stops the load (nothing is written), naming the patrol and rule."""
    if not Patrol.objects.filter(pk=patrol.pk).exists():
        return  # removed as no longer in the files
    participations = list(patrol.participations.select_related("operator__country"))
    errors = patrol_rule_errors(patrol, participations=participations)
    for record in (patrol, *patrol.source_heirs()):
        try:
            require_sources(record)
        except ValidationError as error:
            errors.setdefault("sources", []).extend(error.messages)
    if errors:
        raise DataFileError(f"patrol {patrol.slug}: {errors}")
