"""``RecordLoader``: looks records up and writes them, one data-file entry at a time (the package
docstring gives the rules)."""

import hashlib
import json
from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from core import dates
from core.models import natural_key_field
from reference.models import (
    Citation,
    Claim,
    Confidence,
    Country,
    Source,
    SourcedModel,
)
from reference.services import inheritable

from ..models import LoadStamp
from .batch import BATCH, Attachments, Records, chunks
from .files import DataFileError, confidence

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

# The reason every version the loader saves carries in the record's history.
LOADER_CHANGE_REASON = "Loaded from the curated data files"


class _Deleted:
    """Stands for a record the loader once wrote and a curator has since deleted."""

    def __repr__(self):
        return "<deleted by a curator>"


DELETED = _Deleted()


def _plain(value):
    """A JSON-able stand-in for a field value, for keys and digests."""
    if isinstance(value, models.Model):
        return [value._meta.label_lower, value.pk]
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def _describe(key):
    """A record's key as a curator reads it: related records by their slug or code."""
    shown = {
        name: getattr(v, natural_key_field(type(v))) if isinstance(v, models.Model) else v
        for name, v in key.items()
    }
    return "(" + ", ".join(f"{name} {value!r}" for name, value in shown.items()) + ")"


def _json(value):
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False)


class RecordLoader:
    """Looks records up by slug and writes them, keeping a per-model tally of what happened."""

    def __init__(self):
        self.tally = defaultdict(Counter)
        self.warnings = []
        self._records = {}  # model -> Records
        self._attachments = Attachments(LOADER_CHANGE_REASON)
        self._stamps = None  # (content type id, natural key) -> LoadStamp, read on first use
        self._unsaved = {}  # the same keys -> (model, stamp) written this run, saved by flush()
        self.written = set()  # (model, pk) of every record written this run
        self._checks = []  # rules spanning rows, run once everything is written
        self._seen = set()  # (content type id, natural key) of every entry in the files
        self._model_order = []  # models in the order they were loaded: parents first

    # --- look-ups --------------------------------------------------------------------------
    def records(self, model):
        """Every record of ``model``, read on first use (``batch.Records``)."""
        if model not in self._records:
            self._records[model] = Records(model)
        return self._records[model]

    def get(self, model, value, field="slug"):
        """The record whose ``field`` is ``value`` (None stays None).

        A record the loader wrote and a curator renamed is found by its id; one a curator
        deleted comes back as ``DELETED``; one that was never there is an error in the files.
        """
        if value in (None, ""):
            return None
        records = self.records(model)
        found = records.find({field: value})
        if found is None:
            stamp = self._stamp(model, _json({field: value}))
            if stamp is None:
                raise DataFileError(f"{model._meta.verbose_name} {field}={value!r} is not defined")
            found = records.by_pk.get(stamp.object_id) or DELETED
        return found

    def get_many(self, model, values, field="slug"):
        """Records for a many-to-many list; links to records a curator deleted are dropped."""
        found = [self.get(model, value, field) for value in values or []]
        return [record for record in found if record is not DELETED]

    def _stamp(self, model, natural_key):
        if self._stamps is None:  # every stamp, read once
            self._stamps = {
                (stamp.content_type_id, stamp.natural_key): stamp
                for stamp in LoadStamp.objects.all()
            }
        return self._stamps.get((ContentType.objects.get_for_model(model).pk, natural_key))

    def country(self, code):
        return self.get(Country, code, field="code")

    def sources(self, slugs):
        return self.get_many(Source, slugs)

    def sourced(self, entry, default_sources=()):
        """``upsert`` keywords for an entry's sources and claims.

        A child entry (a participation, an armament, …) without sources of its own cites its
        parent's, marked inherited (``reference.services``): the sources that reported the
        patrol reported who flew in it. Opinion pieces are not passed down: they are cited only
        for what they themselves said.
        """
        slugs = entry.get("sources")
        if slugs:
            return {"sources": self.sources(slugs), "claims": entry.get("claims")}
        return {
            "sources": inheritable(default_sources),
            "claims": entry.get("claims"),
            "inherited": bool(default_sources),
        }

    # --- writes ----------------------------------------------------------------------------
    def upsert(
        self,
        model,
        key,
        fields,
        *,
        m2m=None,
        writers=None,
        sources=None,
        claims=None,
        inherited=False,
    ):
        """Create or update one record; return it, or None when it is not (or no longer) there.

        ``m2m`` maps a many-to-many relation to the records it should hold; ``writers`` may map
        it to the app's service that writes it (row by row, so history sees each link), else
        ``.set()`` writes it.
        """
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
        try:
            key, fields = dates.model_values(model, key), dates.model_values(model, fields)
        except dates.NotISO as error:
            raise DataFileError(f"{model.__name__} {_json(key)}: {error}") from None
        content_type = ContentType.objects.get_for_model(model)
        natural_key = _json(key)
        if (content_type.pk, natural_key) in self._seen:
            # Written twice, the second entry would silently win over the first.
            raise DataFileError(
                f"{model._meta.verbose_name} {_describe(key)} is given twice in the data "
                "files: give each record once"
            )
        self._seen.add((content_type.pk, natural_key))
        written = [key, fields, m2m, sources, claims, *(["inherited"] if inherited else [])]
        digest = hashlib.sha256(_json(written).encode("utf-8")).hexdigest()
        stamp = self._stamp(model, natural_key)
        records = self.records(model)
        instance = records.find(key)

        if instance is None and stamp is not None:
            renamed = records.by_pk.get(stamp.object_id)
            return self._count(model, "kept: edited" if renamed else "kept: deleted", renamed)
        if instance is not None and stamp is None:
            return self._count(model, "kept: existing", instance)
        if instance is not None and stamp.digest == digest:
            return self._count(model, "unchanged", instance)
        # A stamp written in this run (an entry given twice) is the loader's own: not an edit.
        edited = instance is not None and instance.updated_at != stamp.record_updated_at
        if edited and (content_type.pk, natural_key) not in self._unsaved:
            return self._count(model, "kept: edited", instance)

        outcome = "created" if instance is None else "updated"
        instance = instance or model(**key)
        for name, value in fields.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except ValidationError as error:
            if outcome == "created":
                raise DataFileError(
                    f"{model.__name__} {natural_key}: {error.message_dict}"
                ) from error
            self.warnings.append(f"{model.__name__} {natural_key}: {error.message_dict}")
            stored = model.objects.get(pk=instance.pk)
            records.put(stored)  # in place of the copy the refused values were set on
            return self._count(model, "kept: conflict", stored)
        instance._change_reason = LOADER_CHANGE_REASON
        instance.save()
        if outcome == "created":
            records.put(instance)
        for name, related in m2m.items():
            writer = (writers or {}).get(name)
            if writer is not None:
                writer(instance, related)
            else:
                getattr(instance, name).set(related)
        self._write_citations(instance, content_type, sources, inherited)
        self._write_claims(instance, content_type, claims)
        self.written.add((model, instance.pk))
        if stamp is None:
            stamp = LoadStamp(content_type=content_type, natural_key=natural_key)
            self._stamps[content_type.pk, natural_key] = stamp
        stamp.object_id, stamp.digest = instance.pk, digest
        self._unsaved[content_type.pk, natural_key] = (model, stamp)
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

    def _write_citations(self, instance, content_type, sources, inherited=False):
        """Make the record cite exactly ``sources`` (it is the loader's: nobody changed it).

        Only fact records cite: a source's ``citations`` are the records citing *it*, which a
        change to the source's own entry must leave alone."""
        if not isinstance(instance, SourcedModel):
            return
        attachments = self._attachments
        rows = attachments.on(Citation, content_type, instance)
        wanted = {source.pk: source for source in sources}
        attachments.drop(Citation, rows, [key for key in rows if key not in wanted])
        for pk, source in wanted.items():
            if pk not in rows:
                citation = Citation(
                    content_type=content_type,
                    object_id=instance.pk,
                    source=source,
                    inherited=inherited,
                )
                attachments.add(rows, citation)
            elif rows[pk].inherited != inherited:
                rows[pk].inherited = inherited
                if rows[pk].pk is not None:  # else still queued, and goes in as it is now
                    rows[pk].save()

    def _write_claims(self, instance, content_type, claims):
        """Make the record carry exactly ``claims``, as the files state them (fact records
        only: a source's ``claims`` are those it reports about other records)."""
        if not isinstance(instance, SourcedModel):
            return
        attachments = self._attachments
        rows = attachments.on(Claim, content_type, instance)
        kept = set()
        for entry in claims:
            claim = Claim(content_type=content_type, object_id=instance.pk, **entry)
            try:
                claim.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise DataFileError(f"claim on {instance!r}: {error.message_dict}") from error
            key = attachments.key(claim)
            kept.add(key)
            stored = rows.get(key)
            if stored is None:
                attachments.add(rows, claim)
            elif (stored.note, stored.confidence) != (claim.note, claim.confidence):
                stored.note, stored.confidence = claim.note, claim.confidence
                if stored.pk is not None:  # else it is still queued, and goes in as it is now
                    stored.save()
        attachments.drop(Claim, rows, [key for key in rows if key not in kept])

    def flush(self):
        """Write what ``upsert`` queued: new citations and claims in bulk, then the stamps, each
        with its record's ``updated_at`` as the writes left it (a citation, claim or crossed
        region removed touches its record), read back once per model."""
        self._attachments.create()
        ids = defaultdict(set)
        for model, stamp in self._unsaved.values():
            ids[model].add(stamp.object_id)
        updated_at = {}
        for model, pks in ids.items():
            for chunk in chunks(pks):
                rows = model._base_manager.filter(pk__in=chunk).values_list("pk", "updated_at")
                updated_at.update(((model, pk), value) for pk, value in rows)
        now, new, changed = timezone.now(), [], []
        for model, stamp in self._unsaved.values():  # in the order the entries came
            stamp.record_updated_at, stamp.loaded_at = updated_at[model, stamp.object_id], now
            (changed if stamp.pk else new).append(stamp)
        LoadStamp.objects.bulk_create(new, batch_size=BATCH)
        fields = ["object_id", "digest", "record_updated_at", "loaded_at"]
        LoadStamp.objects.bulk_update(changed, fields, batch_size=BATCH)
        self._unsaved.clear()

    # --- after the files -------------------------------------------------------------------
    def retire_unseen(self):
        """Remove what the loader wrote and the files no longer hold, children before parents
        (once ``flush`` has written what the files hold).

        A record someone changed since, or one still in use (PROTECT), is kept and reported.
        """
        self.flush()
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

    def check_after_load(self, check):
        """Run ``check`` once the load has written everything (citations included); it raises
        ``DataFileError`` to stop the load."""
        self._checks.append(check)

    def run_checks(self):
        self.flush()
        for check in self._checks:
            check()

    def report_lines(self):
        for name, counter in self.tally.items():
            parts = [f"{counter[outcome]} {outcome}" for outcome in OUTCOMES if counter[outcome]]
            yield f"{name}: {', '.join(parts)}"
        for warning in self.warnings:
            yield f"warning: {warning}"
