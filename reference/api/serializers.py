"""Countries, organizations, regions, sources, citations and claims, as the API shows them."""

from ..models import Citation, Claim, Country, Organization, Region, Source
from .base import IntegerField, RecordSerializer, SourcedSerializer, URLField
from .fields import AttachedRecordField, CompactRelatedField, RecordKindField, SelfURLField

TIMESTAMPS = ("created_at", "updated_at")
SOURCED = ("confidence", "disputed", "sources", "claims", *TIMESTAMPS)


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


class RegionSerializer(SourcedSerializer):
    url = SelfURLField()
    parent = CompactRelatedField(
        "region", queryset=Region.objects.all(), allow_null=True, required=False
    )
    declared_by = country_field(required=False)

    class Meta:
        model = Region
        fields = (
            "id", "url", "slug", "name", "kind", "parent", "declared_by", "established_year",
            "geometry", "notes", *SOURCED,
        )  # fmt: skip


class SourceSerializer(RecordSerializer):
    url = SelfURLField()
    link = URLField(
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
    record_id = IntegerField(source="object_id", min_value=1, help_text="The record's id.")
    record = AttachedRecordField()
    source = CompactRelatedField("source", name_attr="title", queryset=Source.objects.all())


class CitationSerializer(AttachmentSerializer):
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
