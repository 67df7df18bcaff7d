"""The Curators group: full rights on every data model, view-only bookkeeping, nothing else."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.management import call_command

pytestmark = pytest.mark.django_db

DATA_APPS = ("reference", "aircraft", "patrols", "curation")
VIEW_ONLY = {("curation", "loadstamp")}
ALL_ACTIONS = ("view", "add", "change", "delete")


def expected_permissions():
    """(app label, codename) for every model of the data apps, as the models are now."""
    expected = set()
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.model_name
            view_only = (label, name) in VIEW_ONLY or model.__name__.startswith("Historical")
            actions = ("view",) if view_only else ALL_ACTIONS
            expected |= {(label, f"{action}_{name}") for action in actions}
    return expected


def group_permissions(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_the_curators_group_exists_after_migrations(curators_group):
    assert curators_group.name == "Curators"


def test_curators_may_view_add_change_and_delete_every_data_model_and_only_view_load_stamps(
    curators_group,
):
    assert group_permissions(curators_group) == expected_permissions()


@pytest.mark.parametrize(
    ("app_label", "model_name"),
    [("patrols", "patrol"), ("aircraft", "aircrafttype"), ("reference", "source")],
)
def test_curators_may_manage_patrols_aircraft_types_and_sources(
    curators_group, app_label, model_name
):
    granted = group_permissions(curators_group)

    for action in ALL_ACTIONS:
        assert (app_label, f"{action}_{model_name}") in granted


def test_curators_cannot_edit_load_stamps(curators_group):
    granted = group_permissions(curators_group)

    assert ("curation", "view_loadstamp") in granted
    for action in ("add", "change", "delete"):
        assert ("reference", f"{action}_loadstamp") not in granted


def test_curators_may_read_history_tables_but_never_edit_a_version(curators_group):
    granted = group_permissions(curators_group)

    assert ("patrols", "view_historicalpatrol") in granted
    for action in ("add", "change", "delete"):
        assert ("patrols", f"{action}_historicalpatrol") not in granted


def test_curators_have_no_permission_outside_the_data_apps(curators_group):
    outside = curators_group.permissions.exclude(content_type__app_label__in=DATA_APPS)

    assert list(outside) == []
    assert Permission.objects.filter(content_type__app_label="auth").exists()


def test_a_curator_holds_the_groups_permissions_and_none_over_users_or_groups(curator):
    assert curator.has_perm("patrols.add_patrol")
    assert curator.has_perm("aircraft.delete_aircrafttype")
    assert curator.has_perm("reference.change_source")
    assert curator.has_perm("curation.view_loadstamp")
    assert not curator.has_perm("reference.change_loadstamp")
    for codename in ("add_user", "change_user", "view_user", "change_group", "add_permission"):
        assert not curator.has_perm(f"auth.{codename}")
    assert not curator.has_perm("sessions.view_session")
    assert not curator.has_perm("admin.view_logentry")


def test_after_every_migrate_the_group_regains_exactly_the_curator_permissions(curators_group):
    """New models reach the group without a hand-written migration: the group is resynced."""
    curators_group.permissions.remove(
        Permission.objects.get(content_type__app_label="patrols", codename="change_patrol")
    )
    curators_group.permissions.add(Permission.objects.get(codename="delete_user"))

    call_command("migrate", verbosity=0)

    assert group_permissions(curators_group) == expected_permissions()
