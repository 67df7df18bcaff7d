"""Admin for patrols: the curators' main screen, with participations, interceptions, statements."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Exists, OuterRef

from core.admin import (
    TIMESTAMPS,
    CompactInline,
    InlineVersionCheckedForm,
    RecordAdmin,
    RecordForm,
    SiblingInlineFormSet,
    SpreadsheetAdmin,
)
from core.changelist import whole_number
from reference.admin import SourcedAdmin
from reference.models import Citation, Country, Source
from reference.services import cite, own_sources

from . import services
from .admin_activity import ActivityCountAdmin  # noqa: F401  (registered there)
from .models import (
    Interception,
    Participation,
    ParticipationRole,
    Patrol,
    PatrolRegion,
    ReportedFigure,
    Statement,
    ZoneEntry,
)
from .resources import PatrolResource


class PatrolRowsFormSet(SiblingInlineFormSet):
    """A patrol's inline rows, checked against the patrol rules (``patrols.services``) together
    with the patrol's other inlines as the curator submitted them."""

    def clean(self):
        super().clean()
        errors = self.rule_errors([form.instance for form in self.kept_forms()])
        if errors:
            raise forms.ValidationError([m for messages in errors.values() for m in messages])

    def rule_errors(self, rows):
        return {}


class ParticipationRowsFormSet(PatrolRowsFormSet):
    def rule_errors(self, rows):
        # As on every path: checked when the rows change, or the patrol becomes joint.
        if self.has_changed() or (rows and services.kind_changed(self.instance)):
            return services.country_errors(self.instance, rows)
        return {}


class InterceptionRowsFormSet(PatrolRowsFormSet):
    def rule_errors(self, rows):
        return services.date_errors(self.instance, interceptions=rows)


class StatementRowsFormSet(PatrolRowsFormSet):
    def rule_errors(self, rows):
        return services.date_errors(self.instance, statements=rows)


def parse_source_slugs(text):
    """``a, b`` → the sources, in that order; unknown slugs are a form error naming them."""
    slugs = list(dict.fromkeys(s.strip() for s in (text or "").split(",") if s.strip()))
    found = {source.slug: source for source in Source.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise forms.ValidationError(f"No source has the slug {', '.join(missing)}.")
    return [found[slug] for slug in slugs]


OWN_CITATIONS = "own_citations_prefetched"


class OwnSourcesInline(CompactInline):
    """An inline of a patrol's records, each row with the sources it names itself (read for the
    whole inline in one query, not one per row)."""

    def get_queryset(self, request):
        own = Citation.objects.filter(inherited=False).select_related("source").order_by("pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(models.Prefetch("citations", queryset=own, to_attr=OWN_CITATIONS))
        )


class OwnSourcesForm(InlineVersionCheckedForm):
    """An inline row of a patrol's record, with the sources it names itself: empty, it cites
    the patrol's (marked inherited)."""

    sources = forms.CharField(
        required=False,
        label="Own sources",
        help_text="Source slugs, separated by commas; empty: the patrol's sources.",
        widget=forms.TextInput(attrs={"size": 18}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = self.instance
        if record.pk is None:
            return
        own = getattr(record, OWN_CITATIONS, None)  # prefetched by the inline's queryset
        sources = [c.source for c in own] if own is not None else own_sources(record)
        self.fields["sources"].initial = ", ".join(source.slug for source in sources)

    def clean_sources(self):
        return parse_source_slugs(self.cleaned_data.get("sources"))


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Patrol.objects.dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():  # "²" passes str.isdigit(); year 0 or 10000 is no date: refused
            return queryset.filter(start_date__year=whole_number(self.value(), 1, 9999, "year"))
        return queryset


class CountryFilter(admin.SimpleListFilter):
    """Patrols with at least one participation by an operator of that country."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return [(country.code, country.name) for country in Country.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            flown = Participation.objects.filter(
                patrol=OuterRef("pk"), operator__country__code=self.value()
            )
            return queryset.filter(Exists(flown))
        return queryset


class RoleFilter(admin.SimpleListFilter):
    title = "participation role"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return ParticipationRole.choices

    def queryset(self, request, queryset):
        if self.value():
            flown = Participation.objects.filter(patrol=OuterRef("pk"), role=self.value())
            return queryset.filter(Exists(flown))
        return queryset


class PatrolRegionInline(CompactInline, admin.TabularInline):
    model = PatrolRegion
    extra = 0
    autocomplete_fields = ("region",)


class ParticipationInline(OwnSourcesInline, admin.TabularInline):
    model = Participation
    form = OwnSourcesForm
    formset = ParticipationRowsFormSet
    extra = 0
    fields = (
        "aircraft_type",
        "aircraft_description",
        "operator",
        "count",
        "role",
        "confidence",
        "sources",
    )
    autocomplete_fields = ("aircraft_type", "operator")
    formfield_overrides = {
        models.CharField: {"widget": forms.TextInput(attrs={"size": 18})},
        models.PositiveSmallIntegerField: {
            "widget": forms.NumberInput(attrs={"style": "width: 5em"})
        },
    }
    show_change_link = True


class InterceptionInline(OwnSourcesInline, admin.TabularInline):
    model = Interception
    form = OwnSourcesForm
    formset = InterceptionRowsFormSet
    extra = 0
    fields = (
        "responder",
        "aircraft_type",
        "count",
        "date",
        "region",
        "airspace_violated",
        "confidence",
        "sources",
    )
    autocomplete_fields = ("responder", "aircraft_type", "region")
    show_change_link = True


class StatementInline(OwnSourcesInline, admin.StackedInline):
    model = Statement
    form = OwnSourcesForm
    formset = StatementRowsFormSet
    extra = 0
    fields = (
        ("organization", "speaker"),
        ("date", "kind", "confidence"),
        "summary",
        "slug",
        "sources",
    )
    autocomplete_fields = ("organization",)
    show_change_link = True


class ReportedFigureInline(OwnSourcesInline, admin.TabularInline):
    model = ReportedFigure
    form = OwnSourcesForm
    formset = PatrolRowsFormSet
    extra = 0
    fields = ("quantity", "qualifier", "value", "country", "reported_by", "confidence", "sources")
    autocomplete_fields = ("reported_by",)
    show_change_link = True


class ZoneEntryInline(OwnSourcesInline, admin.TabularInline):
    model = ZoneEntry
    form = OwnSourcesForm
    formset = PatrolRowsFormSet
    extra = 0
    fields = (
        "zone", "country", "count_qualifier", "aircraft_count", "entered_at", "exited_at",
        "reported_by", "confidence", "sources",
    )  # fmt: skip
    autocomplete_fields = ("reported_by",)
    show_change_link = True


# The rows written on a patrol's page that name sources of their own or inherit the patrol's.
HEIRS = (Participation, Interception, Statement, ReportedFigure, ZoneEntry)


@admin.register(Patrol)
class PatrolAdmin(SpreadsheetAdmin, SourcedAdmin):
    resource_classes = (PatrolResource,)
    list_display = (
        "name",
        "start_date",
        "end_date",
        "kind",
        "country_list",
        "aircraft_known_minimum",
        "reads_as",
        "source_count",
    )
    list_filter = ("kind", YearFilter, CountryFilter, RoleFilter, *SourcedAdmin.list_filter)
    search_fields = ("name", "slug", "summary", "participations__aircraft_type__designation")
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("name",)}
    inlines = (
        PatrolRegionInline,
        ParticipationInline,
        InterceptionInline,
        StatementInline,
        ReportedFigureInline,
        ZoneEntryInline,
        *SourcedAdmin.inlines,
    )
    fieldsets = (
        (None, {"fields": (("name", "slug"), ("kind", "ordinal"), ("start_date", "end_date"))}),
        (None, {"fields": ("summary", "notes", "route")}),
        (None, {"fields": ("confidence", TIMESTAMPS)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_summary().with_countries()

    def revert_errors(self, request, patrol, plan):
        """The patrol rules, for the patrol as the revert saves it with its rows as restored
        (``core.revert``): two countries for a joint patrol, dates, sources."""
        heirs = [row for model in HEIRS for row in plan.rows(model)]
        return services.patrol_rule_errors(
            patrol,
            participations=plan.rows(Participation),
            interceptions=plan.rows(Interception),
            statements=plan.rows(Statement),
            sources=[c.source for c in plan.rows(Citation) if not c.inherited],
            heirs_without_sources=any(
                all(c.inherited for c in plan.rows_of(Citation, heir)) for heir in heirs
            ),
        )

    def save_formset(self, request, form, formset, change):
        """Rows naming sources of their own cite them; the rest inherit the patrol's."""
        super().save_formset(request, form, formset, change)
        if formset.model not in HEIRS:
            return
        for row in formset.kept_forms():
            if "sources" in row.changed_data and row.instance.pk is not None:
                cite(row.instance, row.cleaned_data["sources"])

    @admin.display(description="countries")
    def country_list(self, obj):
        return ", ".join(country.code for country in obj.countries) or "—"

    @admin.display(description="aircraft (known min.)", ordering="aircraft_known_minimum")
    def aircraft_known_minimum(self, obj):
        return obj.aircraft_known_minimum


@admin.register(PatrolRegion)
class PatrolRegionAdmin(RecordAdmin):
    list_display = ("patrol", "region")
    list_filter = ("region__kind",)
    list_select_related = ("patrol", "region")
    search_fields = ("patrol__name", "region__name")
    autocomplete_fields = ("patrol", "region")


class ParticipationForm(RecordForm):
    """A participation written on its own may not take a joint patrol below two countries."""

    def _post_clean(self):
        super()._post_clean()
        for field, messages in services.participation_change_errors(self.instance).items():
            for message in messages:
                self.add_error(field, message)


@admin.register(Participation)
class ParticipationAdmin(SourcedAdmin):
    form = ParticipationForm

    list_display = ("patrol", "aircraft", "operator", "count", "role", "reads_as")
    list_filter = ("role", "operator__country", *SourcedAdmin.list_filter)
    list_select_related = ("patrol", "aircraft_type", "operator")
    search_fields = ("patrol__name", "aircraft_type__designation", "aircraft_description")
    autocomplete_fields = ("patrol", "aircraft_type", "operator")

    @admin.display(description="aircraft", ordering="aircraft_type__designation")
    def aircraft(self, obj):
        return obj.aircraft_type or obj.aircraft_description

    def deletion_refusals(self, request, objs):
        return services.participations_leaving_errors(list(objs))


@admin.register(Interception)
class InterceptionAdmin(SourcedAdmin):
    list_display = ("patrol", "responder", "aircraft_type", "count", "date", "region")
    list_filter = ("airspace_violated", "responder", *SourcedAdmin.list_filter)
    list_select_related = ("patrol", "responder", "aircraft_type", "region")
    search_fields = ("patrol__name", "responder__name", "aircraft_type__designation")
    autocomplete_fields = ("patrol", "responder", "aircraft_type", "region")
    date_hierarchy = "date"


@admin.register(Statement)
class StatementAdmin(SourcedAdmin):
    list_display = ("organization", "kind", "date", "speaker", "patrol", "reads_as")
    list_filter = ("kind", "organization__country", *SourcedAdmin.list_filter)
    list_select_related = ("organization", "patrol")
    search_fields = ("summary", "speaker", "organization__name", "patrol__name")
    autocomplete_fields = ("organization", "patrol")
    date_hierarchy = "date"


@admin.register(ReportedFigure)
class ReportedFigureAdmin(SourcedAdmin):
    list_display = ("patrol", "quantity", "qualifier", "value", "country", "reported_by")
    list_filter = ("quantity", "qualifier", "country", *SourcedAdmin.list_filter)
    list_select_related = ("patrol", "country", "reported_by")
    search_fields = ("patrol__name", "notes", "reported_by__name")
    autocomplete_fields = ("patrol", "reported_by")


@admin.register(ZoneEntry)
class ZoneEntryAdmin(SourcedAdmin):
    list_display = ("patrol", "zone", "country", "aircraft_count", "entered_at", "reported_by")
    list_filter = ("zone", "country", "count_qualifier", *SourcedAdmin.list_filter)
    list_select_related = ("patrol", "zone", "country", "reported_by")
    search_fields = ("patrol__name", "notes", "zone__name")
    autocomplete_fields = ("patrol", "reported_by")
    date_hierarchy = "entered_at"
