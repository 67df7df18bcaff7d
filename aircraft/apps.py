from django.apps import AppConfig


class AircraftConfig(AppConfig):
    """Aircraft types, capabilities, weapons and inventories."""

    name = "aircraft"
    verbose_name = "Aircraft"
    data_app = True
