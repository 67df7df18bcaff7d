"""The patrol list page built from plain rows: the API's hot path, made cheap.

The general path (``PatrolSerializer`` over prefetched model instances) spends most of a page's
time building ORM objects and walking DRF fields. A page here is a fixed number of ``.values()``
queries and dictionaries built directly, in exactly the serializer's shape:
``test_api_patrol_pages`` holds the two equal, record by record, on the curated data. The CSV
of every patrol is built here too, a chunk at a time (``RecordViewSet.every_record``); writes,
details, a choice of fields and the browsable API keep the general path.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from aircraft.models import AircraftType
from core.api.fields import ResourceURLs
from core.api.formats import date_text, datetime_text
from core.models import natural_key_field
from core.prepared import PreparedValues
from reference.models import Citation, Claim, Confidence, Country, Organization, Region, Source

from ..figures import Quantity, ReportedFigure, ZoneEntry, aircraft_figures, figure_value
from ..models import Interception, Participation, Patrol, PatrolRegion, Statement

PATROL_COLUMNS = (
    "id", "slug", "name", "kind", "ordinal", "start_date", "end_date", "summary", "notes",
    "route", "confidence", "created_at", "updated_at",
)  # fmt: skip


class Related:
    """A related record in ``.values()`` rows: the columns naming it (``<path>__<its natural
    key>`` and its name) and its compact ``{slug|code, name, url}`` form."""

    def __init__(self, path, model, name="name"):
        self.key_name = natural_key_field(model)
        self.view_name = model._meta.model_name  # the router's basename for its resource
        self.key, self.name = f"{path}__{self.key_name}", f"{path}__{name}"
        self.columns = (self.key, self.name)

    def compact(self, row, link, made=None):
        """``made``: the compact forms already made for this page, by ``(self, key)``: a page
        names the same few countries, operators and types hundreds of times, built once each
        (the same record has the same form)."""
        key = row[self.key]
        if key is None:
            return None
        if made is None:
            return {self.key_name: key, "name": row[self.name], "url": link(self.view_name, key)}
        found = made.get((self, key))
        if found is None:
            found = made[self, key] = self.compact(row, link)
        return found


PARTICIPATION = {
    "aircraft_type": Related("aircraft_type", AircraftType, "designation"),
    "operator": Related("operator", Organization),
    "country": Related("operator__country", Country),
}
INTERCEPTION = {
    "responder": Related("responder", Organization),
    "country": Related("responder__country", Country),
    "aircraft_type": Related("aircraft_type", AircraftType, "designation"),
    "region": Related("region", Region),
}
FIGURE = {
    "country": Related("country", Country),
    "reported_by": Related("reported_by", Organization),
}
ZONE_ENTRY = {
    "zone": Related("zone", Region),
    "country": Related("country", Country),
    "reported_by": Related("reported_by", Organization),
}
STATEMENT_ORGANIZATION = Related("organization", Organization)
REGION = Related("region", Region)
SOURCE = Related("source", Source, "title")


def columns(related):
    return [column for one in related for column in one.columns]


def grouped(rows, key="patrol_id"):
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def url_of(model, row, link):
    """A record's own URL, from the row's natural-key column."""
    return link(model._meta.model_name, row[natural_key_field(model)])


def in_patrol_order(model):
    """``model``'s rows in its ``Meta.ordering``, its ``patrol`` term read as the patrol's id:
    the same order within each patrol (a page groups them by patrol), without joining every row
    to its patrol to sort by the patrol's own ordering (date and name): that join and sort
    were most of the participations query."""
    ordering = ["patrol_id" if term == "patrol" else term for term in model._meta.ordering]
    return lambda: model.objects.order_by(*ordering)


PARTICIPATIONS = PreparedValues(
    in_patrol_order(Participation),
    "patrol_id",
    ("id", "patrol_id", *columns(PARTICIPATION.values()), "aircraft_description", "count",
     "role", "notes", "confidence"),
)  # fmt: skip
INTERCEPTIONS = PreparedValues(
    in_patrol_order(Interception),
    "patrol_id",
    ("id", "patrol_id", *columns(INTERCEPTION.values()), "count", "date", "airspace_violated",
     "notes", "confidence"),
)  # fmt: skip
STATEMENTS = PreparedValues(
    in_patrol_order(Statement),
    "patrol_id",
    ("id", "patrol_id", "slug", *STATEMENT_ORGANIZATION.columns, "speaker", "date", "kind",
     "summary", "confidence"),
)  # fmt: skip
FIGURES = PreparedValues(
    in_patrol_order(ReportedFigure),
    "patrol_id",
    ("id", "patrol_id", "quantity", "value", "qualifier", *columns(FIGURE.values()), "notes",
     "confidence"),
)  # fmt: skip
ZONE_ENTRIES = PreparedValues(
    in_patrol_order(ZoneEntry),
    "patrol_id",
    ("id", "patrol_id", *columns(ZONE_ENTRY.values()), "aircraft_count", "count_qualifier",
     "entered_at", "exited_at", "notes", "confidence"),
)  # fmt: skip
REGIONS = PreparedValues(
    lambda: PatrolRegion.objects.order_by("region__name"),
    "patrol_id",
    ("patrol_id", *REGION.columns),
)


def attachments(attachment, names):
    """``attachment`` rows (citations or claims) of the records given as ``(content type id,
    object id)`` pairs, with their content type: one query for every kind of record."""
    return PreparedValues(
        attachment.objects.all, ("content_type", "object_id"), ("content_type_id", *names)
    )


CITATIONS = attachments(Citation, ("object_id", "inherited", *SOURCE.columns))
CLAIMS = attachments(
    Claim, ("id", "object_id", "field", "value", *SOURCE.columns, "confidence", "note")
)


def attached(ids_by_model):
    """``{model: ids}`` → ``{model: (citations by id, claims by id)}``: one query for the
    citations of them all and one for their claims, whatever the page holds (none for an
    empty page)."""
    content_types = ContentType.objects.get_for_models(*ids_by_model)
    models = {content_types[model].pk: model for model in ids_by_model}
    keys = [(content_types[model].pk, pk) for model, ids in ids_by_model.items() for pk in ids]
    found = {model: ({}, {}) for model in ids_by_model}
    for index, query in enumerate((CITATIONS, CLAIMS)):
        for row in query(keys):
            model = models[row["content_type_id"]]
            found[model][index].setdefault(row["object_id"], []).append(row)
    return found


def patrol_page(patrol_rows, request):
    """The serialized patrols for ``patrol_rows`` (``.values(*PATROL_COLUMNS)`` rows, in order).

    The children and their sources are fetched by queries compiled once (``core.prepared``):
    a fixed number of them whatever the page's size, and no ORM work per request."""
    link = ResourceURLs(request)
    made = {}  # the page's compact related records (see ``Related.compact``)
    _date, _datetime = date_text(), datetime_text()
    ids = [row["id"] for row in patrol_rows]
    participations = grouped(PARTICIPATIONS(ids))
    interceptions = grouped(INTERCEPTIONS(ids))
    statements = grouped(STATEMENTS(ids))
    figures = grouped(FIGURES(ids))
    zone_entries = grouped(ZONE_ENTRIES(ids))
    regions = grouped(REGIONS(ids))
    children = {
        Participation: participations,
        Interception: interceptions,
        Statement: statements,
        ReportedFigure: figures,
        ZoneEntry: zone_entries,
    }
    nested = attached(
        {
            Patrol: ids,
            **{
                model: [row["id"] for rows in by_patrol.values() for row in rows]
                for model, by_patrol in children.items()
            },
        }
    )
    citations, claims = nested[Patrol]

    def status(model, row):
        """What ``FactStatusFields`` shows of a nested row."""
        cited_by_id, claimed_by_id = nested[model]
        pk, confidence = row["id"], row["confidence"]
        cited, claimed = cited_by_id.get(pk, ()), claimed_by_id.get(pk, ())
        own_claims = [claim(c) for c in claimed]
        return {
            "confidence": confidence,
            "disputed": confidence == Confidence.DISPUTED or bool(own_claims),
            "sources": [SOURCE.compact(c, link, made) for c in cited],
            "sources_inherited": bool(cited) and all(c["inherited"] for c in cited),
            "claims": own_claims,
        }

    def participation(row):
        return {
            "id": row["id"],
            "aircraft_type": PARTICIPATION["aircraft_type"].compact(row, link, made),
            "aircraft_description": row["aircraft_description"],
            "operator": PARTICIPATION["operator"].compact(row, link, made),
            "country": PARTICIPATION["country"].compact(row, link, made),
            "count": row["count"],
            "role": row["role"],
            "notes": row["notes"],
            **status(Participation, row),
        }

    def interception(row):
        related = {name: one.compact(row, link, made) for name, one in INTERCEPTION.items()}
        return {
            "id": row["id"],
            "responder": related["responder"],
            "country": related["country"],
            "aircraft_type": related["aircraft_type"],
            "count": row["count"],
            "date": _date(row["date"]) if row["date"] else None,
            "region": related["region"],
            "airspace_violated": row["airspace_violated"],
            "notes": row["notes"],
            **status(Interception, row),
        }

    def statement(row):
        return {
            "id": row["id"],
            "url": url_of(Statement, row, link),
            "slug": row["slug"],
            "organization": STATEMENT_ORGANIZATION.compact(row, link, made),
            "speaker": row["speaker"],
            "date": _date(row["date"]) if row["date"] else None,
            "kind": row["kind"],
            "summary": row["summary"],
            **status(Statement, row),
        }

    def figure(row):
        related = {name: one.compact(row, link, made) for name, one in FIGURE.items()}
        return {
            "id": row["id"],
            "quantity": row["quantity"],
            "value": figure_value(row["value"]),
            "qualifier": row["qualifier"],
            "country": related["country"],
            "reported_by": related["reported_by"],
            "notes": row["notes"],
            **status(ReportedFigure, row),
        }

    def zone_entry(row):
        related = {name: one.compact(row, link, made) for name, one in ZONE_ENTRY.items()}
        return {
            "id": row["id"],
            "zone": related["zone"],
            "country": related["country"],
            "aircraft_count": row["aircraft_count"],
            "count_qualifier": row["count_qualifier"],
            "entered_at": _datetime(row["entered_at"]) if row["entered_at"] else None,
            "exited_at": _datetime(row["exited_at"]) if row["exited_at"] else None,
            "reported_by": related["reported_by"],
            "notes": row["notes"],
            **status(ZoneEntry, row),
        }

    def aircraft(own, figure_rows, entry_rows):
        """The patrol's aircraft fields, as ``Patrol.aircraft`` gives them (countries by code)."""
        totals = [
            (
                row[FIGURE["country"].key],
                row["value"],
                row["qualifier"],
                FIGURE["reported_by"].compact(row, link, made),
            )
            for row in figure_rows
            if row["quantity"] == Quantity.AIRCRAFT_TOTAL
        ]
        entries = [
            (row[ZONE_ENTRY["country"].key], row["aircraft_count"], row["count_qualifier"])
            for row in entry_rows
        ]
        counts = [((p["country"] or {}).get(country_key), p["count"]) for p in own]
        return aircraft_figures(counts, totals, entries)

    def claim(row):
        return {
            "id": row["id"],
            "field": row["field"],
            "value": row["value"],
            "source": SOURCE.compact(row, link, made),
            "confidence": row["confidence"],
            "note": row["note"],
        }

    country_key = PARTICIPATION["country"].key_name
    page = []
    for row in patrol_rows:
        pk = row["id"]
        own = [participation(p) for p in participations.get(pk, ())]
        countries = {p["country"][country_key]: p["country"] for p in own if p["country"]}
        own_claims = [claim(c) for c in claims.get(pk, ())]
        page.append(
            {
                "id": pk,
                "url": url_of(Patrol, row, link),
                "slug": row["slug"],
                "name": row["name"],
                "kind": row["kind"],
                "ordinal": row["ordinal"],
                "start_date": _date(row["start_date"]),
                "end_date": _date(row["end_date"]) if row["end_date"] else None,
                "countries": [countries[code] for code in sorted(countries)],
                "joint": len(countries) >= 2,
                **aircraft(own, figures.get(pk, ()), zone_entries.get(pk, ())),
                "regions": [REGION.compact(r, link, made) for r in regions.get(pk, ())],
                "participations": own,
                "interceptions": [interception(i) for i in interceptions.get(pk, ())],
                "statements": [statement(s) for s in statements.get(pk, ())],
                "reported_figures": [figure(f) for f in figures.get(pk, ())],
                "zone_entries": [zone_entry(z) for z in zone_entries.get(pk, ())],
                "summary": row["summary"],
                "notes": row["notes"],
                "route": row["route"],
                "confidence": row["confidence"],
                "disputed": row["confidence"] == Confidence.DISPUTED or bool(own_claims),
                "sources": [SOURCE.compact(c, link, made) for c in citations.get(pk, ())],
                "claims": own_claims,
                "created_at": _datetime(row["created_at"]),
                "updated_at": _datetime(row["updated_at"]),
            }
        )
    return page
