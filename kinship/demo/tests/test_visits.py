"""The demo visits: built through the services, enough to explore, and idempotent."""

from django.core.management import call_command

from kinship.visits.models import (
    ClearanceDeclaration,
    JointAction,
    OpenClassroom,
    Reflection,
    StaffPreference,
    Visit,
    VisitPlan,
)


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (OpenClassroom, Visit, Reflection, JointAction, ClearanceDeclaration,
                      VisitPlan, StaffPreference)
    )  # fmt: skip


def test_the_demo_has_open_classrooms_visits_and_an_unsolved_summer_plan(db):
    call_command("seed_demo", verbosity=0)
    assert OpenClassroom.objects.count() == 9
    assert Visit.objects.filter(status="accepted").count() >= 4
    assert Visit.objects.filter(status="requested").count() == 1
    assert Reflection.objects.count() == 2 and JointAction.objects.count() == 1
    plan = VisitPlan.objects.get()
    assert plan.title == "Summer term visits 2027" and not plan.runs.exists()
    assert plan.preferences.count() == 10
    tom = Visit.objects.get(visitor__email="teacher.brookfield@demo.kinship.test")
    assert not hasattr(tom, "reflection")  # left for him (and the browser test) to write
    before = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == before
