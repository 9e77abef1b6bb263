"""A task for the worker tests: it leaves a mark that shows it ran, and how often."""

from django_tasks import task

from kinship.core.models import SentEmail


@task()
def leave_a_mark(key: str) -> int:
    SentEmail.objects.create(key=f"{key}:{SentEmail.objects.filter(key__startswith=key).count()}")
    return SentEmail.objects.filter(key__startswith=key).count()
