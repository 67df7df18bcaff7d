"""Where a record is shown: its explorer page (a patrol, an aircraft type, a source, or the row
of the page its parent has), its API record, its admin change page.

A record with a page of its own links there; a record shown inside its parent's page (a
participation in its patrol's, an armament in its aircraft type's) links to its row there, by
the anchor every row carries (``anchor``); any other record (an organization, a region, a
weapon) links to its API record, the one place that shows it.
"""

from django.urls import NoReverseMatch, reverse

from core.models import natural_key_field

PAGES = {
    "patrols.patrol": "explorer:patrol",
    "aircraft.aircrafttype": "explorer:aircraft-type",
    "reference.source": "explorer:source",
}


def anchor(record):
    """The id of the row that shows a nested record on its parent's page."""
    return f"{record._meta.model_name}-{record.pk}"


def own_page_url(record):
    """The explorer page of a patrol, an aircraft type or a source; None for anything else."""
    name = PAGES.get(record._meta.label_lower)
    return reverse(name, args=[record.slug]) if name else None


def parent(record):
    """The record whose page shows ``record`` as a row (its ``SOURCE_PARENT``), or None.
    Read only where the parent is already loaded (``select_related``)."""
    field = getattr(record, "SOURCE_PARENT", None)
    return getattr(record, field) if field else None


def page_url(record):
    """Where the explorer shows ``record``: its own page, its row on its parent's, or None."""
    url = own_page_url(record)
    if url:
        return url
    holder = parent(record)
    holder_url = own_page_url(holder) if holder is not None else None
    return f"{holder_url}#{anchor(record)}" if holder_url else None


def api_url(record):
    """The record's API URL (``/api/v1/<resource>/<natural key>/``), or None when the API has
    no resource for it."""
    key_field = natural_key_field(type(record))
    key = record.pk if key_field == "pk" else getattr(record, key_field)
    try:
        return reverse(f"api:{record._meta.model_name}-detail", args=[key])
    except NoReverseMatch:
        return None


def url_for(record):
    """The explorer's page for ``record`` where there is one, else its API record."""
    return page_url(record) or api_url(record)


def admin_url(user, record):
    """The admin change page of ``record`` for a signed-in curator (staff who may view it);
    None for anyone else, who could not open it."""
    if not (user.is_authenticated and user.is_staff):
        return None
    meta = record._meta
    if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        return None
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
