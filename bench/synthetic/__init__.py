"""Synthetic patrols in a separate database, for benchmarks and nothing else (the generator behind
``manage.py generate_synthetic``).

Every row the generator writes is recognisably synthetic: slugs start with ``synthetic-``, names
with "Synthetic", country codes come from the ISO user-assigned range (XA–XF). It refuses
to touch a database that holds curated data (any loader stamp, or any patrol whose slug is not
synthetic), so the benchmark set can never be mixed into the reference data.

Speed: ids are assigned up front (highest id + 1 onwards), so children are built without asking
the database anything, and each batch goes in as one transaction with one ``executemany`` per
table. ``bulk_create`` wrote the same 100,000 patrols in about 105 s on SQLite, nearly all of it
compiling each value; the plain ``executemany`` takes about a fifth of that. The database still
checks every constraint, and the tests run ``full_clean()`` over generated rows.

The modules: ``spec`` (what is generated), ``store`` (the database side: guards, deletes, inserts,
ids), ``vocabulary`` (the records patrols draw on) and ``rows`` (the patrols themselves).
"""

from .rows import PatrolWriter
from .spec import PATROL_PREFIX, PREFIX
from .store import (
    SyntheticDataError,
    delete_synthetic_patrols,
    highest_number,
    refuse_curated_data,
    synthetic_patrols,
)
from .vocabulary import Vocabulary

__all__ = [
    "PATROL_PREFIX",
    "PREFIX",
    "PatrolWriter",
    "SyntheticDataError",
    "Vocabulary",
    "delete_synthetic_patrols",
    "highest_number",
    "refuse_curated_data",
    "synthetic_patrols",
]
