"""What the data set is: the models it holds, in the order they load, and the schema it is at."""

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from simple_history.models import HistoricalChanges

from core.apps import data_app_labels

from .. import ordering

FORMAT = "strategic-aviation-reference/dataset"
FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = (1,)


class DatasetError(Exception):
    """Why a file cannot be imported, or a database exported; the message names the problem."""


def dataset_apps():
    """The data apps, and this one for the loader's stamps (so a restored database reloads as
    the original would)."""
    return [*data_app_labels(), "curation"]


def in_data_set(model):
    return (
        model._meta.app_label in dataset_apps()
        and not issubclass(model, HistoricalChanges)
        and model._meta.managed
        and not model._meta.proxy
        and getattr(model, "in_data_set", True)  # not this database's own bookkeeping
    )


def data_models():
    """Every model of the data set, each after the models its foreign keys point at."""
    return _parents_first([model for model in apps.get_models() if in_data_set(model)])


def _referenced_models(model):
    return {
        field.related_model
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model not in (None, model)
    }


def _parents_first(models, references=_referenced_models):
    """A stable topological order (``curation.ordering``): each model after the models it
    points at, ties in the given order. Should models ever point at each other in a loop, the
    loop is broken at the model of it that comes first: it stops waiting for the others of the
    loop, and the rest keep their order. Foreign keys are checked at commit, so any order
    loads; a loop only costs the guarantee that parents come first."""
    members = set(models)
    waits_for = {model: set(references(model)) & members for model in models}
    while True:
        try:
            return ordering.parents_first(models, waits_for.__getitem__)
        except ordering.CycleError as error:
            loop = error.args[1][:-1]
            first = min(loop, key=models.index)
            waits_for[first] -= set(loop)


def label(model):
    return model._meta.label_lower


def serialized_fields(model):
    """The fields Django's serializer writes for a record: concrete ones, and many-to-many
    relations without a model of their own (one with a ``through`` model is that model's rows)."""
    fields = {field.name: field for field in model._meta.local_fields if field.serialize}
    for field in model._meta.local_many_to_many:
        if field.serialize and field.remote_field.through._meta.auto_created:
            fields[field.name] = field
    return fields


def schema_version():
    """The last migration of each data app; refuses a database with migrations still to apply,
    whose tables would not match the models that read and write them."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    pending = sorted(
        f"{app} {name}"
        for app, name in loader.graph.nodes
        if app in dataset_apps() and (app, name) not in loader.applied_migrations
    )
    if pending:
        listed = ", ".join(pending[:3]) + (
            f" and {len(pending) - 3} more" if len(pending) > 3 else ""
        )
        raise DatasetError(
            f"The database is not fully migrated ({listed} not applied): "
            "run `python manage.py migrate` first."
        )
    return {
        app: ", ".join(sorted(name for _, name in loader.graph.leaf_nodes(app)))
        for app in dataset_apps()
    }
