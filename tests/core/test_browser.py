"""The site's pages work in a real browser under the Content-Security-Policy, all from this site.

Chromium (Debian's, at /usr/bin/chromium; never a downloaded build) opens the admin, Swagger UI,
ReDoc and the browsable API from pytest-django's live server. Every request the pages make is
routed through the test: one to any other host fails it (ReDoc's CDN logo, Google's web fonts).
Every CSP violation the browser reports fails it too, so a template that adds inline code without
the request's nonce is caught here; the export page's "Select all" box is clicked (an inline
handler there is blocked only when it would run).
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from curation.curators import CURATORS_GROUP
from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "a-long-enough-test-password-9271"
VIOLATION_EVENT = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="the browser test needs Debian's chromium at /usr/bin/chromium",
    ),
]


class Browser:
    """One page of a Chromium context that refuses off-site requests and records CSP reports."""

    def __init__(self, context, base_url):
        self.base = urlsplit(base_url)
        self.offsite = []
        self.violations = []
        self.errors = []
        context.add_init_script(VIOLATION_EVENT)
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or url.netloc == self.base.netloc:
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            self.violations.append(f"{self.page.url}: {text}")

    def open(self, path):
        response = self.page.goto(f"{self.base.scheme}://{self.base.netloc}{path}")
        assert response is not None and response.status == 200, path
        assert "Content-Security-Policy" in response.headers | {
            key.title(): value for key, value in response.headers.items()
        }, path
        return self.page

    def assert_clean(self):
        self.page.wait_for_load_state("networkidle")
        assert self.offsite == [], "requests left the site"
        assert self.violations == [], "\n".join(self.violations)
        assert self.errors == [], "a page raised a script error"


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
    """Made after the records: Playwright's sync API runs an event loop in this thread, where
    Django then refuses database queries."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        context = chromium.new_context()
        context.set_default_timeout(30_000)
        try:
            yield Browser(context, live_server.url)
        finally:
            context.close()
            chromium.close()


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
