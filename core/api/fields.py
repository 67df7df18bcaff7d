"""Compact related records: read as a small object, written as the slug or code that names them.

One call should answer one question, so a related record is shown with enough to read it (its
slug or code, its name, its URL) without a second request; a client writing data names it by
the same slug or code it sees.
"""

import functools

from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, get_script_prefix, resolve, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField

from ..models import natural_key_field


@functools.lru_cache(maxsize=1024)
def list_path(view_name, script_prefix):
    """The path of a resource's list under ``script_prefix`` (what ``reverse()`` gives while
    that prefix is set), reversed once per process rather than once per page."""
    return reverse(f"api:{view_name}-list")


class ResourceURLs:
    """Absolute API URLs of records: each resource's list URL is reversed once (per process and
    script prefix) and made absolute once per serializer or page, then keys are appended, so a
    page of nested records makes no ``reverse()`` per row.
    """

    def __init__(self, request=None):
        self.request, self.prefixes = request, {}

    def __call__(self, view_name, key):
        prefix = self.prefixes.get(view_name)
        if prefix is None:
            path = list_path(view_name, get_script_prefix())
            prefix = self.request.build_absolute_uri(path) if self.request else path
            self.prefixes[view_name] = prefix
        return f"{prefix}{key}/"


@functools.cache
def resource_model(view_name):
    """The model of the API resource ``view_name`` names (its router basename), or None."""
    try:
        view = resolve(reverse(f"api:{view_name}-list")).func
    except NoReverseMatch:
        return None
    queryset = getattr(getattr(view, "cls", None), "queryset", None)
    return queryset.model if queryset is not None else None


class LinksToResources:
    """For fields: a ``ResourceURLs`` bound to the serializer's request on first use."""

    _urls = None

    def resource_url(self, view_name, key):
        if self._urls is None:
            self._urls = ResourceURLs(self.context.get("request"))
        return self._urls(view_name, key)


class CompactRelatedField(LinksToResources, serializers.RelatedField):
    """A related record as ``{<key>: …, "name": …, "url": …}``; written as the key's value.

    ``key`` is the related model's natural key field (``core.models.natural_key_field``: a slug,
    a country's code), the model being the field's queryset's or the related resource's;
    ``key=`` is needed only to show another field.
    ``name_attr`` is the attribute shown as the name; ``view_name`` the router basename of the
    related resource, used to build its URL.
    """

    default_error_messages = {
        "does_not_exist": "No {model} has the {lookup} {value!r}.",
        "incorrect_type": "Expected the {lookup} as a string, got {data_type}.",
    }
    DEFAULT_KEY = "slug"  # where the related model cannot be known (no such resource)

    def __init__(self, view_name, key=None, name_attr="name", **kwargs):
        self.view_name, self._key, self.name_attr = view_name, key, name_attr
        super().__init__(**kwargs)

    @property
    def key(self):
        if self._key is None:
            model = self.related_model()
            if model is None:
                return self.DEFAULT_KEY
            self._key = natural_key_field(model)
        return self._key

    def related_model(self):
        """The model of the records this field shows: its queryset's, else the related
        resource's (whose URLs the field builds from the key)."""
        if self.queryset is not None:
            return self.queryset.model
        return resource_model(self.view_name)

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update((key, kwargs[key]) for key in kwargs if key in MANY_RELATION_KWARGS)
        return CompactRelatedListField(**list_kwargs)

    def use_pk_only_optimization(self):
        return False

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("incorrect_type", lookup=self.key, data_type=type(data).__name__)
        queryset = self.get_queryset()
        try:
            if "\x00" in data:  # PostgreSQL cannot even compare it; no record has it
                raise ObjectDoesNotExist
            return queryset.get(**{self.key: data})
        except (ObjectDoesNotExist, ValueError, TypeError):
            self.fail(
                "does_not_exist",
                model=queryset.model._meta.verbose_name,
                lookup=self.key,
                value=data,
            )

    def to_representation(self, value):
        key = getattr(value, self.key)
        return {
            self.key: key,
            "name": str(getattr(value, self.name_attr)),
            "url": self.resource_url(self.view_name, key),
        }

    def get_choices(self, cutoff=None):
        # The browsable API would otherwise render every row as an <option>; a slug is typed.
        return {}


class CompactRelatedListField(ManyRelatedField):
    """A list of compact related records; anything but a JSON list is refused (DRF would take
    an object as an empty list)."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
class SelfURLField(LinksToResources, serializers.Field):
    """The record's own API URL (built without a ``reverse()`` per row)."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def to_representation(self, instance):
        key = getattr(instance, natural_key_field(type(instance)))
        return self.resource_url(type(instance)._meta.model_name, key)
