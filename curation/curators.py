"""The Curators group: every data model of the project's apps, and nothing in auth.

One mechanism keeps it: ``sync_curators_group`` after every ``migrate`` (``post_migrate``).
"""

from django.apps import apps as global_apps

from core.apps import data_app_labels

CURATORS_GROUP = "Curators"
# Loader bookkeeping, not curated data: curators may look at it but never edit it.
VIEW_ONLY_MODELS = {("curation", "loadstamp")}


def is_view_only(app_label, model_name):
    """Loader bookkeeping, and the history tables (a version is never edited, only added by
    saving or reverting the record itself)."""
    return (app_label, model_name) in VIEW_ONLY_MODELS or model_name.startswith("historical")


def curator_permission_codenames(apps):
    """(app_label, codename) pairs for the group, computed from the models as they are."""
    pairs = []
    for app_label in [*data_app_labels(), "curation"]:
        try:
            app_models = apps.get_app_config(app_label).get_models()
        except LookupError:  # migrated back to zero: the app has no models in this state
            continue
        for model in app_models:
            name = model._meta.model_name
            actions = (
                ("view",) if is_view_only(app_label, name) else ("view", "add", "change", "delete")
            )
            pairs.extend((app_label, f"{action}_{name}") for action in actions)
    return pairs


def sync_curators_group(apps, using="default"):
    """Create the group if missing and give it exactly the curator permissions."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Inside a migration the app configs are stubs without a models module, which
        # create_permissions would skip: the permissions do not exist yet on a new database.
        stub = getattr(app_config, "models_module", None) is None
        if stub:
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        if stub:
            app_config.models_module = None

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.using(using).get_or_create(name=CURATORS_GROUP)
    wanted = curator_permission_codenames(apps)
    permissions = [
        permission_model.objects.using(using).get(
            content_type__app_label=app_label, codename=codename
        )
        for app_label, codename in wanted
    ]
    group.permissions.set(permissions)
    return group


def sync_curators_after_migrate(sender, apps=global_apps, using="default", **kwargs):
    """``post_migrate`` of this app, the last installed of the project's: every data app's
    permissions exist by now."""
    sync_curators_group(apps, using=using)
