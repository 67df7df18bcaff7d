"""Reference resources: each a declaration over ``RecordViewSet``."""

from django.db.models import F, Prefetch
from drf_spectacular.utils import extend_schema_view

from core.api.geojson import GeoJSON
from core.api.history import AS_OF_SCHEMA
from core.api.views import RecordViewSet

from .. import filters, services
from ..models import (
    Citation,
    Claim,
    Country,
    Organization,
    Region,
    Source,
    ZoneBoundary,
    attached_records,
)
from . import serializers
from .geojson import boundary_feature, boundary_records, region_feature, region_records

ATTACHMENT_ORDERING = ("id", "created_at")


class CountryViewSet(RecordViewSet):
    """Countries, by ISO 3166 alpha-2 code."""

    queryset = Country.objects.all()
    serializer_class = serializers.CountrySerializer
    filterset_class = filters.CountryFilterSet
    search_fields = ("name", "code", "code3")
    ordering_fields = ("name", "code")


class OrganizationViewSet(RecordViewSet):
    """Air forces, commands, ministries and others who operate aircraft or speak."""

    queryset = Organization.objects.select_related("country", "parent").with_sources()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilterSet
    search_fields = ("name", "short_name", "slug")
    ordering_fields = ("name", "kind", "updated_at")


class RegionViewSet(RecordViewSet):
    """Seas, straits, ocean areas, ADIZs and national airspace, with optional GeoJSON."""

    queryset = (
        Region.objects.select_related("parent", "declared_by")
        .with_sources()
        .prefetch_related(
            Prefetch(
                "boundaries",
                queryset=ZoneBoundary.objects.with_sources().order_by(
                    F("effective_from").asc(nulls_first=True), "slug"
                ),
            )
        )
    )
    serializer_class = serializers.RegionSerializer
    filterset_class = filters.RegionFilterSet
    search_fields = ("name", "slug")
    ordering_fields = ("name", "kind", "established_year", "updated_at")
    geojson = GeoJSON(region_records, region_feature)  # ?format=geojson


@extend_schema_view(list=AS_OF_SCHEMA, retrieve=AS_OF_SCHEMA)
class ZoneBoundaryViewSet(RecordViewSet):
    """ADIZ boundaries as far as their sources give them: points exactly as listed (numbered
    as published, in the source's order), whether that order is the boundary's, and a status —
    complete, partial (some points, or points in no known order) or described (words only)."""

    as_of_enabled = True
    queryset = ZoneBoundary.objects.with_details()
    serializer_class = serializers.ZoneBoundarySerializer
    filterset_class = filters.ZoneBoundaryFilterSet
    search_fields = ("slug", "region__name", "legal_basis", "definition", "notes")
    ordering_fields = ("slug", "effective_from", "status", "updated_at")
    geojson = GeoJSON(boundary_records, boundary_feature)  # ?format=geojson


class SourceViewSet(RecordViewSet):
    """Where facts come from, with a reliability grade (NATO admiralty scale A–F)."""

    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilterSet
    search_fields = ("title", "publisher", "author", "url")
    ordering_fields = ("title", "publisher", "published_on", "reliability", "updated_at")


class CitationViewSet(RecordViewSet):
    """A fact record citing a source (any kind of record, by `record_type` and `record_id`)."""

    queryset = Citation.objects.select_related("source", "content_type").prefetch_related(
        attached_records()
    )
    serializer_class = serializers.CitationSerializer
    filterset_class = filters.CitationFilterSet
    search_fields = ("source__title", "locator")
    ordering_fields = ATTACHMENT_ORDERING
    destroy_service = staticmethod(services.delete_citation)


class ClaimViewSet(RecordViewSet):
    """A value another source reports for a field of a record; a record with claims is disputed."""

    queryset = Claim.objects.select_related("source", "content_type").prefetch_related(
        attached_records()
    )
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilterSet
    search_fields = ("field", "value", "note", "source__title")
    ordering_fields = (*ATTACHMENT_ORDERING, "field")
