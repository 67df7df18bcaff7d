"""``/api/v1/activity-counts/``: yearly scramble and ADIZ-entry figures (``patrols.activity``),
each with its sources and claims, and their statistics (``stats``).

A count is written like every fact record (a list of source slugs, ``sources``) through the one
write path, ``patrols.activity_services``; ``partial`` and ``label`` are derived, read-only.
"""

import copy

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from core.api.csv import CSVRenderer
from core.api.fields import CompactRelatedField, SelfURLField
from core.api.filtering import FilterBackend
from core.api.history import AS_OF_SCHEMA
from core.api.renderers import FastJSONRenderer
from core.api.views import RecordViewSet
from reference.api.serializers import SOURCED, SourcedSerializer, country_field
from reference.models import Organization, Region, RegionKind

from ..activity import (
    FIRST_YEAR,
    LAST_YEAR,
    YEAR_MESSAGE,
    ActivityCount,
    ActivityMeasure,
    ActivityPeriod,
    ActivityScope,
)
from ..activity_filters import ActivityCountFilterSet
from ..activity_services import save_activity_count
from ..activity_stats import GROUPINGS, activity_statistics


class ActivityCountSerializer(SourcedSerializer):
    write_service = staticmethod(save_activity_count)

    url = SelfURLField()
    reported_by = CompactRelatedField("organization", queryset=Organization.objects.all())
    zone = CompactRelatedField(
        "region",
        queryset=Region.objects.filter(kind=RegionKind.ADIZ),
        allow_null=True,
        required=False,
        help_text="Slug of the ADIZ the figure concerns (an ADIZ only), or null.",
    )
    year = serializers.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE},
        help_text="The calendar year, or the year the fiscal year starts in (FY2024: 2024); "
        f"{FIRST_YEAR}–{LAST_YEAR}.",
    )
    country = country_field(required=False)
    label = serializers.CharField(
        read_only=True, help_text="The period as Japan's releases name it: FY2024, or 2024."
    )

    class Meta:
        model = ActivityCount
        fields = (
            "id", "url", "slug", "measure", "reported_by", "zone", "period", "year", "label",
            "period_start", "period_end", "partial", "scope", "country", "count", "approximate",
            "as_reported", "breakdown", "notes", *SOURCED,
        )  # fmt: skip
        # The model's unique constraints are checked by ``full_clean()`` (``RecordSerializer``),
        # after empty dates become the year's: DRF's own check would make them required.
        validators = []
        extra_kwargs = {
            "partial": {
                "help_text": "The figure covers part of its year only: derived from the dates. "
                "A write may send it only as the dates make it (else a 400 naming it)."
            }
        }

    def validate(self, attrs):
        """The model's rules, then a ``partial`` the writer sent, which must agree with the
        dates (it is derived: a disagreeing one is refused, never silently dropped)."""
        attrs = super().validate(attrs)
        if "partial" not in self.initial_data:
            return attrs
        try:
            given = serializers.BooleanField().to_internal_value(self.initial_data["partial"])
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"partial": error.detail}) from error
        candidate = copy.copy(self.instance) if self.instance is not None else ActivityCount()
        for name in ("period", "year", "period_start", "period_end"):
            if name in attrs:
                setattr(candidate, name, attrs[name])
        candidate.fill_period()
        if given != candidate.partial:
            whole = "part of" if candidate.partial else "the whole of"
            raise serializers.ValidationError(
                {
                    "partial": f"The dates ({candidate.period_start} to {candidate.period_end}) "
                    f"cover {whole} {candidate.label}: partial is {str(candidate.partial).lower()}"
                    " (it is derived from the dates; leave it out)."
                }
            )
        return attrs


class ActivityStatisticSerializer(serializers.Serializer):
    """One group of activity counts in the statistics."""

    key = serializers.CharField(
        help_text="Fiscal year (FY2024), year (2024), country code (or total, other), or measure."
    )
    name = serializers.CharField()
    measure = serializers.ChoiceField(choices=ActivityMeasure.choices)
    reported_by = serializers.CharField(help_text="Slug of the reporting organization.")
    period = serializers.ChoiceField(choices=ActivityPeriod.choices)
    scope = serializers.ChoiceField(choices=ActivityScope.choices)
    country = serializers.CharField(allow_null=True, help_text="ISO alpha-2 code, or null.")
    count = serializers.IntegerField(
        allow_null=True,
        help_text="The sum of the group's figures, one per period (the latest-ending one given: "
        "the whole year's, else the longest part); null when it has none.",
    )
    period_start = serializers.DateField(
        allow_null=True,
        help_text="The first day the count covers (the earliest added figure's); null when the "
        "group adds none.",
    )
    period_end = serializers.DateField(
        allow_null=True,
        help_text="The last day the count covers (the latest added figure's): groups whose "
        "periods differ are not comparable (never subtract one from another).",
    )
    figures = serializers.IntegerField(help_text="Periods whose figure the count adds.")
    partial = serializers.IntegerField(
        help_text="Of those, figures for part of a year only (see period_end)."
    )
    approximate = serializers.IntegerField(help_text="Of those, figures given rounded only.")
    unknown = serializers.IntegerField(help_text="Periods with no figure (the count leaves out).")


class ActivityStatisticsSerializer(serializers.Serializer):
    """Activity count statistics; as CSV (`format=csv`), one row per group. Each group states
    the days its count covers (`period_start`–`period_end`): figures of different periods are
    never combined, and groups covering different periods are not comparable (a total to
    31 December beside a country's figure to 30 September, both FY2025: the difference is a
    figure no source gives)."""

    group_by = serializers.ChoiceField(choices=[*GROUPINGS])
    activity_counts = serializers.IntegerField(help_text="Counts matching the filters.")
    groups = ActivityStatisticSerializer(many=True)


@extend_schema_view(list=AS_OF_SCHEMA, retrieve=AS_OF_SCHEMA)
class ActivityCountViewSet(RecordViewSet):
    """Published yearly figures: JASDF fighter scrambles per Japanese fiscal year, entries into
    the KADIZ per calendar year, by country or in total, with their sources."""

    as_of_enabled = True
    queryset = ActivityCount.objects.with_details()
    serializer_class = ActivityCountSerializer
    filterset_class = ActivityCountFilterSet
    search_fields = ("slug", "notes", "as_reported", "reported_by__name", "country__name")
    ordering_fields = ("year", "period_end", "count", "updated_at")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "group_by",
                str,
                required=True,
                enum=[*GROUPINGS],
                description="Sum the figures per Japanese fiscal year (`fiscal_year`, keys "
                "`FY2024`: fiscal-year figures only), calendar year (`year`: calendar-year "
                "figures only), country (`CN`, or `total` / `other`) or measure. A total, each "
                "country and 'other' stay separate groups, as do measures, reporters and kinds "
                "of period; each period adds one figure (its latest-ending one). Each group "
                "states the days its count covers (`period_start`, `period_end`, with "
                "`partial`): figures of different periods are never combined, and groups "
                "whose periods differ are not comparable. `format=csv` gives one row per "
                "group.",
            )
        ],
        responses=ActivityStatisticsSerializer,
        filters=True,
    )
    @action(
        detail=False,
        extra_query_parameters=("group_by",),
        pagination_class=None,
        filter_backends=[FilterBackend],
        renderer_classes=[FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer],
        serializer_class=ActivityStatisticSerializer,  # a CSV row's cells (core.api.csv)
    )
    def stats(self, request):
        """Sums of the figures per group, for the counts the filters select; each group names
        the period its count covers (``period_start``, ``period_end``), and groups of
        different periods are not comparable (``patrols.activity_stats``)."""
        group_by = request.query_params.get("group_by")
        if group_by not in GROUPINGS:
            raise ValidationError({"group_by": [f"Use one of: {', '.join(GROUPINGS)}."]})
        answer = activity_statistics(self.filter_queryset(ActivityCount.objects.all()), group_by)
        if request.accepted_renderer.format == CSVRenderer.format:
            filename = f"activity-count-stats-{group_by}.csv"
            return Response(
                answer["groups"],
                headers={"Content-Disposition": f'attachment; filename="{filename}"'},
            )
        return Response(answer)
