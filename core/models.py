"""Abstract bases and constraint helpers every data model builds on; no concrete model.

- ``TimeStampedModel``: created/updated times, a version history, and Django's natural-key
  protocol (``natural_key()`` / ``get_by_natural_key()``), the one source of how a record is named
  in URLs, CSV, spreadsheet imports and the dataset.
- ``*_constraint``: CHECK constraints Django does not add by itself; each takes the constraint's
  name, which by convention is ``%(app_label)s_%(class)s_<rule>``.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from .geojson import GEOMETRY_TYPES


def choices_constraint(field, choices, name):
    """A database CHECK that ``field`` holds one of ``choices`` (Django does not add one)."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def count_constraint(field, name):
    """Counts are unknown (null) or at least one: zero aircraft is not a participation."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1}), name=name
    )


def year_constraint(field, name, nullable=True):
    """Years are plausible: 1900–2100 (or unknown, when the field allows it)."""
    in_range = Q(**{f"{field}__gte": 1900, f"{field}__lte": 2100})
    condition = (Q(**{f"{field}__isnull": True}) | in_range) if nullable else in_range
    return models.CheckConstraint(condition=condition, name=name)


def geometry_constraint(field, name):
    """The database half of geometry validation: null or a known GeoJSON geometry type.

    A value without a ``type`` key makes the IN test unknown, which a CHECK would let pass;
    coalescing unknown to false refuses it.
    """
    known_type = Coalesce(
        Q(**{f"{field}__type__in": GEOMETRY_TYPES}),
        models.Value(False),
        output_field=models.BooleanField(),
    )
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(known_type), name=name
    )


def not_own_parent_constraint(field, name):
    """A record is not its own direct parent (longer loops: ``is_own_ancestor``)."""
    return models.CheckConstraint(condition=~Q(**{field: models.F("pk")}), name=name)


def is_own_ancestor(instance, parent_field):
    """Whether following ``parent_field`` upwards from ``instance`` leads back to it.

    A form or the loader asks before saving; the database's own check covers only direct
    self-reference (and, for aircraft types, a trigger covers longer loops).
    """
    if instance.pk is None:
        return False
    ancestor, seen = getattr(instance, parent_field), set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == instance.pk:
            return True
        seen.add(ancestor.pk)
        ancestor = getattr(ancestor, parent_field)
    return False


@functools.cache
def natural_key_field(model):
    """The one field that names a record of ``model`` outside the database: the model's
    ``NATURAL_KEY`` if it declares one, else its ``slug``, else its id (``"pk"``)."""
    declared = getattr(model, "NATURAL_KEY", None)
    if declared:
        return declared
    try:
        model._meta.get_field("slug")
    except FieldDoesNotExist:
        return "pk"
    return "slug"


class NaturalKeyQuerySet(models.QuerySet):
    """``get_by_natural_key`` for Django's natural-key protocol (serializers, fixtures)."""

    def get_by_natural_key(self, key):
        return self.get(**{natural_key_field(self.model): key})


class TimeStampedModel(models.Model):
    """Every data record: when it was created and last changed, and every version it has had.

    ``history`` (django-simple-history) is inherited, so each concrete subclass gets its own
    ``Historical<Model>`` table holding one row per saved version, with the user and the reason.
    """

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)
    history = HistoricalRecords(inherit=True)

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (getattr(self, natural_key_field(type(self))),)


def replace_links(existing, wanted, create):
    """Make a record's link rows (citations, regions crossed) exactly ``wanted``, keeping those
    that stay. ``existing`` maps a target's id to its link row, ``wanted`` to the target.

    Rows are deleted and created one by one, so the signals that stamp the record as edited and
    the history of each link see every change (a bulk ``set()`` would bypass both).
    """
    for key, link in existing.items():
        if key not in wanted:
            link.delete()
    for key, target in wanted.items():
        if key not in existing:
            create(target)
