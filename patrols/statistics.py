"""Patrol and aircraft counts per year, country, aircraft type or region, for any set of patrols.

Aircraft totals sum the counts the sources give; participations with an unknown count add
nothing. A patrol counts once in every group it belongs to: a joint patrol in each country's.
"""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from .models import Participation, Patrol, PatrolRegion


@dataclass(frozen=True)
class Grouping:
    members: type  # the rows that place a patrol in a group
    key: str  # from a member row to the group's key
    name: str | None  # from a member row to the group's name (None: the key is the name)
    aircraft_key: str  # from a participation to the group's key

    @property
    def patrol(self):
        return "pk" if self.members is Patrol else "patrol"


GROUPINGS = {
    "year": Grouping(Patrol, "start_date__year", None, "patrol__start_date__year"),
    "country": Grouping(
        Participation, "operator__country__code", "operator__country__name",
        "operator__country__code",
    ),
    "aircraft_type": Grouping(
        Participation, "aircraft_type__slug", "aircraft_type__designation", "aircraft_type__slug"
    ),
    "region": Grouping(
        PatrolRegion, "region__slug", "region__name", "patrol__region_links__region__slug"
    ),
}  # fmt: skip


def statistics(patrols, group_by):
    """``{group_by, patrols, groups: [{key, name, patrols, aircraft}]}`` for a patrol queryset."""
    grouping = GROUPINGS[group_by]
    ids = Patrol.objects.filter(pk__in=patrols.order_by().values("pk")).values("pk")
    members = grouping.members.objects.filter(**{f"{grouping.patrol}__in": ids})
    name = grouping.name or grouping.key
    rows = (
        members.filter(**{f"{grouping.key}__isnull": False})
        .values(*dict.fromkeys((grouping.key, name)))
        .annotate(patrols=Count(grouping.patrol, distinct=True))
        .order_by(grouping.key)
    )
    aircraft = dict(
        Participation.objects.filter(patrol__in=ids, **{f"{grouping.aircraft_key}__isnull": False})
        .values(grouping.aircraft_key)
        .annotate(total=Coalesce(Sum("count"), 0))
        .values_list(grouping.aircraft_key, "total")
    )
    groups = [
        {
            "key": str(row[grouping.key]),
            "name": str(row[name]),
            "patrols": row["patrols"],
            "aircraft": aircraft.get(row[grouping.key], 0),
        }
        for row in rows
    ]
    return {"group_by": group_by, "patrols": ids.count(), "groups": groups}
