"""The patrol list page built from plain rows: the API's hot path, made cheap.

The general path (``PatrolSerializer`` over prefetched model instances) spends most of a page's
time building ORM objects and walking DRF fields. A page here is nine ``.values()`` queries and
dictionaries built directly, in exactly the serializer's shape: ``test_api_patrol_pages`` holds
the two equal, record by record, on the curated data. Writes, details, CSV and the browsable API
keep the general path.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers

from core.api.fields import ResourceURLs
from reference.models import Citation, Claim, Confidence

from ..models import Interception, Participation, Patrol, PatrolRegion, Statement

PATROL_COLUMNS = (
    "id", "slug", "name", "kind", "ordinal", "start_date", "end_date", "summary", "notes",
    "route", "confidence", "created_at", "updated_at",
)  # fmt: skip

_date = serializers.DateField().to_representation
_datetime = serializers.DateTimeField().to_representation


class Links(ResourceURLs):
    """The API's URLs, and its compact ``{slug|code, name, url}`` objects, from plain values."""

    def compact(self, view_name, key, name, key_name="slug"):
        if key is None:
            return None
        return {key_name: key, "name": name, "url": self(view_name, key)}


def grouped(rows, key="patrol_id"):
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def patrol_page(patrol_rows, request):
    """The serialized patrols for ``patrol_rows`` (``.values(*PATROL_COLUMNS)`` rows, in order)."""
    link = Links(request)
    ids = [row["id"] for row in patrol_rows]
    patrol_type = ContentType.objects.get_for_model(Patrol)
    participations = grouped(
        Participation.objects.filter(patrol_id__in=ids).values(
            "id", "patrol_id", "aircraft_type__slug", "aircraft_type__designation",
            "aircraft_description", "operator__slug", "operator__name",
            "operator__country__code", "operator__country__name", "count", "role", "notes",
        )
    )  # fmt: skip
    interceptions = grouped(
        Interception.objects.filter(patrol_id__in=ids).values(
            "id", "patrol_id", "responder__slug", "responder__name", "responder__country__code",
            "responder__country__name", "aircraft_type__slug", "aircraft_type__designation",
            "count", "date", "region__slug", "region__name", "airspace_violated", "notes",
        )
    )  # fmt: skip
    statements = grouped(
        Statement.objects.filter(patrol_id__in=ids).values(
            "id", "patrol_id", "slug", "organization__slug", "organization__name", "speaker",
            "date", "kind", "summary",
        )
    )  # fmt: skip
    regions = grouped(
        PatrolRegion.objects.filter(patrol_id__in=ids)
        .order_by("region__name")
        .values("patrol_id", "region__slug", "region__name")
    )
    attached = {"content_type": patrol_type, "object_id__in": ids}
    citations = grouped(
        Citation.objects.filter(**attached).values("object_id", "source__slug", "source__title"),
        key="object_id",
    )
    claims = grouped(
        Claim.objects.filter(**attached).values(
            "id", "object_id", "field", "value", "source__slug", "source__title", "confidence",
            "note",
        ),
        key="object_id",
    )  # fmt: skip

    def participation(row):
        return {
            "id": row["id"],
            "aircraft_type": link.compact(
                "aircrafttype", row["aircraft_type__slug"], row["aircraft_type__designation"]
            ),
            "aircraft_description": row["aircraft_description"],
            "operator": link.compact("organization", row["operator__slug"], row["operator__name"]),
            "country": link.compact(
                "country", row["operator__country__code"], row["operator__country__name"], "code"
            ),
            "count": row["count"],
            "role": row["role"],
            "notes": row["notes"],
        }

    def interception(row):
        return {
            "id": row["id"],
            "responder": link.compact(
                "organization", row["responder__slug"], row["responder__name"]
            ),
            "country": link.compact(
                "country", row["responder__country__code"], row["responder__country__name"], "code"
            ),
            "aircraft_type": link.compact(
                "aircrafttype", row["aircraft_type__slug"], row["aircraft_type__designation"]
            ),
            "count": row["count"],
            "date": _date(row["date"]) if row["date"] else None,
            "region": link.compact("region", row["region__slug"], row["region__name"]),
            "airspace_violated": row["airspace_violated"],
            "notes": row["notes"],
        }

    def statement(row):
        return {
            "id": row["id"],
            "url": link("statement", row["slug"]),
            "slug": row["slug"],
            "organization": link.compact(
                "organization", row["organization__slug"], row["organization__name"]
            ),
            "speaker": row["speaker"],
            "date": _date(row["date"]) if row["date"] else None,
            "kind": row["kind"],
            "summary": row["summary"],
        }

    def claim(row):
        return {
            "id": row["id"],
            "field": row["field"],
            "value": row["value"],
            "source": link.compact("source", row["source__slug"], row["source__title"]),
            "confidence": row["confidence"],
            "note": row["note"],
        }

    page = []
    for row in patrol_rows:
        pk = row["id"]
        own = [participation(p) for p in participations.get(pk, ())]
        countries = {p["country"]["code"]: p["country"] for p in own if p["country"]}
        counts = [p["count"] for p in own if p["count"] is not None]
        own_claims = [claim(c) for c in claims.get(pk, ())]
        page.append(
            {
                "id": pk,
                "url": link("patrol", row["slug"]),
                "slug": row["slug"],
                "name": row["name"],
                "kind": row["kind"],
                "ordinal": row["ordinal"],
                "start_date": _date(row["start_date"]),
                "end_date": _date(row["end_date"]) if row["end_date"] else None,
                "countries": [countries[code] for code in sorted(countries)],
                "joint": len(countries) >= 2,
                "aircraft_count": sum(counts) if counts else None,
                "regions": [
                    link.compact("region", r["region__slug"], r["region__name"])
                    for r in regions.get(pk, ())
                ],
                "participations": own,
                "interceptions": [interception(i) for i in interceptions.get(pk, ())],
                "statements": [statement(s) for s in statements.get(pk, ())],
                "summary": row["summary"],
                "notes": row["notes"],
                "route": row["route"],
                "confidence": row["confidence"],
                "disputed": row["confidence"] == Confidence.DISPUTED or bool(own_claims),
                "sources": [
                    link.compact("source", c["source__slug"], c["source__title"])
                    for c in citations.get(pk, ())
                ],
                "claims": own_claims,
                "created_at": _datetime(row["created_at"]),
                "updated_at": _datetime(row["updated_at"]),
            }
        )
    return page
