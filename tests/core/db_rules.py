"""Helpers for the data-rule tests: a statement the database refuses, the errors
``full_clean()`` names, a row that may not be deleted, and polygon rings."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

OPEN_RING = [[130, 35], [135, 35], [135, 40], [130, 40]]
CLOSED_RING = [*OPEN_RING, [130, 35]]


@contextmanager
def refused_by_the_database(*errors):
    """The statement inside fails in the database; the savepoint keeps the test usable."""
    with pytest.raises(errors or IntegrityError), transaction.atomic():
        yield


def field_errors(instance):
    """What ``full_clean()`` reports, field by field (empty when it passes)."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def assert_protected(row):
    with pytest.raises(ProtectedError):
        row.delete()
    assert type(row).objects.filter(pk=row.pk).exists()
