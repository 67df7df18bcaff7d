"""Integer fields hold the same range on every database.

PostgreSQL refuses a ``smallint`` above 32,767 and Django's validators say so there; SQLite
stores any integer and Django gives its fields no range, so the same write was a 400 on one
database and stored on the other (and then broke what reads it). Every integer field of a data
model gets the portable range (PostgreSQL's, Django's defaults) as validators, so the admin's
forms, the API's serializers, spreadsheet imports and the loader refuse an out-of-range number
on SQLite exactly as on PostgreSQL.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

RANGES = BaseDatabaseOperations.integer_field_ranges


def portable_range(field):
    """``(min, max)`` for an integer field on every database, or None for other fields."""
    if not isinstance(field, models.IntegerField) or isinstance(field, models.AutoField):
        return None
    return RANGES.get(field.get_internal_type())


def bound_integer_fields(configs):
    """Add the portable range to every integer field of the models of ``configs`` (the data
    apps'; once)."""
    for config in configs:
        for model in config.get_models(include_auto_created=True):
            for field in model._meta.concrete_fields:
                bounds = portable_range(field)
                if bounds is None or getattr(field, "_portable_range", False):
                    continue
                low, high = bounds
                field._validators = [
                    *field._validators,
                    MinValueValidator(low),
                    MaxValueValidator(high),
                ]
                field.__dict__.pop("validators", None)  # computed lazily: recompute
                field._portable_range = True
