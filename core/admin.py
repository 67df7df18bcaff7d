"""The admin bases every data model's admin builds on: versions and revert, conflict-safe forms,
compact inlines and spreadsheet import/export."""

from zipfile import BadZipFile

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from . import dates
from .changelist import CheckedListsAdmin
from .history import (
    change_reason,
    describe_conflict,
    is_versioned,
    stored_version,
    version_token,
)
from .imports import ImportRefused, LimitedCSV, LimitedImportForm, LimitedXLSX, file_error
from .revert import RevertAdmin, revert_reason

TIMESTAMPS = ("created_at", "updated_at")


class OptionalJSONField(forms.JSONField):
    """A JSON form field that shows an empty box, not ``null``, for a missing value."""

    def prepare_value(self, value):
        return "" if value is None else super().prepare_value(value)


JSON_AS_OPTIONAL = {models.JSONField: {"form_class": OptionalJSONField}}


class ISODateFormField(forms.DateField):
    """A date typed as ``YYYY-MM-DD`` only (``core.dates``): the input formats
    (``config/formats``) are ISO, but ``strptime`` would still take ``2024-1-2``."""

    default_error_messages = {"invalid": f"Enter a date as {dates.DATE_SPELLING} (ISO 8601)."}

    def strptime(self, value, format):
        return dates.parse_date(value.strip())  # NotISO is a ValueError: "invalid"


class ISODateInputs:
    """For an admin or inline: its date inputs read ``ISODateFormField``."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        ):
            kwargs.setdefault("form_class", ISODateFormField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OpenedVersionField(forms.CharField):
    """The version a form was opened on. Never a change of its own: a row whose record moved on
    meanwhile is not thereby edited here (and must not be saved for it)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def has_changed(self, initial, data):
        return False


class VersionCheckedForm(forms.ModelForm):
    """Refuses to save over a version of the record the editor never saw.

    The form carries, hidden, the version it was opened on; if the stored record has moved on
    since (another curator, a script, the API), saving is an error naming the conflict and the
    newer data stays. A form posted without the field (a script, an old page) is not checked.
    """

    opened_version = OpenedVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance, model = self.instance, type(self.instance)
        if instance.pk is None or not is_versioned(model):
            return
        if getattr(instance, "_history", None) is not None:
            token = stored_version(model, instance.pk)  # an old version opened to revert to
        else:
            token = version_token(instance.updated_at)
        self.fields["opened_version"].initial = token

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get("opened_version")
        model, pk = type(self.instance), self.instance.pk
        if opened and pk is not None and stored_version(model, pk, lock=True) != opened:
            raise forms.ValidationError(describe_conflict(model, pk), code="conflict")
        return cleaned_data


class InlineVersionCheckedForm(VersionCheckedForm):
    """An inline row is checked only if this save would write it: a row left as it was is not
    saved, so another curator's change to it (even to a column the inline hides) is no conflict.
    """

    def clean(self):
        if self.has_changed() or self.cleaned_data.get("DELETE"):
            return super().clean()
        return self.cleaned_data


class RecordForm(VersionCheckedForm):
    change_reason = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Why you are making this change; kept with the version in the history.",
    )


BOOKKEEPING_FIELDS = ("change_reason", "opened_version")


class RecordAdmin(ISODateInputs, CheckedListsAdmin, RevertAdmin, SimpleHistoryAdmin):
    """Every data model's admin: versions with what changed, revert, and conflict-safe saves.

    A save records the curator and the reason they give; a revert (from a version on the
    history screen) is itself a new version, its reason saying which version it restored, and
    restores the inline rows with the record (``core.revert``). The
    history names who saved each version only to those who may change the record: user names
    are admin sign-in names. Its lists refuse what they cannot answer (``core.changelist``).
    """

    form = RecordForm
    object_history_list_template = "admin/record_history_list.html"

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": without_bookkeeping(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, ("Change", {"fields": BOOKKEEPING_FIELDS})]

    def save_model(self, request, obj, form, change):
        obj._change_reason = reason_given(obj, form)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The inline rows saved with the record are versions for the same reason.
        with change_reason(reason_given(form.instance, form)):
            super().save_related(request, form, formsets, change)

    def deletion_refusals(self, request, objs):
        """Why deleting ``objs`` together would break a rule spanning rows, one line each; the
        delete page then lists them as protected and deletes nothing. For subclasses."""
        return []

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, [*protected, *self.deletion_refusals(request, objs)]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.formset, SiblingFormSet):
            kwargs["siblings"] = request.__dict__.setdefault("_inline_formsets", [])
        return kwargs

    def history_view(self, request, object_id, extra_context=None):
        shows_users = {"show_history_users": self.has_change_permission(request)}
        return super().history_view(request, object_id, {**(extra_context or {}), **shows_users})


class SpreadsheetAdmin(ImportExportMixin):
    """CSV and XLSX import (previewed as a dry run first) and export of the filtered list.

    Both need the model's change permission (``IMPORT_EXPORT_*_PERMISSION_CODE``), which the
    Curators group holds; the import page adds new/changed/unchanged counts to the preview.
    An import is bounded in size and rows (``core.imports``); a file refused as a whole (too
    large, unreadable, an unknown column, a key given twice) is an error on the form, without
    a traceback; its upload is removed at once. A CSV export starts with a UTF-8 byte order
    mark so that Excel reads its non-ASCII text; text cells a spreadsheet would run are quoted
    (``core.resources``).
    """

    import_formats = (LimitedCSV, LimitedXLSX)
    export_formats = (CSV, XLSX)
    import_form_class = LimitedImportForm
    import_template_name = "admin/import_export/import_with_counts.html"
    to_encoding = "utf-8-sig"

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if context is None:
            return response
        form, result = context.get("form"), context.get("result")
        if result is not None and result.base_errors:
            for error in result.base_errors:
                form.add_error("import_file", file_error(error.error))
            context["result"] = None  # its rows were checked against a file refused whole
        if context.get("confirm_form") is None and form is not None and form.files:
            # (from the files posted: an error on the field takes it out of cleaned_data)
            upload = form.files.get("import_file")
            self.discard_upload(getattr(upload, "tmp_storage_name", None))
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", file_error(e))

    def write_to_tmp_storage(self, import_file, input_format):
        # The stock method grows one bytes object chunk by chunk, a copy per chunk.
        storage = self.get_tmp_storage_class()(
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        storage.save(b"".join(import_file.chunks()))
        return storage

    def discard_upload(self, name):
        """The upload kept for a confirmation that will not come (or has come)."""
        if not name:
            return
        storage_class = self.get_tmp_storage_class()
        try:
            storage_class(name=name, **self.get_tmp_storage_class_kwargs()).remove()
        except (OSError, ImportRefused):
            return  # already gone, or never a name of ours

    def process_import(self, request, *args, **kwargs):
        """The confirmation names the file uploaded for the preview; one that cannot be read
        back (stale, tampered with) gets an error message rather than a crash. Confirmed or
        not, the upload is then removed."""
        try:
            return super().process_import(request, *args, **kwargs)
        except ImportRefused as refused:
            return self.back_to(request, "import", f"Nothing was imported: {refused}")
        except (OSError, ValueError, KeyError, IndexError, BadZipFile) as error:
            return self.back_to(
                request,
                "import",
                f"Nothing was imported: the uploaded file could not be read "
                f"back ({type(error).__name__}). Upload it again.",
            )
        finally:
            self.discard_upload(request.POST.get("import_file_name"))

    def process_result(self, result, request):
        """The confirmed import runs again for real; if the data changed since the preview and a
        row now fails, the transaction was rolled back: say so, never "Import finished"."""
        if result.has_errors() or result.has_validation_errors():
            numbers = sorted(
                {*(n for n, _ in result.row_errors()), *(r.number for r in result.invalid_rows)}
            )
            which = f"rows {', '.join(map(str, numbers))}" if numbers else "the file"
            message = (
                f"Nothing was imported: {which} no longer passes since the preview (the data "
                "changed meanwhile). Upload the file again to see why."
            )
            return self.back_to(request, "import", message)
        return super().process_result(result, request)

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            return self.back_to(
                request,
                "export",
                "The list's filters in the address are not "
                "valid; filter the list again, then export.",
            )

    def back_to(self, request, view, message):
        self.message_user(request, message, messages.ERROR)
        info = self.model._meta.app_label, self.model._meta.model_name
        return HttpResponseRedirect(reverse(f"admin:{info[0]}_{info[1]}_{view}"))


def without_bookkeeping(fields):
    return [
        field
        for field in fields
        if isinstance(field, list | tuple) or field not in BOOKKEEPING_FIELDS
    ]


def reason_given(obj, form):
    """The curator's reason; for a revert, which version it restores, then theirs."""
    reason = form.cleaned_data.get("change_reason", "")
    version = getattr(obj, "_history", None)
    if version is not None:
        restored = revert_reason(version)
        return f"{restored}: {reason}" if reason else restored
    return reason


class SiblingFormSet:
    """An inline formset that knows the other inline formsets of its page, so a rule spanning
    several inlines (a patrol's participations, interceptions and sources) is checked before
    any of them is saved, and shown as a form error. ``RecordAdmin`` hands every such formset
    of one request the same list."""

    def __init__(self, *args, siblings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.siblings = siblings if siblings is not None else []
        self.siblings.append(self)

    def kept_forms(self):
        """The valid forms whose rows the save keeps (not deleted, not blank extras)."""
        self.is_valid()  # cleans the formset once; a no-op when already cleaned
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.errors
            and not form.cleaned_data.get("DELETE")
        ]


class SiblingInlineFormSet(SiblingFormSet, BaseInlineFormSet):
    """The rows of an inline whose records belong to the page's record."""


class CompactInline(ISODateInputs):
    """Inline rows without the add/change/delete/view icons beside each foreign key.

    They make a tabular row too wide to read; the related records have their own screens.
    Each row it would save is version-checked like the form it sits in.
    """

    form = InlineVersionCheckedForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if "opened_version" not in flatten_fieldsets([(None, {"fields": fields})]):
            fields.append("opened_version")
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return field
