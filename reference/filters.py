"""FilterSets for the reference records, and the filters every fact record shares."""

import django_filters as filters

from core.filters import (
    ChoiceFilter,
    CodeChoiceField,
    RecordFilterSet,
    StrictBooleanFilter,
    by_choice,
    by_slug,
    date_range,
)

from .models import (
    BoundaryStatus,
    Citation,
    Claim,
    Confidence,
    Country,
    Organization,
    OrganizationKind,
    Region,
    RegionKind,
    Reliability,
    Source,
    SourceKind,
    ZoneBoundary,
    fact_record_models,
)


def by_country(field_name, help_text):
    """A filter on a country by its ISO alpha-2 code; repeat for OR."""
    filter_ = by_slug(field_name, Country.objects.all(), help_text, key="code")
    filter_.field_class = CodeChoiceField
    return filter_


def fact_record_choices():
    """``app_label.model`` of every fact record, as citations and claims name their records."""
    labels = sorted(
        f"{model._meta.app_label}.{model._meta.model_name}" for model in fact_record_models()
    )
    return [(label, label) for label in labels]


class SourcedFilterSet(RecordFilterSet):
    """Filters every fact record shares: confidence, disputed, and the sources it cites."""

    confidence = by_choice(
        "confidence", Confidence.choices, "Confidence of the record; repeat for OR."
    )
    disputed = StrictBooleanFilter(
        method="filter_disputed",
        help_text="true: records marked disputed or carrying a claim from another source.",
    )
    source = by_slug(
        "citations__source",
        Source.objects.all(),
        "Slug of a source the record cites; repeat for OR.",
    )

    def filter_disputed(self, queryset, name, value):
        return queryset if value is None else queryset.disputed(value)


class CountryFilterSet(RecordFilterSet):
    class Meta:
        model = Country
        fields = []


class OrganizationFilterSet(SourcedFilterSet):
    kind = by_choice("kind", OrganizationKind.choices, "Kind of organization; repeat for OR.")
    country = by_country(
        "country", "ISO alpha-2 code of the organization's country; repeat for OR."
    )
    parent = by_slug("parent", Organization.objects.all(), "Slug of the parent organization.")

    class Meta:
        model = Organization
        fields = []


class RegionFilterSet(SourcedFilterSet):
    kind = by_choice("kind", RegionKind.choices, "Kind of region; repeat for OR.")
    parent = by_slug("parent", Region.objects.all(), "Slug of the enclosing region.")
    declared_by = by_country("declared_by", "ISO alpha-2 code of the declaring country (an ADIZ).")

    class Meta:
        model = Region
        fields = []


class ZoneBoundaryFilterSet(SourcedFilterSet):
    region = by_slug("region", Region.objects.all(), "Slug of the zone (an ADIZ); repeat for OR.")
    status = by_choice(
        "status", BoundaryStatus.choices, "complete, partial or described; repeat for OR."
    )
    points_ordered = StrictBooleanFilter(
        help_text="true: the points are listed in boundary order; false: order unknown."
    )
    declared_by = by_country(
        "region__declared_by", "ISO alpha-2 code of the zone's declaring country."
    )

    class Meta:
        model = ZoneBoundary
        fields = []


class SourceFilterSet(RecordFilterSet):
    kind = by_choice("kind", SourceKind.choices, "Kind of source; repeat for OR.")
    reliability = by_choice(
        "reliability", Reliability.choices, "Reliability grade (NATO admiralty scale A–F)."
    )
    language = filters.CharFilter(help_text="ISO 639 language code, e.g. en, ru, zh, ja.")
    publisher = filters.CharFilter(
        lookup_expr="iexact", help_text="Publisher, matched whole and ignoring case."
    )
    published = date_range(  # published_after, published_before
        "published_on", "Published on or after (ISO date).", "Published on or before (ISO date)."
    )

    class Meta:
        model = Source
        fields = []


class AttachmentFilterSet(RecordFilterSet):
    """Citations and claims: by source and by the kind of record they are attached to."""

    source = by_slug("source", Source.objects.all(), "Slug of the source; repeat for OR.")
    record_type = ChoiceFilter(
        choices=fact_record_choices,
        method="filter_record_type",
        help_text="Kind of record, as app_label.model (e.g. patrols.patrol).",
    )

    def filter_record_type(self, queryset, name, value: str):
        app_label, _, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


class CitationFilterSet(AttachmentFilterSet):
    class Meta:
        model = Citation
        fields = []


class ClaimFilterSet(AttachmentFilterSet):
    field = filters.CharFilter(help_text="The field the claim is about, e.g. first_flight.")
    confidence = by_choice("confidence", Confidence.choices, "Confidence of the claim.")

    class Meta:
        model = Claim
        fields = []
