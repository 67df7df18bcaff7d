"""Query parameters: an endpoint reads exactly what it documents, and refuses anything else.

Generated from the URL conf (every route of ``config.api.router``: lists, records, histories,
list actions such as ``patrols/stats``, and the API root) and from every FilterSet's filters, so
a new endpoint or filter is covered without touching this file.
"""

import re

import pytest
from django.urls import reverse
from django_filters import MultipleChoiceFilter

from config.api import router
from core.api.params import MAX_VALUES, filterset_parameters
from tests.core.resource_cases import assert_json_error

pytestmark = pytest.mark.django_db

UNKNOWN = "no_such_parameter"
ACCEPTS = re.compile(r"This endpoint accepts: (.*)\.$")


def routes():
    """``(url, action)`` for every route under /api/v1/; a record's key is ``1`` (the query is
    checked before the record is looked up)."""
    found = [("/api/v1/", "root")]
    for _, viewset, basename in router.registry:
        found.append((reverse(f"api:{basename}-list"), "list"))
        lookup = viewset.lookup_url_kwarg or viewset.lookup_field
        found.append((reverse(f"api:{basename}-detail", kwargs={lookup: "1"}), "retrieve"))
        for action in viewset.get_extra_actions():
            kwargs = {lookup: "1"} if action.detail else {}
            url = reverse(f"api:{basename}-{action.url_name}", kwargs=kwargs)
            found.append((url, action.url_path))
    return found


ROUTES = routes()


def filtersets():
    """``(list url, parameter, repeatable)`` for every parameter of every FilterSet."""
    cases = []
    for _, viewset, basename in router.registry:
        filterset_class = getattr(viewset, "filterset_class", None)
        if filterset_class is None:
            continue
        for name, repeatable in filterset_parameters(filterset_class).items():
            cases.append((reverse(f"api:{basename}-list"), name, repeatable))
    return cases


FILTERS = filtersets()


def accepted_by(response):
    """The parameters a 400 for an unknown one lists as accepted."""
    (message,) = response.json()[UNKNOWN]
    return set(ACCEPTS.search(message).group(1).split(", "))


# --- The issue's examples ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/patrols/?aircraft=h-6n", "aircraft"),
        ("/api/v1/patrols/?yr=2023", "yr"),
        ("/api/v1/citations/?record_id=9", "record_id"),
    ],
)
def test_the_issues_unknown_parameters_are_400s_naming_them(api_client, url, parameter):
    body = assert_json_error(api_client.get(url), 400, parameter)

    assert list(body) == [parameter]
    assert "accepts:" in body[parameter][0]
    assert "aircraft_type" in body[parameter][0] or "record_type" in body[parameter][0]


@pytest.mark.parametrize("query", ["year=2019&year=2024", "year=2024&year=2019"])
def test_a_year_given_twice_is_a_400_naming_it(api_client, query):
    body = assert_json_error(api_client.get(f"/api/v1/patrols/?{query}"), 400, "year")

    assert "2 times" in body["year"][0]


def test_a_repeatable_filter_given_twice_ors_its_values(api_client):
    response = api_client.get("/api/v1/patrols/?kind=exercise&kind=joint_strategic_patrol")

    assert response.status_code == 200, response.content


def test_every_unknown_parameter_is_named_at_once(api_client):
    response = api_client.get("/api/v1/patrols/?yr=1&colour=blue&year=1&year=2")

    assert set(assert_json_error(response, 400)) == {"yr", "colour", "year"}


# --- Every route ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "action"), ROUTES, ids=[url for url, _ in ROUTES])
def test_every_route_refuses_an_unknown_parameter_listing_the_accepted_ones(
    api_client, url, action
):
    response = api_client.get(f"{url}?{UNKNOWN}=1")

    assert_json_error(response, 400, UNKNOWN)
    assert "format" in accepted_by(response)


@pytest.mark.parametrize(("url", "action"), ROUTES, ids=[url for url, _ in ROUTES])
def test_every_route_refuses_format_given_twice(api_client, url, action):
    assert_json_error(api_client.get(f"{url}?format=json&format=json"), 400, "format")


LISTS = [url for url, action in ROUTES if action == "list"]


@pytest.mark.parametrize("url", LISTS)
def test_writes_refuse_an_unknown_parameter_too(curator_api_client, url):
    response = curator_api_client.post(f"{url}?{UNKNOWN}=1", {}, format="json")

    assert_json_error(response, 400, UNKNOWN)


def test_what_each_get_operation_accepts_is_what_the_schema_documents(api_client, schema):
    checked = 0
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        documented = {p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"}

        accepted = accepted_by(api_client.get(f"{url}?{UNKNOWN}=1"))

        assert accepted - {"format"} == documented - {"format"}, path
        checked += 1
    assert checked == len([r for r in ROUTES if r[1] != "root"])


def test_repeatable_parameters_are_exploded_arrays_in_the_schema_and_others_are_not(schema):
    checked = 0
    for path, methods in schema["paths"].items():
        # patrols/stats/ takes the patrols' filters
        repeatable = {name for url, name, can in FILTERS if can and path.startswith(url)}
        for parameter in methods.get("get", {}).get("parameters", []):
            if parameter["in"] != "query" or parameter["name"] in ("ordering", "fields"):
                continue  # ordering and fields are one comma-separated value (explode: false)
            is_array = parameter["schema"].get("type") == "array"
            assert is_array == (parameter["name"] in repeatable), (path, parameter["name"])
            if is_array:
                assert parameter["explode"] is True
                assert parameter["schema"]["maxItems"] == MAX_VALUES
                assert f"at most {MAX_VALUES} values" in parameter["description"]
                checked += 1
    assert checked > 50


# --- Every filter --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "name", "repeatable"), FILTERS, ids=[f"{url}?{name}" for url, name, _ in FILTERS]
)
def test_a_filter_given_twice_is_refused_unless_repeatable(api_client, url, name, repeatable):
    response = api_client.get(f"{url}?{name}=&{name}=")

    if repeatable:
        assert response.status_code == 200, response.content
    else:
        assert "2 times" in assert_json_error(response, 400, name)[name][0]


@pytest.mark.parametrize(
    ("url", "name", "repeatable"), FILTERS, ids=[f"{url}?{name}" for url, name, _ in FILTERS]
)
def test_every_filter_is_accepted_and_an_empty_value_is_no_filter(
    api_client, url, name, repeatable
):
    assert api_client.get(f"{url}?{name}=").status_code == 200


def test_repeatable_means_a_multiple_choice_filter():
    for _, viewset, _ in router.registry:
        for name, filter_ in viewset.filterset_class.base_filters.items():
            if isinstance(filter_, MultipleChoiceFilter):
                assert filterset_parameters(viewset.filterset_class)[name] is True


@pytest.mark.parametrize("count", [MAX_VALUES, MAX_VALUES + 1])
def test_a_repeatable_filter_takes_at_most_max_values(api_client, count):
    query = "&".join(["kind=exercise"] * count)

    response = api_client.get(f"/api/v1/patrols/?{query}")

    if count <= MAX_VALUES:
        assert response.status_code == 200
    else:
        assert f"At most {MAX_VALUES}" in assert_json_error(response, 400, "kind")["kind"][0]


# --- Empty values: the schema and the behaviour agree -------------------------------------------


def test_every_optional_query_parameter_the_schema_allows_empty_is_accepted_empty(
    api_client, schema
):
    for path, methods in schema["paths"].items():
        if "{" in path or "get" not in methods:
            continue
        parameters = [p for p in methods["get"].get("parameters", []) if p["in"] == "query"]
        required = {p["name"]: p["schema"]["enum"][0] for p in parameters if p.get("required")}
        for parameter in parameters:
            if not parameter.get("allowEmptyValue"):
                assert parameter.get("required"), (path, parameter["name"])
                continue
            query = "&".join([f"{parameter['name']}=", *(f"{k}={v}" for k, v in required.items())])
            response = api_client.get(f"{path}?{query}")
            assert response.status_code == 200, (path, parameter["name"], response.content)


def test_an_empty_group_by_is_refused_and_not_documented_as_allowed(api_client, schema):
    (group_by,) = [
        p
        for p in schema["paths"]["/api/v1/patrols/stats/"]["get"]["parameters"]
        if p["name"] == "group_by"
    ]

    assert "allowEmptyValue" not in group_by
    assert_json_error(api_client.get("/api/v1/patrols/stats/?group_by="), 400, "group_by")


def test_as_of_is_documented_as_a_date_time(schema):
    for path in ("/api/v1/patrols/", "/api/v1/aircraft-types/{slug}/"):
        (as_of,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "as_of"]
        assert as_of["schema"] == {"type": "string", "format": "date-time"}
