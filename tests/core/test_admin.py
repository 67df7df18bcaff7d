"""The admin is the curators' tool: every page opens, forms obey the rules, lists stay cheap."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from aircraft.models import (
    AircraftCapability,
    AircraftType,
    Armament,
    Capability,
    Inventory,
    Manufacturer,
    Weapon,
)
from core.apps import data_app_labels
from curation.models import LoadStamp
from patrols.models import Interception, Participation, Patrol, PatrolRegion, Statement
from reference.models import (
    Citation,
    Claim,
    Country,
    Organization,
    Region,
    Source,
)
from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = {
    Country: factories.CountryFactory,
    Organization: factories.OrganizationFactory,
    Region: factories.RegionFactory,
    Source: factories.SourceFactory,
    Citation: factories.CitationFactory,
    Claim: factories.ClaimFactory,
    LoadStamp: factories.LoadStampFactory,
    Manufacturer: factories.ManufacturerFactory,
    AircraftType: factories.AircraftTypeFactory,
    Capability: factories.CapabilityFactory,
    AircraftCapability: factories.AircraftCapabilityFactory,
    Weapon: factories.WeaponFactory,
    Armament: factories.ArmamentFactory,
    Inventory: factories.InventoryFactory,
    Patrol: factories.PatrolFactory,
    PatrolRegion: factories.PatrolRegionFactory,
    Participation: factories.ParticipationFactory,
    Interception: factories.InterceptionFactory,
    Statement: factories.StatementFactory,
}

ADMIN_APPS = [*data_app_labels(), "curation"]
REGISTERED_MODELS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label in [*data_app_labels(), "curation"]
    ),
    key=lambda model: model._meta.label,
)
READ_ONLY_MODELS = {LoadStamp}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def model_id(model):
    return model._meta.label


# --- Every page opens -----------------------------------------------------------------------------


def test_every_model_of_the_data_apps_is_registered_and_has_a_factory():
    assert set(REGISTERED_MODELS) == set(FACTORIES)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_a_curator_can_open_the_changelist_of_every_model(curator_client, model):
    FACTORIES[model]()

    response = curator_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 1


@pytest.mark.parametrize(
    "model", [m for m in REGISTERED_MODELS if m not in READ_ONLY_MODELS], ids=model_id
)
def test_a_curator_can_open_the_add_form_of_every_editable_model(curator_client, model):
    response = curator_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_a_curator_can_open_the_change_form_of_every_model(curator_client, model):
    obj = FACTORIES[model]()

    response = curator_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


def test_load_stamps_are_read_only_for_a_curator(curator_client):
    stamp = factories.LoadStampFactory()

    assert curator_client.get(admin_url(LoadStamp, "add")).status_code == 403
    change = curator_client.get(admin_url(LoadStamp, "change", stamp.pk))
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert curator_client.get(admin_url(LoadStamp, "delete", stamp.pk)).status_code == 403


# --- The patrol add form --------------------------------------------------------------------------

REGIONS = "region_links"
PARTICIPATIONS = "participations"
INTERCEPTIONS = "interceptions"
STATEMENTS = "statements"
CITATIONS = "reference-citation-content_type-object_id"
CLAIMS = "reference-claim-content_type-object_id"


@pytest.fixture
def patrol_people():
    """The organizations, aircraft and source a patrol form refers to."""
    russia = factories.CountryFactory(code="RU", code3="RUS", name="Russia")
    japan = factories.CountryFactory(code="JP", code3="JPN", name="Japan")
    return {
        "operator": factories.OrganizationFactory(name="Russian Aerospace Forces", country=russia),
        "responder": factories.OrganizationFactory(name="JASDF", country=japan),
        "aircraft_type": factories.AircraftTypeFactory(designation="Tu-95MS"),
        "fighter": factories.AircraftTypeFactory(designation="F-15J", role="fighter"),
        "source": factories.SourceFactory(),
        "region": factories.RegionFactory(name="Sea of Japan"),
    }


def management_form(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def inline_rows(prefix, *rows):
    data = management_form(prefix, len(rows))
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data


def patrol_form(people, *, patrol=None, participation=None, interception=None, statement=None):
    """POST data for the patrol add form: a patrol with one row in every inline."""
    data = {
        "name": "Second joint patrol",
        "slug": "second-joint-patrol",
        "kind": "joint_strategic_patrol",
        "ordinal": "2",
        "start_date": "2020-12-22",
        "end_date": "2020-12-22",
        "summary": "Over the Sea of Japan and the East China Sea.",
        "notes": "",
        "route": "",
        "confidence": "confirmed",
        **(patrol or {}),
    }
    data |= inline_rows(REGIONS, {"region": str(people["region"].pk)})
    data |= inline_rows(
        PARTICIPATIONS,
        {
            "aircraft_type": str(people["aircraft_type"].pk),
            "aircraft_description": "",
            "operator": str(people["operator"].pk),
            "count": "2",
            "role": "bomber",
            "confidence": "confirmed",
            **(participation or {}),
        },
    )
    data |= inline_rows(
        INTERCEPTIONS,
        {
            "responder": str(people["responder"].pk),
            "aircraft_type": str(people["fighter"].pk),
            "count": "4",
            "date": "2020-12-22",
            "region": "",
            "airspace_violated": "false",
            "confidence": "reported",
            **(interception or {}),
        },
    )
    data |= inline_rows(
        STATEMENTS,
        {
            "organization": str(people["operator"].pk),
            "speaker": "",
            "date": "2020-12-22",
            "kind": "announcement",
            "confidence": "confirmed",
            "summary": "The patrol was carried out according to plan.",
            "slug": "russian-mod-announcement-2020-12-22",
            **(statement or {}),
        },
    )
    data |= inline_rows(CITATIONS, {"source": str(people["source"].pk), "locator": "para. 2"})
    data |= inline_rows(
        CLAIMS,
        {
            "field": "end_date",
            "value": "2020-12-23",
            "source": str(people["source"].pk),
            "confidence": "claimed",
            "note": "",
        },
    )
    return data


def inline_formset(response, prefix):
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    return formset


def nothing_written():
    return not any(
        model.objects.exists()
        for model in (Patrol, PatrolRegion, Participation, Interception, Statement, Citation, Claim)
    )


def test_the_patrol_add_form_has_an_inline_for_each_part_of_a_patrol(curator_client):
    response = curator_client.get(admin_url(Patrol, "add"))

    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == [REGIONS, PARTICIPATIONS, INTERCEPTIONS, STATEMENTS, CITATIONS, CLAIMS]
    for prefix in prefixes:
        assert f'name="{prefix}-TOTAL_FORMS"' in response.content.decode()


def test_a_curator_adds_a_patrol_with_its_participation_interception_statement_and_sources(
    curator_client, patrol_people
):
    response = curator_client.post(admin_url(Patrol, "add"), patrol_form(patrol_people))

    assert response.status_code == 302
    patrol = Patrol.objects.get(slug="second-joint-patrol")
    assert response.url == admin_url(Patrol, "changelist")
    participation = patrol.participations.get()
    assert (participation.aircraft_type, participation.operator, participation.count) == (
        patrol_people["aircraft_type"],
        patrol_people["operator"],
        2,
    )
    assert list(patrol.regions.all()) == [patrol_people["region"]]
    interception = patrol.interceptions.get()
    assert interception.responder == patrol_people["responder"]
    assert interception.airspace_violated is False
    assert patrol.statements.get().slug == "russian-mod-announcement-2020-12-22"
    assert patrol.sources == [patrol_people["source"]]
    claim = patrol.claims.get()
    assert (claim.field, claim.value) == ("end_date", "2020-12-23")


def test_a_patrol_ending_before_it_starts_is_refused_with_the_error_on_end_date(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, patrol={"end_date": "2020-12-21"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["end_date"] == ["The end date cannot come before the start date."]
    assert "The end date cannot come before the start date." in response.content.decode()
    assert nothing_written()


def test_a_participation_of_zero_aircraft_is_refused_in_the_inline_and_nothing_is_written(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, participation={"count": "0"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    participations = inline_formset(response, PARTICIPATIONS)
    assert participations.prefix == PARTICIPATIONS
    assert "count" in participations.errors[0]
    assert nothing_written()


def test_a_statement_added_with_an_empty_slug_gets_one_made_from_the_rest(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, statement={"slug": ""})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.slug.startswith(patrol_people["operator"].slug)


def test_an_interception_dated_outside_a_new_patrol_is_refused_in_the_inline(
    curator_client, patrol_people
):
    data = patrol_form(patrol_people, interception={"date": "2021-01-15"})

    response = curator_client.post(admin_url(Patrol, "add"), data)

    assert response.status_code == 200
    interceptions = inline_formset(response, INTERCEPTIONS)
    assert "date" in interceptions.errors[0]
    assert nothing_written()


def test_an_interception_dated_outside_an_existing_patrol_is_refused_in_the_inline(
    curator_client, patrol_people
):
    patrol = factories.PatrolFactory(
        start_date=datetime.date(2020, 12, 22), end_date=datetime.date(2020, 12, 22)
    )
    url = admin_url(Patrol, "change", patrol.pk)
    data = patrol_form(
        patrol_people,
        patrol={"slug": patrol.slug, "name": patrol.name},
        interception={"date": "2021-01-15"},
    )
    data |= {f"{INTERCEPTIONS}-0-patrol": str(patrol.pk)}

    response = curator_client.post(url, data)

    assert response.status_code == 200
    interceptions = inline_formset(response, INTERCEPTIONS)
    assert "date" in interceptions.errors[0]
    assert not Interception.objects.exists()


# --- Who may open the patrol admin ----------------------------------------------------------------


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, view):
    url = admin_url(Patrol, view)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert f"next={url}" in response.url


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_staff_without_permissions_are_forbidden(staff_without_permissions_client, view):
    response = staff_without_permissions_client.get(admin_url(Patrol, view))

    assert response.status_code == 403


@pytest.mark.parametrize("view", ["changelist", "add"])
def test_a_user_who_is_not_staff_is_sent_to_the_login_page_even_in_the_curators_group(
    client, curators_group, view
):
    user = get_user_model().objects.create_user("reader")
    user.groups.add(curators_group)
    client.force_login(user)

    response = client.get(admin_url(Patrol, view))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_permissions_cannot_add_a_patrol_by_posting(
    staff_without_permissions_client, patrol_people
):
    response = staff_without_permissions_client.post(
        admin_url(Patrol, "add"), patrol_form(patrol_people)
    )

    assert response.status_code == 403
    assert nothing_written()


# --- Changelists make a bounded number of queries -------------------------------------------------


def populate(n):
    """``n`` joint patrols, each flown by two countries and citing two sources.

    One participation in each patrol flies a variant made for it (of a shared base type, with a
    manufacturer and a country of origin), so the aircraft-type list grows with ``n`` too. Each
    patrol and each variant carries a claim and the variants a citation, so the citation and
    claim lists hold ``3n`` and ``2n`` rows pointing at two kinds of record.
    """
    russia, china = factories.CountryFactory(), factories.CountryFactory()
    russian_air_force = factories.OrganizationFactory(country=russia)
    chinese_air_force = factories.OrganizationFactory(country=china)
    base = factories.AircraftTypeFactory(
        manufacturer=factories.ManufacturerFactory(), country_of_origin=russia
    )
    h6 = factories.AircraftTypeFactory(country_of_origin=china)
    sources = factories.SourceFactory.create_batch(2)
    for patrol in factories.PatrolFactory.create_batch(n):
        variant = factories.AircraftTypeFactory(
            variant_of=base, manufacturer=base.manufacturer, country_of_origin=russia
        )
        factories.ParticipationFactory(
            patrol=patrol, operator=russian_air_force, aircraft_type=variant
        )
        chinese = factories.ParticipationFactory(
            patrol=patrol, operator=chinese_air_force, aircraft_type=h6
        )
        # A participation names its type and operator: cited, it must not cost a query a row.
        factories.CitationFactory(content_object=chinese, source=sources[1])
        for source in sources:
            factories.CitationFactory(content_object=patrol, source=source)
        factories.CitationFactory(content_object=variant, source=sources[0])
        factories.ClaimFactory(content_object=patrol, source=sources[0])
        factories.ClaimFactory(
            content_object=variant, source=sources[1], field="range_km", value="15000"
        )


# Measured with 50 patrols (50 patrols, 52 aircraft types, 100 participations shown, 100 of 150
# citations, 100 claims): patrol 14, aircraft type 9, participation 8, citation 10 and claim 10
# queries (one per kind of cited record), the same with 5 patrols, on SQLite and PostgreSQL
# alike. Each bound allows two more; one query per row would add at least five even to the
# 5-patrol lists, so it cannot hide under the bound.
QUERY_BOUNDS = {
    Patrol: 16,
    AircraftType: 11,
    Participation: 10,
    Citation: 12,
    Claim: 12,
}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("model", list(QUERY_BOUNDS), ids=model_id)
def test_a_changelist_makes_a_bounded_number_of_queries_whatever_the_number_of_rows(
    curator_client, django_assert_max_num_queries, model, rows
):
    populate(rows)
    url = admin_url(model, "changelist")
    curator_client.get(url)  # warm the content-type cache, as a running server would have it

    with django_assert_max_num_queries(QUERY_BOUNDS[model]):
        response = curator_client.get(url)

    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.result_count == model.objects.count()
    assert len(changelist.result_list) == min(model.objects.count(), changelist.list_per_page)


def test_the_patrol_changelist_shows_countries_aircraft_and_sources_per_patrol(curator_client):
    populate(3)

    response = curator_client.get(admin_url(Patrol, "changelist"))

    for patrol in response.context["cl"].result_list:
        assert (patrol.aircraft_count, patrol.country_count, patrol.source_count) == (4, 2, 2)


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
