"""What the generator writes: the synthetic markers, the date range, the vocabulary's shape,
how often each thing happens, and the columns each generated row spells out."""

import datetime

from aircraft.models import AircraftRole
from patrols.models import (
    Interception,
    Participation,
    ParticipationRole,
    Patrol,
    PatrolRegion,
    Statement,
)
from reference.models import Citation, Confidence, RegionKind

PREFIX = "synthetic-"
PATROL_PREFIX = f"{PREFIX}patrol-"
FIRST_DAY = datetime.date(1990, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days

# ISO 3166 user-assigned codes: no real country has them.
COUNTRY_LETTERS = "ABCDEF"

# (designation, aircraft role, the participation role it flies in a patrol)
AIRCRAFT = [
    ("SYN-B1", AircraftRole.STRATEGIC_BOMBER, ParticipationRole.BOMBER),
    ("SYN-B2", AircraftRole.STRATEGIC_BOMBER, ParticipationRole.BOMBER),
    ("SYN-B3", AircraftRole.BOMBER, ParticipationRole.BOMBER),
    ("SYN-F1", AircraftRole.FIGHTER, ParticipationRole.ESCORT),
    ("SYN-F2", AircraftRole.MULTIROLE_FIGHTER, ParticipationRole.ESCORT),
    ("SYN-F3", AircraftRole.MULTIROLE_FIGHTER, ParticipationRole.ESCORT),
    ("SYN-I1", AircraftRole.INTERCEPTOR, ParticipationRole.ESCORT),
    ("SYN-A1", AircraftRole.AEW_C, ParticipationRole.AEW_C),
    ("SYN-K1", AircraftRole.TANKER, ParticipationRole.TANKER),
    ("SYN-R1", AircraftRole.RECONNAISSANCE, ParticipationRole.RECONNAISSANCE),
    ("SYN-M1", AircraftRole.MARITIME_PATROL, ParticipationRole.RECONNAISSANCE),
    ("SYN-E1", AircraftRole.ELECTRONIC_WARFARE, ParticipationRole.ELECTRONIC_WARFARE),
    ("SYN-T1", AircraftRole.TRANSPORT, ParticipationRole.TRANSPORT),
]
FIGHTERS = (AircraftRole.FIGHTER, AircraftRole.MULTIROLE_FIGHTER, AircraftRole.INTERCEPTOR)
UNIDENTIFIED = [
    ("Unidentified fighters", ParticipationRole.ESCORT),
    ("Unidentified aircraft", ParticipationRole.OTHER),
]
REGION_KINDS = [
    RegionKind.SEA,
    RegionKind.SEA,
    RegionKind.SEA,
    RegionKind.STRAIT,
    RegionKind.STRAIT,
    RegionKind.OCEAN_AREA,
    RegionKind.OCEAN_AREA,
    RegionKind.ADIZ,
    RegionKind.ADIZ,
    RegionKind.ADIZ,
    RegionKind.AIRSPACE,
    RegionKind.ISLAND_AREA,
]
CONFIDENCES = (
    [Confidence.CONFIRMED] * 5
    + [Confidence.REPORTED] * 3
    + [
        Confidence.CLAIMED,
        Confidence.DISPUTED,
    ]
)
SOURCE_COUNT = 24

# The columns each generated row spells out, in order; the rest take their defaults.
COLUMNS = {
    Patrol: ("id", "slug", "name", "kind", "start_date", "end_date", "summary", "confidence"),
    PatrolRegion: ("id", "patrol", "region"),
    Participation: (
        "id",
        "patrol",
        "aircraft_type",
        "aircraft_description",
        "operator",
        "count",
        "role",
        "confidence",
    ),
    Interception: (
        "id",
        "patrol",
        "responder",
        "aircraft_type",
        "count",
        "date",
        "region",
        "airspace_violated",
        "confidence",
    ),
    Citation: ("id", "content_type", "object_id", "source"),
    Statement: ("id", "slug", "organization", "date", "kind", "patrol", "summary", "confidence"),
}
COUNT_NAMES = {
    Patrol: "patrols",
    PatrolRegion: "region_links",
    Participation: "participations",
    Interception: "interceptions",
    Citation: "citations",
    Statement: "statements",
}
