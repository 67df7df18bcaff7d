"""Patrols in spreadsheets, with their participations (see ``reference.resources``).

A row's ``participations`` cell lists the aircraft that flew, one entry per type, operator and
role, entries separated by ``;``::

    tu-95ms | russian-long-range-aviation | 2 | bomber; h-6k | plaaf | 2 | bomber

The aircraft is a type's slug, or ``unidentified: <description>`` when the sources do not name
the type; the count may be empty (unknown). An entry may end with a fifth part naming sources of
its own (``| source-slug, other-source``); without one it inherits the patrol's. Importing the
cell makes the patrol's participations exactly these, matched as the API matches them, so an
entry that stays keeps its notes and sources.

A row is checked against the patrol rules of ``patrols.services`` (dates, two countries for a
joint patrol, sources) before anything is written.
"""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from aircraft.models import AircraftType
from core.resources import NaturalKeyListWidget
from reference.models import Organization, Region, Source
from reference.resources import SourcedResource
from reference.services import own_sources

from . import services
from .models import Participation, ParticipationRole, Patrol, participation_key

UNIDENTIFIED = "unidentified:"


class ParticipationsWidget(widgets.Widget):
    """The cell as a list of entries ``{aircraft_type, aircraft_description, operator, count,
    role}``; every problem in the cell is reported at once."""

    def clean(self, value, row=None, **kwargs):
        entries = [entry.strip() for entry in str(value or "").split(";") if entry.strip()]
        parsed, problems, seen = [], [], {}
        for number, entry in enumerate(entries, 1):
            try:
                item = self.parse_entry(entry)
            except ValueError as error:
                problems.append(f"entry {number} ({entry!r}): {error}")
                continue
            key = participation_key(
                item["aircraft_type"], item["aircraft_description"], item["operator"], item["role"]
            )
            if key in seen:
                problems.append(f"entry {number} ({entry!r}): listed twice (as entry {seen[key]})")
                continue
            seen[key] = number
            parsed.append(item)
        if problems:
            raise ValueError("; ".join(problems))
        return parsed

    def parse_entry(self, entry):
        parts = [part.strip() for part in entry.split("|")]
        if len(parts) not in (4, 5):
            raise ValueError("give aircraft | operator | count | role (| its own sources)")
        aircraft, operator_slug, count, role = parts[:4]
        item, problems = {"aircraft_type": None, "aircraft_description": "", "sources": []}, []
        if len(parts) == 5:
            item["sources"] = self.parse_sources(parts[4], problems)
        if aircraft.lower().startswith(UNIDENTIFIED):
            item["aircraft_description"] = aircraft[len(UNIDENTIFIED) :].strip()
            if not item["aircraft_description"]:
                problems.append("describe the unidentified aircraft")
        else:
            item["aircraft_type"] = AircraftType.objects.filter(slug=aircraft).first()
            if item["aircraft_type"] is None:
                problems.append(f"there is no aircraft type {aircraft!r}")
        item["operator"] = Organization.objects.filter(slug=operator_slug).first()
        if item["operator"] is None:
            problems.append(f"there is no organization {operator_slug!r}")
        if count and not (count.isdigit() and int(count) >= 1):
            problems.append(f"the count must be a whole number from 1, or empty; not {count!r}")
        item["count"] = int(count) if count.isdigit() else None
        if role not in ParticipationRole.values:
            problems.append(f"the role must be one of {', '.join(ParticipationRole.values)}")
        item["role"] = role
        if problems:
            raise ValueError(", ".join(problems))
        return item

    @staticmethod
    def parse_sources(text, problems):
        slugs = list(dict.fromkeys(slug.strip() for slug in text.split(",") if slug.strip()))
        found = {source.slug: source for source in Source.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            problems.append(f"there is no source {', '.join(map(repr, missing))}")
        return [found[slug] for slug in slugs if slug in found]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(render_entry(item) for item in value or [])


def render_entry(item):
    aircraft = (
        item["aircraft_type"].slug
        if item["aircraft_type"]
        else f"{UNIDENTIFIED} {item['aircraft_description']}"
    )
    count = "" if item["count"] is None else str(item["count"])
    entry = f"{aircraft} | {item['operator'].slug} | {count} | {item['role']}"
    own = item.get("sources")
    return f"{entry} | {', '.join(source.slug for source in own)}" if own else entry


class ParticipationsField(fields.Field):
    """Compared, exported and imported as the entries above; written once the patrol is saved."""

    def __init__(self):
        super().__init__(
            attribute="participations", column_name="participations", widget=ParticipationsWidget()
        )

    def get_value(self, instance):
        pending = getattr(instance, "_imported_participations", None)
        if pending is not None:
            return sorted(pending, key=render_entry)
        if instance.pk is None:
            return []
        stored = instance.participations.select_related("aircraft_type", "operator")
        return sorted(
            (
                {
                    "aircraft_type": p.aircraft_type,
                    "aircraft_description": p.aircraft_description,
                    "operator": p.operator,
                    "count": p.count,
                    "role": p.role,
                    "sources": own_sources(p),
                }
                for p in stored
            ),
            key=render_entry,
        )

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance._imported_participations = self.clean(row, **kwargs)


class RegionsField(fields.Field):
    """The regions crossed, by slug; written link by link so each is a version in history."""

    def __init__(self):
        super().__init__(
            attribute="regions", column_name="regions", widget=NaturalKeyListWidget(Region)
        )

    def save(self, instance, row, is_m2m=False, **kwargs):
        services.set_regions(instance, self.clean(row, **kwargs))


class PatrolResource(SourcedResource):
    """One row per patrol: its dates and kind, regions crossed, participations and sources."""

    regions = RegionsField()
    participations = ParticipationsField()

    class Meta(SourcedResource.Meta):
        model = Patrol

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        pending = getattr(instance, "_imported_participations", None)
        if pending is None:
            return
        try:
            services.replace_participations(instance, pending)
        except services.ParticipationsRefused as refused:
            problems = [
                f"{render_entry(pending[index])}: {' '.join(error.messages)}"
                for index, error in refused.errors.items()
            ]
            raise ValidationError({"participations": "; ".join(problems)}) from refused

    def row_rule_errors(self, instance, row, **kwargs):
        errors = super().row_rule_errors(instance, row, **kwargs)
        pending = getattr(instance, "_imported_participations", None)
        planned = None
        if pending is not None:
            planned = [
                Participation(**{k: v for k, v in item.items() if k != "sources"})
                for item in pending
            ]
        sources = self.row_sources(instance, row, **kwargs)
        rules = services.patrol_rule_errors(
            instance,
            participations=planned,
            sources=sources,
            heirs_without_sources=any(not item.get("sources") for item in pending or []),
        )
        for name, messages in rules.items():
            errors.setdefault(name, messages)  # "sources" may be reported above already
        return errors
