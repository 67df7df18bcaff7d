"""Give every record saved before history began its first version.

Without it, a database that predates django-simple-history would show no versions, nothing to
revert to, and ``as_of`` would find no records at all. The version is dated at the record's last
change (``updated_at``), the best the database knows. New databases have no records here yet.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone

DATA_APPS = ("reference", "aircraft", "patrols")
REASON = "Existing record when history began"


def first_versions(apps, schema_editor):
    alias = schema_editor.connection.alias
    now = timezone.now()
    for label in DATA_APPS:
        for model in apps.get_app_config(label).get_models():
            try:
                historical = apps.get_model(label, f"Historical{model.__name__}")
            except LookupError:
                continue  # not tracked (the loader's stamps), or a history table itself
            unversioned = model.objects.using(alias).exclude(
                Exists(historical.objects.using(alias).filter(id=OuterRef("pk")))
            )
            batch = []
            for record in unversioned.iterator(chunk_size=2000):
                values = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields}
                batch.append(
                    historical(
                        **values,
                        history_date=getattr(record, "updated_at", None) or now,
                        history_type="+",
                        history_change_reason=REASON,
                    )
                )
                if len(batch) >= 2000:
                    historical.objects.using(alias).bulk_create(batch)
                    batch = []
            historical.objects.using(alias).bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("patrols", "0003_history"),
        ("aircraft", "0003_history"),
        ("reference", "0003_history"),
    ]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
