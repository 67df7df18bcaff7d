"""Served under a path prefix (``SCRIPT_NAME``, as behind a proxy at ``/aviation/``), every URL
an answer gives is under that prefix: on every resource's list and record, in the general path
and the fast patrol pages alike. The list paths are reversed once per process and per prefix
(``core.api.fields.list_path``), so a page under one prefix never shows another's."""

from contextlib import contextmanager

import pytest
from django.urls import get_script_prefix, set_script_prefix

from tests.api_resources import RESOURCES, build, detail_url, list_url

pytestmark = pytest.mark.django_db

PREFIX = "/aviation"


def urls_in(value):
    """Every ``url`` value anywhere in a JSON answer."""
    if isinstance(value, dict):
        return [
            *([value["url"]] if isinstance(value.get("url"), str) else []),
            *(url for item in value.values() for url in urls_in(item)),
        ]
    if isinstance(value, list):
        return [url for item in value for url in urls_in(item)]
    return []


@contextmanager
def script_prefix(prefix):
    """What the WSGI handler does for a request with ``SCRIPT_NAME`` (Django's test client
    does not)."""
    before = get_script_prefix()
    set_script_prefix(prefix)
    try:
        yield
    finally:
        set_script_prefix(before)


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_every_url_follows_the_script_prefix(resource, api_client):
    record = build(resource)
    for path in (list_url(resource), detail_url(resource, record)):
        plain = api_client.get(path)
        with script_prefix(PREFIX):
            prefixed = api_client.get(path)
        again = api_client.get(path)

        assert plain.status_code == prefixed.status_code == again.status_code == 200
        plain_urls, prefixed_urls = urls_in(plain.json()), urls_in(prefixed.json())
        assert plain_urls, f"{path}: no URL to check"
        assert all(url.startswith("http://testserver/api/v1/") for url in plain_urls)
        assert prefixed_urls == [
            url.replace("http://testserver/", f"http://testserver{PREFIX}/") for url in plain_urls
        ]
        assert urls_in(again.json()) == plain_urls
