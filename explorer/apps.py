from django.apps import AppConfig


class ExplorerConfig(AppConfig):
    """The public pages: read-only, anonymous, every asset from the site's own static files."""

    name = "explorer"
    verbose_name = "Explorer"
