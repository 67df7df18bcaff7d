"""FilterSets for the reference records, and the small bases every app's FilterSets build on.

Filters are strict: an unknown slug or code, a choice that does not exist or a malformed number,
date or boolean is a 400 naming the parameter (the filter backend raises on an invalid form),
never a silently empty or unfiltered list.
"""

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError

from .models import (
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
    fact_record_models,
)

TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no"}


class StrictBooleanField(forms.Field):
    """``true``/``false`` (or 1/0, yes/no); anything else is an error, not 'no filter'."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise ValidationError("Use true or false.", code="invalid")


class BooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


# Past a column's range the database would drop the condition (and match unknown values too).
FIGURE_BOUNDS = {"min_value": 0, "max_value": 2**31 - 1}
SMALL_BOUNDS = {"min_value": 0, "max_value": 2**15 - 1}  # PositiveSmallIntegerField
YEAR_BOUNDS = {"min_value": 1, "max_value": 9999}  # what a date can hold


class IntegerFilter(filters.NumberFilter):
    """A whole number: ``year=2024.5`` is a 400, not a silent match on nothing."""

    field_class = forms.IntegerField


class RelatedChoiceField(filters.fields.ModelMultipleChoiceField):
    """Slugs of related records; empty values (an HTML form's untouched field) are ignored."""

    def clean(self, value):
        items = [str(item) for item in value or [] if str(item).strip()]
        if any("\x00" in item for item in items):  # PostgreSQL cannot even compare it
            raise ValidationError("Null characters are not allowed.", code="null_characters")
        return super().clean(items)


class CodeChoiceField(RelatedChoiceField):
    """Country codes are matched in capitals, so ``country=cn`` works as ``country=CN``."""

    def clean(self, value):
        return super().clean([str(item).upper() for item in value or []])


class RelatedFilter(filters.ModelMultipleChoiceFilter):
    """Matches the related records themselves (the slug only names them in the query string)."""

    field_class = RelatedChoiceField

    def get_filter_predicate(self, value):
        return {self.field_name: value}


def by_slug(field_name, queryset, help_text, key="slug", **kwargs):
    """A filter on a related record named by its slug (or code); repeat the parameter for OR."""
    return RelatedFilter(
        field_name=field_name,
        to_field_name=key,
        queryset=queryset,
        help_text=help_text,
        distinct=True,
        **kwargs,
    )


def by_country(field_name, help_text):
    """A filter on a country by its ISO alpha-2 code; repeat for OR."""
    filter_ = by_slug(field_name, Country.objects.all(), help_text, key="code")
    filter_.field_class = CodeChoiceField
    return filter_


def by_choice(field_name, choices, help_text):
    """A filter on a choice field; repeat for OR. Unknown values are a 400 listing the choices."""
    return filters.MultipleChoiceFilter(
        field_name=field_name,
        choices=choices,
        help_text=help_text,
        distinct="__" in field_name,  # only a join can repeat rows
    )


def number_range(field_name, what, bounds=FIGURE_BOUNDS):
    """``<name>_min`` and ``<name>_max`` filters (inclusive) for one numeric field."""
    return {
        f"{field_name}_min": IntegerFilter(
            field_name=field_name,
            lookup_expr="gte",
            help_text=f"{what}: at least this.",
            **bounds,
        ),
        f"{field_name}_max": IntegerFilter(
            field_name=field_name,
            lookup_expr="lte",
            help_text=f"{what}: at most this.",
            **bounds,
        ),
    }


def add_filters(filterset_class, new_filters):
    """Add generated filters (such as ``number_range``'s) to a FilterSet after its definition."""
    filterset_class.base_filters.update(new_filters)
    return filterset_class


def fact_record_choices():
    """``app_label.model`` of every fact record, as citations and claims name their records."""
    labels = sorted(
        f"{model._meta.app_label}.{model._meta.model_name}" for model in fact_record_models()
    )
    return [(label, label) for label in labels]


class BaseFilterSet(filters.FilterSet):
    """The base of every FilterSet in the project (kept for shared behaviour and naming)."""


class SourcedFilterSet(BaseFilterSet):
    """Filters every fact record shares: confidence, disputed, and the sources it cites."""

    confidence = by_choice(
        "confidence", Confidence.choices, "Confidence of the record; repeat for OR."
    )
    disputed = BooleanFilter(
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


class CountryFilterSet(BaseFilterSet):
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


class SourceFilterSet(BaseFilterSet):
    kind = by_choice("kind", SourceKind.choices, "Kind of source; repeat for OR.")
    reliability = by_choice(
        "reliability", Reliability.choices, "Reliability grade (NATO admiralty scale A–F)."
    )
    language = filters.CharFilter(help_text="ISO 639 language code, e.g. en, ru, zh, ja.")
    publisher = filters.CharFilter(
        lookup_expr="iexact", help_text="Publisher, matched whole and ignoring case."
    )
    published_after = filters.DateFilter(
        field_name="published_on", lookup_expr="gte", help_text="Published on or after (ISO date)."
    )
    published_before = filters.DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="Published on or before (ISO date)."
    )

    class Meta:
        model = Source
        fields = []


class AttachmentFilterSet(BaseFilterSet):
    """Citations and claims: by source and by the kind of record they are attached to."""

    source = by_slug("source", Source.objects.all(), "Slug of the source; repeat for OR.")
    record_type = filters.ChoiceFilter(
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
