"""Activity counts (``patrols.activity``): yearly scramble and ADIZ-entry figures, with history."""

import django.db.models.deletion
import django.db.models.expressions
import patrols.activity
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patrols", "0004_history_for_existing_records"),
        ("reference", "0006_citation_inherited"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalActivityCount",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed"),
                            ("reported", "Reported"),
                            ("claimed", "Claimed"),
                            ("disputed", "Disputed"),
                        ],
                        default="reported",
                        max_length=10,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        blank=True,
                        db_index=True,
                        help_text="Left empty, it is made from the rest: scrambles-japan-joint-staff-fy2024-cn.",
                        max_length=120,
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("scrambles", "Fighter scrambles"),
                            ("adiz_entries", "ADIZ entries without prior notice"),
                            ("notified_adiz_entries", "ADIZ entries with prior notice"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        choices=[
                            ("fiscal_year", "Japanese fiscal year (April–March)"),
                            ("calendar_year", "Calendar year"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        help_text="The calendar year, or the year the fiscal year starts in (FY2024: 2024)."
                    ),
                ),
                (
                    "period_start",
                    models.DateField(blank=True, help_text="Left empty: the year's first day."),
                ),
                (
                    "period_end",
                    models.DateField(blank=True, help_text="Left empty: the year's last day."),
                ),
                (
                    "partial",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="The figure covers part of its year only (derived from the dates).",
                    ),
                ),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("total", "All countries"),
                            ("country", "One country"),
                            ("other", "Other countries (not given separately)"),
                        ],
                        default="country",
                        max_length=10,
                    ),
                ),
                (
                    "count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Empty only when the row says why (as reported, notes).",
                        null=True,
                    ),
                ),
                (
                    "approximate",
                    models.BooleanField(
                        default=False,
                        help_text="The source gives a rounded figure only ('N-odd'): count is N.",
                    ),
                ),
                (
                    "as_reported",
                    models.CharField(
                        blank=True,
                        help_text="The figure in the source's own words.",
                        max_length=200,
                    ),
                ),
                (
                    "breakdown",
                    models.JSONField(
                        blank=True,
                        help_text='By subdivision as the source gives it: {"northern": 152, …}.',
                        null=True,
                        validators=[patrols.activity.validate_breakdown],
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Whose aircraft, for a country's figure; empty for a total or 'other'.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="reference.country",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reported_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Whose data the figure is (Japan's Joint Staff Office, the ROK's JCS, …).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="reference.organization",
                    ),
                ),
                (
                    "zone",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The ADIZ the figure concerns, where it concerns one.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="reference.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical activity count",
                "verbose_name_plural": "historical activity counts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ActivityCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed"),
                            ("reported", "Reported"),
                            ("claimed", "Claimed"),
                            ("disputed", "Disputed"),
                        ],
                        default="reported",
                        max_length=10,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        blank=True,
                        help_text="Left empty, it is made from the rest: scrambles-japan-joint-staff-fy2024-cn.",
                        max_length=120,
                        unique=True,
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("scrambles", "Fighter scrambles"),
                            ("adiz_entries", "ADIZ entries without prior notice"),
                            ("notified_adiz_entries", "ADIZ entries with prior notice"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        choices=[
                            ("fiscal_year", "Japanese fiscal year (April–March)"),
                            ("calendar_year", "Calendar year"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        help_text="The calendar year, or the year the fiscal year starts in (FY2024: 2024)."
                    ),
                ),
                (
                    "period_start",
                    models.DateField(blank=True, help_text="Left empty: the year's first day."),
                ),
                (
                    "period_end",
                    models.DateField(blank=True, help_text="Left empty: the year's last day."),
                ),
                (
                    "partial",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="The figure covers part of its year only (derived from the dates).",
                    ),
                ),
                (
                    "scope",
                    models.CharField(
                        choices=[
                            ("total", "All countries"),
                            ("country", "One country"),
                            ("other", "Other countries (not given separately)"),
                        ],
                        default="country",
                        max_length=10,
                    ),
                ),
                (
                    "count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Empty only when the row says why (as reported, notes).",
                        null=True,
                    ),
                ),
                (
                    "approximate",
                    models.BooleanField(
                        default=False,
                        help_text="The source gives a rounded figure only ('N-odd'): count is N.",
                    ),
                ),
                (
                    "as_reported",
                    models.CharField(
                        blank=True,
                        help_text="The figure in the source's own words.",
                        max_length=200,
                    ),
                ),
                (
                    "breakdown",
                    models.JSONField(
                        blank=True,
                        help_text='By subdivision as the source gives it: {"northern": 152, …}.',
                        null=True,
                        validators=[patrols.activity.validate_breakdown],
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "country",
                    models.ForeignKey(
                        blank=True,
                        help_text="Whose aircraft, for a country's figure; empty for a total or 'other'.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activity_counts",
                        to="reference.country",
                    ),
                ),
                (
                    "reported_by",
                    models.ForeignKey(
                        help_text="Whose data the figure is (Japan's Joint Staff Office, the ROK's JCS, …).",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activity_counts",
                        to="reference.organization",
                    ),
                ),
                (
                    "zone",
                    models.ForeignKey(
                        blank=True,
                        help_text="The ADIZ the figure concerns, where it concerns one.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activity_counts",
                        to="reference.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "activity count",
                "ordering": ["measure", "period", "year", "period_end", "scope", "country", "pk"],
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("confidence__in", ["confirmed", "reported", "claimed", "disputed"])
                        ),
                        name="patrols_activitycount_confidence_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("slug", ""), _negated=True),
                        name="patrols_activitycount_slug_not_empty",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("measure__in", ["scrambles", "adiz_entries", "notified_adiz_entries"])
                        ),
                        name="patrols_activitycount_measure_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("period__in", ["fiscal_year", "calendar_year"])),
                        name="patrols_activitycount_period_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("scope__in", ["total", "country", "other"])),
                        name="patrols_activitycount_scope_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("year__gte", 1900), ("year__lte", 2100)),
                        name="patrols_activitycount_year_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("period_end__gte", models.F("period_start")),
                            models.Q(
                                models.Q(
                                    models.Q(
                                        models.Q(
                                            ("period_start__month__gte", 4),
                                            ("period_start__year", models.F("year")),
                                        ),
                                        models.Q(
                                            ("period_start__month__lt", 4),
                                            (
                                                "period_start__year",
                                                django.db.models.expressions.CombinedExpression(
                                                    models.F("year"), "+", models.Value(1)
                                                ),
                                            ),
                                        ),
                                        _connector="OR",
                                    ),
                                    models.Q(
                                        models.Q(
                                            ("period_end__month__gte", 4),
                                            ("period_end__year", models.F("year")),
                                        ),
                                        models.Q(
                                            ("period_end__month__lt", 4),
                                            (
                                                "period_end__year",
                                                django.db.models.expressions.CombinedExpression(
                                                    models.F("year"), "+", models.Value(1)
                                                ),
                                            ),
                                        ),
                                        _connector="OR",
                                    ),
                                    ("period", "fiscal_year"),
                                ),
                                models.Q(
                                    ("period", "calendar_year"),
                                    ("period_end__year", models.F("year")),
                                    ("period_start__year", models.F("year")),
                                ),
                                _connector="OR",
                            ),
                        ),
                        name="patrols_activitycount_dates_within_year",
                        violation_error_message="The dates must lie within the year, in order.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                models.Q(
                                    models.Q(
                                        models.Q(
                                            ("period_start__day", 1),
                                            ("period_start__month", 4),
                                            ("period_start__year", models.F("year")),
                                        ),
                                        models.Q(
                                            ("period_end__day", 31),
                                            ("period_end__month", 3),
                                            (
                                                "period_end__year",
                                                django.db.models.expressions.CombinedExpression(
                                                    models.F("year"), "+", models.Value(1)
                                                ),
                                            ),
                                        ),
                                        ("period", "fiscal_year"),
                                    ),
                                    models.Q(
                                        models.Q(
                                            ("period_start__day", 1),
                                            ("period_start__month", 1),
                                            ("period_start__year", models.F("year")),
                                        ),
                                        models.Q(
                                            ("period_end__day", 31),
                                            ("period_end__month", 12),
                                            ("period_end__year", models.F("year")),
                                        ),
                                        ("period", "calendar_year"),
                                    ),
                                    _connector="OR",
                                ),
                                ("partial", False),
                            ),
                            models.Q(
                                models.Q(
                                    models.Q(
                                        models.Q(
                                            ("period_start__day", 1),
                                            ("period_start__month", 4),
                                            ("period_start__year", models.F("year")),
                                        ),
                                        models.Q(
                                            ("period_end__day", 31),
                                            ("period_end__month", 3),
                                            (
                                                "period_end__year",
                                                django.db.models.expressions.CombinedExpression(
                                                    models.F("year"), "+", models.Value(1)
                                                ),
                                            ),
                                        ),
                                        ("period", "fiscal_year"),
                                    ),
                                    models.Q(
                                        models.Q(
                                            ("period_start__day", 1),
                                            ("period_start__month", 1),
                                            ("period_start__year", models.F("year")),
                                        ),
                                        models.Q(
                                            ("period_end__day", 31),
                                            ("period_end__month", 12),
                                            ("period_end__year", models.F("year")),
                                        ),
                                        ("period", "calendar_year"),
                                    ),
                                    _connector="OR",
                                    _negated=True,
                                ),
                                ("partial", True),
                            ),
                            _connector="OR",
                        ),
                        name="patrols_activitycount_partial_iff_part_year",
                        violation_error_message="A figure is partial exactly when it covers part of its year.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("country__isnull", False), ("scope", "country")),
                            models.Q(
                                models.Q(("scope", "country"), _negated=True),
                                ("country__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="patrols_activitycount_country_iff_scope_country",
                        violation_error_message="Name the country for a country's figure, and only then.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("count__isnull", False),
                            models.Q(("as_reported", ""), _negated=True),
                            models.Q(("notes", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="patrols_activitycount_unknown_count_explained",
                        violation_error_message="Without a count, say why (as reported, or notes).",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("country__isnull", False)),
                        fields=(
                            "measure",
                            "reported_by",
                            "period",
                            "year",
                            "period_end",
                            "country",
                        ),
                        name="patrols_activitycount_unique_country",
                        violation_error_message="This figure is recorded already for this country.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("country__isnull", True)),
                        fields=("measure", "reported_by", "period", "year", "period_end", "scope"),
                        name="patrols_activitycount_unique_scope",
                        violation_error_message="This figure is recorded already for this scope.",
                    ),
                ],
            },
        ),
    ]
