"""The zone boundary's admin form (points typed as JSON, with errors a curator can act on) and
its read-only listing on the zone's page; ``reference.admin`` registers the admin itself."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.admin import RecordForm

from .models import ZoneBoundary


def boundary_list(region):
    """A zone's boundaries as links to their own pages, one line each (slug, date, status,
    points, confidence); "—" for none. Shown on the zone's page rather than as an inline: a
    boundary names its own sources and is edited, versioned and reverted on its own, never with
    the zone (an inline's rows would be restored with it)."""
    rows = [
        format_html(
            '<a href="{}">{}</a> — {}{}, {} point(s), {}',
            reverse("admin:reference_zoneboundary_change", args=[boundary.pk]),
            boundary.slug,
            boundary.get_status_display().split(":")[0].lower(),
            f" from {boundary.effective_from.isoformat()}" if boundary.effective_from else "",
            boundary.point_count,
            boundary.get_confidence_display().lower(),
        )
        for boundary in region.boundaries.order_by("effective_from", "slug")
    ]
    return format_html_join(mark_safe("<br>"), "{}", ((row,) for row in rows)) if rows else "—"


class JSONListFormField(forms.JSONField):
    """A list typed as JSON: an empty box is an empty list; text that is not JSON is an error
    saying what is expected (the model's validator then checks each point)."""

    default_error_messages = {
        "invalid": "Enter JSON: a list in square brackets, e.g. %(example)s (or leave it empty)."
    }

    def __init__(self, example="[]", **kwargs):
        self.example = example
        kwargs["required"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"example": self.example}
            ) from None

    def bound_data(self, data, initial):
        return data  # redisplay what was typed, even when it is not JSON


POINT_EXAMPLE = '[{"n": 1, "lon": 138.746389, "lat": 45.751944, "dms": null}, …]'


class ZoneBoundaryForm(RecordForm):
    points = JSONListFormField(
        example=POINT_EXAMPLE,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        help_text=ZoneBoundary._meta.get_field("points").help_text,
    )
    segments_not_points = JSONListFormField(
        example='["(10)–(11): line 14 nm outside the baseline"]',
        widget=forms.Textarea(attrs={"rows": 3, "cols": 100}),
        help_text=ZoneBoundary._meta.get_field("segments_not_points").help_text,
    )

    class Meta:
        model = ZoneBoundary
        fields = "__all__"
