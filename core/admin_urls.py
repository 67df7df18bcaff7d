"""Admin pages that take what their URL gives them exactly, or refuse it as Django does.

Two kinds of value reached the database unchecked and ended in a 500:

- the add form's initial values from the query string (``?country=abc``, ``?patrol=1,2``): a
  related field's widget (the autocomplete's ``optgroups``) looks the value up as it stands.
  Each value the form field cannot clean (or that names no record) is dropped, as if not
  given; the others still fill the form.
- the object and version ids of the history pages (``/abc/history/``, ``/1/history/abc/``):
  django-simple-history filters by them as they come, where Django's change and delete pages
  first read the id as the primary key's type. A malformed object id gets Django's answer to
  one on /change/ (the index, with a message); a malformed version id is an unknown version (404).

A NUL character is refused in either, before any query: PostgreSQL takes none in text.
``CheckedListsAdmin`` (``core.changelist``) carries this mixin to every registered admin.
"""

from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import DatabaseError, router, transaction
from django.http import Http404

CANNOT_CLEAN = (ValidationError, ValueError, TypeError, OverflowError, DatabaseError)


def holds_nul(value):
    values = value if isinstance(value, list | tuple) else [value]
    return any("\x00" in str(item) for item in values)


def malformed_key(field, value):
    """Whether ``value`` cannot be a value of the key ``field`` (a primary key)."""
    if holds_nul(value):
        return True
    try:
        field.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return True
    return False


class CheckedObjectsAdmin(ModelAdmin):
    """Add-form initial data and history ids checked before any query uses them."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        fields = self.get_form(request, None, change=False).base_fields
        using = router.db_for_read(self.model)
        for name in [name for name in initial if name in fields]:
            if not self.takes_initial(fields[name], initial[name], using):
                del initial[name]
        return initial

    @staticmethod
    def takes_initial(field, value, using):
        if holds_nul(value):
            return False
        try:
            # A savepoint: on PostgreSQL a failed lookup must not end the request's transaction.
            with transaction.atomic(using=using):
                field.clean(value)
        except CANNOT_CLEAN:
            return False
        return True

    def history_view(self, request, object_id, extra_context=None):
        if malformed_key(self.model._meta.pk, unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's page of one version (routed only for its admins)."""
        if malformed_key(self.model._meta.pk, unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        history = self.model._meta.simple_history_manager_attribute
        if malformed_key(getattr(self.model, history).model._meta.pk, version_id):
            raise Http404("No such version.")
        return super().history_form_view(request, object_id, version_id, extra_context)
