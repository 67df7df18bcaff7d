"""An aircraft type's page: its figures with their units, its place in the variants tree, its
capabilities, armaments and inventories, the patrols it flew and the interceptions it flew.

"The patrols it flew" counts its variants' too, at any depth (a Tu-95 page lists the patrols of
the Tu-95MS), each row saying which variant flew; this type's parents' patrols are not its own.
The tree comes from one query over every type (``queries.type_tree``), never a query per level.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from aircraft.models import FIGURE_FIELDS, AircraftType

from . import queries
from .claims import Entry, claim_rows, disputed_without_claims
from .links import anchor
from .sources import source_rows
from .values import Shown, kind_label, shown

# The unit each figure's name ends in (``aircraft.models.FIGURE_FIELDS``: "range_km").
UNITS = {"kmh": "km/h", "km": "km", "m": "m", "kg": "kg"}
SPELLED_OUT = {"MTOW": "Maximum take-off weight"}


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    unit: str
    value: Shown
    disputed: bool


def unit_of(name):
    return UNITS[name.rsplit("_", 1)[1]]


def figures(aircraft_type):
    """Each performance figure with its unit ("15,000 km"), unknown where the sources give
    none, and whether a claim disputes it."""
    claimed = {claim.field for claim in aircraft_type.claim_list}
    found = []
    for name in FIGURE_FIELDS:
        verbose = str(AircraftType._meta.get_field(name).verbose_name)
        label = re.sub(r"\s*\([^)]*\)$", "", verbose)
        label = SPELLED_OUT.get(label, label[:1].upper() + label[1:])
        value, unit = getattr(aircraft_type, name), unit_of(name)
        text = Shown(f"{value:,} {unit}") if value is not None else Shown(None)
        found.append(Figure(name, label, unit, text, name in claimed))
    return found


def facts(aircraft_type):
    """The type's other facts, as ``(label, Shown, disputed)``."""
    claimed = {claim.field for claim in aircraft_type.claim_list}
    names = (
        "common_name", "nato_name", "variant_of", "manufacturer", "country_of_origin", "role",
        "status", "first_flight", "service_entry_year", "crew",
    )  # fmt: skip
    rows = []
    for name in names:
        verbose = str(AircraftType._meta.get_field(name).verbose_name)
        value = shown(aircraft_type, name)
        if name == "variant_of" and value.unknown:
            value = Shown("None: a type of its own")  # no parent is a fact, not a gap
        rows.append((verbose[:1].upper() + verbose[1:], value, name in claimed))
    return rows


@dataclass
class Node:
    pk: int
    slug: str
    designation: str
    children: list = field(default_factory=list)


def tree(aircraft_type):
    """``(parent chain from the root down, this type's node with its variants at any depth,
    the ids of the type and all its variants)``. Each type is visited once: the model refuses
    a type that is its own ancestor, and a cycle in the data still could not loop here."""
    rows = queries.type_tree()  # by designation: children come in that order
    named = {pk: (slug, designation) for pk, slug, designation, _ in rows}
    parents = {pk: parent for pk, _, _, parent in rows}
    children = defaultdict(list)
    for pk, parent in parents.items():
        if parent is not None:
            children[parent].append(pk)
    root = Node(aircraft_type.pk, *named[aircraft_type.pk])
    seen, stack = {root.pk}, [root]
    while stack:
        current = stack.pop()
        for pk in children[current.pk]:
            if pk not in seen:
                seen.add(pk)
                current.children.append(Node(pk, *named[pk]))
                stack.append(current.children[-1])
    chain, up = [], parents.get(aircraft_type.pk)
    while up is not None and up not in seen:
        chain.insert(0, Node(up, *named[up]))
        seen.add(up)
        up = parents.get(up)
    family = [pk for pk in seen if pk not in {node.pk for node in chain}]
    return chain, root, family


def by_patrol(rows):
    """``[(patrol, [rows])]``, in the order the rows come (newest patrol first)."""
    grouped = {}
    for row in rows:
        grouped.setdefault(row.patrol_id, (row.patrol, []))[1].append(row)
    return list(grouped.values())


def entries(aircraft_type):
    """The type and each of its rows, as the claims and sources tables name them."""
    found = [Entry(aircraft_type, "This aircraft type", "#facts")]
    for rows in (
        aircraft_type.capability_list,
        aircraft_type.armament_list,
        aircraft_type.inventory_list,
    ):
        for row in rows:
            found.append(Entry(row, kind_label(row), f"#{anchor(row)}"))
    return found


def describe(aircraft_type):
    """The template context of an aircraft type's page."""
    chain, node, family = tree(aircraft_type)
    everything = entries(aircraft_type)
    return {
        "aircraft_type": aircraft_type,
        "facts": facts(aircraft_type),
        "figures": figures(aircraft_type),
        "chain": chain,
        "node": node,
        "patrols": by_patrol(queries.participations_of(family)),
        "interceptions": by_patrol(queries.interceptions_by(family)),
        "has_variants": len(family) > 1,
        "claims": claim_rows(everything),
        "disputed_only": disputed_without_claims(everything),
        "sources": source_rows(
            aircraft_type, [entry.record for entry in everything[1:]], "this aircraft type"
        ),
    }
