"""Degrade, don't fall over: Redis down, the database down, no task worker."""

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.conftest import PASSWORD, Personas, signed_in_client
from kinship.core.cache import RedisWithDatabaseFallback
from kinship.core.models import CacheFallbackEntry, WorkerHeartbeat
from kinship.forums.ratelimit import RateLimited, posting_rate_check, posting_rate_count

pytestmark = pytest.mark.django_db

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1
REDIS = "redis://127.0.0.1:6379/15"


def _redis_cache(settings: Any, location: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "kinship.core.cache.RedisWithDatabaseFallback",
            "LOCATION": location,
            "KEY_PREFIX": f"test-outages-{timezone.now().timestamp()}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _worker_alive() -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id="test", defaults={"seen_at": timezone.now()})


def test_with_redis_unreachable_sign_in_and_the_dashboard_work_and_healthz_answers_503(
    people: Personas, settings: Any
) -> None:
    _redis_cache(settings, NOWHERE)
    _worker_alive()
    client = Client()
    signed_in = client.post(
        reverse("accounts:login"), {"username": people.teacher.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302 and "/login/" not in signed_in["Location"]
    dashboard = client.get(reverse("families:dashboard"))
    assert dashboard.status_code == 200
    assert people.teacher.display_name in dashboard.content.decode()
    health = client.get(reverse("core:healthz"))
    assert health.status_code == 503
    assert health.json()["cache"].startswith("down") and health.json()["database"] == "ok"
    # What the cache held meanwhile went to the database table.
    assert CacheFallbackEntry.objects.exists()


def test_posting_limits_still_count_together_with_redis_down(
    people: Personas, settings: Any
) -> None:
    _redis_cache(settings, NOWHERE)
    for _ in range(8):
        posting_rate_count(people.teacher)
    with pytest.raises(RateLimited):
        posting_rate_check(people.teacher)


def test_with_redis_up_the_cache_is_redis_and_healthz_is_well(
    people: Personas, settings: Any
) -> None:
    _redis_cache(settings, REDIS)
    _worker_alive()
    backend = caches["default"]
    assert isinstance(backend, RedisWithDatabaseFallback) and backend.redis_reachable()
    backend.set("kinship-test", "here")
    assert backend.get("kinship-test") == "here"
    assert not CacheFallbackEntry.objects.exists()
    health = Client().get(reverse("core:healthz"))
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_healthz_answers_503_when_no_worker_has_beaten_lately(db: None) -> None:
    assert Client().get(reverse("core:healthz")).status_code == 503
    WorkerHeartbeat.objects.create(worker_id="old", seen_at=timezone.now() - timedelta(hours=1))
    health = Client().get(reverse("core:healthz"))
    assert health.status_code == 503 and health.json()["worker"].startswith("down")
    _worker_alive()
    assert Client().get(reverse("core:healthz")).status_code == 200


def test_with_the_database_down_the_page_is_a_static_503_with_retry_after(
    people: Personas,
) -> None:
    client = signed_in_client(people.teacher)
    client.raise_request_exception = False
    down = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=down):
        response = client.get(reverse("families:dashboard"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Kinship is briefly unavailable" in response.content.decode()


def test_any_other_error_is_the_static_500_page(people: Personas) -> None:
    client = signed_in_client(people.teacher)
    client.raise_request_exception = False
    with mock.patch(
        "kinship.families.views.render", side_effect=RuntimeError("a bug"), create=True
    ):
        response = client.get(reverse("families:dashboard"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Retry-After" not in response
