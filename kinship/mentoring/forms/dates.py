"""The date and time inputs the mentoring forms share, read in London time."""

from datetime import date, datetime, time

from django import forms
from django.utils import timezone

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
LONDON = timezone.get_default_timezone()


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=LONDON)
