"""Every HTML page is served under the Content-Security-Policy and keeps to it (settings "Doors").

The policy allows scripts and styles from this site only, inline ones with the request's nonce.
These tests read each page's HTML: every inline <script> and <style> must carry the nonce the
header names, and nothing may be loaded from another host. The pages are generated from the
admin registry and the API resources, so a new model or endpoint is covered; the browser test
(test_browser.py) proves the same pages run in Chromium.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.api_resources import RESOURCES, list_url
from tests.core.admin_pages import admin_url, model_id

pytestmark = pytest.mark.django_db

ADMIN_MODELS = sorted(admin.site._registry, key=model_id)
DOC_PAGES = [reverse("swagger-ui"), reverse("redoc"), reverse("admin:login")]
# Script types a browser does not run (data blocks), so the policy does not apply to them.
DATA_BLOCKS = {"application/json", "application/ld+json", "text/template"}


class Page(HTMLParser):
    """The inline code and the loaded addresses of one HTML page."""

    def __init__(self, html):
        super().__init__()
        self.inline = []  # (tag, nonce)
        self.loaded = []  # addresses of scripts, stylesheets, images, frames
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        runs = attrs.get("type", "text/javascript") not in DATA_BLOCKS
        if tag == "script" and not attrs.get("src") and runs:
            self.inline.append((tag, attrs.get("nonce")))
        if tag == "style":
            self.inline.append((tag, attrs.get("nonce")))
        for name in ("src", "href") if tag in ("script", "img", "iframe", "link") else ():
            if attrs.get(name) and (tag != "link" or attrs.get("rel") != "canonical"):
                self.loaded.append(attrs[name])


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """The admin user of each test is made with a cheap hasher (the pages are what is tested)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


def assert_keeps_to_the_policy(response):
    assert response.status_code == 200
    directives = policy(response)
    page = Page(response.content.decode())
    nonces = {value.removeprefix("'nonce-").removesuffix("'") for value in directives["script-src"]}
    for tag, nonce in page.inline:
        assert nonce is not None, f"an inline <{tag}> without the request's nonce"
        assert nonce in nonces, f"an inline <{tag}> with a nonce the header does not name"
    for address in page.loaded:
        assert urlsplit(address).netloc in ("", "testserver"), f"{address} is off-site"


def test_the_policy_allows_no_inline_code_and_no_other_host(client):
    directives = policy(client.get(reverse("swagger-ui")))  # a page with inline code

    assert directives["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert directives[directive][0] == "'self'"
        assert re.fullmatch(r"'nonce-[A-Za-z0-9+/=]+'", directives[directive][1])
        assert len(directives[directive]) == 2
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    # The one documented compromise: style attributes, which no nonce can cover.
    assert directives["style-src-attr"] == ["'unsafe-inline'"]


def test_every_response_carries_the_policy(client):
    for url in ("/api/v1/", reverse("schema"), "/admin/no-such-page/"):
        assert "Content-Security-Policy" in client.get(url)


@pytest.mark.parametrize("url", DOC_PAGES)
def test_documentation_and_login_pages_keep_to_the_policy(client, url):
    assert_keeps_to_the_policy(client.get(url))


def test_the_redoc_page_requests_nothing_from_a_cdn(client):
    html = client.get(reverse("redoc")).content.decode()
    assert "googleapis" not in html and "cdn." not in html
    assert "/static/redoc/start.js" in html


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=model_id)
def test_every_admin_changelist_and_add_form_keeps_to_the_policy(admin_client, model):
    assert_keeps_to_the_policy(admin_client.get(admin_url(model, "changelist")))
    add_form = admin_client.get(admin_url(model, "add"))
    if add_form.status_code != 403:  # read-only models (loader stamps, sign-in attempts)
        assert_keeps_to_the_policy(add_form)


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_every_browsable_api_page_keeps_to_the_policy(admin_client, resource):
    response = admin_client.get(list_url(resource), HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")
    assert_keeps_to_the_policy(response)
