"""A dataset file's dates and timestamps are ISO 8601 only, as ``export_dataset`` writes them.

Django's deserializer reads them leniently (``2024-1-2``, other scripts' digits, a timestamp
without its offset in the server's time zone); ``import_dataset`` reads them with ``core.dates``
and refuses any other spelling, naming the record and the field, and writes nothing. The cases
are generated from the data models: every date and date-time field a dataset file holds.
"""

import json

import pytest
from django.db import models

from curation import dataset
from tests.core.test_iso_dates import ARABIC_INDIC

from .support import empty_the_database, refusal, rewrite, rows_everywhere

pytestmark = pytest.mark.django_db

NOT_ISO_DATES = ["02/01/2024", "2024-1-2", ARABIC_INDIC, "20240102", 20240102]


def dataset_date_fields():
    return [
        pytest.param(model, name, id=f"{dataset.label(model)}.{name}")
        for model in dataset.data_models()
        for name, field in dataset.serialized_fields(model).items()
        if isinstance(field, models.DateField)
    ]


DATASET_DATES = dataset_date_fields()
NOT_ISO_DATETIMES = [
    "2024-01-02 03:04:05Z",
    "2024-01-02T03:04:05",
    "2024-1-2T3:4Z",
    "02/01/2024 03:04",
    "2024-01-02",
]


def test_the_dataset_holds_dates_and_timestamps():
    names = {param.id for param in DATASET_DATES}
    assert {"patrols.patrol.start_date", "patrols.patrol.updated_at"} <= names
    assert "curation.loadstamp.record_updated_at" in names


@pytest.mark.parametrize(("model", "name"), DATASET_DATES)
def test_a_date_not_in_iso_in_a_dataset_is_refused_naming_the_record_and_field(
    exported, model, name
):
    document = json.loads(exported.read_text(encoding="utf-8"))
    record = document["records"][dataset.label(model)][0]
    field = model._meta.get_field(name)
    values = NOT_ISO_DATETIMES if isinstance(field, models.DateTimeField) else NOT_ISO_DATES
    empty_the_database()

    for value in values:
        record["fields"][name] = value
        rewrite(exported, document)

        message = refusal(exported)

        assert f"{dataset.label(model)} pk {record['pk']}, field {name}: " in message, value
        assert "ISO 8601" in message, message
    assert rows_everywhere() == 0
