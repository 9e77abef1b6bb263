from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One sensitive action. Append-only: database triggers refuse UPDATE, DELETE and TRUNCATE.

    The actor is kept as a plain id and email, not a foreign key, so that deleting a user
    never needs to touch (and so never can rewrite) the log. Each entry is a link in a hash
    chain: `seq` numbers the entries without gaps, `prev_hash` is the previous entry's `hash`,
    and `hash` is SHA-256 over this entry's fields and `prev_hash` (see `kinship.core.chain`).
    On PostgreSQL a trigger sets `at`, `seq`, `prev_hash` and `hash` whatever the INSERT says.
    """

    at = models.DateTimeField(db_default=Now(), db_index=True)
    seq = models.BigIntegerField(db_default=None, null=True, unique=True, editable=False)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, db_default="", blank=True, editable=False)
    hash = models.CharField(max_length=64, db_default="", blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        # No address: an erased person's entries are shown without it (kinship.core.audit).
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"
