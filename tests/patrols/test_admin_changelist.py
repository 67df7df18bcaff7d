"""The patrol changelist: what it shows per patrol, and its filters and search."""

import datetime

import pytest

from aircraft.models import AircraftType
from patrols.models import Patrol
from tests import factories
from tests.core.admin_pages import admin_url, populate

pytestmark = pytest.mark.django_db


def test_the_patrol_changelist_shows_countries_aircraft_and_sources_per_patrol(curator_client):
    populate(3)

    response = curator_client.get(admin_url(Patrol, "changelist"))

    for patrol in response.context["cl"].result_list:
        counts = (patrol.aircraft_known_minimum, patrol.country_count, patrol.source_count)
        assert counts == (4, 2, 2)


# --- Changelist filters and search ----------------------------------------------------------------


@pytest.fixture
def three_patrols():
    """2019 joint Russian–Chinese patrol; 2020 Chinese patrol (disputed); 2022 Russian exercise."""
    russia = factories.OrganizationFactory(
        country=factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    )
    china = factories.OrganizationFactory(
        country=factories.CountryFactory(code="CN", code3="CHN", name="China")
    )
    tu95 = factories.AircraftTypeFactory(designation="Tu-95MS")
    h6 = factories.AircraftTypeFactory(designation="H-6K")
    su35 = factories.AircraftTypeFactory(designation="Su-35S", role="fighter")

    joint = factories.PatrolFactory(
        name="First joint patrol",
        start_date=datetime.date(2019, 7, 23),
        confidence="confirmed",
    )
    factories.ParticipationFactory(patrol=joint, operator=russia, aircraft_type=tu95)
    factories.ParticipationFactory(patrol=joint, operator=china, aircraft_type=h6)

    chinese = factories.PatrolFactory(
        name="Chinese patrol",
        kind="national_long_range_patrol",
        start_date=datetime.date(2020, 5, 1),
        confidence="disputed",
    )
    factories.ParticipationFactory(patrol=chinese, operator=china, aircraft_type=h6, role="escort")

    exercise = factories.PatrolFactory(
        name="Russian exercise",
        kind="exercise",
        start_date=datetime.date(2022, 3, 10),
        confidence="reported",
    )
    factories.ParticipationFactory(patrol=exercise, operator=russia, aircraft_type=su35)
    return {"joint": joint, "chinese": chinese, "exercise": exercise}


def listed(client, **params):
    response = client.get(admin_url(Patrol, "changelist"), params)
    assert response.status_code == 200
    return sorted(patrol.name for patrol in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"First joint patrol", "Chinese patrol", "Russian exercise"}),
        ({"year": "2019"}, {"First joint patrol"}),
        ({"country": "RU"}, {"First joint patrol", "Russian exercise"}),
        ({"country": "CN"}, {"First joint patrol", "Chinese patrol"}),
        ({"kind": "exercise"}, {"Russian exercise"}),
        ({"kind": "joint_strategic_patrol"}, {"First joint patrol"}),
        ({"confidence": "confirmed"}, {"First joint patrol"}),
        ({"role": "escort"}, {"Chinese patrol"}),
        ({"disputed": "yes"}, {"Chinese patrol"}),
        ({"country": "RU", "year": "2022"}, {"Russian exercise"}),
    ],
)
def test_the_patrol_changelist_filters_select_the_expected_patrols(
    curator_client, three_patrols, params, expected
):
    assert listed(curator_client, **params) == sorted(expected)


def test_the_disputed_filter_selects_disputed_patrols_and_patrols_with_claims(
    curator_client, three_patrols
):
    factories.ClaimFactory(content_object=three_patrols["exercise"])

    assert listed(curator_client, disputed="yes") == ["Chinese patrol", "Russian exercise"]
    assert listed(curator_client, disputed="no") == ["First joint patrol"]


def test_admin_search_finds_a_patrol_by_the_designation_of_an_aircraft_that_flew_in_it(
    curator_client, three_patrols
):
    joint = three_patrols["joint"]
    tu95 = AircraftType.objects.get(designation="Tu-95MS")
    factories.ParticipationFactory(patrol=joint, aircraft_type=tu95, role="escort")

    assert listed(curator_client, q="Tu-95MS") == ["First joint patrol"]
    assert listed(curator_client, q="H-6K") == ["Chinese patrol", "First joint patrol"]
    assert listed(curator_client, q="B-52") == []
