"""The issue's examples on the admin lists (issue 10, items 8 and 6): a malformed year is refused
with a message and the bare list, a good one filters exactly, the calendar's last year is
answered; a search is bounded to ``MAX_SEARCH_TERMS`` distinct words of at most
``MAX_SEARCH_TERM_LENGTH`` characters, repeated words counting once. Every admin and every
parameter: tests/core/test_admin_malformed_queries.py."""

import datetime

import pytest
from django.contrib.messages import get_messages

from core.changelist import MAX_SEARCH_TERM_LENGTH, MAX_SEARCH_TERMS, search_terms
from tests import factories

pytestmark = pytest.mark.django_db

PATROLS = "/admin/patrols/patrol/"
SOURCES = "/admin/reference/source/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("year", ["%C2%B2", "0", "99999999999", "10000", "-1", "２０２３"])
def test_a_malformed_patrol_year_is_refused_with_a_message(curator_client, year):
    factories.PatrolFactory(start_date=datetime.date(2023, 7, 1))

    response = curator_client.get(f"{PATROLS}?year={year}")

    assert response.status_code == 302
    assert response["Location"] == f"{PATROLS}?e=1"
    [message] = messages_of(response)
    assert "year must be a whole number from 1 to 9999" in message


@pytest.mark.parametrize("year", ["0", "%C2%B2", "99999999999"])
def test_a_malformed_year_is_refused_on_the_export_page_too(curator_client, year):
    factories.PatrolFactory(start_date=datetime.date(2023, 7, 1))  # the filter offers 2023

    response = curator_client.get(f"{PATROLS}export/?year={year}")

    assert response.status_code == 302
    assert response["Location"] == f"{PATROLS}export/"


def test_a_good_year_filters_the_patrols_exactly(curator_client):
    flown = factories.PatrolFactory(start_date=datetime.date(2023, 7, 1))
    factories.PatrolFactory(start_date=datetime.date(2024, 7, 1))

    response = curator_client.get(PATROLS, {"year": "2023"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [flown]


def test_a_good_date_drill_down_still_filters(curator_client):
    july = factories.PatrolFactory(start_date=datetime.date(2023, 7, 1))
    factories.PatrolFactory(start_date=datetime.date(2023, 8, 1))

    response = curator_client.get(PATROLS, {"start_date__year": "2023", "start_date__month": "7"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [july]


def test_sources_of_the_year_9999_are_answered_not_a_500(curator_client):
    late = factories.SourceFactory(published_on=datetime.date(9999, 12, 31))
    factories.SourceFactory(published_on=datetime.date(2024, 1, 1))

    for query in (
        "published_on__year=9999",
        "published_on__year=9999&published_on__month=12",
        "published_on__year=9999&published_on__month=12&published_on__day=31",
    ):
        response = curator_client.get(f"{SOURCES}?{query}")

        assert response.status_code == 200, query
        assert list(response.context["cl"].result_list) == [late], query


@pytest.mark.parametrize(
    "query",
    [
        "published_on__year=0",
        "published_on__year=%C2%B2",
        "published_on__year=2024&published_on__month=13",
        "published_on__year=2024&published_on__month=99999999999999999999",
        "published_on__year=2024&published_on__month=2&published_on__day=30",
    ],
)
def test_a_date_hierarchy_value_that_is_no_date_is_refused(curator_client, query):
    response = curator_client.get(f"{SOURCES}?{query}")

    assert response["Location"] == f"{SOURCES}?e=1"
    assert messages_of(response)


def test_a_nul_byte_in_a_filter_is_refused_with_a_message(curator_client):
    response = curator_client.get(PATROLS, {"country": "R\x00U"})

    assert response["Location"] == f"{PATROLS}?e=1"
    [message] = messages_of(response)
    assert "“country” holds a NUL character" in message


# --- Search is bounded ----------------------------------------------------------------------------


def test_search_terms_are_deduplicated_and_quoted_phrases_kept_whole():
    assert search_terms('tu-95 "joint patrol" tu-95  h-6k "joint patrol"') == [
        "tu-95",
        '"joint patrol"',
        "h-6k",
    ]


def test_a_search_of_more_distinct_words_than_the_cap_is_refused_with_a_message(curator_client):
    words = " ".join(f"w{n}" for n in range(MAX_SEARCH_TERMS + 1))

    response = curator_client.get(PATROLS, {"q": words})

    assert response["Location"] == f"{PATROLS}?e=1"
    [message] = messages_of(response)
    assert f"at most {MAX_SEARCH_TERMS} different words; this one has 11" in message


def test_a_search_of_the_cap_in_distinct_words_is_answered(curator_client):
    factories.PatrolFactory(name="Joint patrol over the Sea of Japan")
    words = " ".join(["joint", "patrol", "sea", "japan", "of", "the", "over", "j", "a", "p"])
    assert len(set(words.split())) == MAX_SEARCH_TERMS

    response = curator_client.get(PATROLS, {"q": words})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_a_word_repeated_a_thousand_times_counts_once(curator_client):
    patrol = factories.PatrolFactory(name="Joint patrol over the Sea of Japan")

    response = curator_client.get(PATROLS, {"q": " ".join(["japan"] * 1000)})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [patrol]


def test_a_search_word_over_the_length_cap_is_refused(curator_client):
    response = curator_client.get(PATROLS, {"q": "x" * (MAX_SEARCH_TERM_LENGTH + 1)})

    assert response["Location"] == f"{PATROLS}?e=1"
    assert f"at most {MAX_SEARCH_TERM_LENGTH} characters" in messages_of(response)[0]


def test_the_export_of_a_search_over_the_cap_is_refused_too(curator_client):
    words = " ".join(f"w{n}" for n in range(MAX_SEARCH_TERMS + 1))

    response = curator_client.get(f"{PATROLS}export/", {"q": words})

    assert response["Location"] == f"{PATROLS}export/"


def autocomplete(client, term):
    query = {
        "app_label": "patrols",
        "model_name": "participation",
        "field_name": "aircraft_type",
        "term": term,
    }
    return client.get("/admin/autocomplete/", query)


def test_the_autocomplete_bounds_its_term_alike(curator_client):
    h6 = factories.AircraftTypeFactory(designation="H-6K")
    too_many = " ".join(f"w{n}" for n in range(MAX_SEARCH_TERMS + 1))

    found = autocomplete(curator_client, " ".join(["H-6K"] * 50))

    assert found.status_code == 200
    assert [result["id"] for result in found.json()["results"]] == [str(h6.pk)]
    assert autocomplete(curator_client, too_many).status_code == 400
    assert autocomplete(curator_client, "x" * (MAX_SEARCH_TERM_LENGTH + 1)).status_code == 400
    assert autocomplete(curator_client, "H-6\x00K").status_code == 400
