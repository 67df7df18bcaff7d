"""The start date's own index dropped: ``patrols_patrol_list`` leads with the start date and
serves every use of it (and PostgreSQL, planning with both, picked the narrow one and read the
table where the wide one answers from the index alone)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patrols", "0007_patrol_list_index"),
    ]

    operations = [
        migrations.AlterField(model_name="patrol", name="start_date", field=models.DateField()),
        migrations.AlterField(
            model_name="historicalpatrol", name="start_date", field=models.DateField()
        ),
    ]
