"""Aircraft types in spreadsheets (see ``reference.resources`` for the import rules)."""

from reference.resources import SourcedResource

from .models import AircraftType


class AircraftTypeResource(SourcedResource):
    """One row per type: its figures, its parent type, maker and country by slug or code."""

    class Meta(SourcedResource.Meta):
        model = AircraftType
