"""Background work for visits: solving a plan, and the emails visits send."""

from django_tasks import task

from kinship.visits import emails
from kinship.visits.services.solving import solve_run_execute


@task()
def solve_visit_plan(run_id: int) -> str:
    """Solve a queued run of a staggered INSET plan (its page shows the progress)."""
    return solve_run_execute(run_id)


@task()
def send_visit_email(kind: str, visit_id: int) -> int:
    """One of the emails about a visit: a request to the host, the answer to the visitor,
    thanks to the host once the visitor has reflected. Returns how many were sent."""
    return emails.send(kind, visit_id)
