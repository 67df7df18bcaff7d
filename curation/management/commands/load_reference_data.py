"""Load the project's curated data set (the YAML files under each app's data/ folder).

It lives in ``curation``, the top floor, because it loads every data app.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from core.history import change_reason
from curation.loaders import LOADERS
from curation.loading import LOADER_CHANGE_REASON, DataFileError, RecordLoader
from patrols.models import Patrol


class DryRun(Exception):
    """Raised to roll the transaction back after a dry run."""


class Command(BaseCommand):
    help = (
        "Load the curated reference data. Safe to run again: unchanged records are left alone, "
        "records a curator has edited or deleted are never overwritten or recreated, and "
        "records the files no longer hold are removed unless someone changed or uses them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds patrols (used by `make run`).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )

    def handle(self, *args, if_empty=False, dry_run=False, **options):
        if if_empty and Patrol.objects.exists():
            self.stdout.write("The database already has data; nothing loaded.")
            return
        loader = RecordLoader()
        try:
            with transaction.atomic(), change_reason(LOADER_CHANGE_REASON):
                for module in LOADERS:
                    module.load(loader)
                loader.retire_unseen()
                loader.run_checks()
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        except (DataFileError, DatabaseError, ValueError) as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        for line in loader.report_lines():
            self.stdout.write(f"  {line}")
        if not dry_run:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
