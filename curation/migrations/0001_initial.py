"""LoadStamp, moved here from ``reference`` (its table keeps the name ``reference_loadstamp``):
the state takes it over, then its constraint is renamed to this app's pattern."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reference", "0004_loadstamp_to_curation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LoadStamp",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("natural_key", models.TextField()),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("digest", models.CharField(max_length=64)),
                        ("record_updated_at", models.DateTimeField()),
                        ("loaded_at", models.DateTimeField(auto_now=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reference_loadstamp",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("content_type", "natural_key"),
                                name="reference_loadstamp_unique_key",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RemoveConstraint(model_name="loadstamp", name="reference_loadstamp_unique_key"),
        migrations.AddConstraint(
            model_name="loadstamp",
            constraint=models.UniqueConstraint(
                fields=("content_type", "natural_key"), name="curation_loadstamp_unique_key"
            ),
        ),
    ]
