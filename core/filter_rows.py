"""Filters that look through a relation: to one and the same related row, or down a tree.

``same_row`` names one-to-many relations of a FilterSet's model (``participations``): the
filters on one of them (those whose ``field_name`` starts with ``<relation>__``) must all be met
by one and the same related row, not each by any row. ``?country=CN&role=escort`` on patrols
then asks for a Chinese participation in the role of escort, not for a patrol with some Chinese
participation and some escort. A repeated parameter still ORs its values within that row. The
rows are one subquery, so a list's query count does not change.
"""

import copy


def with_descendants(records, parent):
    """The ids of ``records`` and of every record below them through ``parent`` (a foreign key
    to the same model), at any depth.

    One query, whatever the depth: the tree's links are read whole (a small table such as
    aircraft types or regions) and walked here, so a list's query count stays fixed.
    """
    records = list(records)
    if not records:
        return set()
    model = type(records[0])
    children = {}
    links = model._default_manager.filter(**{f"{parent}__isnull": False})
    for pk, parent_pk in links.values_list("pk", parent).order_by():
        children.setdefault(parent_pk, []).append(pk)
    found, frontier = set(), [record.pk for record in records]
    while frontier:  # a cycle cannot loop: a record is visited once
        pk = frontier.pop()
        if pk not in found:
            found.add(pk)
            frontier.extend(children.get(pk, ()))
    return found


class SameRowFilters:
    """For a FilterSet: the filters on each ``same_row`` relation match one related row."""

    same_row = ()

    def filter_queryset(self, queryset):
        rows = {}  # relation -> (the related rows filtered so far, whether any filter applied)
        for name, value in self.form.cleaned_data.items():
            filter_ = self.filters[name]
            relation = self.row_relation(filter_)
            if relation is None:
                queryset = filter_.filter(queryset, value)
                continue
            related, applied = rows.get(relation) or (self.related_rows(queryset, relation), False)
            row_filter = copy.copy(filter_)
            row_filter.field_name = filter_.field_name[len(relation) + 2 :]
            narrowed = row_filter.filter(related, value)
            # A filter given no value hands the queryset back untouched.
            rows[relation] = (narrowed, applied or narrowed is not related)
        for relation, (related, applied) in rows.items():
            if applied:
                key = queryset.model._meta.get_field(relation).field.attname
                queryset = queryset.filter(pk__in=related.order_by().values(key))
        return queryset

    def row_relation(self, filter_):
        """The ``same_row`` relation a filter is on, or None."""
        if getattr(filter_, "method", None):
            return None  # a method filters the model's own queryset
        for relation in self.same_row:
            if filter_.field_name.startswith(f"{relation}__"):
                return relation
        return None

    @staticmethod
    def related_rows(queryset, relation):
        return queryset.model._meta.get_field(relation).related_model._default_manager.all()
