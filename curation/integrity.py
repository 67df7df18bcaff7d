"""Checks on the data set as a whole: rules no single row's constraints can see.

Run them with ``manage.py check_reference_data`` after a bulk edit or an import; the test suite
runs them on the curated data. Each check yields one readable line per problem.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce

from patrols.models import Interception, Patrol, PatrolKind, Statement
from reference.models import Citation, Claim, fact_record_models
from reference.services import inheritable, own_sources

from . import boundary_checks
from .activity_integrity import activity_count_problems
from .preferred_figures import preferred_figures_without_their_source


def uncited_records():
    """Every fact record cites at least one source."""
    for model in fact_record_models():
        for record in model.objects.with_source_count().filter(source_count=0):
            yield f"{model._meta.verbose_name} {record} (id {record.pk}) cites no source"


def joint_patrols_without_two_countries():
    """A joint patrol has participations from two countries or more."""
    joint = Patrol.objects.filter(kind=PatrolKind.JOINT_STRATEGIC_PATROL).with_summary()
    for patrol in joint.filter(country_count__lt=2):
        yield f"joint patrol {patrol} has participations from {patrol.country_count} country(ies)"


def interceptions_outside_patrol_dates():
    """A patrol's dates hold its interceptions."""
    last = Coalesce("patrol__end_date", "patrol__start_date")
    outside = Interception.objects.filter(date__isnull=False).filter(
        Q(date__lt=F("patrol__start_date")) | Q(date__gt=last)
    )
    for interception in outside.select_related("patrol", "responder"):
        yield (
            f"interception {interception} (id {interception.pk}) falls outside the dates of "
            f"patrol {interception.patrol}"
        )


def statements_before_their_patrol():
    """No statement tied to a patrol predates it."""
    early = Statement.objects.filter(date__lt=F("patrol__start_date"))
    for statement in early.select_related("patrol", "organization"):
        yield f"statement {statement.slug} comes before patrol {statement.patrol} began"


def inherited_sources_out_of_step():
    """A record's inherited citations are its patrol's (inheritable) sources as they now are."""
    patrols = Patrol.objects.filter(
        Exists(
            Citation.objects.filter(
                inherited=True,
                content_type__app_label="patrols",
                content_type__model__in=["participation", "interception", "statement"],
            )
        )
    )
    for patrol in patrols:
        wanted = {source.pk for source in inheritable(own_sources(patrol))}
        for heir in patrol.source_heirs():
            inherited = {c.source_id for c in heir.citations.all() if c.inherited}
            if inherited and inherited != wanted:
                yield (
                    f"{heir._meta.verbose_name} {heir} (id {heir.pk}) inherits sources its "
                    f"patrol {patrol} no longer cites, or misses some it does"
                )


def ordinals_out_of_date_order():
    """Joint patrols numbered 1st, 2nd, … start in that order."""
    numbered = Patrol.objects.filter(ordinal__isnull=False).order_by("kind", "ordinal")
    previous = None
    for patrol in numbered:
        if previous and previous.kind == patrol.kind and patrol.start_date < previous.start_date:
            yield (
                f"patrol no. {patrol.ordinal} ({patrol.start_date}) starts before "
                f"no. {previous.ordinal} ({previous.start_date})"
            )
        previous = patrol


def dangling_attachments():
    """Citations and claims point at records that exist (a generic key has no foreign key)."""
    for attachment_model in (Citation, Claim):
        for content_type_id, model in _attached_models(attachment_model):
            target = model._default_manager.filter(pk=OuterRef("object_id"))
            dangling = attachment_model.objects.filter(content_type_id=content_type_id).exclude(
                Exists(target)
            )
            for attachment in dangling:
                yield (
                    f"{attachment_model._meta.verbose_name} {attachment.pk} points at a missing "
                    f"{model._meta.verbose_name} (id {attachment.object_id})"
                )


def _attached_models(attachment_model):
    pairs = attachment_model.objects.values_list("content_type", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=pairs):
        model = content_type.model_class()
        if model is not None:
            yield content_type.pk, model


CHECKS = (
    uncited_records,
    joint_patrols_without_two_countries,
    interceptions_outside_patrol_dates,
    statements_before_their_patrol,
    inherited_sources_out_of_step,
    ordinals_out_of_date_order,
    dangling_attachments,
    preferred_figures_without_their_source,
    *boundary_checks.CHECKS,
    activity_count_problems,
)


def problems():
    """Every problem every check finds, as readable lines; empty when the data holds up."""
    return [line for check in CHECKS for line in check()]
