"""Ordering lists: ``ordering=`` sorts every resource both ways, and an unknown field is a 400
naming ``ordering``."""

import pytest

from tests import factories
from tests.core.resource_cases import assert_json_error, day, every_resource, in_order, listed

pytestmark = pytest.mark.django_db


@every_resource
def test_ordering_sorts_ascending_and_descending(api_client, resource):
    records = resource.build()
    ascending = [resource.key_of(r) for r in records]

    up = listed(api_client, resource.path, f"ordering={resource.ordering}")
    down = listed(api_client, resource.path, f"ordering=-{resource.ordering}")

    assert in_order(up, resource.key) == ascending
    assert in_order(down, resource.key) == ascending[::-1]


@every_resource
def test_an_unknown_ordering_field_is_a_400_naming_ordering(api_client, resource):
    resource.build()

    response = listed(api_client, resource.path, "ordering=no_such_field")

    body = assert_json_error(response, 400, "ordering")
    assert "no_such_field" in body["ordering"][0]


def test_ordering_by_several_fields_breaks_ties_with_the_second(api_client):
    a = factories.PatrolFactory(start_date=day("2022-05-24"), name="B patrol")
    b = factories.PatrolFactory(start_date=day("2022-05-24"), name="A patrol")
    c = factories.PatrolFactory(start_date=day("2019-07-23"), name="C patrol")

    response = listed(api_client, "patrols", "ordering=start_date,-name")

    assert in_order(response) == [c.slug, a.slug, b.slug]


def test_one_unknown_field_among_known_ones_is_still_a_400(api_client):
    response = listed(api_client, "patrols", "ordering=start_date,-nonsense")

    assert "-nonsense" in assert_json_error(response, 400, "ordering")["ordering"][0]


def test_without_ordering_patrols_come_newest_first(api_client):
    old = factories.PatrolFactory(start_date=day("2019-07-23"))
    new = factories.PatrolFactory(start_date=day("2024-11-29"))
    middle = factories.PatrolFactory(start_date=day("2022-05-24"))

    assert in_order(listed(api_client, "patrols")) == [new.slug, middle.slug, old.slug]


def test_a_field_ordered_by_again_is_one_sort_key_the_first(api_client):
    # a second key on a field cannot change the order; dropping it bounds the sort (item 6)
    a = factories.PatrolFactory(start_date=day("2022-05-24"), name="B patrol")
    b = factories.PatrolFactory(start_date=day("2019-07-23"), name="A patrol")

    response = listed(api_client, "patrols", "ordering=" + ",".join(["name", "-name"] * 500))

    assert in_order(response) == [b.slug, a.slug]
