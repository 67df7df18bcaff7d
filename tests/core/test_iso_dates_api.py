"""The API reads dates in ISO 8601 only: every date a client writes, and ``as_of``.

DRF's own date field reads ``django.utils.dateparse``'s way (``2024-1-2``, ``20240102``, week
dates, other scripts' digits); the project's (``core.api.serializers.StrictDateField``) takes
``YYYY-MM-DD`` and answers anything else with a 400 naming the field and the format; a moment
(``StrictDateTimeField``) is an ISO date and time with its offset. The cases
are generated from the serializers of every resource the router serves, and ``as_of`` from every
viewset that enables it, so a date field or resource added later is covered.
"""

import datetime

import pytest
from rest_framework import serializers

from config.api import router
from core.api.serializers import StrictDateField, StrictDateTimeField
from patrols.models import Patrol
from tests import factories
from tests.api_resources import detail_url, list_url, written
from tests.core.test_iso_dates import ARABIC_INDIC, FULLWIDTH

pytestmark = pytest.mark.django_db

BAD_DATES = [
    "02/01/2024",
    "2024-1-2",
    "2024-02-30",
    ARABIC_INDIC,
    FULLWIDTH,
    "20240102",
    "2024-W01-2",
    "2024-01-02T00:00:00Z",
    " 2024-01-02",
    20240102,
    True,
]
GOOD_DATE, DAY = "2024-01-02", datetime.date(2024, 1, 2)
# A moment is written with its offset (core.api.serializers.StrictDateTimeField): a bare date, a
# space for the T, no offset or another script's digits are refused.
BAD_MOMENTS = [
    "2024-01-02",
    "2024-01-02 03:04Z",
    "2024-01-02T03:04",
    "2024-1-2T3:4Z",
    "02/01/2024 03:04Z",
    "2024-01-02t03:04z",
    f"{ARABIC_INDIC}T03:04Z",
    20240102,
    True,
]
GOOD_MOMENT = "2024-01-02T03:04:00Z"
MOMENT = datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.UTC)


def date_fields(serializer, prefix=""):
    """(path, field) for every date and date-time field of a serializer, nested ones too."""
    found = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.Serializer):
            found += date_fields(field, f"{prefix}{name}.")
        elif isinstance(field, serializers.DateField | serializers.DateTimeField):
            found.append((f"{prefix}{name}", field))
    return found


def written_date_fields():
    """(resource, field path, field) for every date field a client can write."""
    return [
        (prefix, path, field)
        for prefix, viewset, _ in router.registry
        for path, field in date_fields(viewset.serializer_class())
        if not field.read_only
    ]


WRITTEN = written_date_fields()
TOP_LEVEL = [(resource, path) for resource, path, _ in WRITTEN if "." not in path]
# (bad values, a good one as written and read back, as stored, what the refusal names)
SPELLINGS = {
    StrictDateField: (BAD_DATES, GOOD_DATE, DAY, "YYYY-MM-DD"),
    StrictDateTimeField: (BAD_MOMENTS, GOOD_MOMENT, MOMENT, "YYYY-MM-DDTHH:MM"),
}
TOP_LEVEL_SPELT = [
    (resource, path, *SPELLINGS[type(field)])
    for resource, path, field in WRITTEN
    if "." not in path and type(field) in SPELLINGS
]
TOP_LEVEL_IDS = [f"{resource}.{path}" for resource, path, *_ in TOP_LEVEL_SPELT]
AS_OF_RESOURCES = [
    prefix for prefix, viewset, _ in router.registry if getattr(viewset, "as_of_enabled", False)
]


def test_the_api_writes_the_dates_of_patrols_sources_and_aircraft():
    assert {
        ("patrols", "start_date"),
        ("patrols", "end_date"),
        ("sources", "published_on"),
        ("sources", "accessed_on"),
        ("aircraft-types", "first_flight"),
        ("interceptions", "date"),
        ("statements", "date"),
    } <= set(TOP_LEVEL)


@pytest.mark.parametrize(
    ("resource", "path", "field"), WRITTEN, ids=[f"{r}.{p}" for r, p, _ in WRITTEN]
)
def test_every_date_a_client_writes_is_read_strictly(resource, path, field):
    """Nested ones too: one mapping (``RecordSerializer.serializer_field_mapping``) makes them."""
    strict = (
        StrictDateTimeField if isinstance(field, serializers.DateTimeField) else StrictDateField
    )
    assert isinstance(field, strict), f"{resource}: {path} is a {type(field).__name__}"


def record_holding(resource, day):
    """A record of ``resource`` whose patrol, if it has one, ran around ``day``."""
    record = written(resource)
    patrol = getattr(record, "patrol", None)
    if isinstance(patrol, Patrol):
        Patrol.objects.filter(pk=patrol.pk).update(
            start_date=day - datetime.timedelta(days=1), end_date=day + datetime.timedelta(days=1)
        )
    return record


def test_every_top_level_date_is_tested_for_its_spelling():
    assert [(resource, path) for resource, path, *_ in TOP_LEVEL_SPELT] == TOP_LEVEL
    assert ("zone-entries", "entered_at") in TOP_LEVEL  # a moment, spelt with its offset


@pytest.mark.parametrize(
    ("resource", "name", "bad", "good", "value", "format_"), TOP_LEVEL_SPELT, ids=TOP_LEVEL_IDS
)
def test_a_date_not_spelt_yyyy_mm_dd_is_a_400_naming_the_field(
    curator_api_client, resource, name, bad, good, value, format_
):
    """A date-time field is held to its own spelling: an ISO date and time with its offset."""
    record = record_holding(resource, DAY)
    stored = getattr(type(record).objects.get(pk=record.pk), name)

    for spelt in bad:
        response = curator_api_client.patch(
            detail_url(resource, record), {name: spelt}, format="json"
        )

        assert response.status_code == 400, (spelt, response.content)
        body = response.json()
        assert list(body) == [name], (spelt, body)
        assert format_ in body[name][0], (spelt, body)
    assert getattr(type(record).objects.get(pk=record.pk), name) == stored


@pytest.mark.parametrize(
    ("resource", "name", "bad", "good", "value", "format_"), TOP_LEVEL_SPELT, ids=TOP_LEVEL_IDS
)
def test_a_date_spelt_yyyy_mm_dd_is_written(
    curator_api_client, resource, name, bad, good, value, format_
):
    record = record_holding(resource, DAY)

    response = curator_api_client.patch(detail_url(resource, record), {name: good}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()[name] == good
    assert getattr(type(record).objects.get(pk=record.pk), name) == value


def test_a_patrol_posted_with_a_locale_date_is_refused_and_not_stored(curator_api_client):
    """The example: 02/01/2024 is 2 January in London and 1 February in Washington."""
    source = factories.SourceFactory()

    response = curator_api_client.post(
        list_url("patrols"),
        {
            "slug": "locale-patrol",
            "name": "Locale patrol",
            "kind": "exercise",
            "start_date": "02/01/2024",
            "sources": [source.slug],
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["start_date"]
    assert not Patrol.objects.filter(slug="locale-patrol").exists()


def test_the_schema_documents_written_dates_as_iso_dates(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    properties = schema["components"]["schemas"]["Patrol"]["properties"]

    assert (properties["start_date"]["type"], properties["start_date"]["format"]) == (
        "string",
        "date",
    )


# --- as_of ----------------------------------------------------------------------------------------

BAD_AS_OF = [
    "2024-1-2 3:4",
    "2024-01-02 03:04",
    "02/01/2024 10:00",
    "02/01/2024",
    "2024-01-02",
    "2024-01-02t03:04z",
    "20240102T030405Z",
    "2024-01-02T03:04:05.1234567Z",
    "2024-01-02T03:04+0100",
    "2024-01-02T24:00Z",
    f"{ARABIC_INDIC}T03:04Z",
    f"{FULLWIDTH}T03:04Z",
    "yesterday",
]


def as_of_urls(resource):
    record = written(resource)
    return [list_url(resource), detail_url(resource, record)]


@pytest.mark.parametrize("resource", AS_OF_RESOURCES)
def test_an_as_of_not_in_iso_8601_is_a_400_naming_it(api_client, resource):
    for url in as_of_urls(resource):
        for value in BAD_AS_OF:
            response = api_client.get(url, {"as_of": value})

            assert response.status_code == 400, (url, value, response.content)
            body = response.json()
            assert list(body) == ["as_of"], (url, value, body)
            assert "ISO 8601 date and time" in body["as_of"][0], (url, value, body)


@pytest.mark.parametrize("resource", AS_OF_RESOURCES)
def test_an_as_of_in_iso_8601_is_answered(api_client, resource):
    for url in as_of_urls(resource):
        for value in [
            "2099-01-02T03:04",
            "2099-01-02T03:04:05",
            "2099-01-02T03:04:05.123456",
            "2099-01-02T03:04Z",
            "2099-01-02T03:04:05+01:00",
            "2099-01-02T03:04:05.5-05:30",
        ]:
            response = api_client.get(url, {"as_of": value})

            assert response.status_code == 200, (url, value, response.content)


def test_the_example_as_of_is_refused_with_the_spelling_to_use(api_client):
    """``parse_datetime`` read 2024-1-2 3:4 as 2 January 03:04: a guess, not ISO 8601."""
    response = api_client.get(list_url("patrols"), {"as_of": "2024-1-2 3:4"})

    assert response.status_code == 400
    assert "YYYY-MM-DDTHH:MM" in response.json()["as_of"][0]


def test_a_date_alone_is_refused_as_an_as_of(api_client):
    """Start or end of that day? Either answer could be wrong, so neither is given."""
    response = api_client.get(list_url("patrols"), {"as_of": "2024-01-02"})

    assert response.status_code == 400
    assert "Give a time too" in response.json()["as_of"][0]


def test_an_as_of_offset_names_the_same_moment_as_utc(api_client):
    patrol = factories.PatrolFactory(slug="timed")
    created = Patrol.history.get(id=patrol.pk).history_date.astimezone(datetime.UTC)
    paris = datetime.timezone(datetime.timedelta(hours=1))
    before = (created - datetime.timedelta(seconds=1)).astimezone(paris)
    after = (created + datetime.timedelta(seconds=1)).astimezone(paris)

    def found(moment):
        text = moment.isoformat()
        assert text.endswith("+01:00")
        return api_client.get(list_url("patrols"), {"as_of": text}).json()["count"]

    assert (found(before), found(after)) == (0, 1)
