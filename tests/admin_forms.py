"""POST data for an admin form exactly as the page a curator opened would send it."""

import datetime


def as_posted(value):
    """A bound field's value (already prepared for display) as the browser would send it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def form_values(form):
    data = {}
    for name in form.fields:
        value = as_posted(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def posted_data(response):
    """The main form and every inline row as they were rendered in ``response``."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data |= form_values(formset.management_form)
        for form in formset.forms:
            data |= form_values(form)
    return data
