"""Spreadsheet rows for sources, organizations and zone boundaries, and the fact-record resource
base (a row lists the sources it cites)."""

import json

from import_export import fields, widgets

from core.resources import NaturalKeyListWidget, RecordResource

from .models import Organization, Source, ZoneBoundary
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


class JSONListWidget(widgets.Widget):
    """A list as one cell of JSON (a boundary's points, its segments); an empty cell is an empty
    list. Strict: the stock widget retries bad JSON with ' read as ", which would rewrite the
    minutes marks of a point's printed coordinates (39°00'N)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return []
        try:
            return json.loads(value) if isinstance(value, str) else value
        except json.JSONDecodeError as error:
            raise ValueError(f"Not valid JSON: {error.msg} (character {error.pos + 1}).") from None

    def render(self, value, obj=None, **kwargs):
        return json.dumps(value if value is not None else [], ensure_ascii=False)


def json_list_field(name):
    return fields.Field(attribute=name, column_name=name, widget=JSONListWidget())


class ZoneBoundaryResource(SourcedResource):
    """One row per boundary: its zone by slug, its points and segments as JSON cells."""

    points = json_list_field("points")
    segments_not_points = json_list_field("segments_not_points")

    class Meta(SourcedResource.Meta):
        model = ZoneBoundary
