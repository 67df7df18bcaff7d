"""``POST /api/v1/auth/token/`` (core/api/token.py): a user name and password, as JSON or a
form, answer the user's API token — the one ``issue_api_token`` prints; a missing or blank field
is a 400 naming it; wrong credentials one 400 that does not say which was wrong; the endpoint is
throttled per address, and failures lock the name out as at the admin's sign-in."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from tests.core.resource_cases import assert_json_error

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"
PASSWORD = "a-long-enough-test-password-9271"
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def quick_and_unthrottled(settings):
    """A cheap hasher; no throttle (and a fresh count) unless a test turns it on."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.API_TOKEN_THROTTLE_RATE = None
    cache.clear()


@pytest.fixture
def alice(curators_group):
    user = get_user_model().objects.create_user("alice", password=PASSWORD)
    user.groups.add(curators_group)
    return user


def ask(client, data, fmt="json", address=ADDRESS):
    return client.post(URL, data, format=fmt, REMOTE_ADDR=address)


@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_credentials_answer_the_users_token(api_client, alice, fmt):
    response = ask(api_client, {"username": "alice", "password": PASSWORD}, fmt)

    assert response.status_code == 200, response.content
    assert response.json() == {"token": Token.objects.get(user=alice).key}


def test_a_form_body_works_too(client, alice):
    response = client.post(URL, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)

    assert response.json() == {"token": Token.objects.get(user=alice).key}


def test_it_is_the_token_issue_api_token_prints_and_it_writes(api_client, alice):
    printed = io.StringIO()
    call_command("issue_api_token", "alice", stdout=printed, stderr=io.StringIO())

    token = ask(api_client, {"username": "alice", "password": PASSWORD}).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    created = api_client.post(
        "/api/v1/sources/", {"slug": "kyodo", "title": "Kyodo", "kind": "news_report"}
    )

    assert token == printed.getvalue().strip()
    assert created.status_code == 201, created.content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": PASSWORD}, "username"),
        ({"username": "alice"}, "password"),
        ({"username": "", "password": PASSWORD}, "username"),
        ({"username": "alice", "password": ""}, "password"),
    ],
)
def test_a_missing_or_blank_field_is_a_400_naming_it(api_client, alice, body, field):
    body = assert_json_error(ask(api_client, body), 400, field)

    assert not Token.objects.exists()
    assert set(body) == {field}


@pytest.mark.parametrize(
    "body",
    [
        {"username": "alice", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "ALICE", "password": PASSWORD},
    ],
    ids=["wrong-password", "no-such-user", "other-case"],
)
def test_wrong_credentials_are_one_400_that_does_not_say_which(api_client, alice, body):
    answer = assert_json_error(ask(api_client, body), 400, "non_field_errors")

    assert answer == {
        "non_field_errors": ["Unable to sign in with the user name and password given."]
    }
    assert not Token.objects.exists()


def test_an_inactive_user_gets_the_same_answer(api_client, alice):
    alice.is_active = False
    alice.save()

    answer = ask(api_client, {"username": "alice", "password": PASSWORD})

    assert answer.status_code == 400
    assert "non_field_errors" in answer.json()


def test_get_is_405(api_client):
    assert_json_error(api_client.get(URL), 405, "detail")


def test_the_endpoint_is_throttled_per_address(api_client, alice, settings):
    settings.API_TOKEN_THROTTLE_RATE = "3/minute"
    body = {"username": "alice", "password": PASSWORD}

    codes = [ask(api_client, body).status_code for _ in range(4)]
    elsewhere = ask(api_client, body, address="198.51.100.20")

    assert codes == [200, 200, 200, 429]
    assert elsewhere.status_code == 200


def test_the_anonymous_rate_is_not_its_rate(api_client, alice, settings):
    """Its own scope: a generous site-wide rate does not open it to guessing."""
    settings.API_ANON_THROTTLE_RATE = "1000/minute"
    settings.API_TOKEN_THROTTLE_RATE = "2/minute"

    codes = [ask(api_client, {"username": "alice", "password": "x"}).status_code for _ in range(3)]

    assert codes == [400, 400, 429]


def test_failures_lock_the_name_out_as_at_the_admin(api_client, client, alice, settings):
    wrong = {"username": "alice", "password": "wrong"}
    failures = [ask(api_client, wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]

    locked = ask(api_client, {"username": "alice", "password": PASSWORD})
    admin = client.post(
        "/admin/login/",
        {"username": "alice", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR=ADDRESS,
    )

    assert failures[:-1] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    assert locked["Retry-After"] == admin["Retry-After"]
    assert admin.status_code == 429
    assert not Token.objects.exists()
    assert ask(api_client, wrong, address="198.51.100.20").status_code == 400  # elsewhere


def test_admin_failures_count_here_too(api_client, client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "alice", "password": "x"}, REMOTE_ADDR=ADDRESS)

    assert ask(api_client, {"username": "alice", "password": PASSWORD}).status_code == 429


def test_a_query_parameter_is_refused(api_client, alice):
    response = api_client.post(
        f"{URL}?next=/", {"username": "alice", "password": PASSWORD}, format="json"
    )

    assert_json_error(response, 400, "next")


def test_the_schema_documents_it(schema):
    operation = schema["paths"][URL]["post"]

    assert set(operation) >= {"requestBody", "responses"}
    assert "get" not in schema["paths"][URL]
    body = operation["requestBody"]["content"]
    assert {"application/json", "application/x-www-form-urlencoded"} <= set(body)
    reference = body["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][reference]["required"]) == {"username", "password"}
    assert {"200", "400", "429"} <= set(operation["responses"])
    token = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert schema["components"]["schemas"][token.rsplit("/", 1)[1]]["properties"]["token"]
