"""The release in every API cache key, so that a new release never reads what an older one kept;
and the data's generation, which every API cache keys on (``data_generation``).

The answer cache (``response_cache``), the record cache (``record_cache``) and the count cache
(``count_cache``) key on the data's generation, which only a write moves. A deploy that changes
what the API answers (a field, a format, a library's output) would otherwise, with a shared
Redis, send the old release's JSON until the next write; during a rolling deploy the old
workers go on storing it. So every key also names the release: ``API_CACHE_VERSION`` when set
(a release tag, say), else a digest of the project's Python source (every package beside
``config``, tests and benchmarks aside) and of the versions of the libraries that write the
JSON, computed once per process (a few milliseconds).
"""

import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils.module_loading import import_string

NOT_SERVED = {"tests", "bench"}  # packages the site does not run
WRITERS = ("django", "djangorestframework", "orjson")


@functools.cache
def cache_version():
    """A short text naming the release (see the module docstring)."""
    given = getattr(settings, "API_CACHE_VERSION", "")
    if given:
        return given
    return source_digest(Path(settings.BASE_DIR))


def source_digest(root):
    """A digest of the JSON writers' versions and of the source of the packages under
    ``root`` the site runs."""
    digest = hashlib.blake2b(digest_size=8)
    for name in WRITERS:
        digest.update(f"{name}={version(name)}\n".encode())
    for path in source_files(root):
        digest.update(f"{path.relative_to(root)}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_files(root):
    packages = sorted(
        path
        for path in root.iterdir()
        if (path / "__init__.py").is_file() and path.name not in NOT_SERVED
    )
    return [path for package in packages for path in sorted(package.rglob("*.py"))]


def data_generation():
    """The data's generation now (``DATA_GENERATION_CALLABLE``: a number every write steps up in
    its own transaction), or None where none is configured: then nothing may be kept."""
    name = getattr(settings, "DATA_GENERATION_CALLABLE", None)
    return import_string(name)() if name else None


def api_cache(alias):
    """The cache one of the API's caches keeps its entries in: ``alias`` (``config/settings.py``
    gives each its own), else the default cache (a site configuring only that)."""
    return caches[alias if alias in caches else "default"]
