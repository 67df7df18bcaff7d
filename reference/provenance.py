"""Provenance: where facts come from, and the bases every fact model builds on.

Every fact-bearing model in the project inherits ``SourcedModel``: timestamps, a confidence, the
sources it cites (through ``Citation``) and the alternative values other sources report (``Claim``).
Citations and claims are generic so that one table, one admin inline and one loader serve every
model; their foreign key to ``Source`` is PROTECT, so a source still cited cannot be deleted.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from core.apps import data_app_content_types
from core.history import AsOfRelation
from core.models import NaturalKeyQuerySet, TimeStampedModel, choices_constraint


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    REPORTED = "reported", "Reported"
    CLAIMED = "claimed", "Claimed"
    DISPUTED = "disputed", "Disputed"


class SourcedQuerySet(NaturalKeyQuerySet):
    def with_sources(self):
        """Citations and claims with their sources: two queries, whatever the number of rows.

        The rows land in plain lists (``to_attr``), which ``SourcedModel.prefetched`` reads;
        a prefetched manager would build a new QuerySet for every record and every read.
        """
        citations = Citation.objects.select_related("source").only(
            "content_type_id", "object_id", "inherited", "source__slug", "source__title"
        )
        return self.prefetch_related(
            models.Prefetch("citations", queryset=citations, to_attr="citations_prefetched"),
            models.Prefetch(
                "claims",
                queryset=Claim.objects.select_related("source"),
                to_attr="claims_prefetched",
            ),
        )

    def _attachment_count(self, model):
        attached = (
            model.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=models.OuterRef("pk"),
            )
            .values("object_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return Coalesce(models.Subquery(attached), 0)

    def with_source_count(self):
        """Annotate ``source_count`` with one correlated subquery (no row-multiplying join)."""
        return self.annotate(source_count=self._attachment_count(Citation))

    def with_claim_count(self):
        return self.annotate(claim_count=self._attachment_count(Claim))

    def disputed(self, value=True):
        """Records whose confidence is 'disputed' or that carry at least one claim."""
        claimed = Claim.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=models.OuterRef("pk"),
        )
        condition = Q(confidence=Confidence.DISPUTED) | Q(models.Exists(claimed))
        return self.filter(condition) if value else self.exclude(condition)


class SourcedModel(TimeStampedModel):
    """Timestamps, confidence, sources and claims: what every fact record carries."""

    confidence = models.CharField(
        max_length=10, choices=Confidence.choices, default=Confidence.REPORTED
    )
    citations = GenericRelation("reference.Citation")
    claims = GenericRelation("reference.Claim")

    objects = SourcedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            choices_constraint("confidence", Confidence, "%(app_label)s_%(class)s_confidence_valid")
        ]

    # What a past version is shown with (see ``core.history.attach_as_of``): the related
    # records its own columns point at, and the relations rebuilt from their history.
    as_of_follow = ()

    @classmethod
    def as_of_relations(cls):
        return [
            AsOfRelation("citations", Citation, "object_id", follow=("source",), generic=True),
            AsOfRelation("claims", Claim, "object_id", follow=("source",), generic=True),
        ]

    def prefetched(self, relation):
        """A relation's rows: the list a ``Prefetch(to_attr=f"{relation}_prefetched")`` left,
        or else a query."""
        rows = getattr(self, f"{relation}_prefetched", None)
        return rows if rows is not None else list(getattr(self, relation).all())

    # The foreign key naming the record whose sources this one inherits when written with it
    # and naming none of its own (a participation's ``patrol``); None: it inherits from nobody.
    SOURCE_PARENT = None

    def source_parent(self):
        return getattr(self, self.SOURCE_PARENT) if self.SOURCE_PARENT else None

    def source_heirs(self):
        """The records that inherit this one's sources (a patrol's participations, interceptions
        and statements), read afresh: see ``reference.services``."""
        if self.pk is None:
            return []
        heirs = []
        for model in fact_record_models():
            parent = model.SOURCE_PARENT
            if parent and isinstance(self, model._meta.get_field(parent).related_model):
                heirs += model._default_manager.filter(**{parent: self.pk}).order_by("pk")
        return heirs

    @property
    def sources(self):
        """The cited sources, in citation order."""
        return [citation.source for citation in self.prefetched("citations")]

    @property
    def sources_inherited(self):
        """True when the record cites only what it inherited from the record it belongs to."""
        citations = self.prefetched("citations")
        return bool(citations) and all(citation.inherited for citation in citations)

    @property
    def claim_list(self):
        return self.prefetched("claims")

    @property
    def is_disputed(self):
        return self.confidence == Confidence.DISPUTED or bool(self.claim_list)


class SourceKind(models.TextChoices):
    OFFICIAL_STATEMENT = "official_statement", "Official statement"
    NEWS_REPORT = "news_report", "News report"
    ANALYSIS = "analysis", "Analysis"
    OPINION = "opinion", "Opinion"
    REFERENCE_WORK = "reference_work", "Reference work"
    DATASET = "dataset", "Dataset"


class Reliability(models.TextChoices):
    """The NATO admiralty scale for source reliability."""

    A = "A", "A – completely reliable"
    B = "B", "B – usually reliable"
    C = "C", "C – fairly reliable"
    D = "D", "D – not usually reliable"
    E = "E", "E – unreliable"
    F = "F", "F – reliability cannot be judged"


class Source(TimeStampedModel):
    """Where a fact comes from."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=400)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    author = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    accessed_on = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=30, choices=SourceKind.choices)
    language = models.CharField(
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$", "An ISO 639 code.")],
    )
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.F)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            choices_constraint("kind", SourceKind, "reference_source_kind_valid"),
            choices_constraint("reliability", Reliability, "reference_source_reliability_valid"),
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="reference_source_unique_url"
            ),
            models.CheckConstraint(
                condition=Q(accessed_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(accessed_on__gte=models.F("published_on")),
                name="reference_source_accessed_after_published",
                violation_error_message="A source cannot be accessed before it was published.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.accessed_on and self.published_on and self.accessed_on < self.published_on:
            errors["accessed_on"] = "A source cannot be accessed before it was published."
        if self.url and Source.objects.filter(url=self.url).exclude(pk=self.pk).exists():
            errors["url"] = "Another source has this URL."
        if errors:
            raise ValidationError(errors)


class GenericAttachment(TimeStampedModel):
    """What citations and claims share: the record they are attached to."""

    # No index of its own: the (content_type, object_id) index below serves every lookup, and
    # SQLite's planner, left with both, scans a whole kind of record through this one.
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        limit_choices_to=data_app_content_types,
        db_index=False,
    )
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="%(app_label)s_%(class)s_target"
            )
        ]

    def clean(self):
        """The record must exist and be a fact record: the database cannot check a generic key."""
        super().clean()
        if self.content_type_id is None or self.object_id is None:
            return
        model = self.content_type.model_class()
        if model is None or not issubclass(model, SourcedModel):
            raise ValidationError({"content_type": "Only fact records cite sources and claims."})
        if not model._default_manager.filter(pk=self.object_id).exists():
            raise ValidationError({"object_id": f"There is no {model._meta.verbose_name} here."})


def fact_record_models():
    """Every installed ``SourcedModel``, found at run time (this app imports no other)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, SourcedModel)]


def attached_records():
    """GenericPrefetch for the records citations and claims point at, with what their
    ``__str__`` reads (a participation names its aircraft type and operator), so a list of
    citations or claims costs one query per kind of record rather than one per row."""
    querysets = [
        model._default_manager.select_related(
            *[field.name for field in model._meta.concrete_fields if field.many_to_one]
        )
        for model in fact_record_models()
    ]
    return GenericPrefetch("content_object", querysets)


class Citation(GenericAttachment):
    """One record citing one source."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(
        max_length=200, blank=True, help_text="Page, paragraph or quotation, where useful."
    )
    inherited = models.BooleanField(
        default=False,
        editable=False,
        help_text=(
            "Cited because the record it belongs to cites it (a participation written with its "
            "patrol and no sources of its own); kept in step with that record's sources."
        ),
    )

    class Meta(GenericAttachment.Meta):
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "source"],
                name="reference_citation_unique_source",
            )
        ]

    def __str__(self):
        return str(self.source)


class Claim(GenericAttachment):
    """An alternative value another source reports for one field of one record.

    The record keeps the preferred value; the claim keeps the other, with who said it.
    An empty ``field`` makes it a claim about the record as a whole.
    """

    field = models.CharField(max_length=64, blank=True)
    value = models.TextField(help_text="The value as the source reports it.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    confidence = models.CharField(
        max_length=10, choices=Confidence.choices, default=Confidence.CLAIMED
    )
    note = models.TextField(blank=True)

    class Meta(GenericAttachment.Meta):
        ordering = ["field", "pk"]
        constraints = [
            choices_constraint("confidence", Confidence, "reference_claim_confidence_valid"),
            models.CheckConstraint(condition=~Q(value=""), name="reference_claim_value_not_empty"),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "source", "value"],
                name="reference_claim_unique",
            ),
        ]

    def __str__(self):
        return f"{self.field or 'record'}: {self.value}"

    def clean(self):
        super().clean()
        if not self.field or self.content_type_id is None:
            return
        model = self.content_type.model_class()
        try:
            field = model._meta.get_field(self.field)
        except FieldDoesNotExist:
            field = None
        if field is None or not field.concrete or field.many_to_many:
            raise ValidationError({"field": f"{model.__name__} has no field {self.field!r}."})
