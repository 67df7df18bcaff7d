"""Placeholder until the record pages land (replaced by their author)."""

from django.views.generic import TemplateView


class PatrolPageView(TemplateView):
    template_name = "explorer/base.html"


class AircraftTypePageView(TemplateView):
    template_name = "explorer/base.html"


class SourcePageView(TemplateView):
    template_name = "explorer/base.html"
