"""The explorer's filter form as the template draws it: each field's choices from the database,
marked as the query string chose them, and the filters the form has no field for (kept as
hidden fields, and shown, so that nothing filters the page unseen)."""

from explorer.filters import (
    CALENDAR_BOUNDS,
    FISCAL_BOUNDS,
    OFFERED,
    PERIOD,
    PERIODS,
    accepted_parameters,
)

CHOICE_FIELDS = ("kind", "country", "aircraft_type", "region", "confidence")
PERIOD_LABELS = {"calendar": "calendar year", "fiscal": "Japanese fiscal year (April–March)"}


def given(params, name):
    values = [value.strip() for value in params.getlist(name) if value.strip()]
    return [value.upper() for value in values] if name == "country" else values


def form_state(params, options, period, refused=()):
    """The form for ``params`` (``refused``: parameters left out of the hidden fields, so that
    a refused one is not sent again): ``{choices: {field: [{value, label, indent, selected}]},
    numbers: {field: value}, periods: [{value, label, selected}], hidden: [(name, value)],
    years: [first, last]}``."""
    choices = {}
    for name in CHOICE_FIELDS:
        chosen = set(given(params, name))
        choices[name] = [
            {
                "value": option.value,
                "label": option.label,
                "indent": option.indent,
                "selected": option.value in chosen,
            }
            for option in options[name]
        ]
    numbers = {
        name: (given(params, name) or [""])[0] for name in (*CALENDAR_BOUNDS, *FISCAL_BOUNDS)
    }
    accepted = accepted_parameters()
    hidden = [
        (name, value)
        for name in params
        if name in accepted and name not in (*OFFERED, PERIOD, *refused)
        for value in given(params, name)
    ]
    periods = [
        {"value": value, "label": PERIOD_LABELS[value], "selected": value == period}
        for value in PERIODS
    ]
    return {
        "choices": choices,
        "numbers": numbers,
        "periods": periods,
        "hidden": hidden,
        "years": options["years"],
    }
