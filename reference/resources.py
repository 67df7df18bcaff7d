"""Spreadsheet rows for sources and organizations, and the fact-record resource base (a row
lists the sources it cites)."""

from import_export import fields

from core.resources import NaturalKeyListWidget, RecordResource

from .models import Organization, Source, cite


class SourcesField(fields.Field):
    """The sources a record cites, by slug. Written after the record is saved, keeping the
    citations that stay (and their locators), like the API's ``sources``."""

    def __init__(self):
        super().__init__(
            attribute="citations",
            column_name="sources",
            widget=NaturalKeyListWidget(Source),
        )

    def get_value(self, instance):
        if instance.pk is None:
            return Source.objects.none()
        return Source.objects.filter(citations__in=instance.citations.all()).order_by("slug")

    def save(self, instance, row, is_m2m=False, **kwargs):
        cite(instance, self.clean(row, **kwargs))


class SourcedResource(RecordResource):
    """A fact record's row also lists its sources."""

    sources = SourcesField()

    class Meta(RecordResource.Meta):
        pass


class SourceResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Source


class OrganizationResource(SourcedResource):
    class Meta(SourcedResource.Meta):
        model = Organization
