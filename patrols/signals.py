"""A patrol's regions are part of the patrol: changing them counts as changing the patrol.

The data loader asks whether anyone changed a patrol since it wrote it; a region added or removed
on the "regions crossed" screen, or through ``patrol.regions``, must answer yes.
"""

from core.history import touch

from .models import Patrol


def touch_patrol_of_link(sender, instance, raw=False, origin=None, **kwargs):
    if raw or (isinstance(origin, Patrol) and origin.pk == instance.patrol_id):
        return
    touch(Patrol, instance.patrol_id)


def touch_patrol_on_regions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # patrol.regions.add(...): instance is the patrol
        touch(Patrol, instance.pk)
        return
    # region.patrols.add(...): instance is the region; before a clear, find its patrols
    if action == "pre_clear":
        pk_set = Patrol.objects.filter(regions=instance).values_list("pk", flat=True)
    for pk in pk_set:
        touch(Patrol, pk)
