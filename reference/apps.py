from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    """Countries, organizations, regions, sources, claims and the shared bases."""

    name = "reference"
    verbose_name = "Reference"
