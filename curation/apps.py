from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CurationConfig(AppConfig):
    """The top floor: the loader, integrity checks, dataset backup, the Curators group."""

    name = "curation"
    verbose_name = "Curation"

    def ready(self):
        from . import version
        from .curators import sync_curators_after_migrate

        version.connect()  # every write to a data model steps the data set's version

        # After every ``migrate`` the group is brought up to date, so a model added later gets
        # its curator permissions without a hand-written data migration.
        post_migrate.connect(sync_curators_after_migrate, sender=self)
