"""The GIAS parser: plain data in, records and skipped rows out; no database."""

import gzip
import io
from decimal import Decimal

import pyproj
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinship.schools import gias
from kinship.schools.gias import GiasFileError, parse_gias
from kinship.schools.tests.conftest import gias_csv, gias_row

REQUIRED = list(gias.REQUIRED_COLUMNS.values())


def test_reads_a_windows_1252_file_with_every_gias_column():
    data = gias_csv([gias_row(100001, "St Bede\u2019s Catholic Primary School, Café Street")])
    assert b"\x92" in data  # the curly apostrophe as Windows-1252 writes it

    result = parse_gias(data)

    assert result.encoding == "cp1252"
    assert result.skipped == []
    [record] = result.records
    assert record.urn == 100001
    assert record.name == "St Bede\u2019s Catholic Primary School, Café Street"
    assert record.la_name == "Lancashire"
    assert record.establishment_type == "Community school"
    assert record.phase == "Primary"
    assert record.status == "Open"
    assert record.is_open is True
    assert record.postcode == "LA1 1AA"
    assert record.town == "Lancaster"
    assert record.website == "www.alder.lancs.sch.uk"
    assert (record.easting, record.northing) == (347300, 461900)
    assert record.pupils == 210
    assert record.fsm_percent == Decimal("12.5")
    assert record.urban_rural == "(England/Wales) Urban city and town"
    assert record.line == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_reads_utf8_with_or_without_a_byte_order_mark(encoding):
    data = gias_csv([gias_row(100001, "Ysgol Gymraeg Bro Ŵyr, Café")], encoding=encoding)

    result = parse_gias(data)

    assert result.encoding == "utf-8"
    assert result.records[0].name == "Ysgol Gymraeg Bro Ŵyr, Café"


def test_reads_a_path_a_binary_file_and_a_text_file(tmp_path):
    data = gias_csv([gias_row(100001)])
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(data)

    for source in (path, str(path), io.BytesIO(data), io.StringIO(data.decode("cp1252"))):
        assert [r.urn for r in parse_gias(source).records] == [100001]


def test_extra_and_reordered_columns_are_fine_and_optional_ones_may_be_missing():
    columns = ["Something new", *reversed(REQUIRED), "Head's shoe size"]
    row = gias_row(100001) | {"Something new": "x", "Head's shoe size": "9"}

    [record] = parse_gias(gias_csv([row], columns=columns)).records

    assert record.urn == 100001
    assert record.postcode == "LA1 1AA"
    assert record.town == ""
    assert record.easting is None and record.latitude is None
    assert record.pupils is None and record.fsm_percent is None


def test_missing_required_columns_are_named_in_one_line():
    columns = [c for c in REQUIRED if c not in ("URN", "Postcode")]

    with pytest.raises(GiasFileError) as error:
        parse_gias(gias_csv([gias_row(100001)], columns=columns))

    message = str(error.value)
    assert "URN" in message and "Postcode" in message
    assert "EstablishmentName" not in message
    assert "\n" not in message


def test_a_file_with_no_header_is_refused():
    data = b'"100001","Alder Primary School","Lancashire"\r\n"100002","Birch","Cumbria"\r\n'

    with pytest.raises(GiasFileError, match="does not look like GIAS data"):
        parse_gias(data)


@pytest.mark.parametrize(
    "data",
    [
        gzip.compress(b"URN,EstablishmentName\r\n1,A\r\n"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "URN,EstablishmentName".encode("utf-16"),
    ],
    ids=["gzip", "png", "utf-16"],
)
def test_binary_files_are_refused(data):
    with pytest.raises(GiasFileError, match="binary") as error:
        parse_gias(data)
    assert "\n" not in str(error.value)


def test_an_empty_file_is_refused():
    with pytest.raises(GiasFileError, match="empty"):
        parse_gias(b"")


def test_a_missing_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(GiasFileError, match=r"No such file: .*nowhere\.csv"):
        parse_gias(tmp_path / "nowhere.csv")


def test_bad_rows_are_skipped_with_their_line_and_reason_and_the_rest_kept():
    rows = [
        gias_row(100001),  # line 2
        gias_row("10000X", "Birch"),  # line 3
        gias_row(100003, ""),  # line 4
        gias_row(100001, "Alder again"),  # line 5
        gias_row(100005, "Elm", Easting="three hundred"),  # line 6
        gias_row(100006, "Fir", Northing="-5"),  # line 7
        gias_row("", "No URN"),  # line 8
        gias_row(100009, "Yew"),  # line 9
    ]

    result = parse_gias(gias_csv(rows))

    assert [r.urn for r in result.records] == [100001, 100009]
    assert [(s.line, s.urn) for s in result.skipped] == [
        (3, "10000X"),
        (4, "100003"),
        (5, "100001"),
        (6, "100005"),
        (7, "100006"),
        (8, ""),
    ]
    reasons = [s.reason for s in result.skipped]
    assert reasons[0] == "URN '10000X' is not a whole number"
    assert "name" in reasons[1] and "empty" in reasons[1]
    assert reasons[2] == "URN 100001 appears more than once (first on line 2)"
    assert reasons[3] == "Easting 'three hundred' is not a number"
    assert "Northing" in reasons[4]
    assert "URN" in reasons[5]
    assert result.rows_read == 8


def test_line_numbers_count_physical_lines_when_a_field_spans_several():
    rows = [gias_row(100001, "Alder\r\nPrimary"), gias_row("bad", "Birch")]

    result = parse_gias(gias_csv(rows))

    assert result.records[0].name == "Alder Primary"
    assert result.skipped[0].line == 4


def test_blank_lines_are_ignored():
    data = gias_csv([gias_row(100001)]) + b"\r\n,,,\r\n"
    result = parse_gias(data)
    assert len(result.records) == 1
    assert result.skipped == []


@pytest.mark.parametrize(
    ("status", "is_open"),
    [
        ("Open", True),
        ("Closed", False),
        ("Closed (proposed to close)", False),
        ("Open, but proposed to close", True),
        ("Proposed to open", True),
    ],
)
def test_closed_schools_are_kept_and_marked_closed(status, is_open):
    data = gias_csv([gias_row(100001, **{"EstablishmentStatus (name)": status})])
    [record] = parse_gias(data).records
    assert record.status == status
    assert record.is_open is is_open


def test_easting_and_northing_become_wgs84_latitude_and_longitude():
    # Ordnance Survey's worked example (Caister water tower) and its ETRS89 position.
    rows = [gias_row(100001, Easting="651409.903", Northing="313177.270"), gias_row(100002)]

    records = parse_gias(gias_csv(rows)).records

    assert records[0].latitude == pytest.approx(52.658008, abs=0.0005)
    assert records[0].longitude == pytest.approx(1.716074, abs=0.0005)
    assert records[1].latitude == pytest.approx(54.0504, abs=0.001)
    assert records[1].longitude == pytest.approx(-2.8064, abs=0.001)


def test_one_transformer_serves_the_whole_file(monkeypatch):
    made = []
    real = pyproj.Transformer.from_crs

    def counting(*args, **kwargs):
        made.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(pyproj.Transformer, "from_crs", counting)
    rows = [gias_row(100000 + n, Easting=str(340000 + n)) for n in range(50)]

    records = parse_gias(gias_csv(rows)).records

    assert len(made) == 1
    assert made[0][1] == {"always_xy": True}
    assert all(record.latitude is not None for record in records)


def test_schools_without_a_grid_position_have_no_coordinates():
    rows = [gias_row(100001, Easting="", Northing=""), gias_row(100002, Northing="")]
    records = parse_gias(gias_csv(rows)).records
    assert [(r.easting, r.northing, r.latitude) for r in records] == [
        (None, None, None),
        (347300, None, None),
    ]


def test_numbers_gias_suppresses_or_leaves_blank_become_none():
    rows = [
        gias_row(100001, NumberOfPupils="", PercentageFSM="SUPP"),
        gias_row(100002, NumberOfPupils="n/a", PercentageFSM="12.35"),
        gias_row(100003, NumberOfPupils="-4", PercentageFSM="140"),
    ]
    records = parse_gias(gias_csv(rows)).records
    assert [(r.pupils, r.fsm_percent) for r in records] == [
        (None, None),
        (None, Decimal("12.4")),
        (None, None),
    ]


def test_text_is_trimmed_and_cut_to_the_model_lengths_and_a_long_website_dropped():
    rows = [
        gias_row(
            100001,
            "  Alder    Primary  ",
            Town="T" * 150,
            Postcode=" la1  1aa ",
            SchoolWebsite="https://example.org/" + "a" * 300,
        )
    ]
    [record] = parse_gias(gias_csv(rows), max_lengths={"town": 100}).records
    assert record.name == "Alder Primary"
    assert record.town == "T" * 100
    assert record.postcode == "LA1 1AA"
    assert record.website == ""


def test_the_digest_changes_with_an_imported_field_and_only_then():
    def digest(**extra):
        return parse_gias(gias_csv([gias_row(100001, **extra)])).records[0].digest

    same = digest()
    assert len(same) == 32
    assert digest() == same
    assert digest(HeadLastName="Someone else", OfstedLastInsp="01-01-2025") == same
    assert digest(NumberOfPupils="211") != same
    assert digest(**{"EstablishmentStatus (name)": "Closed"}) != same
    assert digest(Postcode="LA1 1AB") != same


def test_progress_is_reported_and_ends_complete():
    calls = []
    parse_gias(
        gias_csv([gias_row(100000 + n) for n in range(5)]), progress=lambda *a: calls.append(a)
    )
    assert calls[-1] == (5, 5)


@given(
    urn=st.integers(min_value=1, max_value=gias.MAX_INTEGER),
    name=st.text(
        alphabet=st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=1,
        max_size=80,
    ).filter(str.strip),
)
def test_any_urn_and_name_in_utf8_is_read_back(urn, name):
    row = gias_row(urn, name, Easting="", Northing="")  # no pyproj: this is about text
    [record] = parse_gias(gias_csv([row], encoding="utf-8")).records
    assert record.urn == urn
    assert record.name == " ".join(name.split())


@given(
    name=st.text(
        alphabet=st.characters(codec="cp1252", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=1,
        max_size=80,
    ).filter(str.strip),
)
def test_any_name_windows_1252_can_write_is_read_back(name):
    # A real GIAS file always has some byte that is not UTF-8 (a curly apostrophe, an
    # accent); a tiny file whose every byte also happens to be UTF-8 would be read as UTF-8.
    rows = [gias_row(n, text, Easting="") for n, text in ((1, name), (2, "St Bede\u2019s"))]
    [record, _] = parse_gias(gias_csv(rows)).records
    assert record.name == " ".join(name.split())
