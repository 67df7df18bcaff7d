"""The viewset base every resource is built from.

A resource is then a declaration: a serializer listing its fields and a viewset naming its
queryset, serializer, filterset and search fields.
"""

from django.db import transaction
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from .conditional import ConditionalRequestsMixin
from .csv import CSVRenderer, stream_csv
from .filtering import StrictOrderingFilter, StrictSearchFilter
from .history import HistoryMixin
from .renderers import FastJSONRenderer


class RecordViewSet(ConditionalRequestsMixin, HistoryMixin, viewsets.ModelViewSet):
    """List and detail for everyone; writes for users holding the model's permission.

    Writes run in one transaction and answer with the record read back through the list's own
    queryset, so a write returns exactly what a read would. ``?format=csv`` on a list streams
    every matching row, not one page. Records carry an ETag; a write with a stale ``If-Match``
    is refused (see ``conditional``).
    """

    lookup_field = "slug"
    lookup_value_regex = "[^/.\x00]+"  # a NUL never reaches the database (PostgreSQL refuses it)
    filter_backends = [DjangoFilterBackend, StrictSearchFilter, StrictOrderingFilter]
    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    parser_classes = [JSONParser]  # one body format, so a request means one thing
    ordering_fields = ()

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == CSVRenderer.format:
            self.paginator.check_parameters(request)  # ignored by CSV, but still checked
            return stream_csv(self, self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = serializer.save()
        return Response(self.read_back(instance), status=status.HTTP_201_CREATED)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        record = self.get_object_to_change()
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return Response(self.read_back(serializer.save()))

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        self.perform_destroy(self.get_object_to_change())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def read_back(self, instance):
        return self.get_serializer(self.get_queryset().get(pk=instance.pk)).data

    def finalize_response(self, request, response, *args, **kwargs):
        """Errors are JSON even when CSV was asked for: a client must be able to read them."""
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and isinstance(renderer, CSVRenderer):
            request.accepted_renderer = FastJSONRenderer()
            request.accepted_media_type = FastJSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
