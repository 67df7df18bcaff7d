"""`create_curator` without a terminal (`make curator USERNAME=x </dev/null`, a CI job): a usage
message saying how to run it unattended and a non-zero exit, never a traceback or a password
read from a visible line."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

PROJECT = Path(__file__).resolve().parents[2]
PASSWORD_ENV = "DJANGO_CURATOR_PASSWORD"
STRONG_PASSWORD = "tundra-bomber-lantern-1955"


class PipedStdin(io.StringIO):
    """What a redirected or closed standard input looks like to the command."""

    def isatty(self):
        return False


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdin", PipedStdin(""))
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


@pytest.mark.django_db
def test_without_a_terminal_or_password_it_says_how_to_run_unattended(no_terminal):
    with pytest.raises(CommandError) as error:
        call_command("create_curator", "alice")

    message = str(error.value)
    assert "No terminal" in message
    assert PASSWORD_ENV in message and "--no-input" in message
    assert not get_user_model().objects.filter(username="alice").exists()


@pytest.mark.django_db
def test_without_a_terminal_the_password_comes_from_the_environment(no_terminal, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, STRONG_PASSWORD)
    out = io.StringIO()
    call_command("create_curator", "alice", stdout=out)

    assert "Created curator 'alice'." in out.getvalue()
    assert get_user_model().objects.get(username="alice").check_password(STRONG_PASSWORD)


def run_manage(*args, env, stdin=subprocess.DEVNULL):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_command_run_with_stdin_from_dev_null_exits_with_usage_not_a_traceback(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_"))
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'curator.sqlite3'}"
    migrated = run_manage("migrate", "--no-input", "--verbosity", "0", env=environment)
    assert migrated.returncode == 0, migrated.stderr

    result = run_manage("create_curator", "alice", env=environment)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "No terminal" in result.stderr
    assert f"{PASSWORD_ENV}=... make curator USERNAME=NAME" in result.stderr
