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


class SentEmail(models.Model):
    """A claim on one email a cron job sends (a reminder, a weekly digest).

    The key names the email and its recipient; the unique constraint lets two overlapping
    copies of the same job race for it, and only the one whose INSERT wins sends."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(db_default=Now(), db_index=True)

    class Meta:
        verbose_name = _("sent email")

    def __str__(self) -> str:
        return self.key


class CacheFallbackEntry(models.Model):
    """The table Django's database cache uses while Redis is down (`kinship.core.cache`).

    Declared as a model so that `migrate` makes it; the cache reads and writes it in SQL."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "core_cache_fallback"
        verbose_name = _("cache entry (Redis fallback)")
        verbose_name_plural = _("cache entries (Redis fallback)")

    def __str__(self) -> str:
        return self.cache_key


class WorkerHeartbeat(models.Model):
    """When each task worker last went round its loop: `/healthz` says whether one is alive."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class Submission(models.Model):
    """A claim on one posting of a form, so the same form sent twice makes one thing.

    Each form carries a one-time token (`{% submission_token %}`). The first POST with it
    inserts this row before the view runs; the unique constraint turns a second POST with
    the same token (a double click, a retry) away from the view. `location` is empty while
    the first is running, and holds where its success redirected once done, so the second
    is sent there too (`kinship.core.submissions`). The owner is `user:<id>` or
    `session:<key>`, not a foreign key: the row is kept for two days and names nothing."""

    owner = models.CharField(max_length=80)
    token = models.CharField(max_length=64)
    path = models.TextField()
    location = models.TextField(blank=True)
    header = models.CharField(max_length=20, blank=True)
    claimed_at = models.DateTimeField(db_default=Now(), db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "token"], name="unique_submission_token")
        ]
        verbose_name = _("form submission")

    def __str__(self) -> str:
        return f"{self.owner} {self.path} {'done' if self.location else 'pending'}"
