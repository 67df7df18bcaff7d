"""Once created the Curators group here; the group is now kept by one mechanism, the
``post_migrate`` handler of the ``curation`` app, which runs after every ``migrate``."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reference", "0001_initial"),
        ("aircraft", "0002_variant_cycle_trigger"),
        ("patrols", "0001_initial"),
    ]

    operations = []
