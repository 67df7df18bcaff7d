"""Every API resource, with the factory that builds one of its records and the key in its URL."""

from reference.models import SourcedModel
from tests import factories

RESOURCES = {
    "countries": (factories.CountryFactory, "code"),
    "organizations": (factories.OrganizationFactory, "slug"),
    "regions": (factories.RegionFactory, "slug"),
    "sources": (factories.SourceFactory, "slug"),
    "citations": (factories.CitationFactory, "pk"),
    "claims": (factories.ClaimFactory, "pk"),
    "manufacturers": (factories.ManufacturerFactory, "slug"),
    "capabilities": (factories.CapabilityFactory, "slug"),
    "aircraft-types": (factories.AircraftTypeFactory, "slug"),
    "aircraft-capabilities": (factories.AircraftCapabilityFactory, "pk"),
    "weapons": (factories.WeaponFactory, "slug"),
    "armaments": (factories.ArmamentFactory, "pk"),
    "inventories": (factories.InventoryFactory, "pk"),
    "patrols": (factories.PatrolFactory, "slug"),
    "patrol-regions": (factories.PatrolRegionFactory, "pk"),
    "participations": (factories.ParticipationFactory, "pk"),
    "interceptions": (factories.InterceptionFactory, "pk"),
    "statements": (factories.StatementFactory, "slug"),
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
    """A record as every write path leaves it: a fact record cites a source."""
    record = build(resource, **kwargs)
    if issubclass(type(record), SourcedModel):
        factories.CitationFactory(content_object=record)
    return record
