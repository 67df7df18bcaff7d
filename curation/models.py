"""The loader's bookkeeping: not curated data, but what keeps the loader from overwriting it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class LoadStamp(models.Model):
    """What the data loader last wrote to a record, so it never overwrites a curator's edit.

    ``digest`` is the hash of the data-file entry; ``record_updated_at`` the record's timestamp
    right after the loader saved it. A later timestamp means someone has changed the record since.
    The table keeps the name it had when the model lived in ``reference``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    natural_key = models.TextField()
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    record_updated_at = models.DateTimeField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "reference_loadstamp"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "natural_key"], name="curation_loadstamp_unique_key"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model}:{self.natural_key}"


class DatasetVersion(models.Model):
    """The data set's version: one row whose ``number`` goes up with every write to a data
    model, in the writer's own transaction, and the data set's digest as ``export_dataset``
    computes it, with the ``number`` it was computed at (see ``curation.version``). It lives in
    the database, so every worker reads the same, and a write that rolls back takes its step
    back too.
    """

    number = models.PositiveBigIntegerField(default=0)
    digest = models.CharField(max_length=71, blank=True, default="")  # "sha256:" + 64 hex
    digest_number = models.PositiveBigIntegerField(null=True, blank=True)  # None: never computed

    # Not exported: it counts this database's writes (an import makes its own), and the export's
    # digest must name the data, not how many writes made it.
    in_data_set = False

    def __str__(self):
        return str(self.number)
