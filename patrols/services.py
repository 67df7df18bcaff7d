"""The one write path for patrols: a patrol with its participations, regions and sources, and the
rules that span rows, which the API, the admin, spreadsheet imports and the loader all call.

The rules (each refusal names the rule and the record; a refused write stores nothing):

- a patrol's dates hold its interceptions, and no statement tied to it predates it (statements
  often follow a patrol by days: a protest the next morning);
- a joint strategic patrol written with its participations has them from two countries or more;
- a patrol cites at least one source; a participation, interception or statement written with
  it and naming none of its own inherits the patrol's (never its opinion pieces), marked so.

``patrol_rule_errors`` checks a write as planned, before anything is stored; the writers call it
with what the write would leave (values not given are read as stored).
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import replace_links
from reference.models import RegionKind
from reference.services import (
    NO_SOURCE,
    ONLY_OPINION,
    cite,
    inheritable,
    own_sources,
    save_record,
    settle,
)

from .figures import ADIZ_ONLY
from .models import Participation, Patrol, PatrolKind, PatrolRegion, participation_key

JOINT_NEEDS_TWO_COUNTRIES = (
    "A joint strategic patrol has participations from at least two countries; these come from "
    "{found}."
)


class ParticipationsRefused(Exception):
    """Participations given for a patrol failed their checks; ``errors`` maps each failing
    item's position to its ValidationError. Nothing was written."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def countries_of(participations):
    """The countries of the participations' operators (a multinational command has none)."""
    found = {}
    for participation in participations:
        operator = participation.operator
        if operator is not None and operator.country is not None:
            found[operator.country.code] = operator.country
    return [found[code] for code in sorted(found)]


def patrol_rule_errors(
    patrol,
    *,
    participations=None,
    sources=None,
    interceptions=None,
    statements=None,
    heirs_without_sources=False,
):
    """The rules spanning rows, for ``patrol`` as the write would leave it: ``{field: [messages]}``,
    empty when the write may go ahead.

    Each keyword is what the write gives (a list of unsaved or saved records; sources as
    ``Source`` records); ``None`` reads it as stored. ``heirs_without_sources``: some record
    written with the patrol names no sources of its own and will inherit the patrol's.
    """
    stored = patrol.pk is not None
    participations_given = participations is not None
    if participations is None:
        participations = (
            list(patrol.participations.select_related("operator__country")) if stored else []
        )
    if interceptions is None:
        interceptions = list(patrol.interceptions.select_related("responder")) if stored else []
    if statements is None:
        statements = list(patrol.statements.select_related("organization")) if stored else []
    if sources is None:
        sources = own_sources(patrol) if stored else []
    # Two countries: checked when the write gives the participations, or makes a patrol that
    # has some joint; an edit of its summary does not answer for them.
    countries_in_question = participations_given or (participations and kind_changed(patrol))
    errors = defaultdict(list)
    for found in (
        date_errors(patrol, interceptions, statements),
        country_errors(patrol, participations) if countries_in_question else {},
        source_errors(patrol, sources, heirs_without_sources),
    ):
        for field, messages in found.items():
            errors[field].extend(messages)
    return dict(errors)


def kind_changed(patrol):
    """A new patrol, or one whose kind the write changes."""
    return (
        patrol.pk is None
        or not type(patrol).objects.filter(pk=patrol.pk, kind=patrol.kind).exists()
    )


def date_errors(patrol, interceptions=(), statements=()):
    """The patrol's dates hold its interceptions; no statement tied to it predates it."""
    errors = defaultdict(list)
    if not patrol.start_date:
        return errors
    start, last = patrol.start_date, patrol.end_date or patrol.start_date
    for interception in interceptions:
        date = interception.date
        if date and not start <= date <= last:
            field = "start_date" if date < start else "end_date"
            errors[field].append(
                f"The interception “{interception}” on {date} falls outside the patrol's dates "
                f"({start} to {last})."
            )
    for statement in statements:
        if statement.date and statement.date < start:
            errors["start_date"].append(
                f"The statement “{statement}” of {statement.date} comes before the patrol began "
                f"({start})."
            )
    return errors


def country_errors(patrol, participations):
    """A joint strategic patrol written with its participations has them from two countries."""
    if patrol.kind != PatrolKind.JOINT_STRATEGIC_PATROL:
        return {}
    countries = countries_of(participations)
    if len(countries) >= 2:
        return {}
    found = ", ".join(country.name for country in countries) or "no country"
    return {"participations": [JOINT_NEEDS_TWO_COUNTRIES.format(found=found)]}


def source_errors(patrol, sources, heirs_without_sources=False):
    """A patrol cites a source; what its records inherit of them is not only opinion."""
    if not sources:
        return {"sources": [f"{NO_SOURCE} (patrol “{patrol}” cites none.)"]}
    if heirs_without_sources and not inheritable(sources):
        return {"sources": [ONLY_OPINION]}
    return {}


def refuse_unless_rules_hold(patrol, **plan):
    errors = patrol_rule_errors(patrol, **plan)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_patrol(patrol, *, sources=None, regions=None, participations=None):
    """Write a patrol with what is given of its sources, regions crossed and participations
    (``None``: left as stored), after checking the rules; then the records written with it that
    name no sources of their own inherit the patrol's.

    ``participations`` is a list of dicts of field values, each with an optional ``sources``
    (its own); raises ``ValidationError`` (rules, keyed by field) or ``ParticipationsRefused``
    (items, by position). Returns the patrol.
    """
    planned = None
    if participations is not None:
        planned = [
            Participation(**{k: v for k, v in item.items() if k != "sources"})
            for item in participations
        ]
    refuse_unless_rules_hold(
        patrol,
        participations=planned,
        sources=sources,
        heirs_without_sources=any(not item.get("sources") for item in participations or []),
    )
    patrol.save()
    if regions is not None:
        set_regions(patrol, regions)
    if participations is not None:
        replace_participations(patrol, participations)
    if sources is not None:
        cite(patrol, sources)
    settle(patrol)
    return patrol


def participations_leaving_errors(leaving, arriving=()):
    """Participations written or deleted on their own may not take a joint patrol below two
    countries (a joint patrol still being recorded, with fewer, may grow a row at a time):
    ``leaving`` are stored participations going away from their patrols (deleted, or moved or
    changed), ``arriving`` their new versions. Returns the messages, empty when allowed."""
    touched = {p.patrol_id for p in (*leaving, *arriving) if p.patrol_id}
    gone = {p.pk for p in leaving}
    messages = []
    for patrol in Patrol.objects.filter(pk__in=touched, kind=PatrolKind.JOINT_STRATEGIC_PATROL):
        now = list(patrol.participations.select_related("operator__country"))
        after = [p for p in now if p.pk not in gone]
        after += [p for p in arriving if p.patrol_id == patrol.pk]
        if len(countries_of(now)) >= 2 and len(countries_of(after)) < 2:
            found = ", ".join(c.name for c in countries_of(after)) or "no country"
            messages.append(
                f"This would leave the joint strategic patrol “{patrol}” with participations "
                f"from {found}: it has them from at least two countries."
            )
    return messages


def participation_change_errors(participation):
    """For a participation written on its own: ``{field: [messages]}``."""
    stored = Participation.objects.filter(pk=participation.pk).first()
    messages = participations_leaving_errors([stored] if stored else [], [participation])
    return {"patrol": messages} if messages else {}


@transaction.atomic
def save_participation(participation, *, sources=None):
    """A participation written on its own: the joint rule, then as any fact record."""
    errors = participation_change_errors(participation)
    if errors:
        raise ValidationError(errors)
    return save_record(participation, sources=sources)


@transaction.atomic
def delete_participation(participation):
    messages = participations_leaving_errors([participation])
    if messages:
        raise ValidationError({"patrol": messages})
    participation.delete()


@transaction.atomic
def save_zone_entry(entry, *, sources=None):
    """A zone entry written on its own (API, admin, import): it names an ADIZ, whatever path
    skipped its ``clean()``; then as any fact record."""
    if entry.zone_id is not None and entry.zone.kind != RegionKind.ADIZ:
        raise ValidationError({"zone": ADIZ_ONLY})
    return save_record(entry, sources=sources)


def set_regions(patrol, regions):
    """Make the regions crossed exactly ``regions``, one link at a time.

    ``regions.set()`` writes the link table in bulk, which history never sees; a link saved or
    deleted on its own is a version of its own, by whoever made the change.
    """
    replace_links(
        {link.region_id: link for link in patrol.region_links.all()},
        {region.pk: region for region in regions},
        lambda region: PatrolRegion.objects.create(patrol=patrol, region=region),
    )


def replace_participations(patrol, items):
    """Make the participations exactly ``items`` (dicts of field values, each with an optional
    ``sources`` of its own), keeping those that stay (matched by ``participation_key``) with
    their id, notes and sources.

    Every item is checked before anything is written; if any fails, ``ParticipationsRefused``
    says which (by position) and nothing changes.
    """
    existing = {
        participation_key(p.aircraft_type, p.aircraft_description, p.operator, p.role): p
        for p in patrol.participations.select_related("aircraft_type", "operator")
    }
    errors, seen, keep = {}, set(), []
    for index, data in enumerate(items):
        key = participation_key(
            data.get("aircraft_type"),
            data.get("aircraft_description", ""),
            data["operator"],
            data["role"],
        )
        if key in seen:
            errors[index] = ValidationError("Listed twice in this request.")
            continue
        seen.add(key)
        participation = existing.get(key) or Participation(patrol=patrol)
        for name, value in data.items():
            if name != "sources":
                setattr(participation, name, value)
        try:
            participation.full_clean()
        except ValidationError as error:
            errors[index] = error
            continue
        keep.append((participation, data.get("sources")))
    if errors:
        raise ParticipationsRefused(errors)
    kept = {p.pk for p, _ in keep if p.pk}
    for participation in existing.values():
        if participation.pk not in kept:
            participation.delete()
    for participation, own in keep:
        participation.save()
        if own:
            cite(participation, own)
