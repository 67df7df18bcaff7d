"""English (and British, ``LANGUAGE_CODE = "en-gb"``) formats: dates typed and shown in ISO 8601.

A form field takes only ``*_INPUT_FORMATS`` (the admin's date and time inputs, the calendar
widget, which writes the first date format); Django adds no other. Long formats (``2 Jan 2024``)
name the month and cannot be misread, so they stay; short ones are ISO.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d"]  # 2024-01-31
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]  # 14:30:59, 14:30:59.000200, 14:30
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2024-01-31 14:30:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2024-01-31 14:30:59.000200
    "%Y-%m-%d %H:%M",  # 2024-01-31 14:30
    "%Y-%m-%dT%H:%M:%S",  # 2024-01-31T14:30:59
    "%Y-%m-%dT%H:%M:%S.%f",  # 2024-01-31T14:30:59.000200
    "%Y-%m-%dT%H:%M",  # 2024-01-31T14:30
]

DATE_FORMAT = "j M Y"  # 31 Jan 2024
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j M Y, H:i"  # 31 Jan 2024, 14:30
SHORT_DATE_FORMAT = "Y-m-d"  # 2024-01-31
SHORT_DATETIME_FORMAT = "Y-m-d H:i"  # 2024-01-31 14:30
