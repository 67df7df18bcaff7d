"""The ground floor: countries, organizations, regions, sources, claims, and the shared bases.

Every fact-bearing model in the project inherits ``SourcedModel``: timestamps, a confidence, the
sources it cites (through ``Citation``) and the alternative values other sources report (``Claim``).
Citations and claims are generic so that one table, one admin inline and one loader serve every
model; their foreign key to ``Source`` is PROTECT, so a source still cited cannot be deleted.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Length, Upper
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from .geojson import GEOMETRY_TYPES, validate_geometry
from .history import AsOfRelation
from .permissions import DATA_APPS


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    REPORTED = "reported", "Reported"
    CLAIMED = "claimed", "Claimed"
    DISPUTED = "disputed", "Disputed"


def choices_constraint(field, choices, name):
    """A database CHECK that ``field`` holds one of ``choices`` (Django does not add one)."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def count_constraint(field, name):
    """Counts are unknown (null) or at least one: zero aircraft is not a participation."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1}), name=name
    )


def year_constraint(field, name, nullable=True):
    """Years are plausible: 1900–2100 (or unknown, when the field allows it)."""
    in_range = Q(**{f"{field}__gte": 1900, f"{field}__lte": 2100})
    condition = (Q(**{f"{field}__isnull": True}) | in_range) if nullable else in_range
    return models.CheckConstraint(condition=condition, name=name)


def geometry_constraint(field, name):
    """The database half of geometry validation: null or a known GeoJSON geometry type.

    A value without a ``type`` key makes the IN test unknown, which a CHECK would let pass;
    coalescing unknown to false refuses it.
    """
    known_type = Coalesce(
        Q(**{f"{field}__type__in": GEOMETRY_TYPES}),
        models.Value(False),
        output_field=models.BooleanField(),
    )
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(known_type), name=name
    )


def is_own_ancestor(instance, parent_field):
    """Whether following ``parent_field`` upwards from ``instance`` leads back to it.

    A form or the loader asks before saving; the database's own check covers only direct
    self-reference (and, for aircraft types, a trigger covers longer loops).
    """
    if instance.pk is None:
        return False
    ancestor, seen = getattr(instance, parent_field), set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == instance.pk:
            return True
        seen.add(ancestor.pk)
        ancestor = getattr(ancestor, parent_field)
    return False


class TimeStampedModel(models.Model):
    """Every data record: when it was created and last changed, and every version it has had.

    ``history`` (django-simple-history) is inherited, so each concrete subclass gets its own
    ``Historical<Model>`` table holding one row per saved version, with the user and the reason.
    """

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class SourcedQuerySet(models.QuerySet):
    def with_sources(self):
        """Citations and claims with their sources: two queries, whatever the number of rows.

        The rows land in plain lists (``to_attr``), which ``SourcedModel.prefetched`` reads;
        a prefetched manager would build a new QuerySet for every record and every read.
        """
        citations = Citation.objects.select_related("source").only(
            "content_type_id", "object_id", "source__slug", "source__title"
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

    # What a past version is shown with (see ``reference.history.attach_as_of``): the related
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

    @property
    def sources(self):
        """The cited sources, in citation order."""
        return [citation.source for citation in self.prefetched("citations")]

    @property
    def claim_list(self):
        return self.prefetched("claims")

    @property
    def is_disputed(self):
        return self.confidence == Confidence.DISPUTED or bool(self.claim_list)


class Country(TimeStampedModel):
    code = models.CharField(
        "ISO alpha-2 code",
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Two capital letters (ISO 3166-1 alpha-2).")],
    )
    code3 = models.CharField(
        "ISO alpha-3 code",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three capital letters (ISO 3166-1 alpha-3).")],
    )
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(Exact(Length("code"), 2), code=Upper("code")),
                name="reference_country_code_alpha2",
            ),
            models.CheckConstraint(
                condition=Q(Exact(Length("code3"), 3), code3=Upper("code3")),
                name="reference_country_code_alpha3",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class OrganizationKind(models.TextChoices):
    AIR_FORCE = "air_force", "Air force"
    NAVAL_AVIATION = "naval_aviation", "Naval aviation"
    AVIATION_COMMAND = "aviation_command", "Aviation command"
    ARMED_FORCES = "armed_forces", "Armed forces"
    MINISTRY = "ministry", "Ministry"
    JOINT_STAFF = "joint_staff", "Joint staff"
    GOVERNMENT = "government", "Government"
    LEGISLATURE = "legislature", "Legislature"
    MULTINATIONAL_COMMAND = "multinational_command", "Multinational command"
    OTHER = "other", "Other"


class Organization(SourcedModel):
    """Anyone who operates aircraft or speaks: an air force, a command, a ministry."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=30, choices=OrganizationKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text="Empty for multinational commands such as NORAD.",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["name"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", OrganizationKind, "reference_organization_kind_valid"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="reference_organization_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name  # short names repeat across countries ("MND" in Beijing and Seoul)

    def clean(self):
        super().clean()
        if is_own_ancestor(self, "parent"):
            raise ValidationError({"parent": "An organization cannot be its own ancestor."})


class RegionKind(models.TextChoices):
    SEA = "sea", "Sea"
    STRAIT = "strait", "Strait"
    OCEAN_AREA = "ocean_area", "Ocean area"
    ADIZ = "adiz", "Air defense identification zone"
    AIRSPACE = "airspace", "National airspace"
    ISLAND_AREA = "island_area", "Island area"
    OTHER = "other", "Other"


class Region(SourcedModel):
    """A named sea, strait, ocean area, ADIZ or national airspace."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    declared_by = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declared_regions",
        help_text="The declaring country, for an ADIZ.",
    )
    established_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    geometry = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_geometry],
        help_text="A GeoJSON geometry object (longitude, latitude in WGS 84).",
    )
    notes = models.TextField(blank=True)

    class Meta(SourcedModel.Meta):
        ordering = ["name"]
        constraints = [
            *SourcedModel.Meta.constraints,
            choices_constraint("kind", RegionKind, "reference_region_kind_valid"),
            geometry_constraint("geometry", "reference_region_geometry_type"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="reference_region_not_own_parent"
            ),
            year_constraint("established_year", "reference_region_established_year_range"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Structure the database cannot check is checked on every ORM write, not only in forms.
        validate_geometry(self.geometry)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if is_own_ancestor(self, "parent"):
            raise ValidationError({"parent": "A region cannot be its own ancestor."})


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
        limit_choices_to={"app_label__in": DATA_APPS},
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


def cite(record, sources):
    """Make ``record`` cite exactly ``sources``, keeping citations that stay (and their locators).

    Rows are saved and deleted one by one so the signals that stamp the record as edited run.
    """
    citations = {
        citation.source_id: citation
        for citation in Citation.objects.filter(
            content_type__app_label=record._meta.app_label,
            content_type__model=record._meta.model_name,
            object_id=record.pk,
        )
    }
    replace_links(
        citations,
        {source.pk: source for source in sources},
        lambda source: Citation.objects.create(content_object=record, source=source),
    )


def replace_links(existing, wanted, create):
    """Make a record's link rows (citations, regions crossed) exactly ``wanted``, keeping those
    that stay. ``existing`` maps a target's id to its link row, ``wanted`` to the target.

    Rows are deleted and created one by one, so the signals that stamp the record as edited and
    the history of each link see every change (a bulk ``set()`` would bypass both).
    """
    for key, link in existing.items():
        if key not in wanted:
            link.delete()
    for key, target in wanted.items():
        if key not in existing:
            create(target)


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


class LoadStamp(models.Model):
    """What the data loader last wrote to a record, so it never overwrites a curator's edit.

    ``digest`` is the hash of the data-file entry; ``record_updated_at`` the record's timestamp
    right after the loader saved it. A later timestamp means someone has changed the record since.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    natural_key = models.TextField()
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    record_updated_at = models.DateTimeField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "natural_key"], name="reference_loadstamp_unique_key"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model}:{self.natural_key}"
