"""The browsable API's navbar signs in and out (config/templates/rest_framework/api.html):
"Log in" leads to the admin's sign-in and back with ``?next=``; "Log out" is a form posting to
the admin's sign-out; neither needs a script the Content-Security-Policy would block."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

PAGE = "/api/v1/sources/?format=api"


def login_href(response):
    found = re.search(rb'<a id="api-login" href="([^"]+)">Log in</a>', response.content)
    assert found, response.content[:2000]
    return unescape(found[1].decode())


def test_an_anonymous_page_links_to_the_sign_in_and_back(client):
    response = client.get(PAGE)

    assert response.status_code == 200
    assert login_href(response) == "/admin/login/?next=/api/v1/sources/%3Fformat%3Dapi"


def test_the_link_resolves_and_signing_in_comes_back(client, curator):
    href = login_href(client.get(PAGE))
    curator.set_password("a-long-enough-test-password-9271")
    curator.save()

    form = client.get(href)
    signed_in = client.post(
        href, {"username": curator.username, "password": "a-long-enough-test-password-9271"}
    )

    assert form.status_code == 200 and b'name="next"' in form.content
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/api/v1/sources/?format=api"
    assert b"Log out" in client.get(PAGE).content


def test_a_signed_in_page_logs_out_with_a_form_not_a_script(curator_client):
    page = curator_client.get(PAGE)

    assert b"Log in" not in page.content
    form = re.search(rb'<form class="navbar-form" method="post" action="([^"]+)">', page.content)
    assert form and form[1] == b"/admin/logout/"
    assert b"onclick" not in page.content
    out = curator_client.post("/admin/logout/", {"next": "/api/v1/sources/?format=api"})
    assert out.status_code == 302 and out["Location"] == "/api/v1/sources/?format=api"
    assert b"Log in" in curator_client.get(PAGE).content


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_inline_script_carries_the_nonce(client, curator, signed_in):
    if signed_in:
        client.force_login(curator)
    response = client.get(PAGE)
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)[1]

    inline = re.findall(rb"<script(?![^>]*\bsrc=)([^>]*)>", response.content)
    scripts = [a for a in inline if b'type="application/json"' not in a]  # data, never run
    assert all(f'nonce="{nonce}"'.encode() in attributes for attributes in scripts)
    assert not re.search(rb"\son[a-z]+=", response.content)  # no inline handlers
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
