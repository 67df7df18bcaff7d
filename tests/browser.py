"""A Chromium page for the browser tests: it refuses off-site requests and records CSP reports.

Chromium is Debian's, at /usr/bin/chromium (installed by .ci/run when missing), launched by
Playwright with ``executable_path``: never a downloaded build. ``open_browser(url)`` yields a
``Browser``; ``BROWSER_MARKS`` marks a module slow and skips it when Chromium is missing.
"""

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "a-long-enough-test-password-9271"
VIOLATION_EVENT = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""
BROWSER_MARKS = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="the browser tests need Debian's chromium at /usr/bin/chromium",
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


@contextmanager
def open_browser(base_url, **context_options):
    """A ``Browser`` on ``base_url`` (a live server's); made after the test's records, since
    Playwright's sync API runs an event loop in this thread, where Django then refuses queries."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = chromium.new_context(**context_options)
        context.set_default_timeout(30_000)
        try:
            yield Browser(context, base_url)
        finally:
            context.close()
            chromium.close()
