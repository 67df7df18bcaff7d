"""No admin page answers 500 to a malformed value in its address (issue 10, the review after it).

Generated from the admin registry, so a new admin is covered: every admin's add form with
malformed initial values for every field of its form (``?country=abc``: dropped, the good ones
still fill the form); every admin's object pages (change, delete, history, a version) with
malformed ids (Django's answer to a bad id: the index with a message, or a 404); every admin's
list with every sort index and malformed ones (a column that cannot be sorted is ignored); the
autocomplete's refusals in JSON. The NUL cases fail only on PostgreSQL; they run on both.
"""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_headers
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from core.changelist import MAX_SEARCH_TERMS
from tests.core.admin_pages import FACTORIES, admin_params, admin_url, model_id
from tests.core.test_admin_malformed_queries import AUTOCOMPLETES, autocomplete

pytestmark = pytest.mark.django_db

ADMINS = sorted(admin.site._registry, key=model_id)
HISTORIES = [
    model for model in ADMINS if isinstance(admin.site._registry[model], SimpleHistoryAdmin)
]
MALFORMED_INITIAL = {
    "letters": "abc",
    "superscript-two": "²",
    "two-ids": "1,2",
    "twenty-digits": "9" * 20,
    "negative": "-1",
    "nul": "a\x00b",
    "three-hundred-characters": "x" * 300,
}
MALFORMED_IDS = {
    "letters": "abc",
    "superscript-two": "²",
    "thirty-digits": "9" * 30,
    "nul-inside": "a\x00b",
    "nul-after-a-number": "1\x00",
}
MALFORMED_SORTS = ["1.5", "1.-1", "abc", "²", "9" * 30, "", "-", "..", "1.1.1", "-0", "a\x00b"]


def add_form_fields(model, user):
    request = RequestFactory().get(admin_url(model, "add"))
    request.user = user
    model_admin = admin.site._registry[model]
    if not model_admin.has_add_permission(request):
        return None  # read-only (loader stamps, sign-in attempts): no add form
    return model_admin.get_form(request, None, change=False).base_fields


def relation_fields(fields):
    return {name: field for name, field in fields.items() if isinstance(field, ModelChoiceField)}


def to_query(params):
    # The test client would drop a NUL; the address carries it percent-encoded.
    return "?" + "&".join(f"{quote(name)}={quote(value, safe='')}" for name, value in params)


# --- 1. Initial values of the add form ------------------------------------------------------------


@pytest.mark.parametrize("value", list(MALFORMED_INITIAL.values()), ids=list(MALFORMED_INITIAL))
@pytest.mark.parametrize("model", admin_params(ADMINS))
def test_an_initial_value_the_form_cannot_take_is_dropped(
    superuser_client, superuser_once, model, value
):
    fields = add_form_fields(model, superuser_once)
    if fields is None:
        pytest.skip("no add form")
    response = superuser_client.get(
        admin_url(model, "add") + to_query([(name, value) for name in fields])
    )

    assert response.status_code == 200
    initial = response.context["adminform"].form.initial
    for name, field in relation_fields(fields).items():
        if name in initial:  # kept only where it names records (``1,2`` of a many-to-many)
            field.clean(initial[name])


@pytest.mark.parametrize("model", admin_params(ADMINS))
def test_a_good_initial_value_still_fills_the_form(superuser_client, superuser_once, model):
    fields = relation_fields(add_form_fields(model, superuser_once) or {})
    good = {name: field.queryset.first() for name, field in fields.items()}
    good = {name: record for name, record in good.items() if record is not None}
    if not good:
        pytest.skip("no related field with a record to offer")
    query = [(name, str(record.pk)) for name, record in good.items()]

    response = superuser_client.get(admin_url(model, "add") + to_query(query))

    assert response.status_code == 200
    form = response.context["adminform"].form
    for name, record in good.items():
        many = isinstance(fields[name], ModelMultipleChoiceField)
        assert form.initial[name] == ([str(record.pk)] if many else str(record.pk)), name
        shown = form[name].value()
        assert str(record.pk) in [str(value) for value in (shown if many else [shown])], name


def test_the_reported_initial_values_are_answered(superuser_client):
    for address in (
        "/admin/reference/organization/add/?country=abc",
        "/admin/reference/organization/add/?country=%C2%B2",
        "/admin/reference/organization/add/?country=a%00b",
        "/admin/patrols/participation/add/?patrol=1,2",
        "/admin/patrols/participation/add/?patrol=99999999999999999999",
        "/admin/aircraft/aircrafttype/add/?variant_of=abc",
        "/admin/reference/region/add/?parent=abc",
        "/admin/reference/citation/add/?source=abc",
    ):
        assert superuser_client.get(address).status_code == 200, address


# --- 2. Object ids: change, delete, history and a version -----------------------------------------


def assert_no_such_object(response, missing):
    """Django's answer to a change page's bad id: the index, with a message; or a 404; or, on a
    page the admin refuses to the user whatever the id (``missing``: its answer to an id that
    names no record), that refusal."""
    if response.status_code == 302:
        assert response["Location"] == reverse("admin:index"), response["Location"]
    elif missing.status_code == 403:
        assert response.status_code == 403
    else:
        assert response.status_code == 404, response.status_code


@pytest.mark.parametrize("object_id", list(MALFORMED_IDS.values()), ids=list(MALFORMED_IDS))
@pytest.mark.parametrize("model", admin_params(ADMINS))
def test_a_malformed_object_id_is_no_such_object_on_every_object_page(
    superuser_client, model, object_id
):
    changelist = admin_url(model, "changelist")
    pages = ["change", "delete", "history"]
    if model in HISTORIES:
        pages.append("history/1")
    for page in pages:
        missing = superuser_client.get(f"{changelist}999999/{page}/")
        response = superuser_client.get(f"{changelist}{quote(object_id, safe='')}/{page}/")

        assert_no_such_object(response, missing)


@pytest.mark.parametrize("version_id", list(MALFORMED_IDS.values()), ids=list(MALFORMED_IDS))
@pytest.mark.parametrize("model", admin_params(HISTORIES))
def test_a_malformed_version_id_is_no_such_version(superuser_client, model, version_id):
    record = model._default_manager.first()
    url = admin_url(model, "history", record.pk) + quote(version_id, safe="") + "/"

    assert superuser_client.get(url).status_code == 404


@pytest.mark.parametrize("model", admin_params(HISTORIES))
def test_a_good_history_and_version_still_open(superuser_client, model):
    record = model._default_manager.first()
    version = record.history.first()

    assert superuser_client.get(admin_url(model, "history", record.pk)).status_code == 200
    url = admin_url(model, "simple_history", record.pk, version.history_id)
    assert superuser_client.get(url).status_code == 200


def test_every_admin_with_versions_is_covered():
    assert len(HISTORIES) >= len(FACTORIES) - 1  # every data model (not the loader's stamps)


# --- 3. Sorting -----------------------------------------------------------------------------------


def changelist_of(response):
    assert response.status_code == 200, response.status_code
    return response.context["cl"]


def order_of(client, url, sort):
    response = client.get(url, {"o": sort})
    assert response.status_code == 200, (sort, response.status_code)
    return list(response.context["cl"].queryset.query.order_by)


@pytest.mark.parametrize("model", admin_params(ADMINS))
def test_every_sort_index_and_malformed_ones_are_answered(superuser_client, model):
    url = admin_url(model, "changelist")
    columns = len(changelist_of(superuser_client.get(url)).list_display)
    sorts = [str(index) for index in range(-columns - 1, columns + 2)] + MALFORMED_SORTS
    for sort in sorts:
        response = superuser_client.get(url + to_query([("o", sort)]))

        if "\x00" in sort:  # refused as a filter is, with Django's ?e=1
            assert response.status_code == 302 and response["Location"].endswith("?e=1")
        else:
            assert response.status_code == 200, sort


@pytest.mark.parametrize("model", admin_params(ADMINS))
def test_a_column_sorts_exactly_when_the_list_offers_to_sort_by_it(superuser_client, model):
    url = admin_url(model, "changelist")
    cl = changelist_of(superuser_client.get(url))
    for index, header in enumerate(result_headers(cl)):
        ascending = order_of(superuser_client, url, str(index))
        descending = order_of(superuser_client, url, f"-{index}")

        # A column the list cannot sort by is skipped both ways, leaving the same order.
        assert (ascending != descending) == header["sortable"], header["text"]


def test_the_generic_record_columns_are_not_sortable(superuser_client):
    for address in ("/admin/reference/claim/", "/admin/reference/citation/"):
        for sort in ("1", "-1", "1.5", "2.1", "-2.-1"):
            assert superuser_client.get(address, {"o": sort}).status_code == 200, (address, sort)


# --- 6. The autocomplete's refusals are JSON ------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "field"), AUTOCOMPLETES, ids=[f"{m._meta.label}.{f}" for m, f in AUTOCOMPLETES]
)
def test_the_autocompletes_refusals_are_json_naming_the_reason(superuser_client, model, field):
    words = " ".join(f"word{n}" for n in range(MAX_SEARCH_TERMS + 1))
    for term, reason in ((words, "at most 10 different words"), ("a\x00b", "NUL")):
        response = autocomplete(superuser_client, model, field, term)

        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert reason in response.json()["error"]


def test_an_autocomplete_for_a_field_it_does_not_serve_is_a_json_403(superuser_client):
    query = {"app_label": "reference", "model_name": "organization", "field_name": "nope"}
    response = superuser_client.get(f"{reverse('admin:autocomplete')}?{urlencode(query)}")

    assert response.status_code == 403
    assert response.json()["error"]
