"""Fill a separate database with synthetic patrols, for benchmarks and nothing else.

The generator lives in ``bench.synthetic`` (its docstring says what it writes, and how it keeps
away from curated data); this command reads the options and reports.
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError

from bench import synthetic


class Command(BaseCommand):
    help = (
        "Fill a separate (benchmark) database with N synthetic patrols, about four "
        "participations, two regions, half an interception and one citation each, dated "
        "uniformly over 1990–2025. Refuses a database that holds curated data (loader stamps or "
        "a patrol whose slug does not start with 'synthetic-'). If synthetic patrols are already "
        "there it refuses too, unless told what to do: --replace deletes them first, --append "
        "adds N more with continuing numbers, --reuse does nothing when exactly N are there and "
        "replaces them otherwise. The same --seed on an empty database gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--patrols", type=int, required=True, help="How many patrols.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch-size", type=int, default=5000, help="Patrols per transaction (default 5000)."
        )
        parser.add_argument(
            "--database", default="default", help="The database alias to fill (default: default)."
        )
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument(
            "--replace", action="store_true", help="Delete existing synthetic patrols first."
        )
        existing.add_argument(
            "--append",
            action="store_true",
            help="Add to existing synthetic patrols, numbering on from the highest.",
        )
        existing.add_argument(
            "--reuse",
            action="store_true",
            help="Keep existing synthetic patrols if there are exactly N; else replace them.",
        )

    def handle(self, *args, **options):
        n, db = options["patrols"], options["database"]
        if n < 1:
            raise CommandError("--patrols must be at least 1.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.verbosity = options["verbosity"]
        try:
            synthetic.refuse_curated_data(db)
        except synthetic.SyntheticDataError as error:
            raise CommandError(str(error)) from None

        existing = synthetic.synthetic_patrols(db).count()
        first = 1
        if existing:
            if options["reuse"] and existing == n:
                self.stdout.write(
                    f"Database {db!r} already holds {n} synthetic patrols; reusing them."
                )
                return
            if options["replace"] or options["reuse"]:
                started = time.monotonic()
                synthetic.delete_synthetic_patrols(db)
                self._log(
                    f"Deleted {existing} synthetic patrols in {time.monotonic() - started:.1f} s."
                )
            elif options["append"]:
                first = synthetic.highest_number(db) + 1
            else:
                raise CommandError(
                    f"Database {db!r} already holds {existing} synthetic patrols. Pass --replace "
                    "to start again, --append to add more, or --reuse to keep them."
                )

        started = time.monotonic()
        # A string seed is hashed deterministically; appending starts a different stream.
        rng = random.Random(f"{options['seed']}/{first}")
        writer = synthetic.PatrolWriter(db, synthetic.Vocabulary(db), rng)
        counts = writer.write(first, n, options["batch_size"], progress=self.verbosity >= 1)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Generated {counts['patrols']} synthetic patrols "
            f"({counts['participations']} participations, {counts['region_links']} region "
            f"links, {counts['interceptions']} interceptions, {counts['citations']} citations, "
            f"{counts['statements']} statements) in {seconds:.1f} s on database {db!r}."
        )

    def _log(self, message):
        if self.verbosity >= 1:
            self.stdout.write(message)
