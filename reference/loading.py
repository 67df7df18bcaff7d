"""The machinery behind ``load_reference_data``: idempotent upserts that respect curators' edits.

Each data-file entry is written through ``RecordLoader.upsert``, which remembers (in ``LoadStamp``)
a digest of what it wrote and the record's ``updated_at`` right after. On the next run:

- same digest                      → nothing is written ("unchanged");
- new digest, record untouched     → the record is updated from the file ("updated");
- record changed since by someone  → the curator's version is kept ("kept: edited");
- record deleted since by someone  → it stays deleted ("kept: deleted");
- record existed before any load   → it is used as it is, never overwritten ("kept: existing");
- entry points at a record a curator deleted → a required link skips the entry
  ("skipped: link deleted"), an optional one is left empty.

Every record is validated with ``full_clean()`` before it is saved, so the loader obeys the same
rules as the admin, and a bad entry stops the whole load (the command runs in one transaction).
"""

import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from .models import Citation, Claim, Confidence, Country, LoadStamp, Source, SourceKind

OUTCOMES = (
    "created",
    "updated",
    "unchanged",
    "kept: edited",
    "kept: deleted",
    "kept: existing",
    "skipped: link deleted",
)


class _Deleted:
    """Stands for a record the loader once wrote and a curator has since deleted."""

    def __repr__(self):
        return "<deleted by a curator>"


DELETED = _Deleted()

# The fact sheet grades its entries high / medium / low; the data files may use either vocabulary.
SHEET_CONFIDENCE = {
    "high": Confidence.CONFIRMED,
    "medium": Confidence.REPORTED,
    "low": Confidence.CLAIMED,
}


class DataError(Exception):
    """A data-file entry that cannot be loaded; the message says which and why."""


def read_yaml(path):
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def confidence(value, default=Confidence.REPORTED):
    if value in (None, ""):
        return default
    value = SHEET_CONFIDENCE.get(value, value)
    if value not in Confidence.values:
        raise DataError(f"unknown confidence {value!r}")
    return value


def _plain(value):
    """A JSON-able stand-in for a field value, for keys and digests."""
    if isinstance(value, models.Model):
        return [value._meta.label_lower, value.pk]
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _json(value):
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False)


class RecordLoader:
    """Looks records up by slug and writes them, keeping a per-model tally of what happened."""

    def __init__(self):
        self.tally = defaultdict(Counter)
        self._cache = {}

    # --- look-ups --------------------------------------------------------------------------
    def get(self, model, value, field="slug"):
        """The record whose ``field`` is ``value`` (None stays None).

        A record this loader wrote and a curator deleted comes back as ``DELETED``; a record
        that was never there is an error in the data files.
        """
        if value in (None, ""):
            return None
        cache_key = (model, field, value)
        if cache_key not in self._cache:
            found = model.objects.filter(**{field: value}).first()
            if found is None and self._stamp(model, {field: value}) is None:
                raise DataError(f"{model._meta.verbose_name} {field}={value!r} is not defined")
            self._cache[cache_key] = DELETED if found is None else found
        return self._cache[cache_key]

    def get_many(self, model, values, field="slug"):
        """Records for a many-to-many list; links to records a curator deleted are dropped."""
        found = [self.get(model, value, field) for value in values or []]
        return [record for record in found if record is not DELETED]

    @staticmethod
    def _stamp(model, key):
        return LoadStamp.objects.filter(
            content_type=ContentType.objects.get_for_model(model), natural_key=_json(key)
        ).first()

    def country(self, code):
        return self.get(Country, code, field="code")

    def sources(self, slugs):
        return self.get_many(Source, slugs)

    def sourced(self, entry, default_sources=()):
        """``upsert`` keywords for an entry's sources and claims.

        A child entry (a participation, an armament, …) without sources of its own cites its
        parent's: the sources that reported the patrol reported who flew in it. Opinion pieces
        are not passed down: they are cited only for what they themselves said.
        """
        slugs = entry.get("sources")
        inherited = [s for s in default_sources if s.kind != SourceKind.OPINION]
        return {
            "sources": self.sources(slugs) if slugs else inherited,
            "claims": entry.get("claims"),
        }

    # --- writes ----------------------------------------------------------------------------
    def upsert(self, model, key, fields, *, m2m=None, sources=None, claims=None):
        """Create or update one record; return it, or None when a curator deleted it."""
        m2m = m2m or {}
        sources = sources or []
        claims = claims or []
        if any(value is DELETED for value in key.values()):
            return self._count(model, "skipped: link deleted", None)
        for name, value in list(fields.items()):
            if value is DELETED:
                if not model._meta.get_field(name).null:
                    return self._count(model, "skipped: link deleted", None)
                fields[name] = None
        content_type = ContentType.objects.get_for_model(model)
        natural_key = _json(key)
        digest = hashlib.sha256(
            _json([key, fields, m2m, sources, claims]).encode("utf-8")
        ).hexdigest()
        stamp = LoadStamp.objects.filter(content_type=content_type, natural_key=natural_key).first()
        instance = model.objects.filter(**key).first()

        if instance is None and stamp is not None:
            return self._count(model, "kept: deleted", None)
        if instance is not None and stamp is None:
            return self._count(model, "kept: existing", instance)
        if instance is not None and stamp.digest == digest:
            return self._count(model, "unchanged", instance)
        if instance is not None and instance.updated_at != stamp.record_updated_at:
            return self._count(model, "kept: edited", instance)

        outcome = "created" if instance is None else "updated"
        instance = instance or model(**key)
        for name, value in fields.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except ValidationError as error:
            raise DataError(f"{model.__name__} {natural_key}: {error.message_dict}") from error
        instance.save()
        for name, related in m2m.items():
            getattr(instance, name).set(related)
        self._write_citations(instance, content_type, sources)
        self._write_claims(instance, content_type, claims)
        instance.refresh_from_db(fields=["updated_at"])
        LoadStamp.objects.update_or_create(
            content_type=content_type,
            natural_key=natural_key,
            defaults={
                "object_id": instance.pk,
                "digest": digest,
                "record_updated_at": instance.updated_at,
            },
        )
        return self._count(model, outcome, instance)

    def _write_citations(self, instance, content_type, sources):
        if not hasattr(instance, "citations"):
            return
        wanted = {source.pk: source for source in sources}
        existing = set(instance.citations.values_list("source_id", flat=True))
        instance.citations.exclude(source_id__in=wanted).delete()
        Citation.objects.bulk_create(
            Citation(content_type=content_type, object_id=instance.pk, source=source)
            for pk, source in wanted.items()
            if pk not in existing
        )

    def _write_claims(self, instance, content_type, claims):
        for entry in claims:
            claim = Claim(
                content_type=content_type,
                object_id=instance.pk,
                field=entry.get("field") or "",
                value=str(entry["value"]),
                source=self.get(Source, entry["source"]),
                note=entry.get("note") or "",
                confidence=confidence(entry.get("confidence"), Confidence.CLAIMED),
            )
            try:
                claim.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise DataError(f"claim on {instance!r}: {error.message_dict}") from error
            Claim.objects.update_or_create(
                content_type=content_type,
                object_id=instance.pk,
                field=claim.field,
                source=claim.source,
                value=claim.value,
                defaults={"note": claim.note, "confidence": claim.confidence},
            )

    def _count(self, model, outcome, instance):
        self.tally[model._meta.verbose_name_plural][outcome] += 1
        return instance

    def report_lines(self):
        for name, counter in self.tally.items():
            parts = [f"{counter[outcome]} {outcome}" for outcome in OUTCOMES if counter[outcome]]
            yield f"{name}: {', '.join(parts)}"
