"""JSON rendered with orjson: the list endpoints spend a measurable share of their time here."""

import json

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_fallback = JSONEncoder()


def dumps(data, option=0):
    """``data`` as JSON bytes: orjson's, or where orjson refuses an integer wider than 64 bits
    (which a JSON field may hold: a curator's breakdown, a point's number) the standard
    encoder's, with the same options (sorted keys, indent), so the number is written exactly."""
    try:
        return orjson.dumps(data, default=_fallback.default, option=option)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(
            data,
            cls=JSONEncoder,
            ensure_ascii=False,
            sort_keys=bool(option & orjson.OPT_SORT_KEYS),
            indent=2 if option & orjson.OPT_INDENT_2 else None,
            separators=None if option & orjson.OPT_INDENT_2 else (",", ":"),
        ).encode("utf-8")


class FastJSONRenderer(JSONRenderer):
    """The same JSON as DRF's renderer, faster; indented when the browsable API asks for it."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        options = orjson.OPT_NON_STR_KEYS
        if self.get_indent(accepted_media_type, renderer_context or {}):
            options |= orjson.OPT_INDENT_2
        return dumps(data, option=options)
