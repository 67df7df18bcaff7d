"""export_dataset and import_dataset: the whole data set as one JSON file, restored into an empty
database record for record; a damaged, partial or foreign file is refused and changes nothing.

The same tests run on SQLite and on PostgreSQL. An "empty database" is made by emptying every data
and history table and rewinding the id sequences, which is what a new, migrated database holds.

The tests of ``curation.dataset`` by concern: what the file holds (``test_export``), the round
trip (``test_round_trip``) and the refusals (``test_refusals``); ``support`` has their helpers
and ``conftest`` the sample data set."""
