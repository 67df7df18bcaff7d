"""``POST /api/v1/auth/token/``: a script trades a user name and password for its API token.

The answer is ``{"token": "<40 hex>"}``, the user's one token (``rest_framework.authtoken``'s
``Token``, the one ``issue_api_token`` prints; created on first use, never rotated here), sent
afterwards as ``Authorization: Token <token>``. It carries the user's own permissions.

The body is JSON or a form with ``username`` and ``password``. Refusals: 400 naming the field
for one missing or blank; 400 with one ``non_field_errors`` message for credentials that do not
sign in (whether the name or the password was wrong is not said, nor whether the account is
inactive); 429 when throttled (``API_TOKEN_THROTTLE_RATE`` per client address, 10/minute unless
set, counted atomically like the API's other throttle); and, after
``DJANGO_LOGIN_FAILURE_LIMIT`` failures of a name from one address, django-axes' lockout, the
admin's (config/doors.py): 429 with Retry-After, even to the right password. GET is 405.
"""

from django.conf import settings
from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .geojson import StrictFormatMixin
from .params import StrictParametersMixin
from .parsers import BoundedJSONParser
from .renderers import FastJSONRenderer
from .throttling import AnonymousRateThrottle

NOT_SIGNED_IN = "Unable to sign in with the user name and password given."


class TokenThrottle(AnonymousRateThrottle):
    """Every client of the endpoint, signed in or not, by address, at its own rate."""

    scope = "token"

    def get_rate(self):
        return getattr(settings, "API_TOKEN_THROTTLE_RATE", None) or None

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenView(StrictFormatMixin, StrictParametersMixin, APIView):
    """A user's API token for their user name and password (a ``format`` other than JSON is a
    400 naming it, as everywhere in the API)."""

    authentication_classes = []  # the credentials are the body's; no session, no CSRF
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]
    renderer_classes = [FastJSONRenderer]
    serializer_class = CredentialsSerializer

    @extend_schema(
        operation_id="auth_token_create",
        request=CredentialsSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        description=(
            "Trade a user name and password for the user's API token, to send as "
            "`Authorization: Token <token>`. Wrong credentials are one 400 that does not say "
            "which was wrong; repeated failures lock the user name out from the client's "
            "address (429 with Retry-After), as at the admin's sign-in; the endpoint is "
            "throttled per address."
        ),
        tags=["auth"],
    )
    def post(self, request):
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = authenticate(request._request, **credentials.validated_data)
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [NOT_SIGNED_IN]})
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
