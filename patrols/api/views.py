"""Patrol resources: each a declaration over ``RecordViewSet``, plus the patrol statistics."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from core.api.csv import CSVRenderer
from core.api.filtering import FilterBackend
from core.api.geojson import GeoJSON
from core.api.history import AS_OF_SCHEMA
from core.api.renderers import FastJSONRenderer
from core.api.views import FastList, RecordViewSet

from .. import filters, services
from ..models import (
    Interception,
    Participation,
    Patrol,
    PatrolRegion,
    ReportedFigure,
    Statement,
    ZoneEntry,
)
from ..statistics import GROUPINGS, ZONE_GROUPINGS, statistics, zone_entry_statistics
from . import pages, serializers
from .geojson import patrol_feature, patrol_records


def statistics_answer(request, answer, filename):
    """A statistics answer: JSON whole, or CSV one row per group, as a download."""
    if request.accepted_renderer.format == CSVRenderer.format:
        return Response(
            answer["groups"],
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return Response(answer)


@extend_schema_view(list=AS_OF_SCHEMA, retrieve=AS_OF_SCHEMA)
class PatrolViewSet(RecordViewSet):
    """Patrols with their participations, interceptions, statements, regions and sources."""

    as_of_enabled = True
    queryset = Patrol.objects.with_details()
    serializer_class = serializers.PatrolSerializer
    filterset_class = filters.PatrolFilterSet
    search_fields = ("name", "slug", "summary", "participations__aircraft_type__designation")
    ordering_fields = ("start_date", "end_date", "name", "ordinal", "updated_at")
    # JSON pages and CSV from plain rows (see ``pages``); HTML, a choice of fields and as_of
    # are answered otherwise.
    fast_list = FastList(pages.PATROL_COLUMNS, pages.patrol_page)
    # ?format=geojson: routes, or the regions crossed (see ``geojson``).
    geojson = GeoJSON(patrol_records, patrol_feature)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "group_by",
                str,
                required=True,
                enum=[*GROUPINGS],
                description="Count patrols and aircraft per year, Japanese fiscal year "
                "(`fiscal_year`: April–March by start date, keys `FY2024`), month (`2024-05`), "
                "country, aircraft type, aircraft family (`family`: a type with its variants "
                "at any depth, under the root type's slug) or region. "
                "`aircraft_known_minimum` is a known minimum; `patrols_with_unknown_count` says "
                "how many patrols it leaves out; `aircraft_at_least` also counts what reported "
                "totals and ADIZ entries guarantee (per country the largest of its known counts, "
                "its own total and any one of its entries; a country group counts that country's "
                "share, a period or region group each patrol's whole). How many aircraft took part "
                "in 2026: `group_by=year&year=2026`. `format=csv` gives one row per group.",
            )
        ],
        responses=serializers.StatisticsSerializer,
        filters=True,  # the patrol filters, documented as on the list
    )
    @action(
        detail=False,
        extra_query_parameters=("group_by",),
        pagination_class=None,
        filter_backends=[FilterBackend],  # the patrol filters; no search or ordering here
        renderer_classes=[FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer],
        serializer_class=serializers.StatisticSerializer,  # a CSV row's cells (core.api.csv)
    )
    def stats(self, request):
        """Patrol and aircraft counts per group, for the patrols the filters select."""
        group_by = request.query_params.get("group_by")
        if group_by not in GROUPINGS:
            raise ValidationError({"group_by": [f"Use one of: {', '.join(GROUPINGS)}."]})
        patrols = self.filter_queryset(Patrol.objects.all())
        return statistics_answer(
            request, statistics(patrols, group_by), f"patrol-stats-{group_by}.csv"
        )


class PatrolRegionViewSet(RecordViewSet):
    """The regions a patrol crossed (also written through a patrol's `regions`)."""

    queryset = PatrolRegion.objects.select_related("patrol", "region")
    serializer_class = serializers.PatrolRegionSerializer
    filterset_class = filters.PatrolRegionFilterSet
    search_fields = ("patrol__name", "region__name")
    ordering_fields = ("id",)


class ParticipationViewSet(RecordViewSet):
    """Which aircraft flew in a patrol, for whom, how many, in what role."""

    destroy_service = staticmethod(services.delete_participation)

    queryset = Participation.objects.select_related(
        "patrol", "aircraft_type", "operator__country"
    ).with_sources()
    serializer_class = serializers.ParticipationSerializer
    filterset_class = filters.ParticipationFilterSet
    search_fields = ("patrol__name", "aircraft_type__designation", "aircraft_description")
    ordering_fields = ("id", "count", "role", "updated_at")


class InterceptionViewSet(RecordViewSet):
    """Responses to patrols: who scrambled what, where, and whether airspace was violated."""

    queryset = Interception.objects.select_related(
        "patrol", "responder__country", "aircraft_type", "region"
    ).with_sources()
    serializer_class = serializers.InterceptionSerializer
    filterset_class = filters.InterceptionFilterSet
    search_fields = ("patrol__name", "responder__name", "notes")
    ordering_fields = ("id", "date", "count", "updated_at")


class StatementViewSet(RecordViewSet):
    """What organizations said about patrols, summarised in our own words."""

    queryset = Statement.objects.select_related("organization", "patrol").with_sources()
    serializer_class = serializers.StatementSerializer
    filterset_class = filters.StatementFilterSet
    search_fields = ("summary", "speaker", "organization__name")
    ordering_fields = ("date", "kind", "updated_at")


class ReportedFigureViewSet(RecordViewSet):
    """Numbers the sources report about patrols: duration (hours), distance (km), aircraft in
    all, each as worded (exact, about, more than, at least) and by whom."""

    queryset = ReportedFigure.objects.select_related(
        "patrol", "country", "reported_by"
    ).with_sources()
    serializer_class = serializers.ReportedFigureSerializer
    filterset_class = filters.ReportedFigureFilterSet
    search_fields = ("patrol__name", "notes", "reported_by__name")
    ordering_fields = ("id", "value", "quantity", "updated_at")


@extend_schema_view(list=AS_OF_SCHEMA, retrieve=AS_OF_SCHEMA)
class ZoneEntryViewSet(RecordViewSet):
    """Whose aircraft entered which ADIZ during a patrol, how many, from when to when, as
    reported by whom."""

    as_of_enabled = True
    queryset = ZoneEntry.objects.select_related(
        "patrol", "zone", "country", "reported_by"
    ).with_sources()
    serializer_class = serializers.ZoneEntrySerializer
    filterset_class = filters.ZoneEntryFilterSet
    search_fields = ("patrol__name", "notes", "zone__name")
    ordering_fields = ("id", "entered_at", "aircraft_count", "updated_at")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "group_by",
                str,
                required=True,
                enum=[*ZONE_GROUPINGS],
                description="Count zone entries and the aircraft they name per ADIZ (`zone`), "
                "country, year or Japanese fiscal year (`FY2024`) of the patrol's start. "
                "`aircraft` is a known minimum; `entries_with_unknown_count` says how many "
                "entries it leaves out. `format=csv` gives one row per group.",
            )
        ],
        responses=serializers.ZoneEntryStatisticsSerializer,
        filters=True,
    )
    @action(
        detail=False,
        extra_query_parameters=("group_by",),
        pagination_class=None,
        filter_backends=[FilterBackend],
        renderer_classes=[FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer],
        serializer_class=serializers.ZoneEntryStatisticSerializer,
    )
    def stats(self, request):
        """Zone entry and aircraft counts per group, for the entries the filters select."""
        group_by = request.query_params.get("group_by")
        if group_by not in ZONE_GROUPINGS:
            raise ValidationError({"group_by": [f"Use one of: {', '.join(ZONE_GROUPINGS)}."]})
        entries = self.filter_queryset(ZoneEntry.objects.all())
        return statistics_answer(
            request, zone_entry_statistics(entries, group_by), f"zone-entry-stats-{group_by}.csv"
        )
