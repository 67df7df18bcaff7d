"""What the explorer's index reads from the database, in a fixed number of queries.

``patrol_table`` gives the matching patrols' rows from plain ``.values()`` rows (five queries
whatever the number of patrols), in the order of the API's list, each with its
``aircraft_at_least`` computed by the rule every other path uses
(``patrols.figures.aircraft_figures``). ``filter_options`` gives the form's choices from the
database: countries, aircraft types with their variants below them, regions with the regions
within them below them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Min
from django.urls import reverse

from aircraft.models import AircraftType
from patrols.figures import Quantity, ReportedFigure, ZoneEntry, aircraft_figures
from patrols.models import Participation, Patrol, PatrolKind, PatrolRegion
from reference.models import Confidence, Country, Region

# The API's largest page: the table shows at most this many rows, the JSON export link one
# page of as many, so both hold the same patrols.
TABLE_LIMIT = 500
ORDER = ("-start_date", "name", "pk")  # the API list's default order (model ordering, then pk)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    depth: int = 0  # how far below the top of its tree (a variant: 1, a variant's variant: 2)

    @property
    def indent(self):
        return "\u2003" * self.depth  # em spaces: an option's text cannot carry markup


def patrol_table(patrols, limit=TABLE_LIMIT):
    """The first ``limit`` patrols of ``patrols`` as rows: slug, name, ``page`` (its explorer
    page), kind (and its label), ordinal, dates (and ``start``, ``end``: ISO, ``end`` empty for
    a one-day patrol), confidence, countries (``[(code, name)]``), regions (their names),
    ``aircraft_at_least`` and ``aircraft_unknown`` (participations whose count is unknown)."""
    rows = list(
        patrols.order_by(*ORDER).values(
            "id", "slug", "name", "kind", "ordinal", "start_date", "end_date", "confidence"
        )[:limit]
    )
    ids = [row["id"] for row in rows]
    if not ids:
        return []
    countries, counts = defaultdict(dict), defaultdict(list)
    for patrol, code, name, count in Participation.objects.filter(patrol_id__in=ids).values_list(
        "patrol_id", "operator__country__code", "operator__country__name", "count"
    ):
        counts[patrol].append((code, count))
        if code is not None:
            countries[patrol][code] = name
    totals = defaultdict(list)
    for patrol, code, value, qualifier in (
        ReportedFigure.objects.filter(patrol_id__in=ids, quantity=Quantity.AIRCRAFT_TOTAL)
        .order_by("pk")
        .values_list("patrol_id", "country__code", "value", "qualifier")
    ):
        totals[patrol].append((code, value, qualifier, None))
    entries = defaultdict(list)
    for patrol, code, count, qualifier in (
        ZoneEntry.objects.filter(patrol_id__in=ids)
        .order_by("pk")
        .values_list("patrol_id", "country__code", "aircraft_count", "count_qualifier")
    ):
        entries[patrol].append((code, count, qualifier))
    regions = defaultdict(list)
    for patrol, name in (
        PatrolRegion.objects.filter(patrol_id__in=ids)
        .order_by("region__name")
        .values_list("patrol_id", "region__name")
    ):
        regions[patrol].append(name)
    kinds, confidences = dict(PatrolKind.choices), dict(Confidence.choices)
    for row in rows:
        pk = row["id"]
        figures = aircraft_figures(counts[pk], totals[pk], entries[pk])
        start, end = row["start_date"], row["end_date"]
        row.update(
            page=reverse("explorer:patrol", args=[row["slug"]]),
            start=start.isoformat(),
            end=end.isoformat() if end and end != start else "",
            kind_label=kinds.get(row["kind"], row["kind"]),
            confidence_label=confidences.get(row["confidence"], row["confidence"]),
            countries=sorted(countries[pk].items()),
            regions=regions[pk],
            aircraft_at_least=figures["aircraft_at_least"],
            aircraft_unknown=figures["participations_with_unknown_count"],
        )
    return rows


def tree(records, parent_of, label_of):
    """``Option``s of records in a tree, each followed by the records below it (depth first),
    siblings in the order given."""
    children = defaultdict(list)
    known = {pk for pk, *_ in records}
    for record in records:
        parent = parent_of(record)
        children[parent if parent in known else None].append(record)
    options, seen = [], set()

    def walk(parent, depth):
        for record in children.get(parent, ()):
            if record[0] in seen:  # a loop in the links stops where it closes
                continue
            seen.add(record[0])
            options.append(Option(record[1], label_of(record), depth))
            walk(record[0], depth + 1)

    walk(None, 0)
    return options


def filter_options():
    """The form's choices: ``{kind, confidence, country, aircraft_type, region: [Option]}``,
    and ``years``: the first and last year a patrol started in (None without patrols)."""
    aircraft_types = list(
        AircraftType.objects.order_by("designation").values_list(
            "pk", "slug", "designation", "variant_of_id"
        )
    )
    regions = list(Region.objects.order_by("name").values_list("pk", "slug", "name", "parent_id"))
    years = Patrol.objects.aggregate(first=Min("start_date"), last=Max("start_date"))
    return {
        "kind": [Option(value, label) for value, label in PatrolKind.choices],
        "confidence": [Option(value, label) for value, label in Confidence.choices],
        "country": [
            Option(code, name)
            for code, name in Country.objects.order_by("name").values_list("code", "name")
        ],
        "aircraft_type": tree(aircraft_types, lambda r: r[3], lambda r: r[2]),
        "region": tree(regions, lambda r: r[3], lambda r: r[2]),
        "years": [day.year if day else None for day in (years["first"], years["last"])],
    }
