"""Load a file written by ``export_dataset`` into an empty database, all or nothing.

    python manage.py migrate                        # a new database, at the file's schema
    python manage.py import_dataset dataset.json    # or "-" to read standard input

A malformed, partial or foreign file, or a database that already holds data, is refused with a
message naming the problem, and nothing is written.
"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curation import dataset


class Command(BaseCommand):
    help = (
        "Load a data set file written by export_dataset into an empty, migrated database. The "
        "whole file is checked first and loaded in one transaction: a damaged or partial file "
        "is refused with the reason, and nothing is written. Each record starts its history "
        "with one version, 'Restored from dataset <file>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help='The file to read; "-" reads standard input.')

    def handle(self, *args, file, verbosity=1, **options):
        started = time.monotonic()
        name = "standard input" if file == "-" else Path(file).name
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None

        def report(label, count):
            if verbosity >= 1:
                self.stdout.write(f"  {label}: {count}")

        try:
            document = dataset.parse(data, name)
            counts = dataset.import_document(document, name, report=report)
        except dataset.DatasetError as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {sum(counts.values())} records from {file} in "
                    f"{time.monotonic() - started:.1f} s (dataset {document['dataset_version']}, "
                    f"exported {document['exported_at']})."
                )
            )
