"""The OpenAPI schema's conditional requests (``core.api.conditional``): the ETag a record and
a list's page answer with, ``If-Match`` and ``If-None-Match``, their 304 and 412; a hook of
``SPECTACULAR_SETTINGS`` like those of ``core.api.schema``."""

from .schema import ERROR_CONTENT, LIST_PATH, RECORD_PATH, operations


def etag_header(description, required):
    """The ``ETag`` response header, as a response's ``headers`` entry."""
    return {"ETag": {"description": description, "required": required, "schema": STRING}}


def header(name, description, schema=None):
    """An optional request header parameter (a string unless ``schema`` says otherwise)."""
    return {
        "in": "header",
        "name": name,
        "required": False,
        "schema": schema or STRING,
        "description": description,
    }


STRING = {"type": "string"}
ETAG = etag_header(
    "The version of this representation (changes whenever it does): send it back in If-Match "
    "to write only over this version, or in If-None-Match to read only if it changed.",
    required=True,
)
IF_NONE_MATCH = header(
    "If-None-Match",
    'ETags of copies you hold, or "*" (any record): if one is current, a read answers 304 '
    "with no body, a write 412 and changes nothing; a create always goes on. "
    "If-Modified-Since and If-Unmodified-Since are ignored: a record has no modification "
    "date covering all it shows (its ETag does).",
)
IF_MATCH = header(
    "If-Match",
    'The ETag of the version you read (or "*"): if the record has changed since, the request '
    "is refused with 412 (a write changes nothing); a create, with no record yet, always is. "
    "Without it, the request is unconditional.",
)
UNTAGGED_IF_MATCH = header(
    "If-Match",
    'This answer has no ETag: If-Match holds only as "*" (it exists); any other value is '
    "refused with 412. A record's own URL gives the ETag to send.",
    schema={"type": "string", "enum": ["*"]},  # what holds; anything else is a 412
)
UNTAGGED_IF_NONE_MATCH = header(
    "If-None-Match",
    'This answer has no ETag: If-None-Match: "*" answers 304 with no body (it exists); '
    "ETags never match, and the request goes on.",
)
LIST_ETAG = etag_header(
    "The version of this page (changes whenever anything it shows does; CSV, streamed, has "
    "none): send it in If-None-Match to read the page again only if it changed.",
    required=False,
)
LIST_IF_MATCH = header(
    "If-Match",
    'The ETag of the page you read (or "*"): if the page has changed since, the request is '
    'refused with 412. A CSV list has no ETag: there If-Match holds only as "*".',
)
LIST_IF_NONE_MATCH = header(
    "If-None-Match",
    'ETags of pages you hold, or "*": if one is current, the read answers 304 with no body. '
    "If-Modified-Since and If-Unmodified-Since are ignored.",
)
LIST_NOT_MODIFIED = {
    "description": "Not modified: your copy (If-None-Match) is current.",
    "headers": LIST_ETAG,
}
PRECONDITION = "A precondition failed (If-Match, or If-None-Match on a write)"
NOT_MODIFIED = {
    "description": "Not modified: your copy (If-None-Match) is current.",
    "headers": ETAG,
}
UNTAGGED_PRECONDITION = 'A precondition failed (If-Match other than "*")'
UNTAGGED_NOT_MODIFIED = {"description": 'Not modified: If-None-Match is "*".'}


def document_conditional_requests(result, generator, request, public):
    """A record answers with its ETag and judges If-Match and If-None-Match on every method
    (304 on a read, 412); a create takes them too and answers with the new record's ETag; a
    list's page has an ETag too; any other read has no ETag and judges them as one (see
    ``conditional``)."""
    for path, method, operation in operations(result):
        responses = operation["responses"]
        record = RECORD_PATH.fullmatch(path) and method in ("get", "put", "patch", "delete")
        create = method == "post" and LIST_PATH.fullmatch(path)
        listing = method == "get" and LIST_PATH.fullmatch(path)
        if listing:
            operation.setdefault("parameters", []).extend([LIST_IF_MATCH, LIST_IF_NONE_MATCH])
            responses.setdefault("412", {"description": PRECONDITION, "content": ERROR_CONTENT})
            responses.setdefault("304", LIST_NOT_MODIFIED)
            if "200" in responses:
                responses["200"].setdefault("headers", {}).update(LIST_ETAG)
        elif method == "get" and not record:
            operation.setdefault("parameters", []).extend(
                [UNTAGGED_IF_MATCH, UNTAGGED_IF_NONE_MATCH]
            )
            responses.setdefault(
                "412", {"description": UNTAGGED_PRECONDITION, "content": ERROR_CONTENT}
            )
            responses.setdefault("304", UNTAGGED_NOT_MODIFIED)
        if record or create:
            operation.setdefault("parameters", []).extend([IF_MATCH, IF_NONE_MATCH])
            responses.setdefault("412", {"description": PRECONDITION, "content": ERROR_CONTENT})
        if record and method == "get":
            responses.setdefault("304", NOT_MODIFIED)
        if record and "200" in responses:
            responses["200"].setdefault("headers", {}).update(ETAG)
        elif create and "201" in responses:
            responses["201"].setdefault("headers", {}).update(ETAG)
    return result
