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
