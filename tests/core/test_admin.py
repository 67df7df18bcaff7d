"""The admin is the curators' tool: every page opens and lists stay cheap.

Every model of the data apps is registered, and a curator opens its changelist, add and change
pages; the changelists make a bounded number of queries whatever the number of rows. The patrol
admin's forms, permissions and filters are in tests/patrols/test_admin_*.py.
"""

import pytest
from django.contrib import admin

from aircraft.models import AircraftType
from core.apps import data_app_labels
from curation.models import LoadStamp
from patrols.models import Participation, Patrol
from reference.models import Citation, Claim
from tests.core.admin_pages import FACTORIES, admin_url, model_id, populate

pytestmark = pytest.mark.django_db


ADMIN_APPS = [*data_app_labels(), "curation"]
REGISTERED_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in [*data_app_labels(), "curation"]
    ),
    key=lambda model: model._meta.label,
)
READ_ONLY_MODELS = {LoadStamp}


# --- Every page opens -----------------------------------------------------------------------------


def test_every_model_of_the_data_apps_is_registered_and_has_a_factory():
    assert set(REGISTERED_MODELS) == set(FACTORIES)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_a_curator_can_open_the_changelist_of_every_model(curator_client, model):
    FACTORIES[model]()

    response = curator_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1


@pytest.mark.parametrize(
    "model", [m for m in REGISTERED_MODELS if m not in READ_ONLY_MODELS], ids=model_id
)
def test_a_curator_can_open_the_add_form_of_every_editable_model(curator_client, model):
    response = curator_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_a_curator_can_open_the_change_form_of_every_model(curator_client, model):
    obj = FACTORIES[model]()

    response = curator_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


# --- Changelists make a bounded number of queries -------------------------------------------------


# Measured with 50 patrols (50 patrols, 52 aircraft types, 100 participations shown, 100 of 150
# citations, 100 claims): patrol 14, aircraft type 9, participation 8, citation 10 and claim 10
# queries (one per kind of cited record), the same with 5 patrols, on SQLite and PostgreSQL
# alike. Each bound allows two more; one query per row would add at least five even to the
# 5-patrol lists, so it cannot hide under the bound.
QUERY_BOUNDS = {
    Patrol: 16,
    AircraftType: 11,
    Participation: 10,
    Citation: 12,
    Claim: 12,
}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("model", list(QUERY_BOUNDS), ids=model_id)
def test_a_changelist_makes_a_bounded_number_of_queries_whatever_the_number_of_rows(
    curator_client, django_assert_max_num_queries, model, rows
):
    populate(rows)
    url = admin_url(model, "changelist")
    curator_client.get(url)  # warm the content-type cache, as a running server would have it

    with django_assert_max_num_queries(QUERY_BOUNDS[model]):
        response = curator_client.get(url)

    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count == model.objects.count()
    assert len(changelist.result_list) == min(model.objects.count(), changelist.list_per_page)
