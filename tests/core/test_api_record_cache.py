"""A list page's records kept as their JSON (core/api/record_cache.py): a page made of kept records
is the page built, byte for byte and ETag for ETag; it is never older than the last write, whatever
the write touched; each site address keeps its own; and a cache outage costs speed only.

The lists and their orderings come from the router (every viewset declaring ``fast_list``), what a
record shows from the page builder's declarations (``patrols.api.pages``), so a new fast list, a
new ordering or a new related record is covered.
"""

import json

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from config.api import router
from core.api.cache_version import cache_version, source_digest
from core.api.fields import resource_model
from core.prepared import PreparedValues
from curation.models import DatasetVersion
from patrols.api import pages
from patrols.models import Patrol
from tests import factories
from tests.core import dependencies
from tests.core.test_api_script_prefix import script_prefix

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("record_cache")]

FAST_LISTS = {
    f"/api/v1/{prefix}/": viewset for prefix, viewset, _ in router.registry if viewset.fast_list
}
ORDERED_READS = [
    f"{url}?ordering={sign}{field}"
    for url, viewset in FAST_LISTS.items()
    for field in viewset.ordering_fields
    for sign in ("", "-")
]
PATROLS = "/api/v1/patrols/"
# Every related record a patrol's JSON names, as the page builder declares it: its model and the
# field shown as its name.
SHOWN_RELATED = sorted(
    {
        (resource_model(related.view_name), related.name.rsplit("__", 1)[1])
        for declared in vars(pages).values()
        for related in (declared.values() if isinstance(declared, dict) else [declared])
        if isinstance(related, pages.Related)
    },
    key=lambda shown: shown[0]._meta.label,
)
# The patrol and every child it lists with its own confidence, from the builder's child queries.
CHILDREN = [
    Patrol,
    *(
        query.queryset().model
        for query in vars(pages).values()
        if isinstance(query, PreparedValues) and query.key == "patrol_id"
        if "confidence" in query.names
    ),
]

redis_server = dependencies.redis_server


@pytest.fixture
def patrol():
    """A patrol showing every kind of related record and child, each child citing a source and
    the patrol and a participation each with a claim."""
    patrol = factories.PatrolFactory(start_date="2024-05-01")
    factories.PatrolRegionFactory(patrol=patrol)
    children = [
        factories.ParticipationFactory(patrol=patrol),
        factories.InterceptionFactory(
            patrol=patrol,
            aircraft_type=factories.AircraftTypeFactory(),
            region=factories.RegionFactory(),
        ),
        factories.StatementFactory(patrol=patrol),
        factories.ReportedFigureFactory(patrol=patrol, country=factories.CountryFactory()),
        factories.ZoneEntryFactory(patrol=patrol, reported_by=factories.OrganizationFactory()),
    ]
    for record in [patrol, *children]:
        factories.CitationFactory(content_object=record)
    factories.ClaimFactory(content_object=patrol)
    factories.ClaimFactory(content_object=children[0], field="count", value="3")
    factories.PatrolFactory(start_date="2023-01-01")  # a second record on the page
    return patrol


def read(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return response, len(captured)


@pytest.mark.parametrize("url", ORDERED_READS)
def test_a_page_of_kept_records_is_the_page_built(api_client, patrol, settings, url):
    built, building = read(api_client, url)
    kept, keeping = read(api_client, url)
    settings.API_RECORD_CACHE_SECONDS = 0
    uncached, _ = read(api_client, url)

    assert kept.content == built.content == uncached.content
    assert kept["ETag"] == built["ETag"] == uncached["ETag"]
    assert keeping < building  # the records were not built again


def test_a_page_of_kept_records_costs_the_same_for_1_and_50_rows(api_client):
    factories.PatrolFactory.create_batch(50)
    _, built = read(api_client, f"{PATROLS}?page_size=50")

    _, one = read(api_client, f"{PATROLS}?page_size=1")
    _, fifty = read(api_client, f"{PATROLS}?page_size=50")

    assert one == fifty < built


def test_a_page_partly_kept_is_the_page_built(api_client, patrol, settings):
    factories.PatrolFactory.create_batch(3, start_date="2022-01-01")
    read(api_client, f"{PATROLS}?page_size=2")  # two of five kept

    partly, _ = read(api_client, PATROLS)
    settings.API_RECORD_CACHE_SECONDS = 0
    built, _ = read(api_client, PATROLS)

    assert partly.content == built.content and partly["ETag"] == built["ETag"]


@pytest.mark.parametrize(
    ("model", "field"), SHOWN_RELATED, ids=[f"{m._meta.model_name}.{f}" for m, f in SHOWN_RELATED]
)
def test_renaming_a_related_record_is_in_the_next_page(api_client, patrol, model, field):
    read(api_client, PATROLS)  # the records kept
    for record in model.objects.all():
        setattr(record, field, f"{getattr(record, field)} (renamed)")
        record.save()

    page = read(api_client, PATROLS)[0].content.decode()

    assert "(renamed)" in page  # the fixture shows one of each


@pytest.mark.parametrize("model", CHILDREN, ids=[model._meta.model_name for model in CHILDREN])
def test_a_changed_record_or_child_is_in_the_next_page(api_client, patrol, model):
    read(api_client, PATROLS)
    record = model.objects.filter(pk__in=related_pks(patrol, model)).first()
    record.confidence = "disputed"
    record.save()

    page = read(api_client, PATROLS)[0].json()["results"]

    shown = [patrol_json for patrol_json in page if patrol_json["id"] == patrol.pk][0]
    rows = [shown] if model is Patrol else shown[child_key(model)]
    assert [row["confidence"] for row in rows if row["id"] == record.pk] == ["disputed"]


def related_pks(patrol, model):
    return [patrol.pk] if model is Patrol else model.objects.filter(patrol=patrol).values("pk")


def child_key(model):
    """The key of a patrol's JSON listing ``model``'s rows: its relation's name."""
    return model._meta.get_field("patrol").remote_field.get_accessor_name()


@pytest.mark.parametrize(
    "write",
    [
        lambda patrol: factories.ClaimFactory(content_object=patrol.participations.get()),
        lambda patrol: patrol.citations.first().delete(),
        lambda patrol: factories.ParticipationFactory(patrol=patrol),
        lambda patrol: Patrol.objects.exclude(pk=patrol.pk).get().delete(),
    ],
    ids=["claim-added", "citation-removed", "child-added", "a-patrol-deleted"],
)
def test_a_write_is_in_the_next_page(api_client, patrol, settings, write):
    read(api_client, PATROLS)

    write(patrol)
    kept, _ = read(api_client, PATROLS)
    settings.API_RECORD_CACHE_SECONDS = 0
    built, _ = read(api_client, PATROLS)

    assert json.loads(kept.content) == json.loads(built.content)


def test_another_workers_write_reaches_this_one_through_the_database(api_client, patrol):
    """A commit elsewhere changes rows and steps the counter (here both by ``update()``, which
    no signal of this process sees): the records this process kept are not read again."""
    read(api_client, PATROLS)

    Patrol.objects.filter(pk=patrol.pk).update(summary="Changed elsewhere.")
    DatasetVersion.objects.filter(pk=1).update(number=F("number") + 1)
    page = read(api_client, PATROLS)[0].json()["results"]

    assert [p["summary"] for p in page if p["id"] == patrol.pk] == ["Changed elsewhere."]


@pytest.mark.usefixtures("answer_cache")
def test_with_the_answer_cache_too_a_write_is_in_the_next_page(api_client, patrol):
    """The answer cache reads the generation before the view; the records are read under the
    generation read after the page's keys, so neither serves what the write changed."""
    api_client.get(f"{PATROLS}?ordering=name")  # its records kept, and the answer

    Patrol.objects.filter(pk=patrol.pk).update(summary="Changed.")
    DatasetVersion.objects.filter(pk=1).update(number=F("number") + 1)
    pages = [api_client.get(url).json()["results"] for url in (PATROLS, f"{PATROLS}?ordering=name")]

    for page in pages:
        assert [p["summary"] for p in page if p["id"] == patrol.pk] == ["Changed."]


def queries_across_a_deploy(client, settings):
    """The queries of a page read, read again, then read under another release."""
    counts = []
    for release in ("release-1", "release-1", "release-2"):
        settings.API_CACHE_VERSION = release
        cache_version.cache_clear()
        counts.append(read(client, PATROLS)[1])
    cache_version.cache_clear()
    return counts


def test_another_release_does_not_read_the_records_kept(api_client, patrol, settings):
    building, keeping, after_the_deploy = queries_across_a_deploy(api_client, settings)

    assert keeping < building == after_the_deploy


def test_the_release_digest_follows_the_source_the_site_runs(tmp_path):
    for package in ("patrols", "tests"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "patrols" / "pages.py").write_text("FIELDS = ('slug',)\n")
    before = source_digest(tmp_path)

    (tmp_path / "tests" / "test_pages.py").write_text("def test(): pass\n")
    with_a_test = source_digest(tmp_path)
    (tmp_path / "patrols" / "pages.py").write_text("FIELDS = ('slug', 'name')\n")

    assert with_a_test == before  # tests are not what the site runs
    assert source_digest(tmp_path) != before


@pytest.mark.usefixtures("answer_cache")
def test_another_release_does_not_read_the_answers_kept(api_client, patrol, settings):
    _, answering, after_the_deploy = queries_across_a_deploy(api_client, settings)

    assert answering == 2  # the generation and the version: a kept answer
    assert after_the_deploy > answering


def test_under_a_script_prefix_records_are_kept_apart(api_client, patrol):
    read(api_client, PATROLS)

    with script_prefix("/aviation"):
        prefixed, _ = read(api_client, PATROLS)

    urls = [record["url"] for record in prefixed.json()["results"]]
    assert urls and all(url.startswith("http://testserver/aviation/api/v1/") for url in urls)


def test_each_site_address_keeps_its_own_records(api_client, patrol, settings):
    settings.ALLOWED_HOSTS = ["testserver", "aviation.example.org"]
    read(api_client, PATROLS)

    elsewhere, _ = read(api_client, PATROLS, HTTP_HOST="aviation.example.org", secure=True)

    urls = [record["url"] for record in elsewhere.json()["results"]]
    assert urls and all(url.startswith("https://aviation.example.org/") for url in urls)


def test_a_page_has_the_same_etag_at_every_address_kept_or_built(api_client, patrol, settings):
    settings.ALLOWED_HOSTS = ["testserver", "aviation.example.org"]
    here = [read(api_client, PATROLS)[0]["ETag"] for _ in range(2)]  # built, then kept

    elsewhere = read(api_client, PATROLS, HTTP_HOST="aviation.example.org", secure=True)[0]

    assert here[0] == here[1] == elsewhere["ETag"]


def test_a_page_s_etag_changes_with_any_record_it_shows(api_client, patrol):
    before, _ = read(api_client, PATROLS)
    patrol.summary = f"{patrol.summary} Revised."
    patrol.save()

    after, _ = read(api_client, PATROLS)

    assert after.json()["count"] == before.json()["count"]
    assert after["ETag"] != before["ETag"]


def test_an_indented_page_is_built_whole(api_client, patrol):
    plain, _ = read(api_client, PATROLS)

    indented, _ = read(api_client, PATROLS, HTTP_ACCEPT="application/json; indent=2")

    assert b'\n      "slug"' in indented.content  # a record's keys indented within the page
    assert json.loads(indented.content) == json.loads(plain.content)


def test_without_a_records_cache_the_default_cache_keeps_them(api_client, patrol, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    built, building = read(api_client, PATROLS)

    kept, keeping = read(api_client, PATROLS)

    assert kept.content == built.content and keeping < building


def test_records_kept_in_redis_are_shared_and_its_outage_costs_speed_only(
    api_client, patrol, settings, redis_server
):
    settings.CACHES = {
        name: {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"retry_seconds": 0.2},
        }
        for name in ("default", "records")
    }
    built, building = read(api_client, PATROLS)
    kept, keeping = read(api_client, PATROLS)

    caches["records"].close()  # another connection, as another worker has
    shared, sharing = read(api_client, PATROLS)
    redis_server.stop()
    caches["records"].close()
    during, _ = read(api_client, PATROLS)

    assert keeping < building and sharing == keeping
    assert kept.content == built.content == shared.content == during.content


def test_a_full_redis_costs_speed_only(api_client, patrol, settings, redis_server):
    """Redis over ``maxmemory`` with no eviction answers every write with an error (``OOM``)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "records": {
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"retry_seconds": 0},
        },
    }
    full = redis.Redis.from_url(redis_server.url)
    full.config_set("maxmemory-policy", "noeviction")
    full.config_set("maxmemory", 1)
    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        full.set("a-key", "a-value")

    first, _ = read(api_client, PATROLS)
    again, _ = read(api_client, PATROLS)

    assert first.content == again.content
    assert json.loads(first.content)["count"] == 2
