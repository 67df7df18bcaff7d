"""``fields=`` and ``brief=true``: a read answers with the fields a client chose.

``fields`` is a comma-separated list of the resource's fields (``fields=slug,name,start_date``);
a name the resource does not show is a 400 listing those it does, a name given twice counts once
and an empty value chooses nothing (every field). ``brief=true`` answers with a record's brief
form: its URL, its key (slug, code or id) and its name (``name``, ``designation`` or ``title``),
or what its serializer's ``Meta.brief_fields`` names. Given together, the answer holds the brief
fields and the chosen ones. Both apply to lists and records, in JSON, CSV and ``as_of``; nested
records keep their own shape.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from ..models import natural_key_field

FIELDS = "fields"
BRIEF = "brief"
READS = ("list", "retrieve")  # the actions that take them
NAMES = ("name", "designation", "title")  # what names a record, in this order of preference
BRIEF_VALUES = {"true": True, "false": False}


def readable_fields(serializer_class):
    """The names of the fields a serializer shows, in its order."""
    serializer = serializer_class(context={"request": None})
    return [name for name, field in serializer.fields.items() if not field.write_only]


def brief_fields(serializer_class, model):
    """A record's brief form: ``Meta.brief_fields``, else its URL, key and name."""
    declared = getattr(serializer_class.Meta, "brief_fields", None)
    if declared is not None:
        return tuple(declared)
    shown = readable_fields(serializer_class)
    key = natural_key_field(model)
    wanted = ["url", "id" if key == "pk" else key]
    wanted += [name for name in NAMES if name in shown][:1]
    return tuple(name for name in wanted if name in shown)


def chosen_fields(view):
    """The fields the request chose (a set), or None for every field; a bad choice is a 400."""
    params = view.request.query_params
    if view.action not in READS or not ({FIELDS, BRIEF} & set(params)):
        return None
    serializer_class = view.get_serializer_class()
    chosen = set()
    brief = params.get(BRIEF, "")
    if brief not in ("", *BRIEF_VALUES):
        raise ValidationError({BRIEF: ["Use true or false."]})
    if BRIEF_VALUES.get(brief):
        chosen.update(brief_fields(serializer_class, view.get_queryset().model))
    names = [name.strip() for name in params.get(FIELDS, "").split(",") if name.strip()]
    if names:
        shown = readable_fields(serializer_class)
        unknown = [name for name in dict.fromkeys(names) if name not in shown]
        if unknown:
            raise ValidationError(
                {FIELDS: [f"Unknown field: {', '.join(unknown)}. Choose from: {', '.join(shown)}."]}
            )
        chosen.update(names)
    return chosen or None


def select(serializer, chosen):
    """Keep only the ``chosen`` fields of ``serializer`` (of each row, for a list)."""
    if chosen is None:
        return serializer
    target = getattr(serializer, "child", serializer)
    for name in list(target.fields):
        if name not in chosen:
            target.fields.pop(name)
    return serializer


def selection_parameters(serializer_class, model):
    """The two parameters as the schema documents them."""
    shown = readable_fields(serializer_class)
    brief = ", ".join(brief_fields(serializer_class, model))
    return [
        OpenApiParameter(
            FIELDS,
            {
                "type": "array",
                "items": {"type": "string", "enum": shown},
                "maxItems": len(shown),
                "uniqueItems": True,
            },
            style="form",
            explode=False,
            description=(
                "Answer with only these fields, comma-separated (fields=url,name); a field named "
                "twice counts once, an unknown one is a 400 listing the fields. Nested records "
                "keep their shape."
            ),
        ),
        OpenApiParameter(
            BRIEF,
            {"type": "string", "enum": list(BRIEF_VALUES)},
            description=(
                f"true: answer with the brief form of each record ({brief}); with fields, "
                "those fields as well."
            ),
        ),
    ]


class RecordSchema(AutoSchema):
    """A resource's reads document ``fields`` and ``brief``; since a choice leaves fields out,
    the resource's own representation requires none of its fields (nested records, which keep
    their shape, still do)."""

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        own = getattr(self.view, "get_serializer_class", None)
        if direction == "response" and own is not None and type(serializer) is own():
            schema.pop("required", None)
        return schema

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        view = self.view
        if getattr(view, "action", None) in READS and hasattr(view, "get_serializer_class"):
            model = view.get_queryset().model
            parameters = [*parameters, *selection_parameters(view.get_serializer_class(), model)]
        return parameters
