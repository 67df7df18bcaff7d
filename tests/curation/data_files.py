"""Tests that edit a copy of an app's main data file point the loader at the copy; the copy
must keep its companions (``<app>-*.yaml``) beside it, or the load would read a data set
without them and drop their records."""

import shutil
from pathlib import Path

from curation.loading.files import data_files


def use_copy(loader, path, monkeypatch):
    """Point ``loader`` at ``path`` (an edited copy of its main file), its companions copied
    beside it unchanged. Returns ``path``."""
    path = Path(path)
    for companion in data_files(loader.DATA_FILE)[1:]:
        shutil.copy(companion, path.parent / companion.name)
    monkeypatch.setattr(loader, "DATA_FILE", path)
    return path
