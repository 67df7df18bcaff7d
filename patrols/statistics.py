"""Patrol and aircraft counts per year, country, aircraft type or region, for any set of patrols.

Aircraft totals sum the counts the sources give; participations with an unknown count add
nothing. A patrol counts once in every group it belongs to: a joint patrol in each country's.
"""

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, ExtractYear

from .models import Participation, Patrol, PatrolRegion

GROUPINGS = ("year", "country", "aircraft_type", "region")


def statistics(patrols, group_by):
    """``[{key, name, patrols, aircraft}]`` for the patrols in ``patrols`` (a queryset)."""
    ids = Patrol.objects.filter(pk__in=patrols.order_by().values("pk")).values("pk")
    participations = Participation.objects.filter(patrol__in=ids)
    if group_by == "year":
        patrol_counts = (
            Patrol.objects.filter(pk__in=ids)
            .annotate(group=ExtractYear("start_date"))
            .values("group")
            .annotate(patrols=Count("pk"))
        )
        aircraft = participations.annotate(group=ExtractYear("patrol__start_date"))
        names = {}
    elif group_by == "country":
        patrol_counts = (
            participations.filter(operator__country__isnull=False)
            .annotate(group=F("operator__country__code"))
            .values("group")
            .annotate(patrols=Count("patrol", distinct=True))
        )
        aircraft = participations.annotate(group=F("operator__country__code"))
        names = dict(
            participations.values_list("operator__country__code", "operator__country__name")
        )
    elif group_by == "aircraft_type":
        patrol_counts = (
            participations.filter(aircraft_type__isnull=False)
            .annotate(group=F("aircraft_type__slug"))
            .values("group")
            .annotate(patrols=Count("patrol", distinct=True))
        )
        aircraft = participations.annotate(group=F("aircraft_type__slug"))
        names = dict(
            participations.values_list("aircraft_type__slug", "aircraft_type__designation")
        )
    elif group_by == "region":
        links = PatrolRegion.objects.filter(patrol__in=ids)
        patrol_counts = (
            links.annotate(group=F("region__slug"))
            .values("group")
            .annotate(patrols=Count("patrol", distinct=True))
        )
        aircraft = participations.annotate(group=F("patrol__region_links__region__slug"))
        names = dict(links.values_list("region__slug", "region__name"))
    else:
        raise ValueError(f"Cannot group by {group_by!r}.")
    totals = dict(
        aircraft.filter(group__isnull=False)
        .values("group")
        .annotate(total=Coalesce(Sum("count"), 0))
        .values_list("group", "total")
    )
    groups = [
        {
            "key": str(row["group"]),
            "name": str(names.get(row["group"], row["group"])),
            "patrols": row["patrols"],
            "aircraft": totals.get(row["group"], 0),
        }
        for row in patrol_counts.order_by("group")
        if row["group"] is not None
    ]
    return {"group_by": group_by, "patrols": ids.count(), "groups": groups}
