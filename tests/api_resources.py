"""Every API resource, with the factory that builds one of its records and the key in its URL."""

from reference.models import Citation, SourcedModel
from tests import factories
from tests.core import resource_cases

# name -> (factory, the attribute its URL uses), derived from the one description of every
# resource (tests/core/resource_cases.py), so a resource added there is covered everywhere.
RESOURCES = {
    resource.path: (resource.factory, "pk" if resource.key == "id" else resource.key)
    for resource in resource_cases.RESOURCES
}


def list_url(resource):
    return f"/api/v1/{resource}/"


def detail_url(resource, record):
    _, key = RESOURCES[resource]
    return f"{list_url(resource)}{getattr(record, key)}/"


def build(resource, **kwargs):
    factory, _ = RESOURCES[resource]
    return factory(**kwargs)


def written(resource, **kwargs):
    """A record as every write path leaves it: a fact record cites a source (and a citation
    is not its record's last)."""
    record = build(resource, **kwargs)
    if isinstance(record, SourcedModel):
        factories.CitationFactory(content_object=record)
    if isinstance(record, Citation):  # its record cites another source too: it may go
        factories.CitationFactory(content_object=record.content_object)
    return record
