"""Password guesses at /admin/login/ are limited (django-axes, settings "Doors", config/doors.py).

A user name that fails AXES_FAILURE_LIMIT times from one address is locked out there for the
cool-off: the admin answers a 429 page saying so, even to the right password, while the same
name from another address, and API tokens, go on working.
"""

import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.authtoken.models import Token

from config.doors import client_address, lockout_response

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-test-password-9271"
LOGIN = reverse("admin:login")
ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    """Each sign-in hashes a password: a cheap hasher keeps these dozens of them quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(curators_group):
    user = get_user_model().objects.create_user("keeper", password=PASSWORD, is_staff=True)
    user.groups.add(curators_group)
    return user


def sign_in(client, password, address=ATTACKER, username="keeper"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def fail(client, times, address=ATTACKER, username="keeper"):
    return [sign_in(client, "wrong", address, username).status_code for _ in range(times)]


def test_the_limit_is_configured_as_documented():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "config.doors.LoginAttemptsBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_failures_below_the_limit_show_the_login_form_again(client, staff):
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1) == [200] * 4
    assert AccessAttempt.objects.get(username="keeper").failures_since_start == 4


def test_the_limit_locks_the_name_out_from_that_address_with_a_clear_page(client, staff):
    statuses = fail(client, settings.AXES_FAILURE_LIMIT)
    assert statuses[-1] == 429

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "text/html" in response["Content-Type"]
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "Try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still signed out


def test_the_lock_holds_only_for_that_name_and_address(staff, curators_group):
    fail(Client(), settings.AXES_FAILURE_LIMIT)

    other_address = Client()
    assert sign_in(other_address, PASSWORD, address=ELSEWHERE).status_code == 302
    other = get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    other.groups.add(curators_group)
    assert sign_in(Client(), PASSWORD, username="other").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, staff):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, PASSWORD).status_code == 429

    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time - timedelta(minutes=16))

    assert sign_in(client, PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, staff):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(Client(), PASSWORD).status_code == 302
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1) == [200] * 4


def test_a_locked_out_users_api_token_still_works(client, staff):
    token = Token.objects.create(user=staff)
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = Client().get(
        reverse("api:patrol-list"), HTTP_AUTHORIZATION=f"Token {token.key}", REMOTE_ADDR=ATTACKER
    )

    assert response.status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == settings.AXES_FAILURE_LIMIT


def test_code_that_signs_in_without_a_request_is_not_counted_nor_refused(client, staff):
    """client.login and management commands call authenticate() without a request."""
    assert client.login(username="keeper", password=PASSWORD)
    assert not Client().login(username="keeper", password="wrong")
    assert not AccessAttempt.objects.exists()


def test_under_api_a_lockout_is_json():
    request = RequestFactory().post("/api/v1/patrols/")
    response = lockout_response(request)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "900"
    assert "Too many failed sign-in attempts" in json.loads(response.content)["detail"]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.9"),  # no proxy: a client cannot choose its address
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.66, 192.0.2.1", "192.0.2.1"),  # the left part is the client's own claim
        (2, "192.0.2.66, 192.0.2.1, 10.0.0.2", "192.0.2.1"),
        (1, None, "10.0.0.9"),
    ],
)
def test_the_address_is_read_as_the_api_throttle_reads_it(settings, proxies, forwarded, expected):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.9", **headers)
    assert client_address(request) == expected
