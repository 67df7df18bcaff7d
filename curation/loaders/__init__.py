"""One loader module per data app, each reading that app's ``data/`` file; run in this order
(each app's records point only at the apps before it)."""

from . import activity, aircraft, patrols, reference

LOADERS = (reference, aircraft, patrols, activity)
