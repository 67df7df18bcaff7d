"""The curated data arrives with its history: every record, citation and claim the loader writes
has a first version saying where it came from, so ``as_of`` and revert work on it at once."""

import pytest
from django.apps import apps
from django.utils import timezone

from curation.loading import LOADER_CHANGE_REASON
from patrols.models import Patrol
from reference.models import Citation, Claim

pytestmark = pytest.mark.django_db


def tracked_models():
    return [
        model
        for label in ("reference", "aircraft", "patrols")
        for model in apps.get_app_config(label).get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    ]


def test_every_loaded_record_has_a_version_with_the_loaders_reason(loaded):
    for model in tracked_models():
        records = model.objects.count()
        versions = model.history.filter(history_type="+")

        assert versions.count() == records, model.__name__
        assert set(versions.values_list("history_change_reason", flat=True)) <= {
            LOADER_CHANGE_REASON
        }, model.__name__


def test_citations_and_claims_loaded_in_bulk_have_versions_too(loaded):
    assert Citation.history.count() == Citation.objects.count() > 1000
    assert Claim.history.count() == Claim.objects.count() > 0


def test_the_curated_patrols_can_be_read_as_of_now(loaded, api_client):
    moment = timezone.now().isoformat().replace("+00:00", "Z")

    then = api_client.get("/api/v1/patrols/", {"as_of": moment, "page_size": 100}).json()
    now = api_client.get("/api/v1/patrols/", {"page_size": 100}).json()

    assert then["count"] == Patrol.objects.count()
    by_slug = {p["slug"]: p for p in now["results"]}
    for past in then["results"]:
        current = by_slug[past["slug"]]
        for key in ("name", "participations", "regions", "sources", "aircraft_known_minimum"):
            assert past[key] == current[key], (past["slug"], key)
