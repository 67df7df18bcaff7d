"""Every admin page stays usable with 10,000 patrols: no unbounded drop-downs, bounded queries."""

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from patrols.models import Participation, Patrol, Statement
from reference.models import Country, Organization

pytestmark = pytest.mark.django_db

PATROLS = 10_000
APPS = ("reference", "aircraft", "patrols")


@pytest.fixture
def ten_thousand_patrols(db):
    russia = Country.objects.create(code="RU", code3="RUS", name="Russia")
    operator = Organization.objects.create(
        slug="vks", name="Russian Aerospace Forces", kind="air_force", country=russia
    )
    start = dt.date(1995, 1, 1)
    Patrol.objects.bulk_create(
        Patrol(
            slug=f"patrol-{n}",
            name=f"Patrol {n}",
            kind="national_long_range_patrol",
            start_date=start + dt.timedelta(days=n),
        )
        for n in range(PATROLS)
    )
    patrols = list(Patrol.objects.order_by("pk")[:50])
    Participation.objects.bulk_create(
        Participation(
            patrol=p, aircraft_description="bombers", operator=operator, count=2, role="bomber"
        )
        for p in patrols
    )
    Statement.objects.create(
        organization=operator, kind="announcement", patrol=patrols[0], summary="Flew."
    )
    return patrols[0]


def model_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in APPS
    ]


def test_no_admin_page_lists_every_patrol(admin_client, ten_thousand_patrols):
    for model, _ in model_admins():
        info = model._meta.app_label, model._meta.model_name
        urls = [reverse("admin:{}_{}_changelist".format(*info))]
        if model_admin_allows_add(model):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        instance = model.objects.first()
        if instance is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[instance.pk]))
        for url in urls:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            options = len(re.findall(rb"<option", response.content))
            assert options < 1_000, f"{url} renders {options} options"


def model_admin_allows_add(model):
    return model._meta.model_name != "loadstamp"


def test_the_patrol_changelist_pages_through_ten_thousand_patrols(
    admin_client, ten_thousand_patrols, django_assert_max_num_queries
):
    url = reverse("admin:patrols_patrol_changelist")
    with django_assert_max_num_queries(15):
        response = admin_client.get(url, {"p": 50})
    assert response.status_code == 200
    assert response.context["cl"].result_count == PATROLS
