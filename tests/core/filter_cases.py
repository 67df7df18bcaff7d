"""The small world the list-filter tests query, and helpers to read a filtered list.

Shared by the filter tests of each app (tests/<app>/test_filters.py) and by the error contract
(tests/core/test_api_filters.py). Every record is named, so each expected result can be written
out in full. ``world`` and ``patrols`` are fixtures: a test module binds them to names of its
own (``world = filter_cases.world``) for pytest to find them.
"""

import datetime

import pytest
from django_filters.rest_framework import DjangoFilterBackend

from tests import factories

API = "/api/v1"


# --- Helpers --------------------------------------------------------------------------------------


def filters_by_filterset(viewset):
    """Whether a viewset filters through django-filter (its backend, or the project's
    subclass of it)."""
    return any(issubclass(backend, DjangoFilterBackend) for backend in viewset.filter_backends)


def listed(client, resource, query=""):
    """GET a resource's list, with an optional query string (repeat a parameter for OR)."""
    return client.get(f"{API}/{resource}/" + (f"?{query}" if query else ""))


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response):
    """The slugs of a list's rows, as a set; a row listed twice is an error."""
    found = [row["slug"] for row in rows(response)]
    assert len(found) == len(set(found)), f"listed more than once: {found}"
    return set(found)


def ids(response):
    found = [row["id"] for row in rows(response)]
    assert len(found) == len(set(found)), f"listed more than once: {found}"
    return set(found)


def day(text):
    return datetime.date.fromisoformat(text)


# --- A small world of patrols ---------------------------------------------------------------------


@pytest.fixture
def world():
    """Countries, organizations, aircraft, regions and sources the patrols below refer to."""
    china = factories.CountryFactory(code="CN", code3="CHN", name="China")
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    korea = factories.CountryFactory(code="KR", code3="KOR", name="South Korea")
    factories.CountryFactory(code="US", code3="USA", name="United States")
    org = factories.OrganizationFactory
    aircraft_type = factories.AircraftTypeFactory
    return {
        "china": china,
        "russia": russia,
        "japan": japan,
        "korea": korea,
        "plaaf": org(slug="plaaf", name="PLA Air Force", country=china),
        "lra": org(slug="lra", name="Long-Range Aviation", country=russia),
        "vks": org(slug="vks", name="Aerospace Forces", country=russia),
        "jasdf": org(slug="jasdf", name="JASDF", country=japan),
        "rokaf": org(slug="rokaf", name="ROK Air Force", country=korea),
        "mnd": org(slug="mnd", name="Ministry of National Defense", kind="ministry", country=china),
        "h-6k": aircraft_type(slug="h-6k", designation="H-6K"),
        "tu-95ms": aircraft_type(slug="tu-95ms", designation="Tu-95MS"),
        "a-50": aircraft_type(slug="a-50", designation="A-50", role="aew_c"),
        "su-35s": aircraft_type(slug="su-35s", designation="Su-35S", role="fighter"),
        "f-15j": aircraft_type(slug="f-15j", designation="F-15J", role="fighter"),
        "east-china-sea": factories.RegionFactory(slug="east-china-sea", name="East China Sea"),
        "sea-of-japan": factories.RegionFactory(slug="sea-of-japan", name="Sea of Japan"),
        "kadiz": factories.RegionFactory(
            slug="kadiz", name="KADIZ", kind="adiz", declared_by=korea
        ),
        "tass": factories.SourceFactory(slug="tass"),
        "japan-mod": factories.SourceFactory(slug="japan-mod"),
        "xinhua": factories.SourceFactory(slug="xinhua"),
    }


def patrol(w, slug, start, kind="joint_strategic_patrol", regions=(), flights=(), **fields):
    """A patrol crossing ``regions``; ``flights`` are (aircraft type, operator, role) triples."""
    record = factories.PatrolFactory(slug=slug, kind=kind, start_date=day(start), **fields)
    for region in regions:
        factories.PatrolRegionFactory(patrol=record, region=w[region])
    for aircraft_type, operator, role in flights:
        factories.ParticipationFactory(
            patrol=record, aircraft_type=w[aircraft_type], operator=w[operator], role=role
        )
    return record


@pytest.fixture
def patrols(world):
    """Seven patrols, told apart by what the table shows.

    slug        start       kind      countries: types           regions        also
    jp-2019     2019-07-23  joint     CN RU: h-6k tu-95ms a-50     ecs soj kadiz  confirmed;
                                                                               KR, JP intercept;
                                                                               cites tass and
                                                                               japan-mod
    jp-2022     2022-05-24  joint     CN RU: h-6k tu-95ms          ecs            JP intercepts;
                                                                               a claim
    jp-2023     2023-06-06  joint     CN RU: h-6k tu-95ms su-35s   soj
    jp-2024     2024-11-29  joint     CN RU: h-6k tu-95ms          ecs            marked disputed
    ru-2024     2024-01-16  national  RU: tu-95ms su-35s           soj            JP intercepts;
                                                                               cites japan-mod
    cn-2023     2023-03-01  exercise  CN: h-6k                     ecs
    empty-2020  2020-01-01  exercise  (no participations)
    """
    w = world
    p = {
        "jp-2019": patrol(
            w,
            "jp-2019",
            "2019-07-23",
            regions=("east-china-sea", "sea-of-japan", "kadiz"),
            flights=(
                ("h-6k", "plaaf", "bomber"),
                ("tu-95ms", "lra", "bomber"),
                ("a-50", "vks", "aew_c"),
            ),
            confidence="confirmed",
        ),
        "jp-2022": patrol(
            w,
            "jp-2022",
            "2022-05-24",
            regions=("east-china-sea",),
            flights=(("h-6k", "plaaf", "bomber"), ("tu-95ms", "lra", "bomber")),
        ),
        "jp-2023": patrol(
            w,
            "jp-2023",
            "2023-06-06",
            regions=("sea-of-japan",),
            flights=(
                ("h-6k", "plaaf", "bomber"),
                ("tu-95ms", "lra", "bomber"),
                ("su-35s", "vks", "escort"),
            ),
        ),
        "jp-2024": patrol(
            w,
            "jp-2024",
            "2024-11-29",
            regions=("east-china-sea",),
            flights=(("h-6k", "plaaf", "bomber"), ("tu-95ms", "lra", "bomber")),
            confidence="disputed",
        ),
        "ru-2024": patrol(
            w,
            "ru-2024",
            "2024-01-16",
            kind="national_long_range_patrol",
            regions=("sea-of-japan",),
            flights=(("tu-95ms", "lra", "bomber"), ("su-35s", "vks", "escort")),
        ),
        "cn-2023": patrol(
            w,
            "cn-2023",
            "2023-03-01",
            kind="exercise",
            regions=("east-china-sea",),
            flights=(("h-6k", "plaaf", "bomber"),),
        ),
        "empty-2020": patrol(w, "empty-2020", "2020-01-01", kind="exercise"),
    }
    factories.InterceptionFactory(
        patrol=p["jp-2019"], responder=w["rokaf"], airspace_violated=True, region=w["kadiz"]
    )
    factories.InterceptionFactory(patrol=p["jp-2019"], responder=w["jasdf"])
    factories.InterceptionFactory(
        patrol=p["jp-2022"], responder=w["jasdf"], aircraft_type=w["f-15j"], airspace_violated=False
    )
    factories.InterceptionFactory(patrol=p["ru-2024"], responder=w["jasdf"])
    factories.CitationFactory(content_object=p["jp-2019"], source=w["tass"])
    factories.CitationFactory(content_object=p["jp-2019"], source=w["japan-mod"])
    factories.CitationFactory(content_object=p["ru-2024"], source=w["japan-mod"])
    factories.ClaimFactory(content_object=p["jp-2022"], source=w["xinhua"], field="start_date")
    return p


ALL_PATROLS = {"jp-2019", "jp-2022", "jp-2023", "jp-2024", "ru-2024", "cn-2023", "empty-2020"}
JOINT = {"jp-2019", "jp-2022", "jp-2023", "jp-2024"}
