"""Patrol and aircraft counts per period, country, aircraft type or family, or region, for any
set of patrols; zone entry counts per ADIZ, country or period.

Aircraft sums add the counts the sources give: a participation with an unknown count adds
nothing, so ``aircraft_known_minimum`` is a known minimum, and each group says how many of its
patrols have aircraft it could not count (``patrols_with_unknown_count``). ``aircraft_at_least``
follows the one rule a patrol's own field does (``figures.guaranteed_aircraft``: known counts,
reported totals and single zone entries, "more than 10" is 11, "about" nothing): a period or
region sums its patrols' ``aircraft_at_least``, a country its guaranteed count per patrol, so
the sums over years and over countries agree (unless an every-participant total, which no
country's group sees, says more than the countries' own figures); an aircraft type or family has
known counts only.
``patrols_with_reported_total`` counts the patrols with an every-participant total (a country's
group: a total of that country's). A patrol counts once in every group it belongs to: a joint
patrol in each country's.

The number of queries is fixed per grouping, whatever the data: a family is found by reading the
``variant_of`` links once and grouping on a ``Case`` that maps each type to its family's root.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from aircraft.models import AircraftType

from . import periods
from .figures import Qualifier, Quantity, ReportedFigure, ZoneEntry, guaranteed_aircraft
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
    # From a reported figure to the group's key (None: reported totals do not apply), and
    # whether the figures are one country's aircraft (else every participant's).
    figure_key: Any = None
    figure_of_country: bool = False

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
    "year": Grouping(
        Patrol, "start_date__year", "patrol__start_date__year",
        figure_key="patrol__start_date__year",
    ),
    "fiscal_year": Grouping(
        Patrol, periods.fiscal_year("start_date"), periods.fiscal_year("patrol__start_date"),
        label=periods.fiscal_year_label, describe=periods.fiscal_year_name,
        figure_key=periods.fiscal_year("patrol__start_date"),
    ),
    "month": Grouping(
        Patrol, periods.month("start_date"), periods.month("patrol__start_date"),
        label=periods.month_label, figure_key=periods.month("patrol__start_date"),
    ),
    "country": Grouping(
        Participation, "operator__country__code", "operator__country__code",
        name="operator__country__name", figure_key="country__code", figure_of_country=True,
    ),
    "aircraft_type": Grouping(
        Participation, "aircraft_type__slug", "aircraft_type__slug",
        name="aircraft_type__designation",
    ),
    "family": Grouping(Participation, "aircraft_type_id", "aircraft_type_id", by_family=True),
    "region": Grouping(
        PatrolRegion, "region__slug", "patrol__region_links__region__slug", name="region__name",
        figure_key="patrol__region_links__region__slug",
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
    patrols_with_reported_total, aircraft_known_minimum, aircraft_at_least}]}`` for a patrol
    queryset."""
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
    aircraft = aircraft_by_group(ids, grouping, aircraft_key)
    groups = [
        {
            "key": label(row["group_key"]),
            "name": str(row[grouping.name])
            if grouping.name
            else (describe or label)(row["group_key"]),
            "patrols": row["patrols"],
            "patrols_with_unknown_count": row["unknown"],
            **aircraft.get(row["group_key"], NO_AIRCRAFT),
        }
        for row in rows
    ]
    if grouping.by_family:  # by the root's slug, not its id
        groups.sort(key=lambda group: group["key"])
    return {"group_by": group_by, "patrols": ids.count(), "groups": groups}


NO_AIRCRAFT = dict.fromkeys(
    ("patrols_with_reported_total", "aircraft_known_minimum", "aircraft_at_least"), 0
)


def aircraft_by_group(ids, grouping, aircraft_key):
    """``{group key: {patrols_with_reported_total, aircraft_known_minimum, aircraft_at_least}}``
    for the patrols ``ids``.

    The known counts are summed per group by the database (one query). A patrol's share of
    ``aircraft_at_least`` is what ``guaranteed_aircraft`` makes of its rows in the group: the
    patrol's own ``aircraft_at_least`` in a period or region, the country's guaranteed count in
    a country's group (only its own totals and entries reach it), the known counts for an
    aircraft type or family. Without an aircraft total or a zone entry that applies, that is
    its known counts summed, already in the group's sum; so where figures apply (a period,
    region or country), one query each reads the totals and the entries, one more the known
    counts per country of the patrols they concern, and only those patrols' shares are
    computed here (the rule in Python, for the few patrols with figures, not for every patrol).
    """
    known = dict(
        Participation.objects.filter(patrol__in=ids)
        .annotate(group_key=expression(aircraft_key))
        .filter(group_key__isnull=False)
        .values("group_key")
        .annotate(total=Coalesce(Sum("count"), 0))
        .values_list("group_key", "total")
        .order_by()
    )
    found = defaultdict(lambda: dict(NO_AIRCRAFT))
    for group_key, total in known.items():
        found[group_key]["aircraft_known_minimum"] = total
        found[group_key]["aircraft_at_least"] = total
    if grouping.figure_key is None:
        return dict(found)
    figured = defaultdict(lambda: ([], [], []))  # (group key, patrol) -> the rule's tuples
    reported = defaultdict(set)  # group key -> the patrols with a total that applies
    figures = ReportedFigure.objects.filter(patrol__in=ids, quantity=Quantity.AIRCRAFT_TOTAL)
    if grouping.figure_of_country:
        figures = figures.filter(country__isnull=False)
    for group_key, patrol, country, value, qualifier in (
        figures.annotate(group_key=expression(grouping.figure_key))
        .filter(group_key__isnull=False)
        .values_list("group_key", "patrol", "country__code", "value", "qualifier")
    ):
        figured[group_key, patrol][1].append((country, value, qualifier))
        if (country is not None) == grouping.figure_of_country:
            reported[group_key].add(patrol)
    entries = ZoneEntry.objects.filter(patrol__in=ids, aircraft_count__isnull=False)
    for group_key, patrol, country, count, qualifier in (
        entries.annotate(group_key=expression(grouping.figure_key))
        .filter(group_key__isnull=False)
        .values_list("group_key", "patrol", "country__code", "aircraft_count", "count_qualifier")
    ):
        figured[group_key, patrol][2].append((country, count, qualifier))
    if figured:
        with_figures = Q(patrol__in=figures.values("patrol"))
        with_figures |= Q(patrol__in=entries.values("patrol"))
        for group_key, patrol, country, total in (
            Participation.objects.filter(with_figures, patrol__in=ids)
            .annotate(group_key=expression(aircraft_key))
            .filter(group_key__isnull=False)
            .values("group_key", "patrol", "operator__country__code")
            .annotate(total=Coalesce(Sum("count"), 0))
            .values_list("group_key", "patrol", "operator__country__code", "total")
        ):
            if (group_key, patrol) in figured:
                figured[group_key, patrol][0].append((country, total))
    for (group_key, _), (participations, totals, entries) in figured.items():
        share = sum(total for _, total in participations)  # already in the group's sum
        at_least = guaranteed_aircraft(participations, totals, entries)[0]
        found[group_key]["aircraft_at_least"] += at_least - share
    for group_key, with_total in reported.items():
        found[group_key]["patrols_with_reported_total"] = len(with_total)
    return dict(found)


@dataclass(frozen=True)
class ZoneGrouping:
    key: Any  # from a zone entry to the group's key: a path, or an expression
    name: str | None = None  # from a zone entry to the group's name (None: ``describe``)
    label: Any = str
    describe: Any = None


# Entries fall in the year of their patrol's start (an entry's own time is often unknown).
ZONE_GROUPINGS = {
    "zone": ZoneGrouping("zone__slug", "zone__name"),
    "country": ZoneGrouping("country__code", "country__name"),
    "year": ZoneGrouping("patrol__start_date__year"),
    "fiscal_year": ZoneGrouping(
        periods.fiscal_year("patrol__start_date"),
        label=periods.fiscal_year_label,
        describe=periods.fiscal_year_name,
    ),
}

# What an entry's count guarantees: "more than N" is N + 1, "about N" nothing (SQL).
GUARANTEED = Case(
    When(count_qualifier=Qualifier.MORE_THAN, then=F("aircraft_count") + 1),
    When(count_qualifier=Qualifier.ABOUT, then=Value(0)),
    default=F("aircraft_count"),
    output_field=IntegerField(),
)


def zone_entry_statistics(entries, group_by):
    """``{group_by, entries, groups: [{key, name, entries, patrols, entries_with_unknown_count,
    aircraft, aircraft_at_least}]}`` for a zone entry queryset: two queries."""
    grouping = ZONE_GROUPINGS[group_by]
    ids = ZoneEntry.objects.filter(pk__in=entries.order_by().values("pk")).values("pk")
    names = (grouping.name,) if grouping.name else ()
    rows = (
        ZoneEntry.objects.filter(pk__in=ids)
        .annotate(group_key=expression(grouping.key))
        .values("group_key", *names)
        .annotate(
            entries=Count("pk"),
            patrols=Count("patrol", distinct=True),
            unknown=Count("pk", filter=Q(aircraft_count__isnull=True)),
            aircraft=Coalesce(Sum("aircraft_count"), 0),
            at_least=Coalesce(Sum(GUARANTEED), 0),
        )
        .order_by("group_key")
    )
    groups = [
        {
            "key": grouping.label(row["group_key"]),
            "name": str(row[grouping.name])
            if grouping.name
            else (grouping.describe or grouping.label)(row["group_key"]),
            "entries": row["entries"],
            "patrols": row["patrols"],
            "entries_with_unknown_count": row["unknown"],
            "aircraft": row["aircraft"],
            "aircraft_at_least": row["at_least"],
        }
        for row in rows
    ]
    return {"group_by": group_by, "entries": ids.count(), "groups": groups}
