"""The record pages' querysets: each owns its joins and prefetches, so that a page costs the
same number of queries for one participation or sixty, one source or sixty.

The domain's ``with_sources`` loads only a source's slug and title (what the API shows), with
two queries per kind of record; these pages show every source's reliability grade too, and
read the citations and claims of a record and all its rows at once (``with_status``).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q

from aircraft.models import AircraftCapability, AircraftType, Armament, Inventory
from patrols.models import (
    Interception,
    Participation,
    Patrol,
    ReportedFigure,
    Statement,
    ZoneEntry,
)
from reference.models import Citation, Claim, Region, Source, attached_records


def has(field):
    """An annotation: True where the JSON column ``field`` holds a value (the value itself,
    a geometry, is left unread: the map fetches it from the API)."""
    return ExpressionWrapper(Q(**{f"{field}__isnull": False}), output_field=BooleanField())


# What the pages show of a source beside a record: a page of inherited citations makes
# hundreds of these, and building a whole row (timestamps, notes) costs more than the SQL.
SOURCE_COLUMNS = tuple(
    f"source__{name}"
    for name in ("slug", "title", "publisher", "published_on", "kind", "reliability")
)
CITATION_COLUMNS = ("content_type_id", "object_id", "inherited", "locator", *SOURCE_COLUMNS)
CLAIM_COLUMNS = ("content_type_id", "object_id", "field", "value", "confidence", "note")


def with_status(records):
    """Give every record in ``records`` (of any kinds: a patrol and its rows) its citations and
    claims with the sources they name, in the lists ``SourcedModel.prefetched`` reads: two
    queries in all, where a prefetch per kind of record would make two per kind."""
    by_key = {}
    for record in records:
        record.citations_prefetched, record.claims_prefetched = [], []
        by_key[(ContentType.objects.get_for_model(record).pk, record.pk)] = record
    if not by_key:
        return records
    kinds = defaultdict(list)
    for kind, pk in by_key:
        kinds[kind].append(pk)
    attached = Q()
    for kind, pks in kinds.items():
        attached |= Q(content_type_id=kind, object_id__in=pks)
    citations = Citation.objects.filter(attached).select_related("source")
    for citation in citations.only(*CITATION_COLUMNS).order_by("pk"):
        by_key[(citation.content_type_id, citation.object_id)].citations_prefetched.append(citation)
    claims = Claim.objects.filter(attached).select_related("source")
    for claim in claims.only(*CLAIM_COLUMNS, *SOURCE_COLUMNS).order_by("field", "pk"):
        by_key[(claim.content_type_id, claim.object_id)].claims_prefetched.append(claim)
    return records


def rows(relation, queryset):
    """A prefetch of a record's rows of one kind into the list its ``<relation>_list`` reads."""
    return Prefetch(relation, queryset=queryset, to_attr=f"{relation}_prefetched")


def patrol(slug):
    """The patrol with everything its page shows (nine queries), or ``Patrol.DoesNotExist``.
    Rows come in the models' orders, less the join to the patrol those begin with."""
    regions = (
        Region.objects.defer("geometry", "notes")
        .annotate(has_shape=has("geometry"))
        .order_by("name")
    )
    found = Patrol.objects.defer("route").annotate(has_route=has("route"))
    found = found.prefetch_related(
        rows(
            "participations",
            Participation.objects.select_related("aircraft_type", "operator__country").order_by(
                "pk"
            ),
        ),
        rows(
            "reported_figures",
            ReportedFigure.objects.select_related("country", "reported_by").order_by(
                "quantity", "pk"
            ),
        ),
        rows(
            "zone_entries",
            ZoneEntry.objects.select_related("zone", "country", "reported_by")
            .defer("zone__geometry")
            .order_by("entered_at", "pk"),
        ),
        rows(
            "interceptions",
            Interception.objects.select_related("responder__country", "aircraft_type", "region")
            .defer("region__geometry")
            .order_by("date", "pk"),
        ),
        rows("statements", Statement.objects.select_related("organization")),
        Prefetch("regions", queryset=regions, to_attr="regions_prefetched"),
    ).get(slug=slug)
    with_status(
        [
            found,
            *found.participation_list,
            *found.reported_figure_list,
            *found.zone_entry_list,
            *found.interception_list,
            *found.statement_list,
        ]
    )
    return found


def aircraft_type(slug):
    """The aircraft type with its figures, capabilities, armaments and inventories (six
    queries), or ``AircraftType.DoesNotExist``."""
    found = (
        AircraftType.objects.select_related(
            "variant_of", "manufacturer__country", "country_of_origin"
        )
        .prefetch_related(
            rows("capability_links", AircraftCapability.objects.select_related("capability")),
            rows("armaments", Armament.objects.select_related("weapon__country")),
            rows("inventories", Inventory.objects.select_related("operator__country")),
        )
        .get(slug=slug)
    )
    with_status([found, *found.capability_list, *found.armament_list, *found.inventory_list])
    return found


def type_tree():
    """Every aircraft type as ``(id, slug, designation, variant_of id)``: one query, from which
    a type's variants at any depth and its parent chain are read without a query per level."""
    return list(
        AircraftType.objects.order_by("designation").values_list(
            "pk", "slug", "designation", "variant_of_id"
        )
    )


PATROL_COLUMNS = ("patrol__route", "patrol__summary", "patrol__notes")


def participations_of(type_ids):
    """The participations of any of ``type_ids``, with their patrol (newest first): one query."""
    return list(
        Participation.objects.filter(aircraft_type_id__in=type_ids)
        .select_related("patrol", "aircraft_type", "operator__country")
        .defer(*PATROL_COLUMNS)
        .order_by("-patrol__start_date", "patrol__name", "pk")
    )


def interceptions_by(type_ids):
    """The interceptions flown with any of ``type_ids``, with their patrol: one query."""
    return list(
        Interception.objects.filter(aircraft_type_id__in=type_ids)
        .select_related("patrol", "aircraft_type", "responder__country")
        .defer(*PATROL_COLUMNS)
        .order_by("-patrol__start_date", "patrol__name", "date", "pk")
    )


def source(slug):
    """The source, or ``Source.DoesNotExist``: one query."""
    return Source.objects.get(slug=slug)


def attachments(model, source):
    """The citations (or claims) of ``source`` with the records they are attached to: two
    queries, and one more per kind of record (a patrol, a participation…) among them."""
    return list(
        model.objects.filter(source=source)
        .select_related("content_type")
        .prefetch_related(attached_records())
        .order_by("content_type_id", "object_id", "pk")
    )
