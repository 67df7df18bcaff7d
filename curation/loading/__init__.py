"""The machinery behind ``load_reference_data``: idempotent upserts that respect curators' edits.

Each data-file entry is written through ``RecordLoader.upsert``, which remembers (in ``LoadStamp``)
a digest of what it wrote and the record's ``updated_at`` once written. On the next run:

- same digest                      → nothing is written ("unchanged");
- new digest, record untouched     → the record is updated from the file ("updated");
- record changed since by someone  → the curator's version is kept ("kept: edited"); a record
  found only by its id because a curator renamed it counts as changed;
- record deleted since by someone  → it stays deleted ("kept: deleted");
- record existed before any load   → it is used as it is, never overwritten ("kept: existing");
- entry points at a record a curator deleted → a required link skips the entry
  ("skipped: link deleted"), an optional one is left empty;
- an update the database state no longer allows (a curator narrowed a patrol's dates, say)
  is kept out and reported ("kept: conflict") rather than stopping the whole load.

After every file is read, ``retire_unseen`` removes the records the loader wrote that the files
no longer hold (an entry whose key was corrected, say), unless a curator has changed them since
or other records still use them.

Every record is validated with ``full_clean()`` before it is saved, so the loader obeys the same
rules as the admin, and a bad new entry stops the whole load (the command runs in one
transaction).

Look-ups are batched, so a run costs a few queries per model rather than a few per entry: the
stamps are read once, each model's records once (then found by key or id in memory), each
model's citations and claims once. New citations and claims are written in bulk, and the stamps
last (``flush``), with each written record's ``updated_at`` read back once per model. A run that
changes nothing writes nothing and reads each table once.
"""

from .files import SHEET_CONFIDENCE, DataFileError, confidence, parents_first, read_data, read_yaml
from .loader import DELETED, LOADER_CHANGE_REASON, OUTCOMES, RecordLoader

__all__ = [
    "DELETED",
    "LOADER_CHANGE_REASON",
    "OUTCOMES",
    "SHEET_CONFIDENCE",
    "DataFileError",
    "RecordLoader",
    "confidence",
    "parents_first",
    "read_data",
    "read_yaml",
]
