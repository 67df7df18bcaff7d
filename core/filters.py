"""The small bases every app's FilterSets build on.

Filters are strict: an unknown slug or code, a choice that does not exist or a malformed number,
date or boolean is a 400 naming the parameter (the filter backend raises on an invalid form),
never a silently empty or unfiltered list.

A pair of bounds (``<name>_min`` / ``<name>_max``, ``<name>_after`` / ``<name>_before``) is one
django-filter range filter (``number_range``, ``date_range``): each bound is cleaned by its own
strict field (a whole number within the column's bounds, an ISO date), either may be left out or
empty, and a bad bound is reported under its own parameter, not the pair's name.

A value naming nothing is refused with the values allowed: a choice's every value, a related
record's keys when there are at most ``MAX_LISTED`` (else where to find them, its list in the
API). An empty value is no filter; a choice field's blank choice ("unknown") is not offered, so
that an empty value means one thing.
"""

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import NoReverseMatch, reverse
from django_filters.fields import DateRangeField, RangeField
from django_filters.widgets import SuffixedMultiWidget

from . import dates
from .filter_rows import SameRowFilters, with_descendants

MAX_LISTED = 30  # a related record's keys listed in an error or the schema, at most

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


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


# Past a column's range the database would drop the condition (and match unknown values too).
FIGURE_BOUNDS = {"min_value": 0, "max_value": 2**31 - 1}
SMALL_BOUNDS = {"min_value": 0, "max_value": 2**15 - 1}  # PositiveSmallIntegerField
YEAR_BOUNDS = {"min_value": 1, "max_value": 9999}  # what a date can hold


class IntegerFilter(filters.NumberFilter):
    """A whole number: ``year=2024.5`` is a 400, not a silent match on nothing."""

    field_class = forms.IntegerField


def as_message(text, code="invalid_choice"):
    """An error whose ``text`` may quote the client's value: given as a parameter, since
    django-filter formats every message with ``%`` (a ``%`` in the value was a 500)."""
    return ValidationError("%(text)s", code=code, params={"text": text})


class ISODateField(forms.DateField):
    """An ISO 8601 calendar date, ``2024-01-31``, and nothing else (no locale formats); a
    refusal says which spelling to use (Django's "Enter a valid date." does not)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return dates.parse_date(str(value).strip())
        except dates.NotISO as error:
            raise as_message(str(error), code="invalid") from None


class BoundErrors(ValidationError):
    """A range field's errors, kept per bound (``{"min": error}``) so the form can report each
    under its own parameter."""

    def __init__(self, by_bound):
        self.by_bound = by_bound
        super().__init__([item for error in by_bound.values() for item in error.error_list])


class StrictBoundsMixin:
    """For a django-filter range field: each bound is cleaned by its own field and reported on
    its own; no bound (or only empty ones) means no filter."""

    def clean(self, value):
        values = [*(value if isinstance(value, (list, tuple)) else ()), None, None][:2]
        bounds, errors = [], {}
        for suffix, field, raw in zip(self.widget.suffixes, self.fields, values, strict=True):
            try:
                bounds.append(field.clean(raw))
            except ValidationError as error:
                errors[suffix] = error
        if errors:
            raise BoundErrors(errors)
        if all(bound is None for bound in bounds):
            return None
        return slice(*bounds)


class StrictIntegerRangeField(StrictBoundsMixin, RangeField):
    """``<name>_min`` / ``<name>_max``: whole numbers within ``min_value``..``max_value``."""

    def __init__(self, *args, min_value=None, max_value=None, **kwargs):
        low = forms.IntegerField(min_value=min_value, max_value=max_value)
        high = forms.IntegerField(min_value=min_value, max_value=max_value)
        super().__init__([low, high], *args, **kwargs)


class ISODateRangeField(StrictBoundsMixin, DateRangeField):
    """``<name>_after`` / ``<name>_before``: ISO dates, compared as dates (django-filter's own
    field would widen them to the start and end of a day, for datetime columns)."""

    def __init__(self, *args, **kwargs):
        super(DateRangeField, self).__init__([ISODateField(), ISODateField()], *args, **kwargs)


class BoundsDocumented:
    """A range filter documenting each of its two parameters (``help_texts`` by suffix; the
    schema shows each, the browsable API's filter form both, as the pair's help text)."""

    def __init__(self, *args, help_texts=None, **kwargs):
        self.help_texts = dict(help_texts or {})
        kwargs.setdefault("help_text", " ".join(self.help_texts.values()))
        super().__init__(*args, **kwargs)


class IntegerRangeFilter(BoundsDocumented, filters.RangeFilter):
    """Inclusive bounds on a whole-number field: ``<name>_min`` and ``<name>_max``."""

    field_class = StrictIntegerRangeField


class ISODateRangeFilter(BoundsDocumented, filters.DateFromToRangeFilter):
    """Inclusive bounds on a date field: ``<name>_after`` and ``<name>_before``."""

    field_class = ISODateRangeField


class FilterForm(forms.Form):
    """The form of every FilterSet: a range's errors are reported under the parameter of the
    bad bound (``crew_min``), as a client wrote it."""

    def add_error(self, field, error):
        if field is not None and isinstance(error, BoundErrors):
            widget = self.fields[field].widget
            for suffix, bound_error in error.by_bound.items():
                name = widget.suffixed(field, suffix)
                errors = self._errors.setdefault(name, self.error_class(renderer=self.renderer))
                errors.extend(bound_error.error_list)
            self.cleaned_data.pop(field, None)
            return
        super().add_error(field, error)


def related_values(queryset, key):
    """The keys (slugs, codes) a related-record filter takes, or None if more than
    ``MAX_LISTED``: too many to list, the list in the API has them."""
    try:
        values = list(queryset.order_by(key).values_list(key, flat=True)[: MAX_LISTED + 1])
    except DatabaseError:  # no tables yet (a schema generated before migrating)
        return None
    return [str(value) for value in values] if len(values) <= MAX_LISTED else None


def where_listed(model):
    """Where a client finds the records a filter may name: their list in the API."""
    try:
        return reverse(f"api:{model._meta.model_name}-list")
    except NoReverseMatch:
        return f"the list of {model._meta.verbose_name_plural}"


class ListsAllowedValues:
    """A value naming nothing is refused with the values allowed (or where to find them)."""

    def allowed_values(self):
        return [str(value) for value, _ in self.choices if value != ""]

    def where_to_find_values(self):
        return ""

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            unknown = [e for e in error.error_list if e.code == "invalid_choice"]
            if not unknown:
                raise
            raise ValidationError(
                [
                    as_message(self.unknown_value_message((e.params or {}).get("value")))
                    for e in unknown
                ],
                code="invalid_choice",
            ) from error

    def unknown_value_message(self, value):
        named = f"{value!s} is" if value is not None else "That is"
        allowed = self.allowed_values()
        if allowed is None:
            return f"{named} not a known value; see {self.where_to_find_values()} for them."
        return f"{named} not one of the allowed values: {', '.join(allowed) or '(none yet)'}."


class RelatedValues(ListsAllowedValues):
    def allowed_values(self):
        return related_values(self.queryset, self.to_field_name or "pk")

    def where_to_find_values(self):
        return where_listed(self.queryset.model)


class RelatedChoiceField(RelatedValues, filters.fields.ModelMultipleChoiceField):
    """Slugs of related records; empty values (an HTML form's untouched field) are ignored."""

    def clean(self, value):
        items = [str(item) for item in value or [] if str(item).strip()]
        if any("\x00" in item for item in items):  # PostgreSQL cannot even compare it
            raise ValidationError("Null characters are not allowed.", code="null_characters")
        return super().clean(items)


class RelatedOneChoiceField(RelatedValues, filters.fields.ModelChoiceField):
    """The slug of one related record."""

    def clean(self, value):
        if value is not None and "\x00" in str(value):
            raise ValidationError("Null characters are not allowed.", code="null_characters")
        return super().clean(value)


class CodeChoiceField(RelatedChoiceField):
    """Country codes are matched in capitals, so ``country=cn`` works as ``country=CN``."""

    def clean(self, value):
        return super().clean([str(item).upper() for item in value or []])


class StrictMultipleChoiceField(ListsAllowedValues, filters.fields.MultipleChoiceField):
    """Choices; empty values are ignored (no filter), an unknown one lists the choices."""

    def clean(self, value):
        return super().clean([str(item) for item in value or [] if str(item).strip()])


class StrictChoiceField(ListsAllowedValues, filters.fields.ChoiceField):
    """One choice; an unknown one lists the choices."""


class RelatedFilter(filters.ModelMultipleChoiceFilter):
    """Matches the related records themselves (the slug only names them in the query string).

    With ``descendants`` (the name of the model's parent field, e.g. ``variant_of``), a record
    named matches the records below it too, at any depth.
    """

    field_class = RelatedChoiceField

    def __init__(self, *args, descendants=None, **kwargs):
        self.descendants = descendants
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, value):
        return {self.field_name: value}

    def filter(self, qs, value):
        if not self.descendants or not value:
            return super().filter(qs, value)
        ids = with_descendants(value, self.descendants)
        qs = self.get_method(qs)(**{f"{self.field_name}__in": ids})
        return qs.distinct() if self.distinct else qs


class RelatedOneFilter(filters.ModelChoiceFilter):
    """One related record named by its slug; an unknown one lists the allowed slugs."""

    field_class = RelatedOneChoiceField


class ChoiceFilter(filters.ChoiceFilter):
    """One choice; an unknown one lists the choices."""

    field_class = StrictChoiceField


class MultipleChoiceFilter(filters.MultipleChoiceFilter):
    """Choices ORed; an unknown one lists the choices."""

    field_class = StrictMultipleChoiceField


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
    """A filter on a choice field; repeat for OR. Unknown values are a 400 listing the choices.
    A blank choice ("unknown") is left out: an empty value is no filter."""
    return MultipleChoiceFilter(
        field_name=field_name,
        choices=[(value, label) for value, label in choices if value != ""],
        help_text=help_text,
        distinct="__" in field_name,  # only a join can repeat rows
    )


def number_range(field_name, what, bounds=FIGURE_BOUNDS):
    """``<name>_min`` and ``<name>_max`` (inclusive) for one numeric field: one range filter
    named after the field, for ``add_filters``."""
    return {
        field_name: IntegerRangeFilter(
            field_name=field_name,
            help_texts={"min": f"{what}: at least this.", "max": f"{what}: at most this."},
            **bounds,
        )
    }


def date_range(field_name, after, before):
    """``<name>_after`` and ``<name>_before`` (inclusive, ISO dates) on one date field; the
    filter's own name gives the parameters' stem. ``after`` and ``before`` document them."""
    return ISODateRangeFilter(field_name=field_name, help_texts={"after": after, "before": before})


def add_filters(filterset_class, new_filters):
    """Add generated filters (such as ``number_range``'s) to a FilterSet after its definition."""
    filterset_class.base_filters.update(new_filters)
    return filterset_class


class RecordFilterSet(SameRowFilters, filters.FilterSet):
    """The base of every FilterSet in the project: its form reports range errors per bound, and
    filters on a ``same_row`` relation are met by one row of it (``core.filter_rows``).

    A bound FilterSet (a request's) holds only the filters whose parameters the request sends:
    django-filter copies every filter and builds every form field (a related filter's
    queryset among them) on each request, which was about 40 % of a list request's time
    although a filter not sent filters nothing. ``every_filter=True`` keeps them all, for a
    form that shows every filter (the browsable API's).
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, every_filter=False):
        if data is not None and not every_filter:
            self.base_filters = {
                name: filter_
                for name, filter_ in type(self).base_filters.items()
                if any(parameter in data for parameter in parameter_names(name, filter_))
            }
        super().__init__(data, queryset, request=request, prefix=prefix)

    def get_form_class(self):
        fields = {name: labelled(name, filter_) for name, filter_ in self.filters.items()}
        return type(f"{type(self).__name__}Form", (FilterForm,), fields)


def parameter_names(name, filter_):
    """The query parameters one filter reads: its name, or a range's two suffixed names."""
    widget = filter_.field.widget
    if isinstance(widget, SuffixedMultiWidget):
        return [widget.suffixed(name, suffix) for suffix in widget.suffixes]
    return [name]


def labelled(name, filter_):
    """A filter's form field labelled as a client writes it, by its parameter names and their
    description ("year_min / year_max: …"), not by django-filter's guess from the ORM path
    ("Start date year is greater than or equal to", or "[invalid name]" for an annotation).
    The field is the filter's own copy (a FilterSet deep-copies its filters)."""
    field = filter_.field
    description = filter_.extra.get("help_text", "")
    names = " / ".join(parameter_names(name, filter_))
    field.label = f"{names}: {description}" if description else names
    field.help_text = ""  # in the label already
    return field
