"""Fill a separate database with synthetic patrols, for benchmarks and nothing else.

Every row this command writes is recognisably synthetic: slugs start with ``synthetic-``, names
with "Synthetic", country codes come from the ISO user-assigned range (XA–XF). The command refuses
to touch a database that holds curated data (any loader stamp, or any patrol whose slug is not
synthetic), so the benchmark set can never be mixed into the reference data.

Speed: ids are assigned up front (highest id + 1 onwards), so children are built without asking
the database anything, and each batch goes in as one transaction with one ``executemany`` per
table. ``bulk_create`` wrote the same 100,000 patrols in about 105 s on SQLite, nearly all of it
compiling each value; the plain ``executemany`` takes about a fifth of that. The database still
checks every constraint, and the tests run ``full_clean()`` over generated rows.
"""

import datetime
import random
import sys
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import Max
from django.utils import timezone

from aircraft.models import AircraftRole, AircraftType, Manufacturer
from curation.models import LoadStamp
from patrols.models import (
    Interception,
    Participation,
    ParticipationRole,
    Patrol,
    PatrolKind,
    PatrolRegion,
    Statement,
    StatementKind,
)
from reference.models import (
    Citation,
    Claim,
    Confidence,
    Country,
    Organization,
    OrganizationKind,
    Region,
    RegionKind,
    Reliability,
    Source,
    SourceKind,
)

try:  # the ``bench`` extra; without it the generator runs the same, with no progress bar
    from tqdm import tqdm
except ImportError:  # pragma: no cover - depends on what is installed
    tqdm = None

PREFIX = "synthetic-"
PATROL_PREFIX = f"{PREFIX}patrol-"
FIRST_DAY = datetime.date(1990, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days

# ISO 3166 user-assigned codes: no real country has them.
COUNTRY_LETTERS = "ABCDEF"

# (designation, aircraft role, the participation role it flies in a patrol)
AIRCRAFT = [
    ("SYN-B1", AircraftRole.STRATEGIC_BOMBER, ParticipationRole.BOMBER),
    ("SYN-B2", AircraftRole.STRATEGIC_BOMBER, ParticipationRole.BOMBER),
    ("SYN-B3", AircraftRole.BOMBER, ParticipationRole.BOMBER),
    ("SYN-F1", AircraftRole.FIGHTER, ParticipationRole.ESCORT),
    ("SYN-F2", AircraftRole.MULTIROLE_FIGHTER, ParticipationRole.ESCORT),
    ("SYN-F3", AircraftRole.MULTIROLE_FIGHTER, ParticipationRole.ESCORT),
    ("SYN-I1", AircraftRole.INTERCEPTOR, ParticipationRole.ESCORT),
    ("SYN-A1", AircraftRole.AEW_C, ParticipationRole.AEW_C),
    ("SYN-K1", AircraftRole.TANKER, ParticipationRole.TANKER),
    ("SYN-R1", AircraftRole.RECONNAISSANCE, ParticipationRole.RECONNAISSANCE),
    ("SYN-M1", AircraftRole.MARITIME_PATROL, ParticipationRole.RECONNAISSANCE),
    ("SYN-E1", AircraftRole.ELECTRONIC_WARFARE, ParticipationRole.ELECTRONIC_WARFARE),
    ("SYN-T1", AircraftRole.TRANSPORT, ParticipationRole.TRANSPORT),
]
FIGHTERS = (AircraftRole.FIGHTER, AircraftRole.MULTIROLE_FIGHTER, AircraftRole.INTERCEPTOR)
UNIDENTIFIED = [
    ("Unidentified fighters", ParticipationRole.ESCORT),
    ("Unidentified aircraft", ParticipationRole.OTHER),
]
REGION_KINDS = [
    RegionKind.SEA,
    RegionKind.SEA,
    RegionKind.SEA,
    RegionKind.STRAIT,
    RegionKind.STRAIT,
    RegionKind.OCEAN_AREA,
    RegionKind.OCEAN_AREA,
    RegionKind.ADIZ,
    RegionKind.ADIZ,
    RegionKind.ADIZ,
    RegionKind.AIRSPACE,
    RegionKind.ISLAND_AREA,
]
CONFIDENCES = (
    [Confidence.CONFIRMED] * 5
    + [Confidence.REPORTED] * 3
    + [
        Confidence.CLAIMED,
        Confidence.DISPUTED,
    ]
)
SOURCE_COUNT = 24

# The columns each generated row spells out, in order; the rest take their defaults.
COLUMNS = {
    Patrol: ("id", "slug", "name", "kind", "start_date", "end_date", "summary", "confidence"),
    PatrolRegion: ("id", "patrol", "region"),
    Participation: (
        "id",
        "patrol",
        "aircraft_type",
        "aircraft_description",
        "operator",
        "count",
        "role",
        "confidence",
    ),
    Interception: (
        "id",
        "patrol",
        "responder",
        "aircraft_type",
        "count",
        "date",
        "region",
        "airspace_violated",
        "confidence",
    ),
    Citation: ("id", "content_type", "object_id", "source"),
    Statement: ("id", "slug", "organization", "date", "kind", "patrol", "summary", "confidence"),
}
COUNT_NAMES = {
    Patrol: "patrols",
    PatrolRegion: "region_links",
    Participation: "participations",
    Interception: "interceptions",
    Citation: "citations",
    Statement: "statements",
}


class NoProgress:
    """Stands in for ``tqdm`` when the ``bench`` extra is not installed."""

    def __init__(self, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1):
        pass


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
        self.db = db
        self.verbosity = options["verbosity"]
        self._refuse_curated_data()

        synthetic = Patrol.objects.using(db).filter(slug__startswith=PREFIX)
        existing = synthetic.count()
        first = 1
        if existing:
            if options["reuse"] and existing == n:
                self.stdout.write(
                    f"Database {db!r} already holds {n} synthetic patrols; reusing them."
                )
                return
            if options["replace"] or options["reuse"]:
                started = time.monotonic()
                self._delete_synthetic_patrols()
                self._log(
                    f"Deleted {existing} synthetic patrols in {time.monotonic() - started:.1f} s."
                )
            elif options["append"]:
                first = self._highest_number() + 1
            else:
                raise CommandError(
                    f"Database {db!r} already holds {existing} synthetic patrols. Pass --replace "
                    "to start again, --append to add more, or --reuse to keep them."
                )

        started = time.monotonic()
        # A string seed is hashed deterministically; appending starts a different stream.
        self.rng = random.Random(f"{options['seed']}/{first}")
        self._make_vocabulary()
        counts = self._generate(first, n, options["batch_size"])
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

    # --- Guards ---------------------------------------------------------------------------

    def _refuse_curated_data(self):
        tables = connections[self.db].introspection.table_names()
        if Patrol._meta.db_table not in tables or LoadStamp._meta.db_table not in tables:
            raise CommandError(f"Database {self.db!r} has no tables yet: run migrate first.")
        if LoadStamp.objects.using(self.db).exists():
            raise CommandError(
                f"Database {self.db!r} holds curated data (the loader has stamped records): "
                "synthetic data goes into a separate database only. Point DATABASE_URL (or "
                "--database) at an empty one, e.g. DATABASE_URL=sqlite:///bench.sqlite3."
            )
        curated = Patrol.objects.using(self.db).exclude(slug__startswith=PREFIX)
        if curated.exists():
            raise CommandError(
                f"Database {self.db!r} holds {curated.count()} patrols that are not synthetic "
                f"(e.g. {curated.values_list('slug', flat=True).first()!r}): synthetic data goes "
                "into a separate database only. Point DATABASE_URL (or --database) at an empty "
                "one, e.g. DATABASE_URL=sqlite:///bench.sqlite3."
            )

    def _highest_number(self):
        slugs = Patrol.objects.using(self.db).filter(slug__startswith=PATROL_PREFIX)
        numbers = [
            int(slug[len(PATROL_PREFIX) :])
            for slug in slugs.values_list("slug", flat=True).iterator()
            if slug[len(PATROL_PREFIX) :].isdigit()
        ]
        return max(numbers, default=0)

    def _delete_synthetic_patrols(self):
        """Delete synthetic patrols and what hangs on them, in plain SQL.

        ``QuerySet.delete()`` would load every row to send the citation signals (which touch
        the patrol about to go anyway); a few DELETE ... WHERE ... IN (SELECT ...) do it at once.
        The synthetic vocabulary (countries, organizations, ...) stays and is reused.
        """
        connection = connections[self.db]
        qn = connection.ops.quote_name

        def table(model):
            return qn(model._meta.db_table)

        patrol_ids = f"SELECT id FROM {table(Patrol)} WHERE slug LIKE %s"
        children = {
            Patrol: (patrol_ids, [f"{PREFIX}%"]),
            Participation: (
                f"SELECT id FROM {table(Participation)} WHERE patrol_id IN ({patrol_ids})",
                [f"{PREFIX}%"],
            ),
            Interception: (
                f"SELECT id FROM {table(Interception)} WHERE patrol_id IN ({patrol_ids})",
                [f"{PREFIX}%"],
            ),
            Statement: (
                f"SELECT id FROM {table(Statement)} WHERE slug LIKE %s "
                f"OR patrol_id IN ({patrol_ids})",
                [f"{PREFIX}%", f"{PREFIX}%"],
            ),
        }
        with transaction.atomic(using=self.db), connection.cursor() as cursor:
            for model, (ids, params) in children.items():
                content_type = ContentType.objects.db_manager(self.db).get_for_model(model)
                for attachment in (Citation, Claim):
                    cursor.execute(
                        f"DELETE FROM {table(attachment)} WHERE content_type_id = %s "
                        f"AND object_id IN ({ids})",
                        [content_type.pk, *params],
                    )
            statement_ids, params = children[Statement]
            cursor.execute(f"DELETE FROM {table(Statement)} WHERE id IN ({statement_ids})", params)
            for model in (Participation, Interception, PatrolRegion):
                cursor.execute(
                    f"DELETE FROM {table(model)} WHERE patrol_id IN ({patrol_ids})", [f"{PREFIX}%"]
                )
            cursor.execute(f"DELETE FROM {table(Patrol)} WHERE slug LIKE %s", [f"{PREFIX}%"])

    # --- Vocabulary -------------------------------------------------------------------------

    def _get_or_create(self, model, defaults=None, **lookup):
        return model.objects.using(self.db).get_or_create(defaults=defaults or {}, **lookup)[0]

    def _make_vocabulary(self):
        """A small fixed set of synthetic countries, organizations, regions, types and sources."""
        with transaction.atomic(using=self.db):
            self.countries = [
                self._get_or_create(
                    Country,
                    code=f"X{letter}",
                    defaults={"code3": f"X{letter}X", "name": f"Synthetic Country {letter}"},
                )
                for letter in COUNTRY_LETTERS
            ]
            # Per country: its air force, and naval aviation for the first four.
            self.operators = {}
            for i, country in enumerate(self.countries):
                kinds = [OrganizationKind.AIR_FORCE]
                if i < 4:
                    kinds.append(OrganizationKind.NAVAL_AVIATION)
                self.operators[country.pk] = [
                    self._get_or_create(
                        Organization,
                        slug=f"{PREFIX}{kind.replace('_', '-')}-{country.code.lower()}",
                        defaults={
                            "name": f"{country.name} {kind.label}",
                            "kind": kind,
                            "country": country,
                            "confidence": Confidence.CONFIRMED,
                        },
                    )
                    for kind in kinds
                ]
            self.ministries = [
                self._get_or_create(
                    Organization,
                    slug=f"{PREFIX}ministry-{country.code.lower()}",
                    defaults={
                        "name": f"{country.name} Ministry of Defence",
                        "kind": OrganizationKind.MINISTRY,
                        "country": country,
                        "confidence": Confidence.CONFIRMED,
                    },
                )
                for country in self.countries
            ]
            manufacturers = [
                self._get_or_create(
                    Manufacturer,
                    slug=f"{PREFIX}works-{i}",
                    defaults={"name": f"Synthetic Aircraft Works {i}", "country": country},
                )
                for i, country in enumerate(self.countries[:3], start=1)
            ]
            self.types, self.interceptors = [], []
            for i, (designation, role, flies_as) in enumerate(AIRCRAFT):
                aircraft_type = self._get_or_create(
                    AircraftType,
                    slug=f"{PREFIX}{designation.lower()}",
                    defaults={
                        "designation": designation,
                        "common_name": f"Synthetic {role.label.lower()}",
                        "role": role,
                        "manufacturer": manufacturers[i % len(manufacturers)],
                        "country_of_origin": manufacturers[i % len(manufacturers)].country,
                        "confidence": Confidence.CONFIRMED,
                    },
                )
                self.types.append((aircraft_type.pk, flies_as))
                if role in FIGHTERS:
                    self.interceptors.append(aircraft_type.pk)
            self.bombers = [t for t in self.types if t[1] == ParticipationRole.BOMBER]
            self.regions = []
            for i, kind in enumerate(REGION_KINDS, start=1):
                defaults = {"name": f"Synthetic {kind.label} {i}", "kind": kind}
                if kind in (RegionKind.ADIZ, RegionKind.AIRSPACE):
                    defaults["declared_by"] = self.countries[i % len(self.countries)]
                region = self._get_or_create(
                    Region, slug=f"{PREFIX}{kind.replace('_', '-')}-{i}", defaults=defaults
                )
                self.regions.append((region.pk, region.name))
            kinds, reliabilities = list(SourceKind), list(Reliability)
            self.sources = [
                self._get_or_create(
                    Source,
                    slug=f"{PREFIX}source-{i}",
                    defaults={
                        "title": f"Synthetic report {i}",
                        "publisher": f"Synthetic Press {i % 5 + 1}",
                        "url": f"https://synthetic.example.invalid/reports/{i}",
                        "kind": kinds[i % len(kinds)],
                        "reliability": reliabilities[i % len(reliabilities)],
                        "language": "en",
                    },
                ).pk
                for i in range(1, SOURCE_COUNT + 1)
            ]
            self.patrol_type = ContentType.objects.db_manager(self.db).get_for_model(Patrol)

    # --- Patrols ----------------------------------------------------------------------------

    def _next_ids(self, *models):
        return {
            model: (model.objects.using(self.db).aggregate(top=Max("pk"))["top"] or 0) + 1
            for model in models
        }

    def _generate(self, first, n, batch_size):
        connection = connections[self.db]
        self.date = connection.ops.adapt_datefield_value
        self.next_id = self._next_ids(*COLUMNS)
        counts = dict.fromkeys(COLUMNS, 0)
        disable = self.verbosity < 1 or not sys.stderr.isatty()
        progress = tqdm or NoProgress
        with progress(total=n, unit="patrol", disable=disable, file=sys.stderr) as bar:
            for start in range(first, first + n, batch_size):
                stop = min(start + batch_size, first + n)
                rows = {model: [] for model in COLUMNS}
                for number in range(start, stop):
                    self._patrol(number, rows)
                with transaction.atomic(using=self.db), connection.cursor() as cursor:
                    now = timezone.now()
                    for model, names in COLUMNS.items():
                        self._insert(cursor, connection, model, names, rows[model], now)
                        counts[model] += len(rows[model])
                bar.update(stop - start)
        self._reset_sequences(list(COLUMNS))
        return {COUNT_NAMES[model]: count for model, count in counts.items()}

    def _insert(self, cursor, connection, model, names, rows, now):
        """What ``bulk_create`` does, minus its per-value compilation: one ``executemany``.

        ``rows`` hold the ``names`` columns, already adapted for the database (ids, strings,
        numbers, dates through ``adapt_datefield_value``). Every other concrete field gets its
        default, or ``now`` for the timestamps, prepared by the field itself.
        """
        if not rows:
            return
        fields = [model._meta.get_field(name) for name in names]
        rest = [field for field in model._meta.concrete_fields if field.name not in names]
        constants = tuple(
            field.get_db_prep_save(
                now
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                else field.get_default(),
                connection,
            )
            for field in rest
        )
        qn = connection.ops.quote_name
        columns = ", ".join(qn(field.column) for field in fields + rest)
        placeholders = ", ".join(["%s"] * (len(fields) + len(rest)))
        cursor.executemany(
            f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            [row + constants for row in rows],
        )

    def _take_id(self, model):
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def _patrol(self, number, rows):
        rng, date = self.rng, self.date
        countries = rng.sample(self.countries, rng.choices((1, 2, 3), weights=(40, 45, 15))[0])
        if len(countries) > 1:
            kind = rng.choices(
                (PatrolKind.JOINT_STRATEGIC_PATROL, PatrolKind.EXERCISE), weights=(85, 15)
            )[0]
        else:
            kind = rng.choices(
                (PatrolKind.NATIONAL_LONG_RANGE_PATROL, PatrolKind.EXERCISE), weights=(80, 20)
            )[0]
        start_date = FIRST_DAY + datetime.timedelta(days=rng.randint(0, SPAN_DAYS))
        days = rng.choices((0, 1, 2), weights=(60, 30, 10))[0]
        end_date = start_date + datetime.timedelta(days=days)
        regions = rng.sample(self.regions, rng.randint(1, 3))
        patrol_id = self._take_id(Patrol)
        summary = (
            f"Synthetic {kind.label.lower()} by {len(countries)} "
            f"{'country' if len(countries) == 1 else 'countries'} over "
            f"{', '.join(name for _, name in regions)}."
        )
        rows[Patrol].append(
            (
                patrol_id,
                f"{PATROL_PREFIX}{number}",
                f"Synthetic patrol {number}",
                kind.value,
                date(start_date),
                date(end_date),
                summary,
                rng.choice(CONFIDENCES).value,
            )
        )
        for region_id, _ in regions:
            rows[PatrolRegion].append((self._take_id(PatrolRegion), patrol_id, region_id))

        operators = [org for country in countries for org in self.operators[country.pk]]
        seen = set()
        wanted = rng.randint(3, 5)
        while len(seen) < wanted:
            operator = rng.choice(operators)
            aircraft_type_id, description = None, ""
            if not seen:  # every patrol has a bomber
                aircraft_type_id, role = rng.choice(self.bombers)
            elif rng.random() < 0.05:
                description, role = rng.choice(UNIDENTIFIED)
            else:
                aircraft_type_id, role = rng.choice(self.types)
            key = (aircraft_type_id, description, operator.pk, role)
            if key in seen:
                continue
            seen.add(key)
            rows[Participation].append(
                (
                    self._take_id(Participation),
                    patrol_id,
                    aircraft_type_id,
                    description,
                    operator.pk,
                    None if rng.random() < 0.1 else rng.randint(1, 6),
                    role.value,
                    rng.choice(CONFIDENCES).value,
                )
            )

        draw = rng.random()
        interceptions = 0 if draw < 0.6 else 1 if draw < 0.9 else 2
        if interceptions:
            others = [country for country in self.countries if country not in countries]
            for responder in rng.sample(others, interceptions):
                rows[Interception].append(
                    (
                        self._take_id(Interception),
                        patrol_id,
                        self.operators[responder.pk][0].pk,
                        rng.choice(self.interceptors),
                        rng.randint(1, 8),
                        date(start_date + datetime.timedelta(days=rng.randint(0, days))),
                        rng.choice(regions)[0] if rng.random() < 0.7 else None,
                        rng.choice((None, False, False, True)),
                        rng.choice(CONFIDENCES).value,
                    )
                )

        rows[Citation].append(
            (self._take_id(Citation), self.patrol_type.pk, patrol_id, rng.choice(self.sources))
        )

        if rng.random() < 0.05:
            speaker = rng.randrange(len(self.countries))
            statement_kind = rng.choice(list(StatementKind))
            rows[Statement].append(
                (
                    self._take_id(Statement),
                    f"{PREFIX}statement-{number}",
                    self.ministries[speaker].pk,
                    date(end_date),
                    statement_kind.value,
                    patrol_id,
                    f"Synthetic {statement_kind.label.lower()} about patrol {number}.",
                    Confidence.CONFIRMED.value,
                )
            )

    def _reset_sequences(self, models):
        """Rows were written with explicit ids; PostgreSQL's sequences must catch up."""
        connection = connections[self.db]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
