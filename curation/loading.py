"""The machinery behind ``load_reference_data``: idempotent upserts that respect curators' edits.

Each data-file entry is written through ``RecordLoader.upsert``, which remembers (in ``LoadStamp``)
a digest of what it wrote and the record's ``updated_at`` right after. On the next run:

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
"""

import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from simple_history.utils import bulk_create_with_history

from reference.models import Citation, Claim, Confidence, Country, Source, SourceKind

from .models import LoadStamp

OUTCOMES = (
    "created",
    "updated",
    "unchanged",
    "removed",
    "kept: edited",
    "kept: deleted",
    "kept: existing",
    "kept: conflict",
    "kept: still used",
    "skipped: link deleted",
)

# The fact sheet grades its entries high / medium / low; the data files may use either vocabulary.
SHEET_CONFIDENCE = {
    "high": Confidence.CONFIRMED,
    "medium": Confidence.REPORTED,
    "low": Confidence.CLAIMED,
}


# The reason every version the loader saves carries in the record's history.
LOADER_CHANGE_REASON = "Loaded from the curated data files"


class DataError(Exception):
    """A data-file entry that cannot be loaded; the message says which and why."""


class _Deleted:
    """Stands for a record the loader once wrote and a curator has since deleted."""

    def __repr__(self):
        return "<deleted by a curator>"


DELETED = _Deleted()


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


def parents_first(entries, parent_key="parent"):
    """Order entries so that each comes after the entry it names as its parent."""
    pending = {entry["slug"]: entry for entry in entries}
    if len(pending) != len(entries):
        raise DataError("duplicate slugs")
    ordered = []
    while pending:
        # Ready: no parent, or a parent already placed (or defined outside this file).
        ready = [slug for slug, entry in pending.items() if entry.get(parent_key) not in pending]
        if not ready:
            raise DataError(f"parent cycle among {sorted(pending)}")
        ordered.extend(pending.pop(slug) for slug in ready)
    return ordered


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
        self.warnings = []
        self._cache = {}
        self._seen = set()  # (content type id, natural key) of every entry in the files
        self._model_order = []  # models in the order they were loaded: parents first

    # --- look-ups --------------------------------------------------------------------------
    def get(self, model, value, field="slug"):
        """The record whose ``field`` is ``value`` (None stays None).

        A record the loader wrote and a curator renamed is found by its id; one a curator
        deleted comes back as ``DELETED``; one that was never there is an error in the files.
        """
        if value in (None, ""):
            return None
        cache_key = (model, field, value)
        if cache_key not in self._cache:
            found = model.objects.filter(**{field: value}).first()
            if found is None:
                stamp = self._stamp(model, _json({field: value}))
                if stamp is None:
                    raise DataError(f"{model._meta.verbose_name} {field}={value!r} is not defined")
                found = model.objects.filter(pk=stamp.object_id).first() or DELETED
            self._cache[cache_key] = found
        return self._cache[cache_key]

    def get_many(self, model, values, field="slug"):
        """Records for a many-to-many list; links to records a curator deleted are dropped."""
        found = [self.get(model, value, field) for value in values or []]
        return [record for record in found if record is not DELETED]

    @staticmethod
    def _stamp(model, natural_key):
        return LoadStamp.objects.filter(
            content_type=ContentType.objects.get_for_model(model), natural_key=natural_key
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
        """Create or update one record; return it, or None when it is not (or no longer) there."""
        if model not in self._model_order:
            self._model_order.append(model)
        m2m = m2m or {}
        sources = sources or []
        claims = self._resolve_claims(claims or [])
        if any(value is DELETED for value in key.values()):
            return self._count(model, "skipped: link deleted", None)
        fields = dict(fields)
        for name, value in fields.items():
            if value is DELETED:
                if not model._meta.get_field(name).null:
                    return self._count(model, "skipped: link deleted", None)
                fields[name] = None
        content_type = ContentType.objects.get_for_model(model)
        natural_key = _json(key)
        self._seen.add((content_type.pk, natural_key))
        digest = hashlib.sha256(
            _json([key, fields, m2m, sources, claims]).encode("utf-8")
        ).hexdigest()
        stamp = self._stamp(model, natural_key)
        instance = model.objects.filter(**key).first()

        if instance is None and stamp is not None:
            renamed = model.objects.filter(pk=stamp.object_id).first()
            return self._count(model, "kept: edited" if renamed else "kept: deleted", renamed)
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
            if outcome == "created":
                raise DataError(f"{model.__name__} {natural_key}: {error.message_dict}") from error
            self.warnings.append(f"{model.__name__} {natural_key}: {error.message_dict}")
            return self._count(model, "kept: conflict", model.objects.get(pk=instance.pk))
        instance._change_reason = LOADER_CHANGE_REASON
        instance.save()
        for name, related in m2m.items():
            # A model may write a relation row by row (so history sees it): set_<name>().
            setter = getattr(instance, f"set_{name}", None) or getattr(instance, name).set
            setter(related)
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

    def _resolve_claims(self, entries):
        """Claims with their source looked up; a claim whose source was deleted is left out."""
        resolved = []
        for entry in entries:
            source = self.get(Source, entry["source"])
            if source is DELETED:
                self._count(Claim, "skipped: link deleted", None)
                continue
            resolved.append(
                {
                    "field": entry.get("field") or "",
                    "value": str(entry["value"]),
                    "source": source,
                    "note": entry.get("note") or "",
                    "confidence": confidence(entry.get("confidence"), Confidence.CLAIMED),
                }
            )
        return resolved

    def _write_citations(self, instance, content_type, sources):
        """Make the record cite exactly ``sources`` (it is the loader's: nobody changed it)."""
        if not hasattr(instance, "citations"):
            return
        wanted = {source.pk: source for source in sources}
        instance.citations.exclude(source_id__in=wanted).delete()
        existing = set(instance.citations.values_list("source_id", flat=True))
        new = [
            Citation(content_type=content_type, object_id=instance.pk, source=source)
            for pk, source in wanted.items()
            if pk not in existing
        ]
        if new:  # in bulk, each with its first version (so ``as_of`` sees the citation)
            bulk_create_with_history(new, Citation, default_change_reason=LOADER_CHANGE_REASON)

    def _write_claims(self, instance, content_type, claims):
        """Make the record carry exactly ``claims``, as the files state them."""
        if not hasattr(instance, "claims"):
            return
        kept = []
        for entry in claims:
            claim = Claim(content_type=content_type, object_id=instance.pk, **entry)
            try:
                claim.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise DataError(f"claim on {instance!r}: {error.message_dict}") from error
            claim, _ = Claim.objects.update_or_create(
                content_type=content_type,
                object_id=instance.pk,
                field=claim.field,
                source=claim.source,
                value=claim.value,
                defaults={"note": claim.note, "confidence": claim.confidence},
            )
            kept.append(claim.pk)
        instance.claims.exclude(pk__in=kept).delete()

    # --- after the files -------------------------------------------------------------------
    def retire_unseen(self):
        """Remove what the loader wrote and the files no longer hold, children before parents.

        A record someone changed since, or one still in use (PROTECT), is kept and reported.
        """
        order = {
            ContentType.objects.get_for_model(m).pk: i for i, m in enumerate(self._model_order)
        }
        stamps = [
            stamp
            for stamp in LoadStamp.objects.select_related("content_type")
            if (stamp.content_type_id, stamp.natural_key) not in self._seen
        ]
        stamps.sort(key=lambda stamp: order.get(stamp.content_type_id, -1), reverse=True)
        for stamp in stamps:
            model = stamp.content_type.model_class()
            record = model.objects.filter(pk=stamp.object_id).first() if model else None
            stamp.delete()
            if record is None:
                continue
            if record.updated_at != stamp.record_updated_at:
                self._count(model, "kept: edited", record)
                continue
            try:
                with transaction.atomic():
                    record.delete()
            except ProtectedError:
                self.warnings.append(f"{model.__name__} {record} is no longer in the files")
                self._count(model, "kept: still used", record)
            else:
                self._count(model, "removed", None)

    def _count(self, model, outcome, instance):
        self.tally[model._meta.verbose_name_plural][outcome] += 1
        return instance

    def report_lines(self):
        for name, counter in self.tally.items():
            parts = [f"{counter[outcome]} {outcome}" for outcome in OUTCOMES if counter[outcome]]
            yield f"{name}: {', '.join(parts)}"
        for warning in self.warnings:
            yield f"warning: {warning}"
