"""The patrol list's covering index (see ``Patrol.Meta.indexes``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patrols", "0006_merge_figures_and_activity"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="patrol",
            index=models.Index(
                fields=["start_date", "kind", "name", "end_date", "ordinal", "updated_at", "id"],
                name="patrols_patrol_list",
            ),
        ),
    ]
