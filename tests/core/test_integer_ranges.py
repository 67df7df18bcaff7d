"""Integer fields refuse the same numbers on SQLite as on PostgreSQL (core/integer_ranges.py):
every integer field of every data model, and a write through the API."""

import pytest
from django.core.exceptions import ValidationError

from core.apps import data_app_configs
from core.integer_ranges import portable_range
from tests import factories

pytestmark = pytest.mark.django_db


def integer_fields():
    for config in data_app_configs():
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                bounds = portable_range(field)
                if bounds is not None:
                    yield pytest.param(model, field, bounds, id=f"{model._meta.label}.{field.name}")


FIELDS = list(integer_fields())


def test_there_are_integer_fields_to_check():
    assert FIELDS


@pytest.mark.parametrize(("model", "field", "bounds"), FIELDS)
def test_a_number_past_the_fields_range_is_refused_on_every_database(model, field, bounds):
    low, high = bounds
    for value in (high + 1, low - 1, 10**20):
        with pytest.raises(ValidationError):
            field.run_validators(value)


def test_a_count_past_smallint_is_a_400_naming_it(curator_api_client):
    patrol = factories.PatrolFactory()
    factories.CitationFactory(content_object=patrol)
    participation = factories.ParticipationFactory(patrol=patrol)

    response = curator_api_client.patch(
        f"/api/v1/participations/{participation.pk}/", {"count": 99_999_999_999}, format="json"
    )

    assert response.status_code == 400, response.content
    assert "count" in response.json()
    participation.refresh_from_db()
    assert participation.count != 99_999_999_999
