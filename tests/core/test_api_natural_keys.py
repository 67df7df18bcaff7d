"""A record's key is declared once, by its model (``core.models.natural_key_field``).

URLs, compact related records, CSV cells and the patrol list's fast pages all take it from there:
a slug, a country's code (``Country.NATURAL_KEY``), else the id.
"""

import csv
import io

import pytest
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField

from config.api import router
from core.api.csv import cells
from core.api.fields import CompactRelatedField, resource_model
from core.models import TimeStampedModel, natural_key_field
from patrols.api import pages
from reference.models import Country
from tests import factories
from tests.api_resources import RESOURCES, build

pytestmark = pytest.mark.django_db

VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}
BY_BASENAME = {basename: viewset for _, viewset, basename in router.registry}


def compact_fields(serializer, path=""):
    """(path, field) for every compact related field a serializer shows, nested ones too."""
    for name, field in serializer.fields.items():
        child = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(child, CompactRelatedField):
            yield f"{path}{name}", child
        nested = field.child if isinstance(field, serializers.ListSerializer) else field
        if isinstance(nested, serializers.Serializer):
            yield from compact_fields(nested, f"{path}{name}.")


COMPACT = [
    (f"{prefix}:{path}", field)
    for prefix, viewset in VIEWSETS.items()
    for path, field in compact_fields(viewset.serializer_class())
]


def test_a_country_is_named_by_its_declared_key_and_others_by_slug_or_id():
    assert Country.NATURAL_KEY == "code"
    keys = {prefix: viewset.lookup_field for prefix, viewset in VIEWSETS.items()}
    assert keys["countries"] == "code"
    assert keys["patrols"] == keys["sources"] == "slug"
    assert keys["participations"] == keys["citations"] == "pk"


@pytest.mark.parametrize(("where", "field"), COMPACT, ids=[where for where, _ in COMPACT])
def test_a_compact_related_record_shows_its_models_natural_key(where, field):
    model = field.queryset.model if field.queryset is not None else resource_model(field.view_name)
    assert field.key == natural_key_field(model)
    assert BY_BASENAME[field.view_name].queryset.model is model  # its URLs use the same key


def test_a_related_country_reads_and_writes_by_its_code(api_client):
    organization = factories.OrganizationFactory(country=factories.CountryFactory(code="CN"))

    shown = api_client.get(f"/api/v1/organizations/{organization.slug}/").json()["country"]

    assert shown == {"code": "CN", "name": organization.country.name, "url": shown["url"]}
    assert shown["url"].endswith("/api/v1/countries/CN/")


def csv_rows(response):
    text = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_take_each_related_records_natural_key(api_client):
    patrol = factories.PatrolFactory()
    participation = factories.ParticipationFactory(
        patrol=patrol, operator=factories.OrganizationFactory(country=factories.CountryFactory())
    )
    statement = factories.StatementFactory(patrol=patrol)
    country = participation.operator.country

    for response in (
        api_client.get("/api/v1/patrols/", {"format": "csv"}),
        api_client.get(f"/api/v1/patrols/{patrol.slug}/", {"format": "csv"}),
    ):
        (row,) = csv_rows(response)
        assert row["countries"] == country.code  # a country: its code
        statements = row["statements"]  # a nested fact record: its fields, its status with them
        assert f"slug={statement.slug}" in statements
        assert f"organization={statement.organization.slug}" in statements
        assert f"confidence={statement.confidence}" in statements
        described = row["participations"]  # a nested record named by its id: its fields
        assert f"aircraft_type={participation.aircraft_type.slug}" in described
        assert f"operator={participation.operator.slug}" in described
        assert f"country={country.code}" in described
        assert "id=" not in described and "url=" not in described


def test_csv_columns_follow_the_serializer():
    serializer = VIEWSETS["patrols"].serializer_class()
    readable = [name for name, field in serializer.fields.items() if not field.write_only]
    assert list(cells(serializer)) == readable


def test_the_fast_patrol_pages_name_related_records_by_their_natural_keys():
    country = pages.PARTICIPATION["country"]
    assert (country.key, country.key_name, country.view_name) == (
        "operator__country__code",
        "code",
        "country",
    )
    assert pages.REGION.key == "region__slug"
    assert pages.SOURCE.columns == ("source__slug", "source__title")


KEYED = sorted(
    name
    for name, (factory, _) in RESOURCES.items()
    if issubclass(factory._meta.model, TimeStampedModel)  # not the bare regions-crossed link
)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", KEYED)
def test_every_record_is_found_again_by_its_natural_key(resource):
    """Django's natural-key protocol, the one source of a record's key: ``natural_key()`` names
    the record, ``get_by_natural_key()`` finds it."""
    record = build(resource)
    manager = type(record)._default_manager

    assert manager.get_by_natural_key(*record.natural_key()) == record
