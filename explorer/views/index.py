"""Placeholder until the explorer's index lands (replaced by its author)."""

from django.views.generic import TemplateView


class ExplorerView(TemplateView):
    template_name = "explorer/base.html"
