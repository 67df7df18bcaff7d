"""Reading the data files: YAML, the confidence vocabulary, and entries that name a parent."""

from pathlib import Path

import yaml

from reference.models import Confidence

from .. import ordering

# The fact sheet grades its entries high / medium / low; the data files may use either vocabulary.
SHEET_CONFIDENCE = {
    "high": Confidence.CONFIRMED,
    "medium": Confidence.REPORTED,
    "low": Confidence.CLAIMED,
}

# libyaml's parser when PyYAML was built with it (ten times faster), else the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(Exception):
    """A data-file entry that cannot be loaded; the message says which and why."""


def read_yaml(path):
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=YAML_LOADER) or {}


def confidence(value, default=Confidence.REPORTED):
    if value in (None, ""):
        return default
    value = SHEET_CONFIDENCE.get(value, value)
    if value not in Confidence.values:
        raise DataFileError(f"unknown confidence {value!r}")
    return value


def parents_first(entries, parent_key="parent"):
    """Order entries so that each comes after the entry it names as its parent (a parent not in
    ``entries`` is taken as defined already); entries keep their file order where they can."""
    by_slug = {entry["slug"]: entry for entry in entries}
    if len(by_slug) != len(entries):
        raise DataFileError("duplicate slugs")
    try:
        order = ordering.parents_first(list(by_slug), lambda slug: [by_slug[slug].get(parent_key)])
    except ordering.CycleError as error:
        loop = error.args[1]
        raise DataFileError(
            f"parent cycle among {sorted(set(loop))}: {ordering.describe_cycle(loop)} "
            f"(each the {parent_key} of the next)"
        ) from None
    return [by_slug[slug] for slug in order]
