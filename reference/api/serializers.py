"""Countries, organizations, regions, sources, citations and claims, as the API shows them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import CompactRelatedField, SelfURLField
from core.api.serializers import RecordSerializer, StrictIntegerField, StrictURLField

from ..models import (
    Citation,
    Claim,
    Confidence,
    Country,
    Organization,
    Region,
    Source,
    ZoneBoundary,
)
from ..services import NO_SOURCE, save_citation, save_record
from .fields import AttachedRecordField, RecordKindField

TIMESTAMPS = ("created_at", "updated_at")
SOURCED = ("confidence", "disputed", "sources", "claims", *TIMESTAMPS)


class ClaimBriefSerializer(serializers.Serializer):
    """A claim as shown inside the record it is about."""

    id = serializers.IntegerField(read_only=True)
    field = serializers.CharField(read_only=True, help_text="Empty: about the record as a whole.")
    value = serializers.CharField(read_only=True)
    source = CompactRelatedField("source", name_attr="title", read_only=True)
    confidence = serializers.ChoiceField(choices=Confidence.choices, read_only=True)
    note = serializers.CharField(read_only=True)


class FactStatusFields(serializers.Serializer):
    """A fact record's status, shown read-only where the record is nested in another (a
    participation inside its patrol): a "claimed" row must not read as a fact. The same shapes
    as ``SourcedSerializer``'s own fields."""

    confidence = serializers.ChoiceField(choices=Confidence.choices, read_only=True)
    disputed = serializers.BooleanField(
        source="is_disputed",
        read_only=True,
        help_text="Marked disputed, or carrying a claim from another source.",
    )
    sources = CompactRelatedField(
        "source", name_attr="title", many=True, read_only=True, help_text="The sources it cites."
    )
    sources_inherited = serializers.BooleanField(
        read_only=True,
        help_text="true: the sources are those of the record it belongs to, inherited.",
    )
    claims = ClaimBriefSerializer(
        source="claim_list",
        many=True,
        read_only=True,
        help_text="Other values other sources report.",
    )


FACT_STATUS = ("confidence", "disputed", "sources", "sources_inherited", "claims")


class SourcedSerializer(RecordSerializer):
    """A fact record: its sources (written as a list of source slugs), claims and dispute state."""

    sources = CompactRelatedField(
        "source",
        name_attr="title",
        many=True,
        required=False,
        queryset=Source.objects.all(),
        help_text="The sources the record cites; written as a list of source slugs.",
    )
    claims = ClaimBriefSerializer(
        source="claim_list",
        many=True,
        read_only=True,
        help_text="Other values other sources report.",
    )
    disputed = serializers.BooleanField(
        source="is_disputed",
        read_only=True,
        help_text="Marked disputed, or carrying a claim from another source.",
    )

    def validate(self, attrs):
        """Every fact record cites a source: a new record names at least one, and a change may
        not take them all away (``reference.services``)."""
        sources = attrs.get("sources")
        if (self.instance is None and not sources) or (sources is not None and not sources):
            raise serializers.ValidationError({"sources": [NO_SOURCE]})
        return super().validate(attrs)

    # The app's write path (``<app>.services``): called with the record, its field values set,
    # and the related rows the request gives (``None``: left as stored).
    write_service = staticmethod(save_record)
    # Writable relations the service writes, and the permissions each needs:
    # {validated-data key: (service keyword, model, actions)}.
    written_relations = {"sources": ("sources", Citation, ("add", "delete"))}

    def create(self, validated_data):
        related = self.take_related(validated_data)
        return self.write(self.Meta.model(**validated_data), related)

    def update(self, instance, validated_data):
        related = self.take_related(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.write(instance, related)

    def take_related(self, validated_data):
        return {
            keyword: validated_data.pop(key, None)
            for key, (keyword, _, _) in self.written_relations.items()
        }

    def write(self, record, related):
        """Through the app's one write path, which checks the rules spanning rows; its refusal
        is a 400 keyed by the API's field names (the view's transaction rolls it back)."""
        for keyword, model, actions in self.written_relations.values():
            if related[keyword] is not None:
                self.require_permissions(model, *actions)
        try:
            return self.write_service(record, **related)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.named_as_in_api(error)) from error


def country_field(**kwargs):
    return CompactRelatedField(
        "country", key="code", queryset=Country.objects.all(), allow_null=True, **kwargs
    )


class CountrySerializer(RecordSerializer):
    url = SelfURLField()

    class Meta:
        model = Country
        fields = ("id", "url", "code", "code3", "name", *TIMESTAMPS)


class OrganizationSerializer(SourcedSerializer):
    url = SelfURLField()
    country = country_field(required=False)
    parent = CompactRelatedField(
        "organization", queryset=Organization.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Organization
        fields = (
            "id", "url", "slug", "name", "short_name", "kind", "country", "parent", "notes",
            *SOURCED,
        )  # fmt: skip


POINT_SCHEMA = {
    "type": "object",
    "properties": {
        "n": {
            "type": "integer",
            "minimum": 1,
            "nullable": True,
            "description": "The point's number as published; null when the source numbers none.",
        },
        "lon": {"type": "number", "minimum": -180, "maximum": 180, "description": "Degrees E."},
        "lat": {"type": "number", "minimum": -90, "maximum": 90, "description": "Degrees N."},
        "dms": {
            "type": "string",
            "nullable": True,
            "description": "The point as printed (degrees, minutes, seconds), or null.",
        },
    },
    "required": ["n", "lon", "lat", "dms"],
    "additionalProperties": False,
}


@extend_schema_field({"type": "array", "items": POINT_SCHEMA})
class PointsField(serializers.JSONField):
    """A boundary's points as the source lists them (``reference.boundaries``); in CSV, one
    cell of compact JSON."""


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TextListField(serializers.JSONField):
    """A list of texts (a boundary's segments defined by a rule); in CSV, compact JSON."""


BOUNDARY_FIELDS = (
    "effective_from", "status", "status_note", "points_ordered", "points",
    "segments_not_points", "legal_basis", "definition", "notes",
)  # fmt: skip


class RegionBoundarySerializer(FactStatusFields, serializers.ModelSerializer):
    """A zone boundary inside its region (read-only here; written at /zone-boundaries/)."""

    url = SelfURLField()
    points = PointsField(read_only=True)
    segments_not_points = TextListField(read_only=True)

    class Meta:
        model = ZoneBoundary
        fields = ("id", "url", "slug", *BOUNDARY_FIELDS, *FACT_STATUS)
        read_only_fields = fields


class RegionSerializer(SourcedSerializer):
    url = SelfURLField()
    parent = CompactRelatedField(
        "region", queryset=Region.objects.all(), allow_null=True, required=False
    )
    declared_by = country_field(required=False)
    boundaries = RegionBoundarySerializer(
        source="boundaries.all",
        many=True,
        read_only=True,
        help_text="An ADIZ's boundaries as its sources give them (see /zone-boundaries/).",
    )

    class Meta:
        model = Region
        fields = (
            "id", "url", "slug", "name", "kind", "parent", "declared_by", "established_year",
            "geometry", "boundaries", "notes", *SOURCED,
        )  # fmt: skip


class ZoneBoundarySerializer(SourcedSerializer):
    """An ADIZ's boundary: exactly the points its source lists, and how much that is."""

    url = SelfURLField()
    region = CompactRelatedField("region", queryset=Region.objects.all())
    points = PointsField(
        required=False,
        help_text="The points as the source lists them, in its order; never closed or completed.",
    )
    segments_not_points = TextListField(
        required=False, help_text="Parts of the boundary defined by a rule, not by points."
    )

    class Meta:
        model = ZoneBoundary
        fields = ("id", "url", "slug", "region", *BOUNDARY_FIELDS, *SOURCED)


class SourceSerializer(RecordSerializer):
    url = SelfURLField()
    link = StrictURLField(
        source="url", max_length=1000, required=False, allow_blank=True,
        help_text="Where the source can be read.",
    )  # fmt: skip

    class Meta:
        model = Source
        fields = (
            "id", "url", "slug", "title", "publisher", "link", "author", "published_on",
            "accessed_on", "kind", "language", "reliability", "notes", *TIMESTAMPS,
        )  # fmt: skip


class AttachmentSerializer(RecordSerializer):
    """What citations and claims share: the record they are attached to, by kind and id."""

    url = SelfURLField()
    record_type = RecordKindField(
        source="content_type",
        help_text="Kind of record, as app_label.model (e.g. patrols.patrol).",
    )
    record_id = StrictIntegerField(source="object_id", min_value=1, help_text="The record's id.")
    record = AttachedRecordField()
    source = CompactRelatedField("source", name_attr="title", queryset=Source.objects.all())


class CitationSerializer(AttachmentSerializer):
    """A citation written on its own goes through ``reference.services.save_citation``: it may
    not leave the record it moves away from citing nothing, and inherited sources follow."""

    def create(self, validated_data):
        return self.write(Citation(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.write(instance)

    def write(self, citation):
        try:
            return save_citation(citation)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.named_as_in_api(error)) from error

    class Meta:
        model = Citation
        fields = (
            "id", "url", "record_type", "record_id", "record", "source", "locator", *TIMESTAMPS,
        )  # fmt: skip


class ClaimSerializer(AttachmentSerializer):
    class Meta:
        model = Claim
        fields = (
            "id", "url", "record_type", "record_id", "record", "field", "value", "source",
            "confidence", "note", *TIMESTAMPS,
        )  # fmt: skip
