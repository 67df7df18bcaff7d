from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from simple_history.signals import pre_create_historical_record


class ReferenceConfig(AppConfig):
    """Countries, organizations, regions, sources, claims and the shared bases."""

    name = "reference"
    verbose_name = "Reference"

    def ready(self):
        from . import signals
        from .api import schema  # noqa: F401  (registers the OpenAPI extensions)
        from .models import Citation, Claim

        for model in (Citation, Claim):
            post_save.connect(signals.touch_attached_record, sender=model)
            post_delete.connect(signals.touch_attached_record, sender=model)
        post_migrate.connect(signals.sync_curators_after_migrate)
        pre_create_historical_record.connect(signals.reason_from_request)
