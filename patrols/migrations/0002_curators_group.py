"""Create the Curators group with every data-model permission (and nothing in auth)."""

from django.db import migrations

from reference.permissions import sync_curators_group


def create_group(apps, schema_editor):
    sync_curators_group(apps, using=schema_editor.connection.alias)


def remove_group(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    group_model.objects.using(schema_editor.connection.alias).filter(name="Curators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reference", "0001_initial"),
        ("aircraft", "0002_variant_cycle_trigger"),
        ("patrols", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
