"""A list's count kept for the pages of the same rows (core/api/count_cache.py): another page,
page size, ordering, format or choice of fields reads the count kept; any other parameter, a
write, another worker's commit, another time zone or another list counts again; a cache outage
costs a count query only.

The lists come from the router and the parameters each takes from its own 400 for an unknown
one, so a new list or filter is covered.
"""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from config.api import router
from core.api import count_cache
from curation.models import DatasetVersion
from patrols.models import Patrol
from tests import factories
from tests.api_resources import RESOURCES, written
from tests.core import dependencies
from tests.core.api_routes import QUICK, resource_of
from tests.core.test_api_params import UNKNOWN, accepted_by

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("count_cache")]

PATROLS = "/api/v1/patrols/"
NOT_CHOOSING = count_cache.not_choosing(("page", "page_size", "cursor", "count"))


def lists():
    """``(url, resource)`` of every list the router serves, as pytest params (those of the
    quick resources in ``make test-fast``)."""
    found = []
    for _, viewset, basename in router.registry:
        resource = resource_of(viewset)
        found.append(
            pytest.param(
                reverse(f"api:{basename}-list"),
                resource,
                id=resource,
                marks=() if resource in QUICK else pytest.mark.slow,
            )
        )
    return found


LISTS = lists()

redis_server = dependencies.redis_server
redis_cache = dependencies.redis_cache


def counted(client, url):
    """``(the answer's count, how many count queries answering made)``."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    counts = sum('"__count"' in query["sql"] for query in captured)
    return response.json().get("count"), counts


def the_same_rows(viewset):
    """Queries asking for the rows of ``?page_size=1`` again, otherwise paged, ordered, written
    or chosen."""
    variants = ["page_size=2", "page_size=1&page=2", "format=json", "brief=true", "fields=url"]
    variants += [f"ordering=-{field}" for field in viewset.ordering_fields[:1]]
    return variants


@pytest.mark.parametrize(("url", "resource"), LISTS)
def test_every_page_of_the_same_rows_reads_the_count_kept(api_client, url, resource):
    factory, _ = RESOURCES[resource]
    before = factory._meta.model.objects.count()
    written(resource), written(resource)
    viewset = next(v for _, v, _ in router.registry if resource_of(v) == resource)

    first = counted(api_client, f"{url}?page_size=1")
    again = {query: counted(api_client, f"{url}?{query}") for query in the_same_rows(viewset)}

    assert first[0] >= before + 2 and first[1] == 1
    assert again == dict.fromkeys(again, (first[0], 0))


@pytest.mark.parametrize(("url", "resource"), LISTS)
def test_every_other_parameter_a_list_takes_is_in_the_key(api_client, url, resource):
    """Whatever a list reads, a filter added tomorrow included, chooses a count of its own,
    but for the parameters that choose no rows."""
    taken = accepted_by(api_client.get(f"{url}?{UNKNOWN}=1"))
    queryset = next(v for _, v, _ in router.registry if resource_of(v) == resource).queryset
    plain = key(url, {}, queryset)

    same = {name for name in taken if key(url, {name: "1"}, queryset) == plain}

    assert same == taken & NOT_CHOOSING and same  # some do choose no rows


def key(url, query, queryset, generation=1):
    request = Request(APIRequestFactory().get(url, query))
    return count_cache.count_key(request, queryset, NOT_CHOOSING, generation)


def test_values_their_order_blanks_the_generation_and_the_time_zone_are_in_the_key():
    queryset = Patrol.objects.all()
    keys = [
        key(PATROLS, {"year": "2024"}, queryset),
        key(PATROLS, {"year": "2023"}, queryset),
        key(PATROLS, {"country": ["ru", "cn"]}, queryset),
        key(PATROLS, {"country": ["cn", "ru"]}, queryset),
        key(PATROLS, {"year": ""}, queryset),
        key(PATROLS, {"year": "2024"}, queryset, generation=2),
        key("/api/v1/sources/", {"year": "2024"}, queryset),
    ]
    with timezone.override("Asia/Tokyo"):
        keys.append(key(PATROLS, {"year": "2024"}, queryset))

    assert len(set(keys)) == len(keys)
    assert key(PATROLS, {"year": "2024", "ordering": "name"}, queryset) == keys[0]


def test_a_filter_counts_its_own_rows(api_client):
    factories.PatrolFactory.create_batch(2, start_date="2024-03-01")
    factories.PatrolFactory(start_date="2023-03-01")

    counts = [counted(api_client, f"{PATROLS}?year={year}")[0] for year in (2024, 2023, 2024)]

    assert counts == [2, 1, 2]


@pytest.mark.parametrize(
    "write",
    [
        lambda patrol: factories.PatrolFactory(start_date="2024-06-01"),
        lambda patrol: patrol.delete(),
        lambda patrol: committed_elsewhere(patrol),
    ],
    ids=["a-patrol-added", "a-patrol-deleted", "another-workers-commit"],
)
def test_a_write_is_in_the_next_count(api_client, write):
    patrol = factories.PatrolFactory(start_date="2024-05-01")
    factories.PatrolFactory(start_date="2024-07-01")
    before, _ = counted(api_client, f"{PATROLS}?year=2024")

    write(patrol)
    after, counts = counted(api_client, f"{PATROLS}?year=2024&ordering=name")

    assert counts == 1 and after == Patrol.objects.filter(start_date__year=2024).count() != before


def committed_elsewhere(patrol):
    """Another worker's commit: rows changed and the counter stepped, which no signal of this
    process sees."""
    Patrol.objects.filter(pk=patrol.pk).update(start_date="2023-01-01")
    DatasetVersion.objects.filter(pk=1).update(number=F("number") + 1)


def test_a_signed_in_user_counts_apart_from_anonymous_clients(api_client, curator_api_client):
    factories.PatrolFactory.create_batch(2)

    anonymous = counted(api_client, f"{PATROLS}?page_size=1")
    signed_in = [counted(curator_api_client, f"{PATROLS}?page_size={size}") for size in (1, 2)]

    assert anonymous == (2, 1) and signed_in == [(2, 1), (2, 0)]


def test_only_the_default_databases_counts_are_kept(rf):
    """The generation is the default database's: another one's rows may be older."""
    request = Request(rf.get(PATROLS))
    counts = []

    for _ in range(2):
        count_cache.kept_count(
            request, Patrol.objects.using("replica"), NOT_CHOOSING, lambda: counts.append(1) or 7
        )

    assert len(counts) == 2


def test_a_cursor_page_asking_for_the_count_reads_the_one_kept(api_client):
    factories.PatrolFactory.create_batch(3)
    numbered = counted(api_client, f"{PATROLS}?page_size=1")

    by_cursor = counted(api_client, f"{PATROLS}?cursor=&count=true&page_size=2")

    assert numbered == (3, 1) and by_cursor == (3, 0)


def test_without_a_generation_nothing_is_kept(api_client, settings):
    settings.DATA_GENERATION_CALLABLE = None
    factories.PatrolFactory()

    counts = [counted(api_client, f"{PATROLS}?page_size={size}") for size in (1, 2)]

    assert counts == [(1, 1), (1, 1)]


def test_a_cache_outage_costs_a_count_query_only(api_client, redis_cache):
    factories.PatrolFactory.create_batch(2)
    counts = [counted(api_client, f"{PATROLS}?page_size={size}") for size in (1, 2)]

    redis_cache.stop()
    during = [counted(api_client, f"{PATROLS}?page_size={size}") for size in (3, 4)]

    assert counts == [(2, 1), (2, 0)] and during == [(2, 1), (2, 1)]
