"""Term calendars: saved whole or not at all, shared by an authority's schools, entered or
imported by a school's leads, and set side by side for a family."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.conftest import Personas, make_school, signed_in_client
from kinship.core.models import AuditEntry
from kinship.schools import selectors
from kinship.schools.models import TermCalendar
from kinship.schools.services import (
    ReplaceNeedsConfirming,
    term_calendar_import,
    term_calendar_save,
)
from kinship.schools.term_dates import Closure, ClosureKind, HalfTerm, TermYear

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
ICS = FIXTURES / "lancashire-2026-27.ics"
CSV = FIXTURES / "lancashire-2026-27.csv"
D = date


def test_importing_an_authority_file_serves_all_its_schools(people: Personas) -> None:
    calendar, report = term_calendar_import(
        actor=people.admin, data=ICS.read_bytes(), la_name="Lancashire", source="test"
    )
    assert (report.pupil_days, report.inset_days, report.warnings) == (190, 5, ())
    assert calendar.half_terms.count() == 6
    for school in (people.school, people.second_school, people.shared_school):
        assert selectors.calendar_for(school, 2026) == calendar
    assert selectors.calendar_for(people.other_school, 2026) is None  # Cumbria
    entry = AuditEntry.objects.get(action="term_dates.create")
    assert "190 pupil days" in entry.summary


def test_a_school_of_its_own_overrides_its_authority(people: Personas) -> None:
    term_calendar_import(actor=None, data=ICS.read_bytes(), la_name="Lancashire")
    own, _ = term_calendar_import(actor=people.head, data=CSV.read_bytes(), school=people.school)
    assert selectors.calendar_for(people.school, 2026) == own
    assert selectors.calendar_for(people.second_school, 2026).school is None  # type: ignore[union-attr]


def test_refused_dates_save_nothing_and_say_why(people: Personas) -> None:
    overlapping = TermYear(
        2026,
        (HalfTerm(D(2026, 9, 2), D(2026, 10, 23)), HalfTerm(D(2026, 10, 19), D(2026, 12, 18))),
    )
    with pytest.raises(ValidationError) as error:
        term_calendar_save(actor=people.head, year=overlapping, school=people.school)
    assert "overlaps" in str(error.value)
    assert not TermCalendar.objects.exists()


def test_saving_again_replaces_the_dates(people: Personas) -> None:
    year = TermYear(2026, (HalfTerm(D(2026, 9, 2), D(2026, 10, 23)),))
    term_calendar_save(actor=people.head, year=year, school=people.school)
    again = TermYear(
        2026,
        (HalfTerm(D(2026, 9, 3), D(2026, 10, 23)),),
        (Closure(D(2026, 9, 3), ClosureKind.INSET, "Training"),),
    )
    calendar, _ = term_calendar_save(actor=people.head, year=again, school=people.school)
    assert selectors.term_year_of(calendar) == again
    assert TermCalendar.objects.count() == 1


def test_a_bad_csv_is_refused_with_every_bad_line(people: Personas) -> None:
    data = b"kind,start,end,label\nhalf_term,2026-09-02,2026-10-23,\nholiday,2026-09-05,,\n"
    data += b"inset,31/13/2026,,\n"
    with pytest.raises(ValidationError) as error:
        term_calendar_import(actor=people.head, data=data, school=people.school)
    text = " ".join(error.value.messages)
    assert "line 3" in text and "line 4" in text
    assert not TermCalendar.objects.exists()


def test_the_family_grid_shows_schools_side_by_side_in_few_queries(people: Personas) -> None:
    term_calendar_import(actor=None, data=ICS.read_bytes(), la_name="Lancashire")
    schools = [make_school(300000 + n, f"School {n:02d}") for n in range(20)]
    own = selectors.term_year_of(TermCalendar.objects.get())
    later = TermYear(
        2026,
        (*own.half_terms[:2], HalfTerm(D(2027, 1, 5), D(2027, 2, 12)), *own.half_terms[3:]),
        own.closures,
    )
    term_calendar_save(actor=None, year=later, school=schools[0])
    with CaptureQueriesContext(connection) as queries:
        grid = selectors.year_grid(schools, 2026)
    assert len(queries) <= 6
    # School 00's 4 Jan INSET day now falls before its term: still 190 days, 4 INSET days.
    assert [(row.pupil_days, row.inset_days) for row in grid.rows][:2] == [(190, 4), (190, 5)]
    spring = grid.common[2]
    # Everyone is in from Tue 5 Jan; Mon 4 Jan is an INSET day for all but School 00.
    assert spring.first == D(2027, 1, 5)
    assert spring.exceptions[0][0] == D(2027, 1, 4)


def test_a_head_enters_term_dates_in_the_browser_form(people: Personas) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_edit", args=[people.school.urn, 2026])
    data = {
        "start_1": "02/09/2026", "end_1": "23/10/2026",
        "start_2": "2026-11-02", "end_2": "2026-12-18",
        "closures-TOTAL_FORMS": "2", "closures-INITIAL_FORMS": "0",
        "closures-0-date": "2026-09-02", "closures-0-kind": "inset", "closures-0-label": "",
        "closures-1-date": "", "closures-1-kind": "inset", "closures-1-label": "",
    }  # fmt: skip
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Term dates saved: 72 pupil days and 1 INSET days." in page
    assert "schools in England are expected to open for 190" in page
    calendar = TermCalendar.objects.get(school=people.school)
    assert calendar.updated_by == people.head


def test_a_form_with_overlapping_half_terms_is_shown_again_with_the_reason(
    people: Personas,
) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_edit", args=[people.school.urn, 2026])
    data = {
        "start_1": "2026-09-02", "end_1": "2026-10-23",
        "start_2": "2026-10-20", "end_2": "2026-12-18",
        "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()
    assert not TermCalendar.objects.exists()


def test_half_a_half_term_is_a_form_error(people: Personas) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_edit", args=[people.school.urn, 2026])
    data = {"start_1": "2026-09-02", "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert "This field is required" in response.content.decode()


def test_importing_a_file_in_the_browser(people: Personas) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_import", args=[people.school.urn, 2026])
    upload = SimpleUploadedFile("terms.txt", ICS.read_bytes())  # detected by content
    response = client.post(url, {"file": upload}, follow=True)
    assert "190 pupil days and 5 INSET days" in response.content.decode()
    assert TermCalendar.objects.get().source == "Imported from terms.txt"


def test_importing_a_file_for_another_year_is_refused(people: Personas) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_import", args=[people.school.urn, 2027])
    response = client.post(url, {"file": SimpleUploadedFile("t.csv", CSV.read_bytes())})
    assert response.status_code == 400
    assert "That file is for 2026–27, not 2027–28." in response.content.decode()


def test_the_command_imports_and_reports(
    people: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("import_term_dates", str(ICS), "--la", "Lancashire")
    out = capsys.readouterr().out
    assert "190 pupil days, 5 INSET days" in out
    assert selectors.calendar_for(people.school, 2026) is not None


def test_the_command_names_an_unknown_school(people: Personas) -> None:
    with pytest.raises(CommandError, match="No school has URN 999999") as error:
        call_command("import_term_dates", str(ICS), "--urn", "999999")
    assert error.value.returncode == 2


# Run as a process: these fail before touching the database.
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.ics", "--la", "Lancashire"], "Cannot read missing.ics"),
        ([str(CSV), "--la", "Lancashire", "--year", "2030"], "That file is for 2026–27"),
    ],
)
def test_the_command_fails_in_one_line(arguments: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "import_term_dates", *arguments],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


def test_the_cached_grid_changes_when_a_calendar_is_saved(people: Personas) -> None:
    schools = [people.school, people.shared_school]
    term_calendar_import(actor=None, data=ICS.read_bytes(), la_name="Lancashire")
    grid, version = selectors.cached_year_grid(schools, 2026)
    assert selectors.cached_year_grid(schools, 2026)[1] == version
    own = TermYear(2026, (HalfTerm(D(2026, 9, 3), D(2026, 10, 23)),))
    term_calendar_save(actor=people.head, year=own, school=people.school)
    fresh, new_version = selectors.cached_year_grid(schools, 2026)
    assert new_version != version
    assert fresh.rows[0].half_terms[0] == selectors.HalfTermCell(D(2026, 9, 3), D(2026, 10, 23), [])
    assert grid.rows[0].half_terms[0].start == D(2026, 9, 2)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.ics", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "column"),
        ("big.csv", b"kind,start,end,label\n" + b"closure,2026-09-03,,x\n" * 60000, "over 1 MB"),
        ("empty.csv", b"   \n", "empty"),
        ("broken.ics", b"BEGIN:VCALENDAR\r\nthis is not iCalendar\r\n", "iCalendar"),
    ],
)
def test_a_hostile_or_wrong_upload_is_refused_and_saves_nothing(
    people: Personas, name: str, data: bytes, message: str
) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_import", args=[people.school.urn, 2026])
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TermCalendar.objects.exists()


ONE_HALF_TERM = b"kind,start,end,label\nhalf_term,2026-09-02,2026-10-23,Autumn 1\n"


def test_a_one_half_term_import_never_silently_replaces_a_whole_calendar(
    people: Personas,
) -> None:
    """Finding: importing a file with one half-term replaced a school's whole year."""
    term_calendar_import(actor=people.head, data=CSV.read_bytes(), school=people.school)
    with pytest.raises(ReplaceNeedsConfirming) as refused:
        term_calendar_import(actor=people.head, data=ONE_HALF_TERM, school=people.school)
    assert refused.value.changes.removed >= 5
    assert any("Summer 2" in line and "would go" in line for line in refused.value.changes.lines)
    assert selectors.calendar_for(people.school, 2026).half_terms.count() == 6  # type: ignore[union-attr]
    term_calendar_import(actor=people.head, data=ONE_HALF_TERM, school=people.school, replace=True)
    assert selectors.calendar_for(people.school, 2026).half_terms.count() == 1  # type: ignore[union-attr]


def test_the_same_file_again_saves_without_asking(people: Personas) -> None:
    term_calendar_import(actor=people.head, data=CSV.read_bytes(), school=people.school)
    term_calendar_import(actor=people.head, data=CSV.read_bytes(), school=people.school)
    assert AuditEntry.objects.filter(action="term_dates.update").count() == 1


def test_the_browser_import_shows_the_changes_and_saves_only_when_confirmed(
    people: Personas,
) -> None:
    client = signed_in_client(people.head)
    url = reverse("schools:term_calendar_import", args=[people.school.urn, 2026])
    client.post(url, {"file": SimpleUploadedFile("year.csv", CSV.read_bytes())})
    page = client.post(url, {"file": SimpleUploadedFile("one.csv", ONE_HALF_TERM)})
    body = page.content.decode()
    assert page.status_code == 200 and "Check the changes" in body
    assert "would go" in body and "Replace the term dates" in body
    assert selectors.calendar_for(people.school, 2026).half_terms.count() == 6  # type: ignore[union-attr]
    confirmed = page.context["confirmed"]
    saved = client.post(url, {"confirmed": confirmed}, follow=True)
    assert saved.status_code == 200
    assert selectors.calendar_for(people.school, 2026).half_terms.count() == 1  # type: ignore[union-attr]
    forged = client.post(url, {"confirmed": confirmed + "x"})
    assert forged.status_code == 400 and "expired" in forged.content.decode()


def test_the_command_refuses_to_replace_without_replace(people: Personas, tmp_path: Path) -> None:
    call_command("import_term_dates", str(CSV), "--urn", str(people.school.urn))
    one = tmp_path / "one-half-term.csv"
    one.write_bytes(ONE_HALF_TERM)
    with pytest.raises(CommandError, match="run again with --replace") as error:
        call_command("import_term_dates", str(one), "--urn", str(people.school.urn))
    assert error.value.returncode == 2
    call_command("import_term_dates", str(one), "--urn", str(people.school.urn), "--replace")
    assert selectors.calendar_for(people.school, 2026).half_terms.count() == 1  # type: ignore[union-attr]
