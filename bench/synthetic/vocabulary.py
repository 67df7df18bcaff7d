"""The small fixed vocabulary every synthetic patrol draws on: countries, their air forces and
ministries, aircraft types, regions and sources, made once per database and then reused."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from aircraft.models import AircraftType, Manufacturer
from patrols.models import ParticipationRole, Patrol
from reference.models import (
    Confidence,
    Country,
    Organization,
    OrganizationKind,
    Region,
    RegionKind,
    Reliability,
    Source,
    SourceKind,
)

from .spec import AIRCRAFT, COUNTRY_LETTERS, FIGHTERS, PREFIX, REGION_KINDS, SOURCE_COUNT


class Vocabulary:
    """A small fixed set of synthetic countries, organizations, regions, types and sources:
    found in ``db``, or created there. Patrols draw on its lists of records and ids."""

    def __init__(self, db):
        self.db = db
        with transaction.atomic(using=self.db):
            self.countries = [
                self.get_or_create(
                    Country,
                    code=f"X{letter}",
                    defaults={"code3": f"X{letter}X", "name": f"Synthetic Country {letter}"},
                )
                for letter in COUNTRY_LETTERS
            ]
            # Per country: its air force, and naval aviation for the first four.
            self.operators = {}
            for i, country in enumerate(self.countries):
                kinds = [OrganizationKind.AIR_FORCE]
                if i < 4:
                    kinds.append(OrganizationKind.NAVAL_AVIATION)
                self.operators[country.pk] = [
                    self.get_or_create(
                        Organization,
                        slug=f"{PREFIX}{kind.replace('_', '-')}-{country.code.lower()}",
                        defaults={
                            "name": f"{country.name} {kind.label}",
                            "kind": kind,
                            "country": country,
                            "confidence": Confidence.CONFIRMED,
                        },
                    )
                    for kind in kinds
                ]
            self.ministries = [
                self.get_or_create(
                    Organization,
                    slug=f"{PREFIX}ministry-{country.code.lower()}",
                    defaults={
                        "name": f"{country.name} Ministry of Defence",
                        "kind": OrganizationKind.MINISTRY,
                        "country": country,
                        "confidence": Confidence.CONFIRMED,
                    },
                )
                for country in self.countries
            ]
            manufacturers = [
                self.get_or_create(
                    Manufacturer,
                    slug=f"{PREFIX}works-{i}",
                    defaults={"name": f"Synthetic Aircraft Works {i}", "country": country},
                )
                for i, country in enumerate(self.countries[:3], start=1)
            ]
            self.types, self.interceptors = [], []
            for i, (designation, role, flies_as) in enumerate(AIRCRAFT):
                aircraft_type = self.get_or_create(
                    AircraftType,
                    slug=f"{PREFIX}{designation.lower()}",
                    defaults={
                        "designation": designation,
                        "common_name": f"Synthetic {role.label.lower()}",
                        "role": role,
                        "manufacturer": manufacturers[i % len(manufacturers)],
                        "country_of_origin": manufacturers[i % len(manufacturers)].country,
                        "confidence": Confidence.CONFIRMED,
                    },
                )
                self.types.append((aircraft_type.pk, flies_as))
                if role in FIGHTERS:
                    self.interceptors.append(aircraft_type.pk)
            self.bombers = [t for t in self.types if t[1] == ParticipationRole.BOMBER]
            self.regions = []
            for i, kind in enumerate(REGION_KINDS, start=1):
                defaults = {"name": f"Synthetic {kind.label} {i}", "kind": kind}
                if kind in (RegionKind.ADIZ, RegionKind.AIRSPACE):
                    defaults["declared_by"] = self.countries[i % len(self.countries)]
                region = self.get_or_create(
                    Region, slug=f"{PREFIX}{kind.replace('_', '-')}-{i}", defaults=defaults
                )
                self.regions.append((region.pk, region.name))
            kinds, reliabilities = list(SourceKind), list(Reliability)
            self.sources = [
                self.get_or_create(
                    Source,
                    slug=f"{PREFIX}source-{i}",
                    defaults={
                        "title": f"Synthetic report {i}",
                        "publisher": f"Synthetic Press {i % 5 + 1}",
                        "url": f"https://synthetic.example.invalid/reports/{i}",
                        "kind": kinds[i % len(kinds)],
                        "reliability": reliabilities[i % len(reliabilities)],
                        "language": "en",
                    },
                ).pk
                for i in range(1, SOURCE_COUNT + 1)
            ]
            self.patrol_type = ContentType.objects.db_manager(self.db).get_for_model(Patrol)

    def get_or_create(self, model, defaults=None, **lookup):
        return model.objects.using(self.db).get_or_create(defaults=defaults or {}, **lookup)[0]
