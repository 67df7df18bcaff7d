"""How the site's doors hold: sign-in attempts limited by django-axes (see settings "Doors").

Axes counts failures per user name and client address and locks that pair out for a cool-off
period. Three pieces adapt it to this site: the address is found the way the API throttle finds
it (behind ``API_NUM_PROXIES`` proxies), so one client cannot lock a curator out for everyone
behind the same load balancer; a lockout answers a page that says what happened and when to try
again (JSON under ``/api/``, like every other error there); and code that authenticates without a
request (a management command, a test's ``client.login``) is not counted, since no network
client can reach ``authenticate()`` that way.
"""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.shortcuts import render
from rest_framework.settings import api_settings

LOCKED_OUT_TEMPLATE = "doors/locked_out.html"


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Axes' standalone backend, refusing a locked-out user name and address before the model
    backend checks the password. A call without a request is the project's own code, not a
    sign-in over the network: it is let through to the next backend uncounted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request):
    """The client's address as the API throttle reads it: ``API_NUM_PROXIES`` hops from the
    right of X-Forwarded-For, or the socket's peer when no proxy is configured."""
    remote_addr = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    num_proxies = api_settings.NUM_PROXIES
    if not num_proxies or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(num_proxies, len(addresses))] or remote_addr


def lockout_response(request, original_response=None, credentials=None):
    """429 with Retry-After: a page naming the wait, or ``{"detail": ...}`` under /api/."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    message = (
        f"Too many failed sign-in attempts for this user name from your address. "
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."
        if minutes
        else "Too many failed sign-in attempts for this user name from your address."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        context = {"message": message, "title": "Sign-in locked"}
        response = render(request, LOCKED_OUT_TEMPLATE, context, status=429)
    if cool_off:
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response
