"""Every fact record cites at least one source, on every write path and for every kind of fact
record, found from the API registry, the admin site and the import resources (so a new one is
covered): a write that would leave a record citing nothing is refused and changes nothing."""

import pytest
import tablib
from django.contrib import admin

from reference.admin import SourcedAdmin
from reference.models import Citation, SourcedModel, fact_record_models
from reference.resources import SourcedResource
from tests import factories
from tests.admin_forms import posted_data
from tests.api_resources import RESOURCES, build, detail_url
from tests.core.admin_pages import admin_url, model_id

pytestmark = pytest.mark.django_db

SOURCED_RESOURCES = [
    name
    for name, (factory, _) in RESOURCES.items()
    if issubclass(factory._meta.model, SourcedModel)
]
SOURCED_ADMIN_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SourcedAdmin)
    ),
    key=model_id,
)


def cited(record):
    factories.CitationFactory(content_object=record)
    return record


def snapshot(record):
    model = type(record)
    return (
        model.objects.filter(pk=record.pk).values().get(),
        list(Citation.objects.values_list("pk", "source_id")),
    )


def test_every_kind_of_fact_record_is_covered_by_the_generated_cases():
    """A fact model without an API resource or an admin would escape the cases below."""
    models = set(fact_record_models())
    assert {RESOURCES[name][0]._meta.model for name in SOURCED_RESOURCES} == models
    assert set(SOURCED_ADMIN_MODELS) == models


@pytest.mark.parametrize("resource", SOURCED_RESOURCES)
def test_the_api_refuses_to_take_every_source_away(curator_api_client, resource):
    record = cited(build(resource))
    before = snapshot(record)

    response = curator_api_client.patch(
        detail_url(resource, record), {"sources": []}, format="json"
    )

    assert response.status_code == 400
    assert "Cite at least one source" in response.json()["sources"][0]
    assert snapshot(record) == before


@pytest.mark.parametrize("resource", SOURCED_RESOURCES)
def test_the_api_refuses_a_change_that_leaves_a_record_citing_nothing(curator_api_client, resource):
    record = build(resource)  # cites nothing (made outside the write path)
    before = snapshot(record)

    response = curator_api_client.patch(
        detail_url(resource, record), {"confidence": "confirmed"}, format="json"
    )

    assert response.status_code == 400
    assert "cites none" in response.json()["sources"][0]
    assert snapshot(record) == before


@pytest.mark.parametrize("model", SOURCED_ADMIN_MODELS, ids=model_id)
def test_the_admin_refuses_to_save_a_record_whose_sources_are_all_removed(curator_client, model):
    resource = next(name for name, (f, _) in RESOURCES.items() if f._meta.model is model)
    record = cited(build(resource))
    url = admin_url(model, "change", record.pk)
    data = posted_data(curator_client.get(url))
    prefix = "reference-citation-content_type-object_id"
    data[f"{prefix}-0-DELETE"] = "on"
    before = snapshot(record)

    response = curator_client.post(url, data)

    assert response.status_code == 200
    assert "Cite at least one source" in response.content.decode()
    assert snapshot(record) == before


def sourced_resources():
    return sorted(
        (cls for cls in _subclasses(SourcedResource) if cls._meta.model is not None),
        key=lambda cls: cls.__name__,
    )


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.parametrize("resource_class", sourced_resources(), ids=lambda cls: cls.__name__)
def test_an_import_row_with_no_source_is_refused(resource_class):
    model = resource_class._meta.model
    resource_name = next(name for name, (f, _) in RESOURCES.items() if f._meta.model is model)
    record = cited(build(resource_name))
    exported = resource_class().export(queryset=model.objects.filter(pk=record.pk))
    exported_row = dict(zip(exported.headers, exported[0], strict=True))
    exported_row["sources"] = ""
    dataset = tablib.Dataset(headers=exported.headers)
    dataset.append([exported_row[header] for header in exported.headers])
    before = snapshot(record)

    result = resource_class().import_data(dataset, dry_run=False, raise_errors=False)

    (invalid,) = result.invalid_rows
    assert "Cite at least one source" in " ".join(invalid.error_dict["sources"])
    assert snapshot(record) == before
