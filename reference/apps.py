from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReferenceConfig(AppConfig):
    """Countries, organizations and regions, and provenance: sources, citations, claims."""

    name = "reference"
    verbose_name = "Reference"
    data_app = True

    def ready(self):
        from . import signals
        from .models import Citation, Claim

        for model in (Citation, Claim):
            post_save.connect(signals.touch_attached_record, sender=model)
            post_delete.connect(signals.touch_attached_record, sender=model)
