from datetime import UTC, date, datetime

from kinship.core.templatetags.kinship import markdown, uk_date, uk_datetime


def test_dates_read_as_a_head_would_write_them():
    assert uk_date(date(2026, 3, 3)) == "Tue 3 Mar 2026"
    assert uk_date(None) == ""


def test_datetimes_are_shown_in_london_time():
    # 23:30 UTC in summer is 00:30 the next day in London.
    assert uk_datetime(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == "Thu 2 Jul 2026, 00:30"


def test_markdown_keeps_formatting_and_drops_script():
    html = markdown("*hi* [x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    assert "<em>hi</em>" in html
    assert 'href="javascript' not in html
    assert "<img" not in html
