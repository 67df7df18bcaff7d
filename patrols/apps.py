from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class PatrolsConfig(AppConfig):
    """Patrols, participations, interceptions and statements."""

    name = "patrols"
    verbose_name = "Patrols"
    data_app = True

    def ready(self):
        from . import signals
        from .models import Patrol, PatrolRegion

        for signal in (post_save, post_delete):
            signal.connect(signals.touch_patrol_of_link, sender=PatrolRegion)
        m2m_changed.connect(signals.touch_patrol_on_regions_changed, sender=Patrol.regions.through)
