"""Admin for countries, organizations, regions, zone boundaries and provenance, and the
fact-record admin base (sources and claims inlines) every app's sourced models share."""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.db.models import Exists, OuterRef

from core.admin import (
    JSON_AS_OPTIONAL,
    TIMESTAMPS,
    CompactInline,
    RecordAdmin,
    RecordForm,
    SiblingFormSet,
    SpreadsheetAdmin,
    reason_given,
)

from .boundaries_admin import ZoneBoundaryForm, boundary_list
from .models import (
    Citation,
    Claim,
    Country,
    Organization,
    Region,
    RegionKind,
    Source,
    ZoneBoundary,
    attached_records,
)
from .resources import OrganizationResource, SourceResource, ZoneBoundaryResource
from .services import (
    NO_SOURCE,
    ONLY_OPINION,
    citations_of,
    delete_citation,
    inheritable,
    inherits_only,
    last_citations,
    save_citation,
    settle,
)


def claimable_fields(model):
    """(name, label) for the fields of ``model`` a claim may be about."""
    return [
        (field.name, field.verbose_name)
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name != "confidence"
    ]


class CitationFormSet(SiblingFormSet, BaseGenericInlineFormSet):
    """The record's own sources. One citation per source (the database's unique constraint
    covers the record's own key, which the form never sees, so the formset checks it), and at
    least one source, unless the record keeps what it inherited (``reference.services``)."""

    def clean(self):
        super().clean()
        sources = self.sources()
        if len({source.pk for source in sources}) < len(sources):
            twice = next(s for s in sources if sources.count(s) > 1)
            raise forms.ValidationError(f"“{twice}” is cited twice.")
        if not sources and not self.keeps_inherited():
            raise forms.ValidationError(NO_SOURCE, code="no_source")
        self.check_sources(sources)

    def sources(self):
        return [
            form.cleaned_data["source"]
            for form in self.kept_forms()
            if form.cleaned_data.get("source")
        ]

    def keeps_inherited(self):
        """It cites what it inherited, and still belongs to a record to inherit from."""
        record = self.instance
        return (
            record.pk is not None
            and record.source_parent() is not None
            and citations_of(record).filter(inherited=True).exists()
        )

    def check_sources(self, sources):
        """The page's rows of records inheriting from this one (a patrol's participations) that
        cite nothing and name no sources of their own will inherit these: not opinion alone."""
        if sources and not inheritable(sources) and any(self.rows_to_inherit()):
            raise forms.ValidationError(ONLY_OPINION, code="only_opinion")

    def rows_to_inherit(self):
        heir_formsets = [
            formset
            for formset in self.siblings
            if formset is not self and formset.model not in (Citation, Claim)
        ]
        for formset in heir_formsets:
            for form in formset.kept_forms():
                record = form.instance
                if form.cleaned_data.get("sources"):
                    continue  # names its own
                if "sources" in form.changed_data or record.pk is None:
                    yield record  # new, or its own sources cleared: it will inherit
                elif not citations_of(record).exists() or inherits_only(record):
                    yield record


class CitationInline(CompactInline, GenericTabularInline):
    model = Citation
    formset = CitationFormSet
    extra = 0
    fields = ("source", "locator")
    autocomplete_fields = ("source",)
    verbose_name = "source"
    verbose_name_plural = "sources"

    def get_queryset(self, request):
        # Inherited citations follow the record's parent; only its own are edited here.
        return super().get_queryset(request).filter(inherited=False)


class ClaimInline(CompactInline, GenericTabularInline):
    model = Claim
    extra = 0
    fields = ("field", "value", "source", "confidence", "note")
    autocomplete_fields = ("source",)
    verbose_name_plural = "claims (alternative values reported by other sources)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "field":
            choices = [("", "(the record as a whole)"), *claimable_fields(self.parent_model)]
            return forms.ChoiceField(choices=choices, required=False, label="Field")
        if db_field.name in ("value", "note"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DisputedFilter(admin.SimpleListFilter):
    title = "disputed"
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("yes", "Disputed or with claims"), ("no", "Undisputed")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.disputed(self.value() == "yes")
        return queryset


class SourcedAdmin(RecordAdmin):
    """What every fact record's admin shares: sources and claims inlines, counts, timestamps."""

    inlines = (CitationInline, ClaimInline)
    readonly_fields = TIMESTAMPS
    formfield_overrides = JSON_AS_OPTIONAL
    list_filter = ("confidence", DisputedFilter)

    def get_queryset(self, request):
        return super().get_queryset(request).with_source_count().with_claim_count()

    def save_related(self, request, form, formsets, change):
        """The inline rows written with the record that name no sources inherit its own
        (``reference.services.settle``); the forms have checked that nothing ends uncited."""
        super().save_related(request, form, formsets, change)
        settle(form.instance)

    def settle_revert(self, request, record, plan):
        """A reverted record with its rows restored settles as after any save with them: its
        heirs follow its sources, and it and every heir must cite one."""
        super().settle_revert(request, record, plan)
        settle(record)

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count

    @admin.display(description="confidence", ordering="confidence")
    def reads_as(self, obj):
        """The confidence, marked disputed when other sources report other values."""
        shown = obj.get_confidence_display()
        if obj.claim_count and obj.confidence != "disputed":
            plural = "s" if obj.claim_count > 1 else ""
            shown += f" · disputed ({obj.claim_count} claim{plural})"
        return shown


@admin.register(Country)
class CountryAdmin(RecordAdmin):
    list_display = ("name", "code", "code3")
    search_fields = ("name", "code", "code3")
    readonly_fields = TIMESTAMPS


@admin.register(Organization)
class OrganizationAdmin(SpreadsheetAdmin, SourcedAdmin):
    resource_classes = (OrganizationResource,)
    list_display = ("name", "short_name", "kind", "country", "parent", "reads_as", "source_count")
    list_filter = ("kind", "country", *SourcedAdmin.list_filter)
    list_select_related = ("country", "parent")
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country", "parent")


@admin.register(Region)
class RegionAdmin(SourcedAdmin):
    list_display = ("name", "kind", "parent", "declared_by", "established_year", "reads_as")
    list_filter = ("kind", *SourcedAdmin.list_filter)
    list_select_related = ("parent", "declared_by")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent", "declared_by")
    readonly_fields = (*SourcedAdmin.readonly_fields, "boundaries")

    @admin.display(description="boundaries (edited on their own pages)")
    def boundaries(self, obj):
        return boundary_list(obj) if obj.pk else "—"


@admin.register(ZoneBoundary)
class ZoneBoundaryAdmin(SpreadsheetAdmin, SourcedAdmin):
    form = ZoneBoundaryForm
    resource_classes = (ZoneBoundaryResource,)
    list_display = (
        "slug", "region", "effective_from", "status", "points_ordered", "point_count", "reads_as",
        "source_count",
    )  # fmt: skip
    list_filter = ("status", "points_ordered", "region", *SourcedAdmin.list_filter)
    list_select_related = ("region",)
    search_fields = ("slug", "region__name", "legal_basis", "definition", "notes")
    date_hierarchy = "effective_from"
    fieldsets = (
        (None, {"fields": (("region", "slug"), "effective_from", "legal_basis", "definition")}),
        (None, {"fields": (("status", "points_ordered"), "status_note", "points")}),
        (None, {"fields": ("segments_not_points", "notes", "confidence", TIMESTAMPS)}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":  # only an ADIZ has a boundary (the model says why not)
            kwargs["queryset"] = Region.objects.filter(kind=RegionKind.ADIZ)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="points")
    def point_count(self, obj):
        return obj.point_count


class CitedFilter(admin.SimpleListFilter):
    title = "cited"
    parameter_name = "cited"

    def lookups(self, request, model_admin):
        return [("yes", "Cited by a record"), ("no", "Not cited")]

    def queryset(self, request, queryset):
        cited = Exists(Citation.objects.filter(source=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(cited)
        if self.value() == "no":
            return queryset.exclude(cited)
        return queryset


@admin.register(Source)
class SourceAdmin(SpreadsheetAdmin, RecordAdmin):
    resource_classes = (SourceResource,)
    list_display = ("title", "publisher", "kind", "reliability", "language", "published_on")
    list_filter = ("kind", "reliability", "language", CitedFilter)
    search_fields = ("title", "publisher", "url", "author", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = TIMESTAMPS
    date_hierarchy = "published_on"


class CitationForm(RecordForm):
    """A citation moved to another record may not leave the first citing nothing."""

    def _post_clean(self):
        stored = Citation.objects.filter(pk=self.instance.pk).first()
        super()._post_clean()
        if stored is None:
            return
        moved = (stored.content_type_id, stored.object_id) != (
            self.instance.content_type_id,
            self.instance.object_id,
        )
        for record in last_citations([stored]).values() if moved else ():
            self.add_error("object_id", f"“{record}” would cite no source: {NO_SOURCE}")


@admin.register(Citation)
class CitationAdmin(RecordAdmin):
    form = CitationForm

    list_display = ("source", "content_type", "content_object", "locator")
    list_filter = ("content_type",)
    list_select_related = ("source", "content_type")
    search_fields = ("source__title", "locator")
    autocomplete_fields = ("source",)
    readonly_fields = TIMESTAMPS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(attached_records())

    def save_model(self, request, obj, form, change):
        obj._change_reason = reason_given(obj, form)
        save_citation(obj)

    def deletion_refusals(self, request, objs):
        return [
            f"{record._meta.verbose_name} “{record}” would cite no source"
            for record in dict.fromkeys(last_citations(list(objs)).values())
        ]

    def delete_model(self, request, obj):
        delete_citation(obj)

    def delete_queryset(self, request, queryset):
        for citation in queryset:
            delete_citation(citation)


@admin.register(Claim)
class ClaimAdmin(RecordAdmin):
    list_display = ("content_object", "field", "value", "source", "confidence")
    list_filter = ("content_type", "confidence")
    list_select_related = ("source", "content_type")
    search_fields = ("value", "note", "field", "source__title")
    autocomplete_fields = ("source",)
    readonly_fields = TIMESTAMPS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(attached_records())
