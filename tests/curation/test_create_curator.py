"""`manage.py create_curator`: a staff user in the Curators group, with a password worth having."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD_ENV = "DJANGO_CURATOR_PASSWORD"
STRONG_PASSWORD = "tundra-bomber-lantern-1955"


def create_curator(*args):
    out = StringIO()
    call_command("create_curator", *args, stdout=out)
    return out.getvalue()


def test_a_new_curator_is_a_staff_user_in_the_curators_group_with_the_given_password(
    monkeypatch, curators_group
):
    monkeypatch.setenv(PASSWORD_ENV, STRONG_PASSWORD)

    output = create_curator("alice", "--no-input", "--email", "alice@example.org")

    user = get_user_model().objects.get(username="alice")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.all()) == [curators_group]
    assert user.email == "alice@example.org"
    assert user.check_password(STRONG_PASSWORD)
    assert "Created curator 'alice'." in output


def test_a_new_curator_can_log_in_and_open_the_patrol_admin(monkeypatch, client):
    monkeypatch.setenv(PASSWORD_ENV, STRONG_PASSWORD)
    create_curator("alice", "--no-input")

    assert client.login(username="alice", password=STRONG_PASSWORD)
    assert client.get(reverse("admin:patrols_patrol_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.parametrize("password", ["password", "12345678901", "short1!", "alice1955"])
def test_a_weak_password_is_refused_and_no_user_is_created(monkeypatch, password):
    monkeypatch.setenv(PASSWORD_ENV, password)

    with pytest.raises(CommandError):
        create_curator("alice", "--no-input")

    assert not get_user_model().objects.filter(username="alice").exists()


def test_an_existing_user_is_made_staff_and_added_to_the_group_without_touching_the_password(
    monkeypatch, curators_group
):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    user = get_user_model().objects.create_user("bob")
    other = Group.objects.create(name="Readers")
    user.groups.add(other)

    output = create_curator("bob", "--no-input")

    user.refresh_from_db()
    assert user.is_staff
    assert set(user.groups.all()) == {curators_group, other}
    assert not user.has_usable_password()
    assert "Updated curator 'bob'." in output


def test_running_it_twice_for_the_same_user_keeps_one_membership(monkeypatch, curators_group):
    monkeypatch.setenv(PASSWORD_ENV, STRONG_PASSWORD)

    create_curator("alice", "--no-input")
    create_curator("alice", "--no-input")

    assert list(curators_group.user_set.values_list("username", flat=True)) == ["alice"]


@pytest.mark.parametrize("value", [None, ""], ids=["unset", "empty"])
def test_without_the_password_variable_no_input_fails_and_creates_nobody(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(PASSWORD_ENV, raising=False)
    else:
        monkeypatch.setenv(PASSWORD_ENV, value)

    with pytest.raises(CommandError, match=PASSWORD_ENV):
        create_curator("alice", "--no-input")

    assert not get_user_model().objects.filter(username="alice").exists()


def test_it_fails_when_the_curators_group_is_missing(monkeypatch, curators_group):
    monkeypatch.setenv(PASSWORD_ENV, STRONG_PASSWORD)
    curators_group.delete()

    with pytest.raises(CommandError, match="migrate"):
        create_curator("alice", "--no-input")

    assert not get_user_model().objects.filter(username="alice").exists()


class Terminal(StringIO):
    """A standard input that is a terminal, where the command prompts (tests run without one)."""

    def isatty(self):
        return True


def test_without_no_input_it_asks_twice_and_refuses_a_mismatch(monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter([STRONG_PASSWORD, STRONG_PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError, match="do not match"):
        create_curator("alice")

    assert not get_user_model().objects.filter(username="alice").exists()


def test_without_no_input_it_takes_the_password_typed_twice(monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": STRONG_PASSWORD)

    create_curator("alice")

    assert get_user_model().objects.get(username="alice").check_password(STRONG_PASSWORD)
