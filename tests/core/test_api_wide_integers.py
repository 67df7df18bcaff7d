"""A JSON field may hold an integer wider than 64 bits (a curator's breakdown, a point's number):
every list and record that shows it still answers, with the number exact, not a 500 (orjson
refuses such integers; the renderer falls back to DRF's encoder)."""

import json

import pytest
from django.db import IntegrityError, models, transaction

from tests.core.resource_cases import API, RESOURCES

pytestmark = pytest.mark.django_db

WIDE = 10**30


def json_fields(model):
    return [
        field.name for field in model._meta.concrete_fields if isinstance(field, models.JSONField)
    ]


CASES = [
    pytest.param(resource, name, id=f"{resource.path}-{name}")
    for resource in RESOURCES
    for name in json_fields(resource.factory._meta.model)
]


def test_some_resource_has_a_json_field():
    assert CASES


def candidates(value):
    """Values holding ``WIDE`` that the field's database rules might take: the stored value with
    it added, then bare shapes."""
    if isinstance(value, dict):
        yield {**value, "wide": WIDE}
    if isinstance(value, list):
        yield [*value, WIDE]
        if value and isinstance(value[0], dict):
            yield [{**value[0], "n": WIDE}, *value[1:]]
    yield [WIDE]
    yield {"wide": WIDE}
    yield {"type": "Point", "coordinates": [0, 0], "wide": WIDE}


def store_wide(record, name):
    """Store ``WIDE`` in the field as the database takes it (skipping model validation, as a
    curator's value from before a rule or a bulk import would be)."""
    rows = type(record).objects.filter(pk=record.pk)
    for value in candidates(getattr(record, name)):
        try:
            with transaction.atomic():
                rows.update(**{name: value})
            return
        except IntegrityError:
            continue
    pytest.fail(f"no value holding a wide integer fits {name}'s database rules")


@pytest.mark.parametrize(("resource", "name"), CASES)
def test_a_wide_integer_in_a_json_field_is_shown_exactly(api_client, resource, name):
    record = resource.factory()
    store_wide(record, name)

    listed = api_client.get(f"{API}/{resource.path}/")
    detail = api_client.get(f"{API}/{resource.path}/{resource.key_of(record)}/")

    for response in (listed, detail):
        assert response.status_code == 200
        assert str(WIDE) in response.content.decode()
        json.loads(response.content)  # well-formed
