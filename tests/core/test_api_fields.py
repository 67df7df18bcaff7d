"""``fields=`` and ``brief=true`` choose the fields of a list or a record, on every resource, in
JSON and CSV; an unknown field is a 400 listing the fields, a repeated parameter is refused
(core/api/selection.py)."""

import csv
import io

import pytest
from django.urls import resolve

from core.api.selection import brief_fields, readable_fields
from tests.api_resources import RESOURCES, build, detail_url, list_url

pytestmark = pytest.mark.django_db


def view_class(resource):
    return resolve(list_url(resource)).func.cls


def serializer_class(resource):
    return view_class(resource).serializer_class


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_fields_chooses_the_fields_of_a_list_and_a_record(resource, api_client):
    record = build(resource)
    shown = readable_fields(serializer_class(resource))
    chosen = shown[-2:]

    page = api_client.get(list_url(resource), {"fields": ",".join(chosen)})
    one = api_client.get(detail_url(resource, record), {"fields": ",".join(chosen)})

    assert page.status_code == one.status_code == 200, page.content
    assert [set(row) for row in page.json()["results"]] == [set(chosen)]
    assert set(one.json()) == set(chosen)


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_brief_is_the_url_key_and_name(resource, api_client):
    record = build(resource)
    model = view_class(resource).queryset.model
    brief = brief_fields(serializer_class(resource), model)

    one = api_client.get(detail_url(resource, record), {"brief": "true"})
    page = api_client.get(list_url(resource), {"brief": "true"})

    assert one.status_code == page.status_code == 200, one.content
    assert "url" in brief and len(brief) >= 2
    assert set(one.json()) == set(brief)
    assert [set(row) for row in page.json()["results"]] == [set(brief)]


def test_brief_and_fields_together_give_both(api_client):
    patrol = build("patrols")
    body = api_client.get(
        detail_url("patrols", patrol), {"brief": "true", "fields": "start_date"}
    ).json()
    assert set(body) == {"url", "slug", "name", "start_date"}


def test_brief_false_and_empty_fields_choose_nothing(api_client):
    patrol = build("patrols")
    full = api_client.get(detail_url("patrols", patrol)).json()
    assert api_client.get(detail_url("patrols", patrol), {"brief": "false"}).json() == full
    assert api_client.get(detail_url("patrols", patrol), {"fields": ""}).json() == full


def test_a_field_named_twice_counts_once(api_client):
    build("patrols")
    rows = api_client.get(list_url("patrols"), {"fields": "slug,slug"}).json()["results"]
    assert rows == [{"slug": rows[0]["slug"]}]


def test_an_unknown_field_is_a_400_listing_the_fields(api_client):
    response = api_client.get(list_url("patrols"), {"fields": "slug,nonsense"})
    assert response.status_code == 400
    message = response.json()["fields"][0]
    assert "nonsense" in message and "start_date" in message


@pytest.mark.parametrize("query", ["fields=slug&fields=name", "brief=true&brief=true", "brief=yes"])
def test_a_repeated_or_bad_choice_is_a_400(query, api_client):
    response = api_client.get(f"{list_url('patrols')}?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


def test_the_fast_patrol_list_honours_them(api_client):
    """Patrols' JSON pages are built from plain rows; a choice of fields takes the general path
    and gives the same values."""
    build("patrols")
    full = api_client.get(list_url("patrols")).json()["results"][0]
    chosen = api_client.get(list_url("patrols"), {"fields": "slug,participations"}).json()
    assert chosen["results"] == [{"slug": full["slug"], "participations": full["participations"]}]


def test_csv_honours_fields(api_client):
    build("patrols")
    response = api_client.get(list_url("patrols"), {"format": "csv", "fields": "slug,name"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == ["slug", "name"]


def test_writes_and_histories_refuse_them(curator_api_client):
    patrol = build("patrols")
    history = curator_api_client.get(detail_url("patrols", patrol) + "history/?fields=slug")
    write = curator_api_client.patch(
        detail_url("patrols", patrol) + "?brief=true", {"summary": "x"}, format="json"
    )
    assert history.status_code == write.status_code == 400


def resource_read(path):
    """Whether ``path`` is a list or a record of a resource the router serves (config.api):
    ``/api/v1/<prefix>/`` or ``/api/v1/<prefix>/{key}/``; not the root, a record's history,
    stats, or an endpoint of its own like the token's."""
    head, _, rest = path.removeprefix("/api/v1/").partition("/")
    record_key = rest.startswith("{") and rest.endswith("}/") and rest.count("{") == 1
    return head in RESOURCES and (rest == "" or record_key)


def test_the_schema_documents_them_on_reads(schema):
    reads = set()
    for path, methods in schema["paths"].items():
        names = {p["name"] for p in methods.get("get", {}).get("parameters", [])}
        if resource_read(path):
            reads.add(path)
            assert {"fields", "brief"} <= names, path
        for method in ("post", "put", "patch", "delete"):
            if method in methods:
                assert not {"fields", "brief"} & {
                    p["name"] for p in methods[method].get("parameters", [])
                }, (path, method)
    assert {list_url(resource) for resource in RESOURCES} <= reads  # every resource's list
    assert len(reads) == 2 * len(RESOURCES)  # and its record
