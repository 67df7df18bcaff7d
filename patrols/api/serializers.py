"""Patrols with their participations, interceptions and statements, as the API shows them.

A patrol is written together with its participations in one request: the list given replaces
the patrol's participations (matched by aircraft, operator and role, so unchanged ones keep
their id and sources), all in the request's one transaction.
"""

from rest_framework import serializers

from aircraft.api.serializers import aircraft_type_field
from core.api.fields import CompactRelatedField, SelfURLField
from core.api.serializers import RecordSerializer, model_errors
from reference.api.serializers import FACT_STATUS, SOURCED, FactStatusFields, SourcedSerializer
from reference.models import Organization, Region

from .. import services
from ..models import Interception, Participation, Patrol, PatrolRegion, Statement, StatementKind
from ..statistics import GROUPINGS


def organization_field(**kwargs):
    return CompactRelatedField("organization", queryset=Organization.objects.all(), **kwargs)


def region_field(**kwargs):
    return CompactRelatedField("region", queryset=Region.objects.all(), **kwargs)


def patrol_field(**kwargs):
    return CompactRelatedField("patrol", queryset=Patrol.objects.all(), **kwargs)


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


class PatrolSerializer(SourcedSerializer):
    url = SelfURLField()
    countries = CompactRelatedField(
        "country", key="code", many=True, read_only=True,
        help_text="The countries taking part, derived from the participations.",
    )  # fmt: skip
    joint = serializers.BooleanField(
        source="is_joint", read_only=True, help_text="Two or more countries took part."
    )
    aircraft_count = serializers.IntegerField(
        source="aircraft_total", read_only=True, allow_null=True,
        help_text="Aircraft counted by the sources; null when no participation has a count.",
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

    class Meta:
        model = Patrol
        fields = (
            "id", "url", "slug", "name", "kind", "ordinal", "start_date", "end_date",
            "countries", "joint", "aircraft_count", "regions", "participations",
            "interceptions", "statements", "summary", "notes", "route", *SOURCED,
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
        "without a count or, for a group of whole patrols, none recorded): `aircraft` leaves "
        "them out."
    )
    aircraft = serializers.IntegerField(
        help_text="A known minimum, not a total: the sum of the aircraft counts the sources give "
        "for the group (unknown counts add nothing; see `patrols_with_unknown_count`)."
    )


class StatisticsSerializer(serializers.Serializer):
    """Patrol statistics; as CSV (`format=csv`), one row per group."""

    group_by = serializers.ChoiceField(choices=[*GROUPINGS])
    patrols = serializers.IntegerField(help_text="Patrols matching the filters.")
    groups = StatisticSerializer(many=True)
