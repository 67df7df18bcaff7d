from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    """Patrols, participations, interceptions and statements."""

    name = "patrols"
    verbose_name = "Patrols"
