"""What the record pages print the same way everywhere: "unknown" for a value the sources do not
give (never 0 or a blank), a record's confidence with a "disputed" badge in words (colour is
never the only sign), a source with its reliability grade, and a row's sources.

Simple tags building their markup with ``format_html`` rather than inclusion templates: a
patrol page prints them on every row, and a template render per call would cost more than the
rest of the page.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from patrols.figures import figure_value

register = template.Library()

UNKNOWN = mark_safe('<span class="unknown">unknown</span>')
DISPUTED = mark_safe('<a class="badge disputed" href="#claims">disputed</a>')
NONE_CITED = mark_safe('<span class="unknown">none cited</span>')


@register.filter(needs_autoescape=True)
def or_unknown(value, autoescape=True):
    """The value, or "unknown" where it is empty (None or blank; 0 is a value)."""
    if value is None or value == "":
        return UNKNOWN
    return conditional_escape(value) if autoescape else value


@register.simple_tag
def show(value):
    """A ``records.values.Shown``: its text, linked where it has a URL; "unknown" where none."""
    if value is None or value.unknown:
        return UNKNOWN
    if value.url:
        return format_html('<a href="{}">{}</a>', value.url, value.text)
    return value.text


@register.simple_tag
def count(value, qualifier=None):
    """A count as the source words it ("about 13", "more than 10", "4"); "unknown" when the
    sources give none. ``qualifier`` is the ``Qualifier`` label ("About"), if any."""
    if value is None:
        return UNKNOWN
    number = figure_value(value)
    if qualifier and qualifier != "Exactly":
        return f"{qualifier.lower()} {number}"
    return str(number)


@register.simple_tag
def grade(source):
    """A source's reliability grade in words: "grade B (usually reliable)"."""
    label = source.get_reliability_display().split("–", 1)[-1].strip()
    return format_html('<span class="grade">grade {} ({})</span>', source.reliability, label)


@register.simple_tag
def status(record):
    """A record's confidence, and a "disputed" badge linking to the claims table when it is
    disputed or carries a claim."""
    confidence = record.get_confidence_display()
    if not record.is_disputed:
        return confidence
    if record.confidence == "disputed":
        return DISPUTED
    return format_html("{} {}", confidence, DISPUTED)


@register.filter
def source_url(source):
    return reverse("explorer:source", args=[source.slug])


@register.simple_tag
def sources_of(record, parent="the record it belongs to"):
    """A row's sources, each linked with its grade; "<parent>'s sources" when it cites only
    what it inherited from the record it belongs to."""
    if record.sources_inherited:
        return format_html('<span class="muted">{}’s sources</span>', parent)
    sources = record.sources
    if not sources:
        return NONE_CITED
    return format_html_join(
        "; ",
        '<a href="{}">{}</a> <span class="grade">({})</span>',
        ((source_url(source), source.title, source.reliability) for source in sources),
    )
