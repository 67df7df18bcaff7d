"""A data set file that gives one natural key (a slug, a country's code) to two records is
refused naming both, for every data model that has one, and nothing is written."""

import json

import pytest

from core.models import natural_key_field
from curation import dataset

from .support import empty_the_database, refusal, rewrite, rows_everywhere

pytestmark = pytest.mark.django_db

KEYED = [model for model in dataset.data_models() if natural_key_field(model) != "pk"]


@pytest.mark.parametrize("model", KEYED, ids=dataset.label)
def test_a_natural_key_given_to_two_records_is_refused(exported, model):
    document = json.loads(exported.read_text(encoding="utf-8"))
    name, field = dataset.label(model), natural_key_field(model)
    records = document["records"][name]
    assert records, f"the sample has no {name}"
    first = records[0]
    copy = {"pk": max(record["pk"] for record in records) + 1000, "fields": dict(first["fields"])}
    records.append(copy)
    document["counts"][name] += 1
    rewrite(exported, document)
    empty_the_database()

    message = refusal(exported)

    value = first["fields"][field]
    assert f"{name} {field} {value!r} is given to several records" in message
    assert f"pk {first['pk']}, {copy['pk']}" in message
    assert rows_everywhere() == 0
