"""Patrols with their participations, interceptions and statements, as the API shows them.

A patrol is written together with its participations in one request: the list given replaces
the patrol's participations (matched by aircraft, operator and role, so unchanged ones keep
their id and sources), all in the request's one transaction.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aircraft.api.serializers import aircraft_type_field
from core.api.fields import CompactRelatedField, SelfURLField
from core.api.serializers import RecordSerializer, model_errors
from reference.api.serializers import FACT_STATUS, SOURCED, FactStatusFields, SourcedSerializer
from reference.models import Country, Organization, Region, RegionKind

from .. import services
from ..figures import Qualifier, ReportedFigure, ZoneEntry, figure_value
from ..models import Interception, Participation, Patrol, PatrolRegion, Statement, StatementKind
from ..statistics import GROUPINGS, ZONE_GROUPINGS


def organization_field(**kwargs):
    return CompactRelatedField("organization", queryset=Organization.objects.all(), **kwargs)


def region_field(**kwargs):
    return CompactRelatedField("region", queryset=Region.objects.all(), **kwargs)


def patrol_field(**kwargs):
    return CompactRelatedField("patrol", queryset=Patrol.objects.all(), **kwargs)


def country_field(**kwargs):
    return CompactRelatedField("country", key="code", queryset=Country.objects.all(), **kwargs)


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 9999999.99})
class FigureValueField(serializers.DecimalField):
    """A reported figure as a JSON number: a whole number as an integer (``11``), else a
    decimal (``5.5``); written as a number or its text."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=2, min_value=0, **kwargs)

    def to_representation(self, value):
        return figure_value(value)


def derived_country(source):
    return CompactRelatedField(
        "country", key="code", source=source, read_only=True, allow_null=True,
        help_text="Derived from the organization (null for a multinational command).",
    )  # fmt: skip


class PatrolParticipationSerializer(FactStatusFields, RecordSerializer):
    """A participation inside its patrol (written with the patrol; its status is read-only
    here, written on the participation itself)."""

    clean_exclude = ("patrol",)  # checked once the patrol exists

    aircraft_type = aircraft_type_field(allow_null=True, required=False)
    operator = organization_field()
    country = derived_country("operator.country")

    class Meta:
        model = Participation
        fields = (
            "id", "aircraft_type", "aircraft_description", "operator", "country", "count",
            "role", "notes", *FACT_STATUS,
        )  # fmt: skip


class PatrolInterceptionSerializer(FactStatusFields, serializers.ModelSerializer):
    responder = CompactRelatedField("organization", read_only=True)
    country = derived_country("responder.country")
    aircraft_type = CompactRelatedField(
        "aircrafttype", name_attr="designation", read_only=True, allow_null=True
    )
    region = CompactRelatedField("region", read_only=True, allow_null=True)

    class Meta:
        model = Interception
        fields = (
            "id", "responder", "country", "aircraft_type", "count", "date", "region",
            "airspace_violated", "notes", *FACT_STATUS,
        )  # fmt: skip
        read_only_fields = fields


class PatrolStatementSerializer(FactStatusFields):
    """A statement inside its patrol. Not a model serializer: CSV names a nested record that
    has a slug by its slug alone (``core.api.csv``), and a statement's status must show there
    too, so it is described field by field like the patrol's other rows."""

    id = serializers.IntegerField(read_only=True)
    url = SelfURLField()
    slug = serializers.SlugField(read_only=True)
    organization = CompactRelatedField("organization", read_only=True)
    speaker = serializers.CharField(read_only=True)
    date = serializers.DateField(read_only=True, allow_null=True)
    kind = serializers.ChoiceField(choices=StatementKind.choices, read_only=True)
    summary = serializers.CharField(read_only=True)


class PatrolReportedFigureSerializer(FactStatusFields, serializers.ModelSerializer):
    """A figure inside its patrol (written on its own, at /reported-figures/)."""

    value = FigureValueField(read_only=True)
    country = CompactRelatedField("country", key="code", read_only=True, allow_null=True)
    reported_by = CompactRelatedField("organization", read_only=True, allow_null=True)

    class Meta:
        model = ReportedFigure
        fields = (
            "id", "quantity", "value", "qualifier", "country", "reported_by", "notes",
            *FACT_STATUS,
        )  # fmt: skip
        read_only_fields = fields


class PatrolZoneEntrySerializer(FactStatusFields, serializers.ModelSerializer):
    """A zone entry inside its patrol (written on its own, at /zone-entries/)."""

    zone = CompactRelatedField("region", read_only=True)
    country = CompactRelatedField("country", key="code", read_only=True)
    reported_by = CompactRelatedField("organization", read_only=True, allow_null=True)

    class Meta:
        model = ZoneEntry
        fields = (
            "id", "zone", "country", "aircraft_count", "count_qualifier", "entered_at",
            "exited_at", "reported_by", "notes", *FACT_STATUS,
        )  # fmt: skip
        read_only_fields = fields


AIRCRAFT_FIELDS = (
    "aircraft_known_minimum", "participations_with_unknown_count", "aircraft_reported_total",
    "aircraft_reported_total_qualifier", "aircraft_reported_total_by", "aircraft_at_least",
)  # fmt: skip


class PatrolSerializer(SourcedSerializer):
    url = SelfURLField()
    countries = CompactRelatedField(
        "country", key="code", many=True, read_only=True,
        help_text="The countries taking part, derived from the participations.",
    )  # fmt: skip
    joint = serializers.BooleanField(
        source="is_joint", read_only=True, help_text="Two or more countries took part."
    )
    aircraft_known_minimum = serializers.IntegerField(
        source="aircraft.aircraft_known_minimum", read_only=True,
        help_text="A known minimum, not a total: the participations' known counts summed (0 "
        "when none is known; see participations_with_unknown_count).",
    )  # fmt: skip
    participations_with_unknown_count = serializers.IntegerField(
        source="aircraft.participations_with_unknown_count", read_only=True,
        help_text="Participations whose count the sources do not give.",
    )  # fmt: skip
    aircraft_reported_total = serializers.IntegerField(
        source="aircraft.aircraft_reported_total", read_only=True, allow_null=True,
        help_text="The largest number of aircraft in all (every participant's) an organization "
        "reported, as worded (see the qualifier); null when none is reported.",
    )  # fmt: skip
    aircraft_reported_total_qualifier = serializers.ChoiceField(
        choices=Qualifier.choices, source="aircraft.aircraft_reported_total_qualifier",
        read_only=True, allow_null=True,
        help_text="How that total is worded: exact, about, more_than, at_least.",
    )  # fmt: skip
    aircraft_reported_total_by = CompactRelatedField(
        "organization", source="aircraft.aircraft_reported_total_by", read_only=True,
        allow_null=True, help_text="Who reported that total.",
    )  # fmt: skip
    aircraft_at_least = serializers.IntegerField(
        source="aircraft.aircraft_at_least", read_only=True,
        help_text="At least this many aircraft took part, as the sources guarantee: per "
        "country the largest of its known counts summed, its own reported total and any one of "
        "its ADIZ entries, summed over the countries, or an all-participants total if larger "
        "('more than 10' is 11; 'about' guarantees nothing; one country's entries are never "
        "added up, they may be the same aircraft).",
    )  # fmt: skip
    regions = region_field(
        source="region_list", many=True, required=False, help_text="Slugs of the regions crossed."
    )
    participations = PatrolParticipationSerializer(
        source="participation_list", many=True, required=False,
        help_text="Written with the patrol; the list given replaces the patrol's participations.",
    )  # fmt: skip
    interceptions = PatrolInterceptionSerializer(
        source="interception_list", many=True, read_only=True
    )
    statements = PatrolStatementSerializer(source="statement_list", many=True, read_only=True)
    reported_figures = PatrolReportedFigureSerializer(
        source="reported_figure_list", many=True, read_only=True,
        help_text="Numbers the sources report: duration, distance, aircraft in all.",
    )  # fmt: skip
    zone_entries = PatrolZoneEntrySerializer(
        source="zone_entry_list", many=True, read_only=True,
        help_text="Whose aircraft entered which ADIZ, how many, when, as reported by whom.",
    )  # fmt: skip

    class Meta:
        model = Patrol
        fields = (
            "id", "url", "slug", "name", "kind", "ordinal", "start_date", "end_date",
            "countries", "joint", *AIRCRAFT_FIELDS, "regions", "participations",
            "interceptions", "statements", "reported_figures", "zone_entries", "summary",
            "notes", "route", *SOURCED,
        )  # fmt: skip

    write_service = staticmethod(services.save_patrol)
    written_relations = {
        **SourcedSerializer.written_relations,
        "region_list": ("regions", PatrolRegion, ("add", "delete")),
        "participation_list": ("participations", Participation, ("add", "change", "delete")),
    }

    def write(self, record, related):
        try:
            return super().write(record, related)
        except services.ParticipationsRefused as refused:  # keyed by position, as DRF lists
            errors = {str(index): model_errors(e) for index, e in refused.errors.items()}
            raise serializers.ValidationError({"participations": errors}) from refused


class PatrolRecordSerializer(SourcedSerializer):
    """A record tied to a patrol: written with it and naming no sources of its own, it cites the
    patrol's, and says so."""

    sources_inherited = serializers.BooleanField(
        read_only=True,
        help_text="true: the sources are the patrol's, inherited (it names none of its own).",
    )


class ParticipationSerializer(PatrolRecordSerializer):
    write_service = staticmethod(services.save_participation)

    url = SelfURLField()
    patrol = patrol_field()
    aircraft_type = aircraft_type_field(allow_null=True, required=False)
    operator = organization_field()
    country = derived_country("operator.country")

    class Meta:
        model = Participation
        fields = (
            "id", "url", "patrol", "aircraft_type", "aircraft_description", "operator",
            "country", "count", "role", "notes", "sources_inherited", *SOURCED,
        )  # fmt: skip


class InterceptionSerializer(PatrolRecordSerializer):
    url = SelfURLField()
    patrol = patrol_field()
    responder = organization_field()
    country = derived_country("responder.country")
    # A default, so that the unique-together check of (patrol, responder, aircraft_type, date)
    # does not make an unknown type required.
    aircraft_type = aircraft_type_field(allow_null=True, default=None)
    region = region_field(allow_null=True, required=False)

    class Meta:
        model = Interception
        fields = (
            "id", "url", "patrol", "responder", "country", "aircraft_type", "count", "date",
            "region", "airspace_violated", "notes", "sources_inherited", *SOURCED,
        )  # fmt: skip


class StatementSerializer(PatrolRecordSerializer):
    url = SelfURLField()
    organization = organization_field()
    patrol = patrol_field(allow_null=True, required=False)

    class Meta:
        model = Statement
        fields = (
            "id", "url", "slug", "organization", "speaker", "date", "kind", "patrol",
            "summary", "sources_inherited", *SOURCED,
        )  # fmt: skip


class ReportedFigureSerializer(PatrolRecordSerializer):
    url = SelfURLField()
    patrol = patrol_field()
    value = FigureValueField()
    country = country_field(
        allow_null=True, required=False,
        help_text="Whose aircraft (ISO alpha-2 code); null: all participants.",
    )  # fmt: skip
    reported_by = organization_field(allow_null=True, required=False)

    class Meta:
        model = ReportedFigure
        fields = (
            "id", "url", "patrol", "quantity", "value", "qualifier", "country", "reported_by",
            "notes", "sources_inherited", *SOURCED,
        )  # fmt: skip


class ZoneEntrySerializer(PatrolRecordSerializer):
    write_service = staticmethod(services.save_zone_entry)

    url = SelfURLField()
    patrol = patrol_field()
    zone = CompactRelatedField(
        "region", queryset=Region.objects.filter(kind=RegionKind.ADIZ),
        help_text="Slug of the ADIZ entered.",
    )  # fmt: skip
    country = country_field(help_text="Whose aircraft entered (ISO alpha-2 code).")
    reported_by = organization_field(allow_null=True, required=False)

    class Meta:
        model = ZoneEntry
        fields = (
            "id", "url", "patrol", "zone", "country", "aircraft_count", "count_qualifier",
            "entered_at", "exited_at", "reported_by", "notes", "sources_inherited", *SOURCED,
        )  # fmt: skip


class PatrolRegionSerializer(RecordSerializer):
    url = SelfURLField()
    patrol = patrol_field()
    region = region_field()

    class Meta:
        model = PatrolRegion
        fields = ("id", "url", "patrol", "region")


class StatisticSerializer(serializers.Serializer):
    """One group of patrols in the statistics."""

    key = serializers.CharField(
        help_text="Year (2024), fiscal year (FY2024), month (2024-05), country code, aircraft "
        "type or family slug, or region slug."
    )
    name = serializers.CharField()
    patrols = serializers.IntegerField(help_text="Patrols in the group.")
    patrols_with_unknown_count = serializers.IntegerField(
        help_text="Patrols in the group with aircraft the sources do not count (a participation "
        "without a count or, for a group of whole patrols, none recorded): "
        "`aircraft_known_minimum` leaves them out."
    )
    patrols_with_reported_total = serializers.IntegerField(
        help_text="Patrols in the group for which an organization reported the aircraft in all "
        "(every participant's; for a country, that country's). Never for aircraft types."
    )
    aircraft_known_minimum = serializers.IntegerField(
        help_text="A known minimum, not a total: the sum of the aircraft counts the sources give "
        "for the group (unknown counts add nothing; see `patrols_with_unknown_count`)."
    )
    aircraft_at_least = serializers.IntegerField(
        help_text="At least this many aircraft: per patrol, the larger of its known minimum and "
        "what its largest reported total guarantees ('more than 10' is 11), summed."
    )


class StatisticsSerializer(serializers.Serializer):
    """Patrol statistics; as CSV (`format=csv`), one row per group."""

    group_by = serializers.ChoiceField(choices=[*GROUPINGS])
    patrols = serializers.IntegerField(help_text="Patrols matching the filters.")
    groups = StatisticSerializer(many=True)


class ZoneEntryStatisticSerializer(serializers.Serializer):
    """One group of zone entries in their statistics."""

    key = serializers.CharField(
        help_text="ADIZ slug, country code, year (2024) or fiscal year (FY2024)."
    )
    name = serializers.CharField()
    entries = serializers.IntegerField(help_text="Zone entries in the group.")
    patrols = serializers.IntegerField(help_text="Patrols these entries belong to.")
    entries_with_unknown_count = serializers.IntegerField(
        help_text="Entries whose aircraft the sources do not count: `aircraft` leaves them out."
    )
    aircraft = serializers.IntegerField(
        help_text="A known minimum: the entries' known counts summed (aircraft entering twice "
        "count twice)."
    )
    aircraft_at_least = serializers.IntegerField(
        help_text="What the counts guarantee, summed: 'more than 10' is 11, 'about 10' nothing."
    )


class ZoneEntryStatisticsSerializer(serializers.Serializer):
    """Zone entry statistics; as CSV (`format=csv`), one row per group."""

    group_by = serializers.ChoiceField(choices=[*ZONE_GROUPINGS])
    entries = serializers.IntegerField(help_text="Zone entries matching the filters.")
    groups = ZoneEntryStatisticSerializer(many=True)
