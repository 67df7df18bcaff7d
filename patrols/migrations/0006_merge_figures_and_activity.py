"""Joins the two branches made side by side: reported figures and zone entries, activity counts."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("patrols", "0005_activity_counts"),
        ("patrols", "0005_reported_figures"),
    ]

    operations = []
