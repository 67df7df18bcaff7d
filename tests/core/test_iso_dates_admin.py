"""The admin's date inputs take ISO 8601 only, whatever the locale.

With ``LANGUAGE_CODE = "en-gb"`` Django's formats made the admin take (and show) ``02/01/2024``
as 2 January, where an American curator, a spreadsheet or the import reads 1 February. The
project's formats (``config/formats``, ``FORMAT_MODULE_PATH``) make every form's date input
``YYYY-MM-DD`` and its date-time input ``YYYY-MM-DD HH:MM[:SS]``. The cases are generated from
the admin registry: every date and date-time field of every registered model, and of every
inline on its page, so a date added later is covered.
"""

import datetime
import json
import re

import pytest
from axes.models import AccessLog
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, translation

from curation.models import LoadStamp
from patrols.models import Patrol
from reference.models import SourcedModel
from tests import factories
from tests.admin_forms import as_posted
from tests.core.admin_pages import admin_url
from tests.core.test_iso_dates import ARABIC_INDIC

pytestmark = pytest.mark.django_db

User = get_user_model()

LOCALE_DATES = [
    "02/01/2024",
    "02/01/24",
    "2/1/2024",
    "01.02.2024",
    "2 Jan 2024",
    ARABIC_INDIC,
    "2024-02-30",
]
GOOD, DAY = "2024-01-02", datetime.date(2024, 1, 2)
# Shown, not typed: a read-only admin.
READ_ONLY = {(LoadStamp, "record_updated_at"), (AccessLog, "logout_time")}


def date_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and field.editable
    ]


def admin_date_cases():
    """(model, inline or None, field name) for every date field on an admin page."""
    cases = []
    for model, model_admin in admin.site._registry.items():
        cases += [(model, None, name) for name in date_fields(model)]
        for inline in model_admin.inlines:
            cases += [(model, inline, name) for name in date_fields(inline.model)]
    return sorted(cases, key=lambda case: (case[0]._meta.label, str(case[1]), case[2]))


CASES = admin_date_cases()
IDS = [
    f"{model._meta.label}{f'.{inline.__name__}' if inline else ''}.{name}"
    for model, inline, name in CASES
]


def around_the_day(record):
    """The patrol of ``record`` (or the patrol itself) ran 2024-01-01 to 2024-01-03."""
    patrol = record if isinstance(record, Patrol) else getattr(record, "patrol", None)
    if isinstance(patrol, Patrol):
        Patrol.objects.filter(pk=patrol.pk).update(
            start_date=DAY - datetime.timedelta(days=1), end_date=DAY + datetime.timedelta(days=1)
        )


def build(model, inline):
    """A record of ``model`` that can be saved from its page (with a row of ``inline``)."""
    if model is User:
        return User.objects.create_user("someone", password="unused-password-123")
    if model is AccessLog:
        return AccessLog.objects.create(user_agent="test", http_accept="*/*", path_info="/")
    record = getattr(factories, f"{model.__name__}Factory")()
    if isinstance(record, SourcedModel):
        factories.CitationFactory(content_object=record)
    around_the_day(record)
    if inline is not None:
        row_factory = getattr(factories, f"{inline.model.__name__}Factory")
        fields = {field.name for field in inline.model._meta.concrete_fields}
        dated = {"date": DAY - datetime.timedelta(days=1)} if "date" in fields else {}
        row_factory(patrol=record, **dated)  # a zone entry's times are date-times
    return record


def form_data(form):
    """A form's fields as the browser sends them (a split date-time as its two inputs)."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        key, value = form.add_prefix(name), form[name].value()
        if isinstance(field.widget, forms.MultiWidget):
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            for suffix, part in zip(field.widget.widgets_names, parts, strict=True):
                data[f"{key}{suffix}"] = as_posted(part)
        elif (posted := as_posted(value)) is not None:
            data[key] = posted
    return data


def page(client, record):
    """The change page's forms: (main form, {inline class: formset}) and its POST data."""
    response = client.get(admin_url(type(record), "change", record.pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    formsets = {type(i.opts): i.formset for i in response.context["inline_admin_formsets"]}
    data = form_data(form)
    for formset in formsets.values():
        data |= form_data(formset.management_form)
        for row in formset.forms:
            data |= form_data(row)
    return form, formsets, data


def target(form, formsets, inline):
    """The form holding the field under test: the main one, or the inline's first row."""
    return form if inline is None else formsets[inline].forms[0]


def with_date(form, name, value, data):
    """``data`` with the date (of a date-time, its date input) of ``name`` set to ``value``."""
    key, widget = form.add_prefix(name), form.fields[name].widget
    if isinstance(widget, forms.MultiWidget):
        date_key, time_key = (f"{key}{suffix}" for suffix in widget.widgets_names)
        return {**data, date_key: value, time_key: data.get(time_key) or "12:00"}
    return {**data, key: value}


def stored_day(record, inline, name):
    if inline is not None:
        record = inline.model.objects.get(patrol=record)
    value = getattr(type(record).objects.get(pk=record.pk), name)
    return value.astimezone(datetime.UTC).date() if isinstance(value, datetime.datetime) else value


def test_the_cases_cover_the_data_dates_and_the_accounts():
    names = {case_id.split(".", 1)[1] for case_id in IDS}
    assert {
        "Patrol.start_date",
        "Patrol.end_date",
        "Patrol.InterceptionInline.date",
        "Patrol.StatementInline.date",
        "Source.published_on",
        "AircraftType.first_flight",
        "User.date_joined",
    } <= names


@pytest.mark.parametrize(("model", "inline", "name"), CASES, ids=IDS)
def test_a_locale_date_is_a_form_error_and_an_iso_date_saves(admin_client, model, inline, name):
    record = build(model, inline)
    form, formsets, data = page(admin_client, record)
    form = target(form, formsets, inline)
    if name not in form.fields:
        assert (model, name) in READ_ONLY, f"{model._meta.label}.{name} is not on the form"
        return
    url = admin_url(model, "change", record.pk)
    before = stored_day(record, inline, name)

    for value in LOCALE_DATES:
        response = admin_client.post(url, with_date(form, name, value, data))

        assert response.status_code == 200, value  # the page again, with the error
        shown = response.context["adminform"].form
        shown = target(
            shown,
            {type(i.opts): i.formset for i in response.context["inline_admin_formsets"]},
            inline,
        )
        assert name in shown.errors, (value, shown.errors)
    assert stored_day(record, inline, name) == before

    response = admin_client.post(url, with_date(form, name, GOOD, data))

    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    assert stored_day(record, inline, name) == DAY


def test_the_read_only_dates_are_still_read_only():
    """READ_ONLY lists shown fields only: one that turns editable must join the cases above."""
    for model, name in READ_ONLY:
        assert (model, None, name) in CASES


def test_a_stored_date_is_shown_in_its_input_as_iso(admin_client):
    patrol = factories.PatrolFactory(start_date=DAY)

    response = admin_client.get(admin_url(Patrol, "change", patrol.pk))

    assert 'name="start_date" value="2024-01-02"' in response.content.decode()


def test_the_calendar_widget_writes_iso_dates(admin_client):
    """DateTimeShortcuts.js writes the first DATE_INPUT_FORMATS of the admin's JS catalog."""
    response = admin_client.get("/admin/jsi18n/")

    catalog = response.content.decode()
    spellings = re.search(r'"DATE_INPUT_FORMATS": (\[[^\]]*\])', catalog)
    assert spellings is not None, catalog
    assert json.loads(spellings[1]) == ["%Y-%m-%d"]
    assert "%d/%m/" not in catalog


def served_languages():
    """The languages pages can be served in: every one of LANGUAGES if a middleware chooses
    by request, else LANGUAGE_CODE."""
    if "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE:
        return [code for code, _ in settings.LANGUAGES]
    return [settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", served_languages())
def test_every_served_language_reads_dates_in_iso_only(language):
    with translation.override(language):
        assert formats.get_format("DATE_INPUT_FORMATS") == ["%Y-%m-%d"]
        for kind in ("DATETIME_INPUT_FORMATS", "TIME_INPUT_FORMATS"):
            assert all(
                spelling.startswith(("%Y-%m-%d", "%H:%M")) for spelling in formats.get_format(kind)
            ), kind
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == GOOD


def test_a_plain_date_form_refuses_the_locale_spelling():
    """The example, outside the admin: every Django form of the project reads dates so."""
    field = forms.DateField()

    assert field.clean(GOOD) == DAY
    with pytest.raises(forms.ValidationError):
        field.clean("02/01/2024")


DAY_CASES = [
    pytest.param(model, inline, name, id=f"{model._meta.label}.{name}")
    for model, inline, name in CASES
    if not isinstance(
        (inline.model if inline else model)._meta.get_field(name), models.DateTimeField
    )
    and (inline.model if inline else model)._meta.app_label in {"reference", "aircraft", "patrols"}
]


@pytest.mark.parametrize(("model", "inline", "name"), DAY_CASES)
def test_a_date_without_its_zeros_is_a_form_error_on_every_project_form(
    admin_client, model, inline, name
):
    """``strptime`` takes ``2024-1-2`` with the ISO input format; the project's date inputs
    (``core.admin.ISODateFormField``) take ``YYYY-MM-DD`` only, as the API and imports do."""
    record = build(model, inline)
    form, formsets, data = page(admin_client, record)
    form = target(form, formsets, inline)
    before = stored_day(record, inline, name)

    response = admin_client.post(
        admin_url(model, "change", record.pk), with_date(form, name, "2024-1-2", data)
    )

    assert response.status_code == 200
    assert "YYYY-MM-DD" in response.content.decode()
    assert stored_day(record, inline, name) == before
