"""LoadStamp moved to the ``curation`` app: this app forgets it; the table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0003_history"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LoadStamp")],
            database_operations=[],
        )
    ]
