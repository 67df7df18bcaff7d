"""What a patrol drew: interceptions (who scrambled what, where) and statements (who said what)."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from aircraft.models import AircraftType
from core.models import choices_constraint, count_constraint
from reference.models import Organization, Region, SourcedModel


def tied_patrol(record):
    """The patrol a record belongs to, set though perhaps not yet saved (an add form's inline),
    or None."""
    try:
        return record.patrol
    except ObjectDoesNotExist:
        return None


class Interception(SourcedModel):
    """A response to a patrol: who scrambled what, where, and whether airspace was violated."""

    SOURCE_PARENT = "patrol"  # inherits its sources when written with it

    patrol = models.ForeignKey(
        "patrols.Patrol", on_delete=models.CASCADE, related_name="interceptions"
    )
    responder = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="interceptions"
    )
    aircraft_type = models.ForeignKey(
        AircraftType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interceptions",
        help_text="The type scrambled, when the sources name it.",
    )
    count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    date = models.DateField(null=True, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="interceptions"
    )
    airspace_violated = models.BooleanField(
        null=True, blank=True, help_text="Empty when the sources do not say."
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["patrol", "date", "pk"]
        constraints = [
            *SourcedModel.Meta.constraints,
            count_constraint("count", "patrols_interception_count_positive"),
            models.UniqueConstraint(
                fields=["patrol", "responder", "aircraft_type", "date"],
                name="patrols_interception_unique",
            ),
        ]

    def __str__(self):
        return (
            f"{self.responder}: {self.aircraft_type or 'aircraft'} ({self.date or 'date unknown'})"
        )

    def clean(self):
        super().clean()
        patrol = tied_patrol(self)
        if patrol and self.date and patrol.start_date:
            last = patrol.end_date or patrol.start_date
            if not patrol.start_date <= self.date <= last:
                raise ValidationError(
                    {"date": f"The patrol ran from {patrol.start_date} to {last}."}
                )


class StatementKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", "Announcement"
    PROTEST = "protest", "Protest"
    CONCERN = "concern", "Concern"
    CONDEMNATION = "condemnation", "Condemnation"
    JUSTIFICATION = "justification", "Justification"
    DENIAL = "denial", "Denial"


class Statement(SourcedModel):
    """What an organization said, summarised in our own words."""

    SOURCE_PARENT = "patrol"  # inherits its sources when written with it

    slug = models.SlugField(
        max_length=120, unique=True, blank=True, help_text="Left empty, it is made from the rest."
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="statements"
    )
    speaker = models.CharField(max_length=200, blank=True, help_text="The person who spoke.")
    date = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=StatementKind.choices)
    patrol = models.ForeignKey(
        "patrols.Patrol",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    summary = models.TextField()

    class Meta(SourcedModel.Meta):
        ordering = ["date", "pk"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", StatementKind, "patrols_statement_kind_valid"),
            models.CheckConstraint(
                condition=~Q(summary=""), name="patrols_statement_summary_not_empty"
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="patrols_statement_slug_not_empty"),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_kind_display()} ({self.date or 'undated'})"

    def save(self, *args, **kwargs):
        self._fill_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._fill_slug()
        patrol = tied_patrol(self)
        if patrol and self.date and patrol.start_date and self.date < patrol.start_date:
            raise ValidationError(
                {"date": f"The patrol it concerns began on {patrol.start_date}, after this date."}
            )

    def _fill_slug(self):
        """An empty slug is made from the organization, kind and date, unique with a suffix."""
        if self.slug or not self.organization_id:
            return
        base = slugify(f"{self.organization.slug} {self.kind} {self.date or ''}")[:100]
        self.slug, n = base, 1
        while Statement.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            n += 1
            self.slug = f"{base}-{n}"
