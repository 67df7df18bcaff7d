"""The patrols themselves: each drawn from the random stream with its participations, regions
crossed, interceptions, citation and now and then a statement, as rows with their ids assigned up
front, written a batch at a time."""

import datetime
import sys

from django.db import connections, transaction
from django.utils import timezone

from patrols.models import (
    Interception,
    Participation,
    Patrol,
    PatrolKind,
    PatrolRegion,
    Statement,
    StatementKind,
)
from reference.models import Citation, Confidence

from . import store
from .spec import (
    COLUMNS,
    CONFIDENCES,
    COUNT_NAMES,
    FIRST_DAY,
    PATROL_PREFIX,
    PREFIX,
    SPAN_DAYS,
    UNIDENTIFIED,
)

try:  # the ``bench`` extra; without it the generator runs the same, with no progress bar
    from tqdm import tqdm
except ImportError:  # pragma: no cover - depends on what is installed
    tqdm = None


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


class PatrolWriter:
    """Writes synthetic patrols numbered on from ``first`` into ``db``, drawing every choice from
    ``rng`` (so the same seed on the same database gives the same rows)."""

    def __init__(self, db, vocabulary, rng):
        self.db, self.vocabulary, self.rng = db, vocabulary, rng

    def write(self, first, n, batch_size, progress=True):
        """Write ``n`` patrols, ``batch_size`` to a transaction; return how many rows of each
        kind. ``progress`` shows a bar on a terminal (with the ``bench`` extra)."""
        connection = connections[self.db]
        self.date = connection.ops.adapt_datefield_value
        self.next_id = store.next_ids(self.db, COLUMNS)
        counts = dict.fromkeys(COLUMNS, 0)
        disable = not progress or not sys.stderr.isatty()
        bar_class = tqdm or NoProgress
        with bar_class(total=n, unit="patrol", disable=disable, file=sys.stderr) as bar:
            for start in range(first, first + n, batch_size):
                stop = min(start + batch_size, first + n)
                rows = {model: [] for model in COLUMNS}
                for number in range(start, stop):
                    self._patrol(number, rows)
                with transaction.atomic(using=self.db), connection.cursor() as cursor:
                    now = timezone.now()
                    for model, names in COLUMNS.items():
                        store.insert(cursor, connection, model, names, rows[model], now)
                        counts[model] += len(rows[model])
                bar.update(stop - start)
        store.reset_sequences(self.db, list(COLUMNS))
        return {COUNT_NAMES[model]: count for model, count in counts.items()}

    def _take_id(self, model):
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def _patrol(self, number, rows):
        rng, date, vocabulary = self.rng, self.date, self.vocabulary
        how_many = rng.choices((1, 2, 3), weights=(40, 45, 15))[0]
        countries = rng.sample(vocabulary.countries, how_many)
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
        regions = rng.sample(vocabulary.regions, rng.randint(1, 3))
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

        operators = [org for country in countries for org in vocabulary.operators[country.pk]]
        seen = set()
        wanted = rng.randint(3, 5)
        while len(seen) < wanted:
            operator = rng.choice(operators)
            aircraft_type_id, description = None, ""
            if not seen:  # every patrol has a bomber
                aircraft_type_id, role = rng.choice(vocabulary.bombers)
            elif rng.random() < 0.05:
                description, role = rng.choice(UNIDENTIFIED)
            else:
                aircraft_type_id, role = rng.choice(vocabulary.types)
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
            others = [country for country in vocabulary.countries if country not in countries]
            for responder in rng.sample(others, interceptions):
                rows[Interception].append(
                    (
                        self._take_id(Interception),
                        patrol_id,
                        vocabulary.operators[responder.pk][0].pk,
                        rng.choice(vocabulary.interceptors),
                        rng.randint(1, 8),
                        date(start_date + datetime.timedelta(days=rng.randint(0, days))),
                        rng.choice(regions)[0] if rng.random() < 0.7 else None,
                        rng.choice((None, False, False, True)),
                        rng.choice(CONFIDENCES).value,
                    )
                )

        rows[Citation].append(
            (
                self._take_id(Citation),
                vocabulary.patrol_type.pk,
                patrol_id,
                rng.choice(vocabulary.sources),
            )
        )

        if rng.random() < 0.05:
            speaker = rng.randrange(len(vocabulary.countries))
            statement_kind = rng.choice(list(StatementKind))
            rows[Statement].append(
                (
                    self._take_id(Statement),
                    f"{PREFIX}statement-{number}",
                    vocabulary.ministries[speaker].pk,
                    date(end_date),
                    statement_kind.value,
                    patrol_id,
                    f"Synthetic {statement_kind.label.lower()} about patrol {number}.",
                    Confidence.CONFIRMED.value,
                )
            )
