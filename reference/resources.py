"""Spreadsheet rows for sources and organizations, and the fact-record resource base (a row
lists the sources it cites)."""

from import_export import fields

from core.resources import NaturalKeyListWidget, RecordResource

from .models import Organization, Source
from .services import NO_SOURCE, citations_of, cite, settle


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
    """A fact record's row also lists its sources; a row that would leave the record citing
    nothing is refused (``reference.services``)."""

    sources = SourcesField()

    class Meta(RecordResource.Meta):
        pass

    def save_m2m(self, instance, row, *args, **kwargs):
        """After its sources (and other list columns): the records inheriting from it settle,
        and it must cite a source (the import's transaction rolls a refusal back)."""
        super().save_m2m(instance, row, *args, **kwargs)
        settle(instance)

    def row_sources(self, instance, row, **kwargs):
        """The sources the row names (its ``sources`` column), or None without the column."""
        if "sources" not in row:
            return None
        return self.fields["sources"].clean(row, **kwargs)

    def row_rule_errors(self, instance, row, **kwargs):
        errors = super().row_rule_errors(instance, row, **kwargs)
        sources = self.row_sources(instance, row, **kwargs)
        cites_nothing = (
            not sources if sources is not None else (
                instance.pk is None or not citations_of(instance).exists()
            )
        )  # fmt: skip
        if cites_nothing:
            errors.setdefault("sources", []).append(NO_SOURCE)
        return errors


class SourceResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Source


class OrganizationResource(SourcedResource):
    class Meta(SourcedResource.Meta):
        model = Organization
