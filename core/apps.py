"""The ground floor's app config, and how it finds the data apps without naming them.

``core`` has no models; it is installed for its ``ready()``: the OpenAPI extensions and the
change-reason signal. A data app (one whose models are curated facts) says so with
``data_app = True`` on its ``AppConfig``; nothing below the top floor lists the apps by name.
"""

from django.apps import AppConfig, apps


def data_app_configs():
    """The installed apps that hold curated data, in ``INSTALLED_APPS`` order (parents first)."""
    return [config for config in apps.get_app_configs() if getattr(config, "data_app", False)]


def data_app_labels():
    return [config.label for config in data_app_configs()]


def data_app_content_types():
    """``limit_choices_to`` for a generic key: content types of the data apps only."""
    return {"app_label__in": data_app_labels()}


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from . import date_parts
        from .api import schema  # noqa: F401  (registers the OpenAPI extensions)
        from .history import reason_from_request
        from .integer_ranges import bound_integer_fields

        pre_create_historical_record.connect(reason_from_request)
        date_parts.install()  # a date's year, month, … computed by SQLite, not per row in Python
        bound_integer_fields(data_app_configs())
