"""The `commits_run_callbacks` fixture behaves as production does: what a change asks to
do after it commits happens when it commits, and never when it rolls back."""

import pytest
from django.db import transaction


@pytest.mark.django_db
def test_callbacks_wait_for_the_commit_and_are_dropped_with_a_rollback(
    commits_run_callbacks: None,
) -> None:
    ran: list[str] = []
    with transaction.atomic():
        transaction.on_commit(lambda: ran.append("committed"))
        with transaction.atomic():
            transaction.on_commit(lambda: ran.append("inner"))
        assert ran == []  # nothing yet: the outer block has not committed
    assert ran == ["committed", "inner"]

    with pytest.raises(RuntimeError), transaction.atomic():
        transaction.on_commit(lambda: ran.append("rolled back"))
        raise RuntimeError
    with transaction.atomic():
        try:
            with transaction.atomic():
                transaction.on_commit(lambda: ran.append("savepoint rolled back"))
                raise RuntimeError
        except RuntimeError:
            pass
    assert ran == ["committed", "inner"]

    transaction.on_commit(lambda: ran.append("no transaction: at once"))
    assert ran[-1] == "no transaction: at once"
