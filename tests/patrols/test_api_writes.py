"""Writing through the API: the model's rules apply, errors name the field, failures store nothing.

A client script adds a patrol with its participations, regions and sources in one request; a
mistake anywhere in it is a 400 naming the field and leaves the database as it was.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import IntegrityError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aircraft.models import AircraftType
from patrols.models import Participation, Patrol, PatrolRegion
from reference.models import Citation, Claim, Region, Source
from tests import factories

pytestmark = pytest.mark.django_db

PATROLS = "/api/v1/patrols/"


@pytest.fixture
def vocabulary():
    """What a new joint patrol refers to: two air forces, two bombers, a region, a source."""
    china, russia = factories.CountryFactory(code="CN"), factories.CountryFactory(code="RU")
    return {
        "plaaf": factories.OrganizationFactory(slug="plaaf", country=china),
        "vks": factories.OrganizationFactory(slug="vks", country=russia),
        "h-6k": factories.AircraftTypeFactory(slug="h-6k", designation="H-6K"),
        "tu-95ms": factories.AircraftTypeFactory(slug="tu-95ms", designation="Tu-95MS"),
        "sea": factories.RegionFactory(slug="sea-of-japan"),
        "mnd": factories.SourceFactory(slug="mnd-statement"),
    }


def patrol_payload(**overrides):
    payload = {
        "slug": "joint-patrol-12",
        "name": "12th joint strategic air patrol",
        "kind": "joint_strategic_patrol",
        "start_date": "2026-12-01",
        "end_date": "2026-12-02",
        "regions": ["sea-of-japan"],
        "sources": ["mnd-statement"],
        "participations": [
            {"aircraft_type": "h-6k", "operator": "plaaf", "count": 2, "role": "bomber"},
            {"aircraft_type": "tu-95ms", "operator": "vks", "count": 2, "role": "bomber"},
        ],
    }
    return {**payload, **overrides}


def stored_counts():
    return (
        Patrol.objects.count(),
        Participation.objects.count(),
        PatrolRegion.objects.count(),
        Citation.objects.count(),
    )


def test_a_patrol_is_created_with_its_participations_regions_and_sources(
    curator_api_client, vocabulary
):
    response = curator_api_client.post(PATROLS, patrol_payload(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert [c["code"] for c in body["countries"]] == ["CN", "RU"]
    assert body["joint"] is True
    assert body["aircraft_known_minimum"] == 4
    assert [r["slug"] for r in body["regions"]] == ["sea-of-japan"]
    assert [s["slug"] for s in body["sources"]] == ["mnd-statement"]
    assert {p["aircraft_type"]["slug"] for p in body["participations"]} == {"h-6k", "tu-95ms"}
    assert body == curator_api_client.get(f"{PATROLS}joint-patrol-12/").json()


def test_a_bad_participation_refuses_the_whole_patrol(curator_api_client, vocabulary):
    before = stored_counts()
    payload = patrol_payload()
    payload["participations"][1]["operator"] = "no-such-air-force"

    response = curator_api_client.post(PATROLS, payload, format="json")

    assert response.status_code == 400
    assert response.json()["participations"] == {
        "1": {"operator": ["No organization has the slug 'no-such-air-force'."]}
    }
    assert stored_counts() == before


def test_a_participation_failing_after_the_patrol_was_written_leaves_nothing(
    curator_api_client, vocabulary
):
    """The patrol, its regions and citations are saved before the participations are checked
    against each other; the repeated one fails, and the transaction takes everything back."""
    before = stored_counts()
    payload = patrol_payload()
    payload["participations"].append(dict(payload["participations"][0]))

    response = curator_api_client.post(PATROLS, payload, format="json")

    assert response.status_code == 400
    assert response.json()["participations"] == {
        "2": {"non_field_errors": ["Listed twice in this request."]}
    }
    assert stored_counts() == before


def test_a_database_failure_half_way_leaves_nothing(curator_api_client, vocabulary, monkeypatch):
    before = stored_counts()
    original_save, saved = Participation.save, []

    def save_then_fail(self, *args, **kwargs):
        if saved:
            raise IntegrityError("disk full, say")
        saved.append(self)
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Participation, "save", save_then_fail)
    response = curator_api_client.post(PATROLS, patrol_payload(), format="json")

    assert len(saved) == 1  # the first participation was written before the failure
    assert response.status_code == 409
    assert "detail" in response.json()
    assert stored_counts() == before


def test_participations_given_on_update_replace_the_patrols_own(curator_api_client, vocabulary):
    curator_api_client.post(PATROLS, patrol_payload(), format="json")
    kept = Participation.objects.get(aircraft_type__slug="h-6k")
    replacement = [
        {"aircraft_type": "h-6k", "operator": "plaaf", "count": 3, "role": "bomber"},
        {"aircraft_description": "fighters", "operator": "vks", "role": "escort"},
    ]

    response = curator_api_client.patch(
        f"{PATROLS}joint-patrol-12/", {"participations": replacement}, format="json"
    )

    assert response.status_code == 200, response.json()
    participations = response.json()["participations"]
    assert [(p["id"] == kept.pk, p["count"]) for p in participations][0] == (True, 3)
    assert {p["aircraft_description"] for p in participations} == {"", "fighters"}
    assert not Participation.objects.filter(aircraft_type__slug="tu-95ms").exists()


def test_a_patch_without_participations_keeps_them(curator_api_client, vocabulary):
    curator_api_client.post(PATROLS, patrol_payload(), format="json")
    response = curator_api_client.patch(
        f"{PATROLS}joint-patrol-12/", {"summary": "Over the Sea of Japan."}, format="json"
    )
    assert len(response.json()["participations"]) == 2


def test_sources_given_on_update_are_the_records_sources(curator_api_client, vocabulary):
    curator_api_client.post(PATROLS, patrol_payload(), format="json")
    factories.SourceFactory(slug="tass-report")
    url = f"{PATROLS}joint-patrol-12/"

    response = curator_api_client.patch(url, {"sources": ["tass-report"]}, format="json")

    assert [s["slug"] for s in response.json()["sources"]] == ["tass-report"]
    assert Citation.objects.filter(inherited=False).count() == 1
    inherited = Citation.objects.filter(inherited=True)
    assert {citation.source.slug for citation in inherited} == {"tass-report"}  # followed


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2026-11-30"}, "end_date"),
        ({"kind": "exercise", "ordinal": 3}, "ordinal"),
        ({"kind": "sortie"}, "kind"),
        ({"start_date": "1 December"}, "start_date"),
        ({"regions": ["atlantis"]}, "regions"),
        ({"sources": ["rumour"]}, "sources"),
        ({"route": {"type": "Circle", "coordinates": [0, 0]}}, "route"),
        ({"slug": "has spaces"}, "slug"),
    ],
)
def test_invalid_patrols_are_refused_naming_the_field(
    curator_api_client, vocabulary, overrides, field
):
    before = stored_counts()
    response = curator_api_client.post(PATROLS, patrol_payload(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert stored_counts() == before


def test_ordinals_follow_dates(curator_api_client, vocabulary):
    factories.PatrolFactory(kind="joint_strategic_patrol", ordinal=13, start_date="2027-06-01")
    response = curator_api_client.post(PATROLS, patrol_payload(ordinal=14), format="json")
    assert response.status_code == 400
    assert "Patrol no. 13 starts later" in response.json()["ordinal"][0]


def test_a_duplicate_slug_is_refused(curator_api_client, vocabulary):
    curator_api_client.post(PATROLS, patrol_payload(), format="json")
    response = curator_api_client.post(PATROLS, patrol_payload(), format="json")
    assert response.status_code == 400
    assert "slug" in response.json()


def test_a_variant_loop_is_refused(curator_api_client):
    h6 = factories.AircraftTypeFactory(slug="h-6")
    factories.AircraftTypeFactory(slug="h-6k", variant_of=h6)

    response = curator_api_client.patch(
        "/api/v1/aircraft-types/h-6/", {"variant_of": "h-6k"}, format="json"
    )

    assert response.status_code == 400
    assert "variant_of" in response.json()
    assert AircraftType.objects.get(slug="h-6").variant_of is None


def test_a_source_link_is_unique_and_named_as_in_the_api(curator_api_client):
    factories.SourceFactory(url="https://example.org/report")
    response = curator_api_client.post(
        "/api/v1/sources/",
        {
            "slug": "copy",
            "title": "Copy",
            "kind": "news_report",
            "link": "https://example.org/report",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "link" in response.json()


def test_citations_and_claims_attach_to_a_record_by_kind_and_id(curator_api_client):
    patrol = factories.PatrolFactory()
    source = factories.SourceFactory(slug="kyodo")

    cited = curator_api_client.post(
        "/api/v1/citations/",
        {"record_type": "patrols.patrol", "record_id": patrol.pk, "source": "kyodo"},
        format="json",
    )
    claimed = curator_api_client.post(
        "/api/v1/claims/",
        {
            "record_type": "patrols.patrol",
            "record_id": patrol.pk,
            "field": "start_date",
            "value": "2019-07-24",
            "source": "kyodo",
        },
        format="json",
    )

    assert cited.status_code == 201, cited.json()
    assert cited.json()["record"]["key"] == patrol.slug
    assert claimed.status_code == 201, claimed.json()
    assert Claim.objects.get().source == source
    detail = curator_api_client.get(f"{PATROLS}{patrol.slug}/").json()
    assert detail["disputed"] is True
    assert [claim["value"] for claim in detail["claims"]] == ["2019-07-24"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"record_type": "patrols.patrol", "record_id": 999999}, "record_id"),
        ({"record_type": "auth.user", "record_id": 1}, "record_type"),
        ({"record_type": "reference.source", "record_id": 1}, "record_type"),
        ({"field": "colour"}, "field"),
        ({"value": ""}, "value"),
    ],
)
def test_bad_claims_are_refused_naming_the_field(curator_api_client, payload, field):
    patrol = factories.PatrolFactory()
    factories.SourceFactory(slug="kyodo")
    body = {
        "record_type": "patrols.patrol",
        "record_id": patrol.pk,
        "field": "start_date",
        "value": "2019-07-24",
        "source": "kyodo",
        **payload,
    }
    response = curator_api_client.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Claim.objects.exists()


def test_deleting_a_record_still_in_use_is_a_conflict(curator_api_client):
    region = factories.RegionFactory(slug="east-china-sea")
    factories.PatrolRegionFactory(region=region)

    response = curator_api_client.delete("/api/v1/regions/east-china-sea/")

    assert response.status_code == 409
    assert "regions crossed" in response.json()["detail"]
    assert Region.objects.filter(pk=region.pk).exists()


def test_deleting_a_cited_source_is_a_conflict(curator_api_client):
    citation = factories.CitationFactory()
    response = curator_api_client.delete(f"/api/v1/sources/{citation.source.slug}/")
    assert response.status_code == 409
    assert Source.objects.filter(pk=citation.source_id).exists()


def test_malformed_json_is_a_400(curator_api_client):
    response = curator_api_client.generic(
        "POST", PATROLS, "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_statement_without_a_slug_gets_one(curator_api_client):
    factories.OrganizationFactory(slug="mofa")
    factories.SourceFactory(slug="mofa-release")
    response = curator_api_client.post(
        "/api/v1/statements/",
        {
            "organization": "mofa",
            "kind": "protest",
            "date": "2024-07-25",
            "summary": "Protest.",
            "sources": ["mofa-release"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "mofa-protest-2024-07-25"


def test_nested_records_need_their_own_permissions(vocabulary):
    """A user who may change patrols but not participations cannot rewrite them through one."""
    patrol = factories.PatrolFactory()
    factories.CitationFactory(content_object=patrol)
    factories.ParticipationFactory(patrol=patrol)
    user = get_user_model().objects.create_user("patrol-editor")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_patrol"]))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    url = f"{PATROLS}{patrol.slug}/"

    refused = client.patch(url, {"participations": []}, format="json")
    allowed = client.patch(url, {"summary": "Edited."}, format="json")

    assert refused.status_code == 403
    assert Participation.objects.filter(patrol=patrol).count() == 1
    assert allowed.status_code == 200


def test_a_participations_description_can_change_without_losing_it(curator_api_client, vocabulary):
    curator_api_client.post(PATROLS, patrol_payload(), format="json")
    kept = Participation.objects.get(aircraft_type__slug="h-6k")
    items = patrol_payload()["participations"]
    items[0]["aircraft_description"] = "H-6K with YJ-12"

    response = curator_api_client.patch(
        f"{PATROLS}joint-patrol-12/", {"participations": items}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert Participation.objects.get(pk=kept.pk).aircraft_description == "H-6K with YJ-12"


def test_new_dates_must_still_hold_the_interceptions(curator_api_client):
    patrol = factories.PatrolFactory(start_date="2024-11-29", end_date="2024-11-30")
    factories.InterceptionFactory(patrol=patrol, date="2024-11-30")

    response = curator_api_client.patch(
        f"{PATROLS}{patrol.slug}/", {"end_date": "2024-11-29"}, format="json"
    )

    assert response.status_code == 400
    assert "2024-11-30" in response.json()["end_date"][0]
    patrol.refresh_from_db()
    assert str(patrol.end_date) == "2024-11-30"
