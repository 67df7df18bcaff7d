from django.db import migrations, models


class Migration(migrations.Migration):
    """The data set's digest beside its write counter (curation/version.py): empty until the
    first read or write computes it."""

    dependencies = [
        ("curation", "0002_datasetversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="datasetversion",
            name="digest",
            field=models.CharField(blank=True, default="", max_length=71),
        ),
        migrations.AddField(
            model_name="datasetversion",
            name="digest_number",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
    ]
