"""Write the whole data set to one JSON file (``curation.dataset`` describes the document).

    python manage.py export_dataset dataset.json    # the file appears whole, or not at all
    python manage.py export_dataset -               # to standard output

Records are read in one snapshot, so a curator saving meanwhile cannot split a patrol from its
participations.
"""

import contextlib
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from curation import dataset


def write_atomically(path, text):
    """Write beside the target, then rename over it: an export that fails or is interrupted
    leaves the previous file (or none), never half a file under the real name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide a backup from its readers
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class Command(BaseCommand):
    help = (
        "Write every record of the data set (all data models, sources, citations, claims and "
        "loader stamps; not users or history) to one JSON file with its dataset version, "
        "schema and export date. import_dataset loads it into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help='The file to write; "-" writes to standard output.')

    def handle(self, *args, file, verbosity=1, **options):
        started = time.monotonic()
        try:
            document = dataset.export_document()
        except dataset.DatasetError as error:
            raise CommandError(f"Nothing was exported: {error}") from None
        text = dataset.render(document)
        if file == "-":
            self.stdout.write(text, ending="")
            report = self.stderr  # standard output carries the data
        else:
            try:
                write_atomically(Path(file), text)
            except OSError as error:
                raise CommandError(f"Cannot write {file}: {error.strerror or error}.") from None
            report = self.stdout
        if verbosity >= 1:
            for name, count in document["counts"].items():
                report.write(f"  {name}: {count}", style_func=str)
            total = sum(document["counts"].values())
            report.write(
                self.style.SUCCESS(
                    f"Exported {total} records to {file} in {time.monotonic() - started:.1f} s "
                    f"(dataset {document['dataset_version']})."
                ),
                style_func=str,
            )
