"""Loads reference/data/reference.yaml and its companions: countries, sources, organizations,
regions and zone boundaries."""

from pathlib import Path

import reference
from reference.models import Country, Organization, Region, Source, ZoneBoundary

from ..loading import confidence, parents_first, read_data

DATA_FILE = Path(reference.__file__).resolve().parent / "data" / "reference.yaml"


def load(loader, path=None):
    data = read_data(path or DATA_FILE)
    for entry in data.get("countries", []):
        loader.upsert(
            Country,
            {"code": entry["code"]},
            {"code3": entry["code3"], "name": entry["name"]},
        )
    for entry in data.get("sources", []):
        loader.upsert(
            Source,
            {"slug": entry["slug"]},
            {
                "title": entry["title"],
                "publisher": entry.get("publisher") or "",
                "url": entry.get("url") or "",
                "author": entry.get("author") or "",
                "published_on": entry.get("published_on"),
                "accessed_on": entry.get("accessed_on"),
                "kind": entry["kind"],
                "language": entry.get("language") or "",
                "reliability": entry.get("reliability") or "F",
                "notes": entry.get("notes") or "",
            },
        )
    for entry in parents_first(data.get("organizations", [])):
        loader.upsert(
            Organization,
            {"slug": entry["slug"]},
            {
                "name": entry["name"],
                "short_name": entry.get("short_name") or "",
                "kind": entry["kind"],
                "country": loader.country(entry.get("country")),
                "parent": loader.get(Organization, entry.get("parent")),
                "notes": entry.get("notes") or "",
                "confidence": confidence(entry.get("confidence")),
            },
            **loader.sourced(entry),
        )
    for entry in parents_first(data.get("regions", [])):
        loader.upsert(
            Region,
            {"slug": entry["slug"]},
            {
                "name": entry["name"],
                "kind": entry["kind"],
                "parent": loader.get(Region, entry.get("parent")),
                "declared_by": loader.country(entry.get("declared_by")),
                "established_year": entry.get("established_year"),
                "geometry": entry.get("geometry"),
                "notes": entry.get("notes") or "",
                "confidence": confidence(entry.get("confidence")),
            },
            **loader.sourced(entry),
        )
    for entry in data.get("zone_boundaries", []):
        load_zone_boundary(loader, entry)


def load_zone_boundary(loader, entry):
    """A zone boundary exactly as the entry gives it: its points as listed (``n``, ``lon``,
    ``lat``, ``dms``, in file order), never closed, ordered or completed here; the model's rules
    refuse a malformed point naming it. ``points_ordered`` is false unless the entry says true."""
    loader.upsert(
        ZoneBoundary,
        {"slug": entry["slug"]},
        {
            "region": loader.get(Region, entry["region"]),
            "effective_from": entry.get("effective_from"),
            "legal_basis": entry.get("legal_basis") or "",
            "definition": entry.get("definition") or "",
            "points": entry.get("points") or [],
            "points_ordered": entry.get("points_ordered", False),
            "status": entry["status"],
            "status_note": entry.get("status_note") or "",
            "segments_not_points": entry.get("segments_not_points") or [],
            "notes": entry.get("notes") or "",
            "confidence": confidence(entry.get("confidence")),
        },
        **loader.sourced(entry),
    )
