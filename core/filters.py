"""The small bases every app's FilterSets build on.

Filters are strict: an unknown slug or code, a choice that does not exist or a malformed number,
date or boolean is a 400 naming the parameter (the filter backend raises on an invalid form),
never a silently empty or unfiltered list.
"""

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError

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


class BaseFilterSet(filters.FilterSet):
    """The base of every FilterSet in the project (kept for shared behaviour and naming)."""
