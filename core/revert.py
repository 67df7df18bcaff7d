"""Reverting a record to one of its versions, together with the rows edited with it.

A record's admin page edits its inline rows with it (a patrol's participations, a fact record's
sources and claims), so a version of the record means those rows too, read from the rows' own
history up to the record's next version: the rows saved with a version are written after the
record itself (by the admin's inlines, the API and the loader alike), so they belong to it, and
a row changed later on its own screen belongs to the version current then.

A revert plans everything before it writes: rows added since are deleted, rows deleted since
come back with their ids and values, changed rows go back, and so do the sources and claims of
those rows (a participation's own sources, deleted with it). What cannot come back — a related
record deleted since, a row that has since moved to another record — refuses the revert with a
message naming it, never a silent null. The app's rules spanning rows are the admin's hooks
(``revert_errors`` before, ``settle_revert`` after); the whole revert is one transaction.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import ERROR, INFO, WARNING
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, RestrictedError
from django.forms.models import _get_foreign_key
from django.http import HttpResponseRedirect

from .history import change_reason


class RevertRefused(Exception):
    """A revert that cannot be made exactly; raised inside its transaction, it undoes it."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = messages


def revert_reason(version):
    return (
        f"Reverted to the version of {version.history_date:%Y-%m-%d %H:%M:%S %Z} "
        f"(no. {version.history_id})"
    )


def row_values(row):
    """What a row holds, without its id and the timestamps every save moves."""
    return {
        f.attname: f.value_from_object(row)
        for f in row._meta.concrete_fields
        if not f.primary_key
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    }


def later_than(versions):
    """Versions of the same record after the outer one (ties broken by version number)."""
    return versions.filter(id=OuterRef("id")).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )


def rows_as_of(model, key, before):
    """``{pk: instance}``: the rows of ``model`` matching ``key`` as they stood just before
    ``before`` (None: as their history last has them). A row that matched then but has since
    moved away counts; one that matched once but had moved away by then does not."""
    versions = model.history.all()
    if before is not None:
        versions = versions.filter(history_date__lt=before)
    latest = (
        versions.filter(id__in=versions.filter(**key).values("id"))
        .filter(~Exists(later_than(versions)))
        .filter(**key)
        .exclude(history_type="-")
    )
    return {version.id: version.instance for version in latest.order_by("id")}


@dataclass
class RowSet:
    """One relation's rows: as they stood, and as they are."""

    model: type
    key: dict  # the columns naming the record they belong to
    label: str
    parent: object = None  # the row whose sources or claims these are; None: the record's
    past: dict = field(default_factory=dict)
    now: dict = field(default_factory=dict)

    @property
    def owner(self):
        return (type(self.parent), self.parent.pk) if self.parent is not None else None

    @property
    def added(self):
        return [row for pk, row in self.now.items() if pk not in self.past]

    @property
    def restored(self):
        return [row for pk, row in self.past.items() if pk not in self.now]

    @property
    def changed(self):
        return [
            row
            for pk, row in self.past.items()
            if pk in self.now and row_values(row) != row_values(self.now[pk])
        ]


@dataclass
class RevertPlan:
    version: object
    record: object  # the record as the version has it
    rowsets: list
    refusals: list

    def rows(self, model):
        """The record's rows of ``model`` as the revert leaves them."""
        return self.rows_of(model, None)

    def rows_of(self, model, parent):
        """The rows of ``model`` attached to the inline row ``parent`` (None: to the record),
        as the revert leaves them."""
        owner = (type(parent), parent.pk) if parent is not None else None
        return [
            row
            for rowset in self.rowsets
            if rowset.model is model and rowset.owner == owner
            for row in rowset.past.values()
        ]

    def summary(self):
        """What the revert does to the rows, for the record's version: "participations: 1
        removed, 1 restored; …"."""
        counts = defaultdict(lambda: defaultdict(int))
        for rowset in self.rowsets:
            for what, rows in (
                ("removed", rowset.added),
                ("restored", rowset.restored),
                ("changed back", rowset.changed),
            ):
                counts[rowset.label][what] += len(rows)
        parts = [
            f"{label}: " + ", ".join(f"{n} {what}" for what, n in done.items() if n)
            for label, done in counts.items()
            if any(done.values())
        ]
        return "; ".join(parts)

    def apply(self, reason):
        """Write the rows as planned, each a version with ``reason``. Raises RevertRefused."""
        with change_reason(reason):
            for rowset in self.rowsets:
                for row in rowset.added:
                    try:
                        if type(row)._base_manager.filter(pk=row.pk).exists():
                            row.delete()
                    except (ProtectedError, RestrictedError) as error:
                        raise RevertRefused(
                            [f"{described(row)} was added since and cannot be removed: {error}"]
                        ) from None
            for rowset in self.rowsets:
                for row in [*rowset.changed, *rowset.restored]:
                    restore(row, rowset.now.get(row.pk))


def described(row):
    return f"The {row._meta.verbose_name} “{row}”"


def restore(row, current):
    """Give the stored row (or, deleted since, a new one with its id) the values it had."""
    target = row
    if current is not None:
        for attname, value in row_values(row).items():
            setattr(current, attname, value)
        target = current
    try:
        target.full_clean()
    except ValidationError as error:
        raise RevertRefused(
            [f"{described(target)} cannot be restored: {' '.join(error.messages)}"]
        ) from None
    target.save()


def last_name(model, value, attname):
    """How a record deleted since was last named (its last version), else its id."""
    history = getattr(model, "history", None)
    version = None
    if history is not None:
        version = (
            history.filter(**{attname: value}).order_by("-history_date", "-history_id").first()
        )
    return str(version.instance) if version is not None else f"no. {value}"


def deleted_since(rows, skip=()):
    """Messages for the records ``rows`` point at that no longer exist."""
    wanted = defaultdict(set)
    for row in rows:
        for fk in row._meta.concrete_fields:
            value = getattr(row, fk.attname) if fk.many_to_one else None
            if value is not None and fk.attname not in skip:
                wanted[(fk.related_model, fk.target_field.attname)].add(value)
    refusals = []
    for (model, attname), values in wanted.items():
        found = set(
            model._base_manager.filter(**{f"{attname}__in": values}).values_list(attname, flat=True)
        )
        for value in sorted(values - found, key=str):
            refusals.append(
                f"The {model._meta.verbose_name} “{last_name(model, value, attname)}” was "
                "deleted since: restore it first."
            )
    return refusals


def inline_relations(admin, request, record):
    """``(model, key, label)`` for each inline of ``admin``: the rows it edits with the record."""
    relations = []
    for inline_class in admin.get_inlines(request, record):
        inline = inline_class(admin.model, admin.admin_site)
        model = inline.model
        if hasattr(inline, "ct_field"):  # a generic inline (sources, claims)
            content_type = ContentType.objects.get_for_model(
                admin.model, for_concrete_model=getattr(inline, "for_concrete_model", True)
            )
            ct_attname = model._meta.get_field(inline.ct_field).attname
            key = {ct_attname: content_type.pk, inline.ct_fk_field: record.pk}
        else:
            fk = _get_foreign_key(admin.model, model, fk_name=inline.fk_name)
            key = {fk.attname: record.pk}
        label = str(inline.verbose_name_plural or model._meta.verbose_name_plural)
        relations.append((model, key, label))
    return relations


def attached_relations(row):
    """``(model, key, label)`` for the generic rows attached to ``row`` (its sources and
    claims), which are deleted with it and edited with it on the record's page."""
    relations = []
    for relation in row._meta.private_fields:
        if not isinstance(relation, GenericRelation):
            continue
        model = relation.related_model
        content_type = ContentType.objects.get_for_model(
            type(row), for_concrete_model=relation.for_concrete_model
        )
        ct_attname = model._meta.get_field(relation.content_type_field_name).attname
        key = {ct_attname: content_type.pk, relation.object_id_field_name: row.pk}
        label = f"{model._meta.verbose_name_plural} of its {row._meta.verbose_name_plural}"
        relations.append((model, key, label))
    return relations


def next_version_date(version):
    later = (
        type(version)
        ._default_manager.filter(id=version.id)
        .filter(
            Q(history_date__gt=version.history_date)
            | Q(history_date=version.history_date, history_id__gt=version.history_id)
        )
        .order_by("history_date", "history_id")
        .first()
    )
    return later.history_date if later is not None else None


def plan_revert(admin, request, version):
    """What reverting to ``version`` writes, and what refuses it (nothing is written)."""
    record = version.instance
    before = next_version_date(version)
    rowsets = []

    def collect(model, key, label, parent=None):
        rowset = RowSet(model, key, label, parent)
        rowset.past = rows_as_of(model, key, before)
        rowset.now = {row.pk: row for row in model._base_manager.filter(**key).order_by("pk")}
        rowsets.append(rowset)
        return rowset

    top = [collect(*relation) for relation in inline_relations(admin, request, record)]
    seen = {(rowset.model, str(rowset.key)) for rowset in top}
    for row in [row for rowset in top for row in rowset.past.values()]:
        for model, key, label in attached_relations(row):
            if (model, str(key)) not in seen:
                seen.add((model, str(key)))
                collect(model, key, label, parent=row)
    refusals = deleted_since([record])
    for rowset in rowsets:
        refusals += deleted_since(rowset.past.values(), skip=rowset.key)
        moved = rowset.model._base_manager.filter(pk__in=[row.pk for row in rowset.restored])
        refusals += [
            f"{described(row)} has since moved elsewhere: move it back first." for row in moved
        ]
    return RevertPlan(version, record, rowsets, list(dict.fromkeys(refusals)))


class RevertForm:
    """The history page's form: the record's values as the version has them, refused when the
    version (with its rows) cannot be restored exactly or would break the app's rules."""

    revert_admin = None
    revert_request = None

    def _post_clean(self):
        super()._post_clean()
        admin, request = self.revert_admin, self.revert_request
        self.revert_plan = plan = plan_revert(admin, request, self.instance._history)
        for message in plan.refusals:
            self.add_error(None, message)
        if plan.refusals:
            return  # the rules would read rows pointing at nothing
        for name, found in admin.revert_errors(request, self.instance, plan).items():
            for message in found:
                self.add_error(name if name in self.fields else None, message)


class RevertAdmin:
    """For a ``SimpleHistoryAdmin``: a revert restores the inline rows too, or is refused.

    Hooks for the apps' admins: ``revert_errors`` (the rules spanning rows, on the record as
    the form would save it and the rows as planned) and ``settle_revert`` (after the rows are
    written; a ``ValidationError`` refuses the revert).
    """

    def revert_errors(self, request, record, plan):
        """``{field: [messages]}`` against the revert; empty when it may go ahead."""
        return {}

    def settle_revert(self, request, record, plan):
        """After the record and its rows are written (inside the revert's transaction)."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "reverting", False) and getattr(obj, "_history", None) is not None:
            attrs = {"revert_admin": self, "revert_request": request}
            return type(form.__name__, (RevertForm, form), attrs)
        return form

    def save_model(self, request, obj, form, change):
        plan = getattr(form, "revert_plan", None)
        if plan is None:
            return super().save_model(request, obj, form, change)
        reason = getattr(obj, "_change_reason", None) or revert_reason(plan.version)
        summary = plan.summary()
        obj._change_reason = f"{reason} — with its rows: {summary}" if summary else reason
        super().save_model(request, obj, form, change)
        try:
            plan.apply(reason)
            with change_reason(reason):
                self.settle_revert(request, obj, plan)
        except ValidationError as error:
            raise RevertRefused(error.messages) from None
        except IntegrityError as error:
            clash = (
                f"A row cannot be restored as it stood: it clashes with one saved since: {error}"
            )
            raise RevertRefused([clash]) from None
        return None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history only hides the Revert button from those who may not change the
        # record; the POST itself must be refused too.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        request.reverting = True
        if request.method != "POST" and self.has_change_permission(request):
            self.announce_revert(request, object_id, version_id)
        try:
            # One transaction: the plan, the record and every row, or nothing.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except RevertRefused as refused:
            for message in refused.messages:
                self.message_user(request, f"Nothing was reverted: {message}", ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def announce_revert(self, request, object_id, version_id):
        """Before the curator saves: what the revert will do to the rows, or why it cannot."""
        pk_name = self.model._meta.pk.attname
        try:
            version = self.model.history.filter(
                **{pk_name: object_id, "history_id": version_id}
            ).first()
        except (ValueError, TypeError, ValidationError):
            return
        if version is None:
            return  # simple-history answers 404
        plan = plan_revert(self, request, version)
        for message in plan.refusals:
            self.message_user(request, f"This version cannot be restored: {message}", WARNING)
        if not plan.refusals and plan.summary():
            self.message_user(request, f"Saving also restores its rows: {plan.summary()}.", INFO)
