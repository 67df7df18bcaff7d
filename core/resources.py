"""Spreadsheet import and export (django-import-export): the bases every app's resources share.

A row names related records the way the API does (a slug, or a country's code), never by
database id, so a file exported from one database imports into another. Import rules:

- every row is validated with the model's own ``full_clean()``, as the admin and API do;
- a file with any invalid row writes nothing (the whole import is one transaction);
- a row equal to the stored record is skipped, so importing the same file again changes nothing;
- each saved row becomes a version in the record's history, by the importing curator, with the
  file named as the reason;
- a file that gives one key (a slug) on two rows is refused, naming the rows: applied row by
  row, the last would silently win;
- dates and date-times are ISO 8601 text (``2024-01-31``, ``2024-01-31T12:00:00+00:00``) or a
  spreadsheet's own date cell, never a locale's reading of ``02/01/2024``.

Export quotes text a spreadsheet would run as a formula, and import takes the quote off again
(``core.cells``), so an exported file imports unchanged.
"""

import datetime
import re
from collections import Counter

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from import_export import fields, resources, widgets

from . import dates
from .cells import neutralise, restore
from .history import change_reason
from .imports import ImportRefused
from .models import natural_key_field


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record by slug or code; an unknown one is a row error naming the value."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field=natural_key_field(model), **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip().upper() if self.field == "code" else value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            name = self.model._meta.verbose_name
            raise ValueError(f"There is no {name} with {self.field} {value!r}.") from None


def blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


class StrictDateWidget(widgets.DateWidget):
    """A date as ISO 8601 text (``2024-01-31``) or a spreadsheet's date cell (read back as a
    datetime at midnight). The stock widget tries ``DATE_INPUT_FORMATS`` in turn, so
    ``02/01/2024`` would be 1 February: any other text is refused."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time():
                raise ValueError(f"Enter a date, not a date and time: {value.isoformat()}.")
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return dates.parse_date(str(value).strip())
        except dates.NotISO:
            raise ValueError(f"Enter a date as YYYY-MM-DD (ISO 8601), not {value!r}.") from None


class StrictDateTimeWidget(widgets.DateTimeWidget):
    """A date and time as ISO 8601 text or a spreadsheet's date-time cell; without an offset
    it is the server's time zone (UTC), as the API reads it. Any other text is refused."""

    def clean(self, value, row=None, **kwargs):
        if blank(value):
            return None
        if isinstance(value, datetime.datetime):
            moment = value
        else:
            try:
                moment = dates.parse_datetime(str(value).strip(), offset_required=False)
            except dates.NotISO as error:
                raise ValueError(f"{error} Not {value!r}.") from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return moment

    def render(self, value, obj=None, **kwargs):
        """As text, ISO 8601 with its offset, which reads back to the same moment."""
        native = self.coerce_to_string is False or kwargs.get("force_native_type")
        if native or not isinstance(value, datetime.datetime):
            return super().render(value, obj, **kwargs)
        return timezone.localtime(value).isoformat()


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number or an empty cell; the stock widget reads ``1.5`` as 1 and reports ``abc``
    as a decimal-module exception rather than a message."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)  # a spreadsheet's number cell
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"Not a whole number: {value!r}.")
        return int(text)


class NaturalKeyListWidget(widgets.ManyToManyWidget):
    """Several related records, by slug, separated by ``;``. Unknown slugs are an error (the
    stock widget would silently drop them)."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=";", field=natural_key_field(model), **kwargs)

    def clean(self, value, row=None, **kwargs):
        keys = [key.strip() for key in str(value or "").split(self.separator) if key.strip()]
        found = {getattr(record, self.field): record for record in super().clean(value, row)}
        missing = [key for key in keys if key not in found]
        if missing:
            name = self.model._meta.verbose_name_plural
            raise ValueError(f"Unknown {name}: {', '.join(missing)}.")
        return [found[key] for key in dict.fromkeys(keys)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        records = value.all() if hasattr(value, "all") else value
        return "; ".join(str(getattr(record, self.field)) for record in records)


def strict_widget(django_field):
    """The widget for a model field where the stock one is too lenient, else None.

    Related records go by slug or code; whole numbers refuse ``1.5``; dates and date-times are
    ISO 8601 (a date cell read back as a datetime is its date); an empty text cell (None from
    XLSX) is empty text, as the stock resource does for CharField only.
    """
    if isinstance(django_field, models.ForeignKey):
        return NaturalKeyWidget(django_field.related_model)
    if isinstance(django_field, models.ManyToManyField):
        return NaturalKeyListWidget(django_field.related_model)
    if isinstance(django_field, models.IntegerField) and not django_field.primary_key:
        return WholeNumberWidget()
    if isinstance(django_field, models.DateTimeField):
        return StrictDateTimeWidget()
    if isinstance(django_field, models.DateField):
        return StrictDateWidget()
    if isinstance(django_field, models.TextField) and django_field.blank:
        return widgets.CharWidget(allow_blank=True, coerce_to_string=True)
    return None


NOT_TEXT = (
    widgets.NumberWidget,
    widgets.DateWidget,
    widgets.DateTimeWidget,
    widgets.TimeWidget,
    widgets.DurationWidget,
    widgets.BooleanWidget,
)


def holds_text(field):
    """Whether a column's cells are text (to quote on export), not numbers, dates or flags."""
    return not isinstance(field.widget, NOT_TEXT)


def repeated_keys(dataset, columns):
    """``{key: [row numbers]}`` for every key more than one row of ``dataset`` gives (rows
    numbered from 1 below the header, as the import's preview numbers them); a row without a
    key is left to the row checks."""
    if not columns or any(column not in (dataset.headers or []) for column in columns):
        return {}
    rows = {}
    for number, row in enumerate(dataset.dict, 1):
        key = tuple(
            ("" if row[column] is None else str(restore(row[column]))).strip() for column in columns
        )
        if any(key):
            rows.setdefault(tuple(zip(columns, key, strict=True)), []).append(number)
    return {key: numbers for key, numbers in rows.items() if len(numbers) > 1}


def describe_key(key):
    return " and ".join(f"{column} {value!r}" for column, value in key)


class RecordResource(resources.ModelResource):
    """Rows keyed by slug, related records by slug or code, and the import rules above."""

    class Meta:
        import_id_fields = ("slug",)
        exclude = ("id", "created_at", "updated_at")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        widget = strict_widget(django_field)
        if widget is None:
            return super().field_from_django_field(field_name, django_field, readonly)
        return fields.Field(
            attribute=field_name, column_name=field_name, widget=widget, readonly=readonly
        )

    def import_instance(self, instance, row, **kwargs):
        """Check the list columns with the rest of the row: the stock resource reads them only
        after saving, where a bad slug would be a crash report rather than a row error."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.column_name] = ValidationError(str(error), code="invalid")
        if not errors:
            for name, messages in self.row_rule_errors(instance, row, **kwargs).items():
                errors[name] = ValidationError(messages, code="rule")
        if errors:
            raise ValidationError(errors)

    def row_rule_errors(self, instance, row, **kwargs):
        """The rules spanning rows, for the record as this row would leave it (a well-formed
        row only): ``{column: [messages]}``. The domain's resources ask their app's services."""
        return {}

    def before_import(self, dataset, **kwargs):
        """A misspelt column would otherwise be ignored and its values silently not imported;
        a key given twice would be applied twice, the last row winning; a column given twice
        would be read from its last copy only."""
        super().before_import(dataset, **kwargs)
        headers = [str(header) for header in dataset.headers or []]
        repeated_columns = [name for name, count in Counter(headers).items() if count > 1]
        if repeated_columns:
            raise ImportRefused(
                f"The header gives the column(s) {', '.join(repeated_columns)} more than once; "
                "each column may appear once only."
            )
        known = {field.column_name for field in self.get_import_fields()}
        unknown = [header for header in dataset.headers or [] if header not in known]
        if unknown:
            raise ImportRefused(
                f"Unknown column(s): {', '.join(map(str, unknown))}. "
                f"The columns are: {', '.join(sorted(known))}."
            )
        repeated = repeated_keys(dataset, self.key_columns())
        if repeated:
            raise ImportRefused(
                "A record may have one row only, and "
                + "; ".join(
                    f"{describe_key(key)} is on rows {', '.join(map(str, rows))}"
                    for key, rows in repeated.items()
                )
                + " (rows counted from the first below the header)."
            )

    def key_columns(self):
        return [self.fields[name].column_name for name in self._meta.import_id_fields]

    def before_import_row(self, row, **kwargs):
        """A text cell quoted on export (so that no spreadsheet runs it) reads back unquoted."""
        super().before_import_row(row, **kwargs)
        for field in self.get_import_fields():
            if field.column_name in row and holds_text(field):
                row[field.column_name] = restore(row[field.column_name])

    def export_field(self, field, instance, **kwargs):
        """Text a spreadsheet would run as a formula is quoted; numbers and dates stay as they
        are (``-12`` in a number column is a number)."""
        value = super().export_field(field, instance, **kwargs)
        if isinstance(value, str) and holds_text(field):
            return neutralise(value)
        return value

    def import_data(self, dataset, *args, **kwargs):
        """One bad row and nothing of the file is kept, not even the valid rows before it.

        Every version the import saves (rows, their participations, citations and regions)
        names the file; the importing curator is the request's user, as for any admin save.
        """
        kwargs["rollback_on_validation_errors"] = True
        with change_reason(f"Imported from {kwargs.get('file_name') or 'a file'}"):
            return super().import_data(dataset, *args, **kwargs)
