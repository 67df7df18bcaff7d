"""Reading the data files: YAML, the confidence vocabulary, and entries that name a parent."""

from collections import Counter
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


class DataFileError(Exception):
    """A data-file entry that cannot be loaded; the message says which and why."""


# libyaml's parser when PyYAML was built with it (ten times faster), else the pure-Python one.
class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Refuses a mapping that gives one key twice, which YAML parsers read as the last value."""

    def construct_mapping(self, node, deep=False):
        lines = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # "<<: *base" overrides on purpose
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = lines.get(key)
            except TypeError:
                continue  # unhashable: the constructor reports it
            lines[key] = line
            if first is not None:
                raise DataFileError(
                    f"{Path(str(key_node.start_mark.name)).name}, line {line}: {key!r} is given "
                    f"twice in one entry (first on line {first})"
                )
        return super().construct_mapping(node, deep)


def read_yaml(path):
    with Path(path).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=UniqueKeyLoader) or {}


def data_files(path):
    """The app's main data file and its companions (``<stem>-*.yaml`` beside it, by name), so a
    large addition such as a series of flights lives in its own file: ``patrols.yaml``,
    ``patrols-national-flights.yaml``, …"""
    path = Path(path)
    companions = sorted(path.parent.glob(f"{path.stem}-*.yaml"))
    return [path, *companions]


def read_data(path):
    """The sections of the main data file and its companions, each section's entries in file
    order (main file first). Shape: ``{section: [entry, …]}``; a section that is not a list in
    every file is a ``DataFileError`` naming the file."""
    merged = {}
    for file in data_files(path):
        for section, entries in read_yaml(file).items():
            if not isinstance(entries, list):
                raise DataFileError(f"{file.name}: section {section!r} is not a list of entries")
            merged.setdefault(section, []).extend(entries)
    return merged


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
        counts = Counter(entry["slug"] for entry in entries)
        repeated = sorted(slug for slug, count in counts.items() if count > 1)
        raise DataFileError(f"slug(s) given to several entries: {', '.join(repeated)}")
    try:
        order = ordering.parents_first(list(by_slug), lambda slug: [by_slug[slug].get(parent_key)])
    except ordering.CycleError as error:
        loop = error.args[1]
        raise DataFileError(
            f"parent cycle among {sorted(set(loop))}: {ordering.describe_cycle(loop)} "
            f"(each the {parent_key} of the next)"
        ) from None
    return [by_slug[slug] for slug in order]
