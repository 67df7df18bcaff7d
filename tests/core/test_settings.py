"""Settings come from the environment; the production values in .env.example pass check --deploy."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def production_environment():
    """The variables of .env.example's production block, with a fresh secret key."""
    text = (PROJECT / ".env.example").read_text(encoding="utf-8")
    block = text.split("# --- Production ---", 1)[1].split("# ---", 1)[0]
    values = {}
    for line in block.splitlines():
        match = re.match(r"#\s*([A-Z_]+)=(\S*)", line)
        if match:
            values[match[1]] = match[2]
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return values


def check_deploy(extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={**environment, **extra},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_the_production_values_of_env_example():
    result = check_deploy(production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_fallback_secret_key():
    environment = production_environment()
    del environment["DJANGO_SECRET_KEY"]
    result = check_deploy(environment)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def make_serve(extra, tmp_path):
    """`make serve` with the venv this suite runs in taken as installed (never reinstalled)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "MAKE"))
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    venv = Path(sys.prefix)
    return subprocess.run(
        ["make", "--no-print-directory", "-o", str(venv / ".installed"), "serve", f"VENV={venv}"],
        cwd=PROJECT,
        env={**environment, **extra},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("debug", ["true", "True", "1", "on"])
def test_make_serve_refuses_debug(tmp_path, debug):
    extra = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_DEBUG": debug}
    result = make_serve(extra, tmp_path)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "refuses DJANGO_DEBUG=true" in result.stdout
    assert not (tmp_path / "serve.sqlite3").exists()  # refused before migrating anything


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("workers", [None, "2", "4"])
def test_make_serve_refuses_several_workers_without_a_shared_cache(tmp_path, workers):
    """Workers with their own local-memory caches would each keep their own throttle counts
    (the rate multiplied by the workers) and lose an import preview confirmed on another."""
    extra = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    if workers is not None:
        extra["WEB_CONCURRENCY"] = workers
    result = make_serve(extra, tmp_path)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "must share one cache" in result.stdout
    assert "CACHE_URL=rediscache://" in result.stdout
    assert not (tmp_path / "serve.sqlite3").exists()


def connection_reuse(database_url, **extra):
    """``(CONN_MAX_AGE, CONN_HEALTH_CHECKS)`` as config/settings.py reads them for the URL."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))
    }
    program = "from config import settings as s; d = s.DATABASES['default']; "
    program += "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    shown = subprocess.run(
        [sys.executable, "-c", program],
        cwd=PROJECT,
        env={**environment, "DATABASE_URL": database_url, **extra},
        capture_output=True,
        text=True,
        check=True,
    )
    age, checks = shown.stdout.split()
    return int(age), checks == "True"


DATABASE_URLS = ["sqlite:////tmp/any.sqlite3", "postgres://user@127.0.0.1:5432/db"]


@pytest.mark.parametrize("database_url", DATABASE_URLS)
def test_connections_are_kept_between_requests_on_both_databases(database_url):
    # Opening a SQLite connection (its pragmas, an empty page cache) took longer than answering
    # a kept answer: each worker thread keeps its connection, checked before reuse.
    assert connection_reuse(database_url) == (60, True)
    assert connection_reuse(database_url, DATABASE_CONN_MAX_AGE="0") == (0, True)
