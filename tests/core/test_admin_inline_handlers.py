"""No admin page carries inline event handlers or ``javascript:`` addresses.

The Content-Security-Policy runs inline code only with the request's nonce (test_csp.py); an
``on…="…"`` attribute or a ``javascript:`` link cannot carry one, so the browser silently
refuses it and the control it drives is dead (django-import-export's "Select all" box on the
export page was). Every page of every registered admin is read: the list, the add, change and
delete forms, the history and a version of it, the delete-selected confirmation, and the import
(with its preview of the admin's own export) and export pages. Generated from the registry, so
a new admin or a third-party template is covered.
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from tests.core.admin_pages import admin_url, model_id
from tests.core.spreadsheets import upload

pytestmark = pytest.mark.django_db

ADMINS = sorted(admin.site._registry, key=model_id)
ADDRESSES = ("href", "src", "action", "formaction", "data")


class InlineCode(HTMLParser):
    """Every inline event handler and ``javascript:`` address of a page, as text."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            address = "".join((value or "").split()).lower()
            if name in ADDRESSES and address.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def test_the_scan_finds_handlers_and_script_addresses():
    html = '<input onchange="go()"><a href=" JavaScript:go()">x</a><a href="/ok/">y</a>'

    assert len(InlineCode(html).found) == 2


def pages_of(client, model):
    """(name, response) for every page of ``model``'s admin the superuser may open."""
    model_admin = admin.site._registry[model]
    record = model._default_manager.first()
    yield "changelist", client.get(admin_url(model, "changelist"))
    yield "add", client.get(admin_url(model, "add"))
    if record is not None:
        for view in ("change", "delete", "history"):
            yield view, client.get(admin_url(model, view, record.pk))
        if isinstance(model_admin, SimpleHistoryAdmin):
            version = record.history.first().history_id
            yield "version", client.get(admin_url(model, "simple_history", record.pk, version))
        selected = {helpers.ACTION_CHECKBOX_NAME: [record.pk], "action": "delete_selected"}
        yield "delete selected", client.post(admin_url(model, "changelist"), selected)
    if isinstance(model_admin, ImportExportMixin):
        yield "import", client.get(admin_url(model, "import"))
        yield "export", client.get(admin_url(model, "export"))
        exported = client.post(
            admin_url(model, "export"),
            {"format": "0", "resource": "0", **export_fields(client, model)},
        )
        preview = upload(client, admin_url(model, "changelist"), exported.content)
        yield "import preview", preview


def export_fields(client, model):
    form = client.get(admin_url(model, "export")).context["form"]
    return {name: "on" for name, field in form.fields.items() if "checkbox" in str(field.widget)}


@pytest.mark.parametrize("model", ADMINS, ids=model_id)
def test_no_admin_page_has_inline_handlers_or_script_addresses(superuser_client, model):
    opened = 0
    for name, response in pages_of(superuser_client, model):
        if response.status_code == 403:
            continue  # a page this admin offers no one (read-only models)
        assert response.status_code == 200, (name, response.status_code)
        assert InlineCode(response.content.decode()).found == [], name
        opened += 1

    assert opened >= 1  # at least the list, whatever the admin


def test_the_site_pages_have_none_either(superuser_client, superuser_once):
    for address in (
        "/admin/",
        "/admin/reference/",
        "/admin/password_change/",
        f"/admin/auth/user/{superuser_once.pk}/password/",
    ):
        response = superuser_client.get(address)

        assert response.status_code == 200, address
        assert InlineCode(response.content.decode()).found == [], address
