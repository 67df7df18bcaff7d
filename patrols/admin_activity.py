"""Admin for activity counts (``patrols.activity``): a list filtered by measure, period, scope
and reporter, the sources and claims inlines every fact record has, and spreadsheet import and
export (``ActivityCountResource``).

A spreadsheet row names its reporter, zone and country by slug or code, like the API; it is
keyed by its slug (made from the figure's key when left empty), and an empty ``period_start`` /
``period_end`` cell means the year's first / last day.
"""

from django.contrib import admin
from import_export import fields

from core.admin import TIMESTAMPS, SpreadsheetAdmin
from reference.admin import SourcedAdmin
from reference.models import Region, RegionKind
from reference.resources import SourcedResource

from .activity import FIRST_YEAR, LAST_YEAR, ActivityCount, year_bounds


class ActivityCountResource(SourcedResource):
    """One row per figure, with the sources it cites; ``partial`` is shown, never imported."""

    partial = fields.Field(attribute="partial", column_name="partial", readonly=True)

    class Meta(SourcedResource.Meta):
        model = ActivityCount

    def before_import_row(self, row, **kwargs):
        """Empty dates are the year's bounds, so a whole-year row finds its stored record."""
        super().before_import_row(row, **kwargs)
        try:
            first, last = year_bounds(row.get("period"), int(str(row.get("year")).strip()))
        except (TypeError, ValueError):
            return  # the row's own checks report the year
        for column, bound in (("period_start", first), ("period_end", last)):
            if column in row and not str(row[column] or "").strip():
                row[column] = bound.isoformat()


@admin.register(ActivityCount)
class ActivityCountAdmin(SpreadsheetAdmin, SourcedAdmin):
    resource_classes = (ActivityCountResource,)
    list_display = (
        "slug", "measure", "label", "period_end", "scope", "country", "count", "approximate",
        "reported_by", "reads_as", "source_count",
    )  # fmt: skip
    list_filter = (
        "measure", "period", "scope", "partial", "country", "reported_by",
        *SourcedAdmin.list_filter,
    )  # fmt: skip
    list_select_related = ("reported_by", "zone", "country")
    search_fields = ("slug", "notes", "as_reported", "reported_by__name", "country__name")
    autocomplete_fields = ("reported_by", "zone", "country")
    readonly_fields = ("partial", *TIMESTAMPS)
    fieldsets = (
        (None, {"fields": (("measure", "slug"), ("reported_by", "zone"))}),
        (None, {"fields": (("period", "year"), ("period_start", "period_end", "partial"))}),
        (None, {"fields": (("scope", "country"), ("count", "approximate", "as_reported"))}),
        (None, {"fields": ("breakdown", "notes", "confidence", TIMESTAMPS)}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The year field offers the years a count may name (1900–2100), and the zone field
        ADIZ regions only (``clean()`` refuses any other zone)."""
        if db_field.name == "year":
            kwargs.update(min_value=FIRST_YEAR, max_value=LAST_YEAR)
        if db_field.name == "zone":
            kwargs["queryset"] = Region.objects.filter(kind=RegionKind.ADIZ)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="period", ordering="year")
    def label(self, obj):
        return obj.label

    def save_model(self, request, obj, form, change):
        """Empty dates become the year's; the sources inline is saved and settled after
        (``SourcedAdmin.save_related``), as for every fact record."""
        obj.fill_period()
        obj.fill_slug()
        super().save_model(request, obj, form, change)
