"""Patrol and aircraft counts per period, country, aircraft type or family, or region, for any
set of patrols.

Aircraft totals sum the counts the sources give: a participation with an unknown count adds
nothing, so a total is a known minimum, and each group says how many of its patrols have aircraft
it could not count (``patrols_with_unknown_count``). A patrol counts once in every group it
belongs to: a joint patrol in each country's.

The number of queries is fixed per grouping, whatever the data: a family is found by reading the
``variant_of`` links once and grouping on a ``Case`` that maps each type to its family's root.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from aircraft.models import AircraftType

from . import periods
from .models import Participation, Patrol, PatrolRegion

# From a group's member rows to the participations whose counts make its aircraft total.
TO_PARTICIPATIONS = {Patrol: "participations__", PatrolRegion: "patrol__participations__"}


@dataclass(frozen=True)
class Grouping:
    members: type  # the rows that place a patrol in a group
    key: Any  # from a member row to the group's key: a path, or an expression
    aircraft_key: Any  # the same from a participation
    name: str | None = None  # from a member row to the group's name (None: ``describe``)
    label: Any = str  # the key as shown
    describe: Any = None  # the key as a name, when ``name`` is None (None: the label)
    by_family: bool = False  # the keys are family roots, found per request

    @property
    def patrol(self):
        return "pk" if self.members is Patrol else "patrol"

    @property
    def unknown(self):
        """Member rows of a patrol with aircraft not counted: a participation with no count or,
        for a group of whole patrols, none recorded (the LEFT JOIN's null count)."""
        return Q(**{f"{TO_PARTICIPATIONS.get(self.members, '')}count__isnull": True})


def family_key(families, path):
    """The family root's id for the aircraft type at ``path``: a type with no variants and no
    parent is its own family."""
    cases = [
        When(**{f"{path}__in": sorted(members)}, then=Value(root))
        for root, members in families.items()
        if len(members) > 1
    ]
    return Case(*cases, default=F(path), output_field=IntegerField())


GROUPINGS = {
    "year": Grouping(Patrol, "start_date__year", "patrol__start_date__year"),
    "fiscal_year": Grouping(
        Patrol, periods.fiscal_year("start_date"), periods.fiscal_year("patrol__start_date"),
        label=periods.fiscal_year_label, describe=periods.fiscal_year_name,
    ),
    "month": Grouping(
        Patrol, periods.month("start_date"), periods.month("patrol__start_date"),
        label=periods.month_label,
    ),
    "country": Grouping(
        Participation, "operator__country__code", "operator__country__code",
        name="operator__country__name",
    ),
    "aircraft_type": Grouping(
        Participation, "aircraft_type__slug", "aircraft_type__slug",
        name="aircraft_type__designation",
    ),
    "family": Grouping(Participation, "aircraft_type_id", "aircraft_type_id", by_family=True),
    "region": Grouping(
        PatrolRegion, "region__slug", "patrol__region_links__region__slug", name="region__name"
    ),
}  # fmt: skip


def aircraft_families():
    """``({root id: {member ids}}, {root id: (slug, designation)})``, following ``variant_of``
    to the top from every aircraft type (one query; a loop in the links stops where it closes)."""
    types = {
        pk: (parent, slug, designation)
        for pk, parent, slug, designation in AircraftType.objects.values_list(
            "pk", "variant_of_id", "slug", "designation"
        )
    }
    families = {}
    for pk in types:
        root, seen = pk, {pk}
        while types[root][0] is not None and types[root][0] not in seen:
            root = types[root][0]
            seen.add(root)
        families.setdefault(root, set()).add(pk)
    return families, {pk: types[pk][1:] for pk in families}


def expression(key):
    return key if hasattr(key, "resolve_expression") else F(key)


def statistics(patrols, group_by):
    """``{group_by, patrols, groups: [{key, name, patrols, patrols_with_unknown_count,
    aircraft}]}`` for a patrol queryset."""
    grouping = GROUPINGS[group_by]
    key, aircraft_key, describe = grouping.key, grouping.aircraft_key, grouping.describe
    label = grouping.label
    if grouping.by_family:
        families, roots = aircraft_families()
        key = aircraft_key = family_key(families, grouping.key)
        label, describe = (lambda root: roots[root][0]), (lambda root: roots[root][1])
    ids = Patrol.objects.filter(pk__in=patrols.order_by().values("pk")).values("pk")
    members = grouping.members.objects.filter(**{f"{grouping.patrol}__in": ids})
    names = (grouping.name,) if grouping.name else ()
    rows = (
        members.annotate(group_key=expression(key))
        .filter(group_key__isnull=False)
        .values("group_key", *names)
        .annotate(
            patrols=Count(grouping.patrol, distinct=True),
            unknown=Count(grouping.patrol, distinct=True, filter=grouping.unknown),
        )
        .order_by("group_key")
    )
    aircraft = dict(
        Participation.objects.filter(patrol__in=ids)
        .annotate(group_key=expression(aircraft_key))
        .filter(group_key__isnull=False)
        .values("group_key")
        .annotate(total=Coalesce(Sum("count"), 0))
        .values_list("group_key", "total")
    )
    groups = [
        {
            "key": label(row["group_key"]),
            "name": str(row[grouping.name])
            if grouping.name
            else (describe or label)(row["group_key"]),
            "patrols": row["patrols"],
            "patrols_with_unknown_count": row["unknown"],
            "aircraft": aircraft.get(row["group_key"], 0),
        }
        for row in rows
    ]
    if grouping.by_family:  # by the root's slug, not its id
        groups.sort(key=lambda group: group["key"])
    return {"group_by": group_by, "patrols": ids.count(), "groups": groups}
