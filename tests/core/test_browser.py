"""The site's pages work in a real browser under the Content-Security-Policy, all from this site.

Chromium (Debian's, at /usr/bin/chromium; never a downloaded build) opens the admin, Swagger UI,
ReDoc and the browsable API from pytest-django's live server. Every request the pages make is
routed through the test: one to any other host fails it (ReDoc's CDN logo, Google's web fonts).
Every CSP violation the browser reports fails it too, so a template that adds inline code without
the request's nonce is caught here; the export page's "Select all" box is clicked (an inline
handler there is blocked only when it would run).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from curation.curators import CURATORS_GROUP
from tests import factories
from tests.browser import BROWSER_MARKS, PASSWORD, open_browser

pytestmark = BROWSER_MARKS


@pytest.fixture
def curator_with_password(transactional_db):
    user = get_user_model().objects.create_user("browser", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CURATORS_GROUP))
    return user


@pytest.fixture
def patrol(transactional_db):
    return factories.PatrolFactory()


@pytest.fixture
def browser(live_server, curator_with_password, patrol):
    with open_browser(live_server.url) as browser:
        yield browser


def sign_in(browser):
    page = browser.open("/admin/login/")
    page.fill("#id_username", "browser")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    assert page.url.endswith("/admin/"), page.url


def test_admin_docs_and_browsable_api_work_under_the_policy_and_stay_on_site(patrol, browser):
    sign_in(browser)

    page = browser.open("/admin/patrols/patrol/")
    page.wait_for_selector("#result_list")
    page = browser.open(f"/admin/patrols/patrol/{patrol.pk}/change/")
    page.wait_for_selector("#patrol_form")
    # The inlines' script has run: it adds the "Add another" rows.
    page.wait_for_selector(".add-row a", state="attached")
    browser.assert_clean()

    page = browser.open("/api/docs/")
    page.wait_for_selector(".opblock-summary")
    # Swagger UI renders the tags within the viewport first, so how many operations are in the
    # page depends on its height: the first tag's operations show it rendered the schema.
    page.locator(".opblock").nth(4).wait_for(state="attached")
    browser.assert_clean()

    page = browser.open("/api/redoc/")
    page.wait_for_selector("[data-section-id^='tag/']", state="attached")
    page.wait_for_selector("h1")
    browser.assert_clean()
    logo = page.locator("img[alt='redocly logo']")
    logo.wait_for(state="attached")
    assert logo.get_attribute("src").endswith("/static/redoc/logo-mini.svg")
    assert page.evaluate("(img) => img.naturalWidth > 0", logo.element_handle())

    page = browser.open("/api/v1/patrols/")
    page.wait_for_selector(".response-info")
    assert "Patrol" in page.title()

    browser.assert_clean()


def test_the_export_pages_select_all_box_works_under_the_policy(patrol, browser):
    """django-import-export binds it with an inline onchange="…", which the policy blocks; the
    project's template binds it from a static file (export/select_all_toggle.js)."""
    sign_in(browser)
    page = browser.open("/admin/patrols/patrol/export/")
    toggle = page.locator("input[name='select-all-toggle']")
    fields = page.locator(".selectable-field-export-row input[type='checkbox']:visible")
    assert fields.count() > 3

    toggle.uncheck()
    assert [fields.nth(n).is_checked() for n in range(fields.count())] == [False] * fields.count()
    toggle.check()
    assert all(fields.nth(n).is_checked() for n in range(fields.count()))
    browser.assert_clean()
