"""Checks on the data set as a whole: rules no single row's constraints can see.

Run them with ``manage.py check_reference_data`` after a bulk edit or an import; the test suite
runs them on the curated data. Each check yields one readable line per problem.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from patrols.models import Patrol, PatrolKind
from reference.models import Citation, Claim, fact_record_models


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
    ordinals_out_of_date_order,
    dangling_attachments,
)


def problems():
    """Every problem every check finds, as readable lines; empty when the data holds up."""
    return [line for check in CHECKS for line in check()]
