"""Two copies of a cron job at once, made deterministic.

`overlapping(settings, second_run)` swaps in an email backend that, on the first email the
job sends, runs `second_run` there and then: the second copy starts after the first has
read its list of work and before it has marked any of it done, the window in which a real
overlap doubles emails. Both runs' emails land in `mail.outbox`."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend


class OverlappingBackend(EmailBackend):
    second_run: Callable[[], object] | None = None

    def send_messages(self, messages: Sequence[Any]) -> int:
        sent = super().send_messages(messages)
        run, OverlappingBackend.second_run = OverlappingBackend.second_run, None
        if run is not None:
            run()
        return sent


class FailingBackend(EmailBackend):
    """An SMTP server that refuses everything."""

    def send_messages(self, messages: Sequence[Any]) -> int:
        raise ConnectionRefusedError("SMTP server down")


@contextmanager
def overlapping(settings: Any, second_run: Callable[[], object]) -> Iterator[None]:
    settings.EMAIL_BACKEND = f"{__name__}.OverlappingBackend"
    OverlappingBackend.second_run = second_run
    mail.outbox.clear()
    try:
        yield
    finally:
        OverlappingBackend.second_run = None


class FailingHalfWayBackend(EmailBackend):
    """An SMTP server that accepts `accept` more emails, then refuses everything: a task
    stopped half-way through its recipients."""

    accept = 0

    def send_messages(self, messages: Sequence[Any]) -> int:
        if FailingHalfWayBackend.accept <= 0:
            raise ConnectionRefusedError("SMTP server down")
        FailingHalfWayBackend.accept -= 1
        return super().send_messages(messages)


@contextmanager
def failing_after(settings: Any, accept: int) -> Iterator[None]:
    """Emails after the first `accept` are refused (each lands in `mail.outbox` until then)."""
    previous = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = f"{__name__}.FailingHalfWayBackend"
    FailingHalfWayBackend.accept = accept
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = previous


def run_failing_half_way(
    settings: Any, run: Callable[[], object], *, accept: int = 1
) -> tuple[list[str], list[str]]:
    """Run a sending task three times: with the SMTP server failing after `accept` emails,
    then twice with it working. Returns the addresses emailed by the first two runs and by
    the third, so a test can say: everyone owed, each once, and nothing more."""
    mail.outbox.clear()
    with failing_after(settings, accept):
        try:
            run()
        except ConnectionRefusedError:
            pass
        else:
            raise AssertionError("The server never refused: the task sent too few emails.")
    run()
    owed = sorted(address for message in mail.outbox for address in message.to)
    mail.outbox.clear()
    run()
    again = sorted(address for message in mail.outbox for address in message.to)
    return owed, again
