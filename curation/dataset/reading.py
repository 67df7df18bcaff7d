"""Reading: a file's bytes into a document, and its header checked against this database."""

import json
import re

from .export import dataset_version
from .scope import (
    FORMAT,
    SUPPORTED_FORMAT_VERSIONS,
    DatasetError,
    data_models,
    label,
    schema_version,
)

HEADER = {
    "format": str,
    "format_version": int,
    "dataset_version": str,
    "exported_at": str,
    "schema": dict,
    "counts": dict,
    "records": dict,
}
NUMBER_CUT_SHORT = re.compile(r"[-+.eE\d]*")  # "1." or "2e": the parser stops at the "." or "e"
CUT_SHORT = "the file was cut short (an interrupted copy or a full disk?): export it again"


def parse(data, name):
    """The document in ``data`` (bytes), or a DatasetError saying what is wrong with the file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":
            raise DatasetError(f"{name} ends in the middle of a character: {CUT_SHORT}.") from None
        raise DatasetError(f"{name} is not UTF-8 text (byte {error.start}).") from None
    if not text.strip():
        raise DatasetError(f"{name} is empty.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if _input_ended(text, error):
            raise DatasetError(
                f"{name} is not complete JSON: it stops at {where} ({error.msg}), so {CUT_SHORT}."
            ) from None
        raise DatasetError(f"{name} is not valid JSON: {error.msg} at {where}.") from None


def _input_ended(text, error):
    """Whether the parser failed because the text ran out, which is what a cut file does:
    nothing but a string, a number or a word cut short follows the place it stopped."""
    rest = text[error.pos :].strip()
    if error.msg.startswith("Unterminated string") or NUMBER_CUT_SHORT.fullmatch(rest):
        return True
    return any(word.startswith(rest) for word in ("true", "false", "null", "NaN", "Infinity"))


def check_header(document, name):
    """The document's parts, its schema against the database's, its counts and its digest.
    Returns the data models, in the order their records are written."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DatasetError(f'{name} is not a data set export (no "format": {FORMAT!r}).')
    version = document.get("format_version")
    if type(version) is not int or version not in SUPPORTED_FORMAT_VERSIONS:
        raise DatasetError(
            f"{name} is in format version {version!r}; this code reads version "
            f"{', '.join(map(str, SUPPORTED_FORMAT_VERSIONS))}."
        )
    for key, kind in HEADER.items():
        if not isinstance(document.get(key), kind):
            raise DatasetError(f"{name} lacks {key!r} (or it is not a {kind.__name__}).")

    file_schema, database_schema = document["schema"], schema_version()
    if file_schema != database_schema:
        raise DatasetError(
            f"{name} was exported at migrations {_describe(file_schema)}, and this database is "
            f"at {_describe(database_schema)}: import into a database migrated to the same state "
            "(the same version of the code), or export the data again from there."
        )

    models = {label(model): model for model in data_models()}
    records, counts = document["records"], document["counts"]
    unknown = sorted((records.keys() | counts.keys()) - models.keys())
    if unknown:
        raise DatasetError(f"{name} holds records of unknown models: {', '.join(unknown)}.")
    for key in models:
        if key not in records or key not in counts:
            raise DatasetError(f"{name} has no {key} records at all: the file is incomplete.")
        if not isinstance(records[key], list):
            raise DatasetError(f"{name}: the {key} records are not a list.")
        if counts[key] != len(records[key]):
            raise DatasetError(
                f"{name} is incomplete: it announces {counts[key]} {key} records and holds "
                f"{len(records[key])}."
            )
    if dataset_version(records) != document["dataset_version"]:
        raise DatasetError(
            f"The records in {name} do not match its dataset version: the file was changed or "
            "damaged after it was exported."
        )
    return list(models.values())


def _describe(schema):
    return ", ".join(f"{app} {name}" for app, name in schema.items()) or "(none)"
