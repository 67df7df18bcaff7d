"""The whole data set as one JSON document: backup, restore, and moving to another database.

``export_dataset`` writes it, ``import_dataset`` loads it into an empty database. Why this shape
rather than ``dumpdata``/``loaddata``:

- The data set is every model of the data apps and nothing else: not users or sessions, and not
  the ``Historical*`` tables. History belongs to a database, not to the data; a restored record
  starts a new history whose one version says where it came from. ``LoadStamp`` is included,
  so a restored database still knows which records curators changed since the last load.
- The document says what it is: a format marker and version; ``schema``, the last migration of
  each data app (a file loads only into a database migrated to the same state, so every field
  means what it meant); ``dataset_version``; ``exported_at``; and ``counts``, how many records
  of each model it holds, so a partial file is recognised instead of half loaded.
- ``dataset_version`` is a SHA-256 digest of the records, not a counter: the same data gives the
  same version whichever database it came from, so exporting the restored database and comparing
  the two versions proves the move; and a file changed or damaged after export is refused.
- Records keep their primary keys, so foreign keys and the generic ``object_id`` of citations,
  claims and load stamps stay valid. Content types (and anything else outside the data set)
  travel as natural keys, ``["patrols", "patrol"]``, since their ids differ between databases.
- Records are read in one snapshot and written one per line, parents before children.

Import is all or nothing: the whole file is checked before anything is written (its shape, its
schema, its counts and digest, each record's fields and references), and the writing runs in
one transaction that any refusal — ours or the database's — rolls back. Records are restored as
they were, timestamps included: saved raw, as ``loaddata`` does, so no signal handler touches
them and no model ``save()`` rewrites them. The database's constraints judge them, not the
admin's ``clean()`` rules, which are for edits (``check_reference_data`` checks a data set).

The modules: ``scope`` (what the data set is), ``export`` (writing), ``reading`` (a file into a
checked document) and ``restore`` (loading it); this one gathers what callers use.
"""

from .export import DatasetEncoder, dataset_version, export_document, render
from .reading import parse
from .restore import import_document
from .scope import (
    FORMAT,
    FORMAT_VERSION,
    SUPPORTED_FORMAT_VERSIONS,
    DatasetError,
    data_models,
    dataset_apps,
    in_data_set,
    label,
    schema_version,
    serialized_fields,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SUPPORTED_FORMAT_VERSIONS",
    "DatasetEncoder",
    "DatasetError",
    "data_models",
    "dataset_apps",
    "dataset_version",
    "export_document",
    "import_document",
    "in_data_set",
    "label",
    "parse",
    "render",
    "schema_version",
    "serialized_fields",
]
