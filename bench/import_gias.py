"""How long a 50,000-row GIAS import takes: first load, re-imports unchanged and changed.

    python -m bench.import_gias [--rows 50000] [--seed 2026]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test python -m bench.import_gias

Writes a GIAS "all establishment data" CSV (all 140 columns, Windows-1252, realistic values,
about one school in eight closed) to a temporary folder, then imports it through the real
service into a fresh database on whatever DATABASE_URL names (a temporary SQLite file by
default; on PostgreSQL a new database on that server, dropped afterwards) and prints figures.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# The header of the real file, in its order (from GIAS's edubasealldata CSV).
_HEADER = """
URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment
(code),TypeOfEstablishment (name),EstablishmentTypeGroup (code),EstablishmentTypeGroup
(name),EstablishmentStatus (code),EstablishmentStatus (name),ReasonEstablishmentOpened
(code),ReasonEstablishmentOpened (name),OpenDate,ReasonEstablishmentClosed
(code),ReasonEstablishmentClosed (name),CloseDate,PhaseOfEducation (code),PhaseOfEducation
(name),StatutoryLowAge,StatutoryHighAge,Boarders (code),Boarders (name),NurseryProvision
(name),OfficialSixthForm (code),OfficialSixthForm (name),Gender (code),Gender
(name),ReligiousCharacter (code),ReligiousCharacter (name),ReligiousEthos (name),Diocese
(code),Diocese (name),AdmissionsPolicy (code),AdmissionsPolicy
(name),SchoolCapacity,SpecialClasses (code),SpecialClasses
(name),CensusDate,NumberOfPupils,NumberOfBoys,NumberOfGirls,PercentageFSM,TrustSchoolFlag
(code),TrustSchoolFlag (name),Trusts (code),Trusts (name),SchoolSponsorFlag
(name),SchoolSponsors (name),FederationFlag (name),Federations (code),Federations
(name),UKPRN,FEHEIdentifier,FurtherEducationType (name),OfstedLastInsp,OfstedSpecialMeasures
(code),OfstedSpecialMeasures (name),LastChangedDate,Street,Locality,Address3,Town,County
(name),Postcode,SchoolWebsite,TelephoneNum,HeadTitle
(name),HeadFirstName,HeadLastName,HeadPreferredJobTitle,BSOInspectorateName
(name),InspectorateReport,DateOfLastInspectionVisit,NextInspectionVisit,TeenMoth
(name),TeenMothPlaces,CCF (name),SENPRU (name),EBD (name),PlacesPRU,FTProv (name),EdByOther
(name),Section41Approved (name),SEN1 (name),SEN2 (name),SEN3 (name),SEN4 (name),SEN5
(name),SEN6 (name),SEN7 (name),SEN8 (name),SEN9 (name),SEN10 (name),SEN11 (name),SEN12
(name),SEN13 (name),TypeOfResourcedProvision
(name),ResourcedProvisionOnRoll,ResourcedProvisionCapacity,SenUnitOnRoll,SenUnitCapacity,GOR
(code),GOR (name),DistrictAdministrative (code),DistrictAdministrative
(name),AdministrativeWard (code),AdministrativeWard (name),ParliamentaryConstituency
(code),ParliamentaryConstituency (name),UrbanRural (code),UrbanRural (name),GSSLACode
(name),Easting,Northing,MSOA (name),LSOA (name),InspectorateName
(name),SENStat,SENNoStat,BoardingEstablishment (name),PropsName,PreviousLA (code),PreviousLA
(name),PreviousEstablishmentNumber,OfstedRating (name),RSCRegion (name),Country
(name),UPRN,SiteName,QABName (code),QABName (name),EstablishmentAccredited
(code),EstablishmentAccredited (name),QABReport,CHNumber,MSOA (code),LSOA
(code),FSM,AccreditationExpiryDate
"""
GIAS_COLUMNS: tuple[str, ...] = tuple(
    name.strip() for name in _HEADER.strip().replace("\n", " ").split(",")
)

# (code, name, easting, northing) of a local authority, its centre on the National Grid.
LOCAL_AUTHORITIES = [
    (888, "Lancashire", 355000, 430000),
    (909, "Cumbria", 340000, 530000),
    (352, "Manchester", 384000, 398000),
    (341, "Liverpool", 336000, 391000),
    (330, "Birmingham", 407000, 287000),
    (383, "Leeds", 430000, 434000),
    (373, "Sheffield", 435000, 387000),
    (391, "Newcastle upon Tyne", 424000, 565000),
    (202, "Camden", 528000, 184000),
    (210, "Southwark", 533000, 177000),
    (926, "Norfolk", 615000, 310000),
    (908, "Cornwall", 180000, 60000),
    (878, "Devon", 280000, 95000),
    (916, "Gloucestershire", 385000, 215000),
    (886, "Kent", 590000, 150000),
    (855, "Leicestershire", 460000, 310000),
    (891, "Nottinghamshire", 465000, 355000),
    (815, "North Yorkshire", 440000, 470000),
    (931, "Oxfordshire", 450000, 210000),
    (940, "West Northamptonshire", 470000, 260000),
]
TYPES = [
    # (type code, type name, group code, group name, weight)
    (1, "Community school", 4, "Local authority maintained schools", 30),
    (2, "Voluntary aided school", 4, "Local authority maintained schools", 10),
    (3, "Voluntary controlled school", 4, "Local authority maintained schools", 6),
    (5, "Foundation school", 4, "Local authority maintained schools", 4),
    (28, "Academy sponsor led", 10, "Academies", 12),
    (34, "Academy converter", 10, "Academies", 25),
    (35, "Free schools", 11, "Free Schools", 3),
    (11, "Other independent school", 3, "Independent schools", 8),
    (7, "Community special school", 5, "Special schools", 2),
]
PHASES = [
    (2, "Primary", 4, 11, 60),
    (4, "Secondary", 11, 16, 18),
    (1, "Nursery", 2, 5, 3),
    (7, "All-through", 4, 18, 2),
    (6, "16 plus", 16, 19, 2),
    (0, "Not applicable", 5, 19, 15),
]
STATUSES = [
    (1, "Open", 83),
    (2, "Closed", 13),
    (3, "Open, but proposed to close", 2),
    (4, "Proposed to open", 2),
]
SAINTS = [
    "St Mary's",
    "St John's",
    "St Bede\u2019s",
    "St Anne's",
    "Holy Trinity",
    "Our Lady\u2019s",
    "St Thomas à Becket",
    "Christ Church",
    "St Peter's",
    "St Wilfrid's",
]
PLACES = [
    "Ashworth",
    "Brookfield",
    "Calder Vale",
    "Dunsop Bridge",
    "Eccleston",
    "Fairfield",
    "Garstang",
    "Hornby",
    "Ingleton",
    "Kirkby Lonsdale",
    "Longridge",
    "Morecambe",
    "Nether Kellet",
    "Over Wyresdale",
    "Pilling",
    "Quernmore",
    "Ribchester",
    "Scorton",
    "Thornton",
    "Upholland",
    "Whalley",
    "Yealand",
    "Bentham",
    "Caton",
    "Halton",
]
TRUSTS = [
    "Kaizen Learning Trust",
    "Bay Learning Trust",
    "Pennine Academies",
    "Fylde Coast",
    "Diocese of Lancaster Multi-Academy Trust",
    "Northern Lights Education Trust",
    "Crosby Hall Educational Trust",
    "Cidari Education",
]
URBAN_RURAL = [
    "(England/Wales) Urban city and town",
    "(England/Wales) Urban major conurbation",
    "(England/Wales) Rural town and fringe",
    "(England/Wales) Rural village",
    "(England/Wales) Rural hamlet and isolated dwellings",
]
KINDS = {
    "Primary": "Primary School",
    "Secondary": "High School",
    "Nursery": "Nursery School",
    "All-through": "Academy",
    "16 plus": "Sixth Form College",
}
STREETS = ["Church Lane", "School Lane", "Mill Street", "Station Road", "Moor Lane"]
HEAD_FIRST = ["Priya", "David", "Sarah", "Tom", "Aoife", "Chloé", "Ruth", "Olu", "Mei", "Gareth"]
HEAD_LAST = ["Shah", "Okafor", "Whitfield", "Fairclough", "O'Neill", "Brontë", "Ainsworth"]


def _weighted(rng: random.Random, options: Sequence[Any]) -> Any:
    return rng.choices(options, weights=[option[-1] for option in options])[0]


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(first_year, last_year)}"


def _postcode(rng: random.Random) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    area = rng.choice(["LA", "PR", "BB", "M", "L", "B", "LS", "S", "NE", "NW", "SE", "NR", "TR"])
    return (
        f"{area}{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    )


def gias_rows(count: int, *, seed: int = 2026) -> list[dict[str, str]]:
    """`count` establishments as GIAS would list them: every column present, most filled."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        la_code, la_name, centre_e, centre_n = rng.choice(LOCAL_AUTHORITIES)
        type_code, type_name, group_code, group_name, _ = _weighted(rng, TYPES)
        phase_code, phase_name, low_age, high_age, _ = _weighted(rng, PHASES)
        status_code, status_name, _ = _weighted(rng, STATUSES)
        closed = status_name == "Closed"
        place = rng.choice(PLACES)
        kind = KINDS.get(phase_name, "School")
        if rng.random() < 0.3:
            name = f"{rng.choice(SAINTS)} Church of England {kind}, {place}"
        else:
            name = f"{place} {kind}"
        academy = group_name == "Academies"
        pupils = rng.randint(40, 1800) if not closed else 0
        boys = pupils // 2 + rng.randint(0, 10) if pupils else 0
        fsm = rng.random()
        slug = place.lower().replace(" ", "")
        website = f"www.{slug}.{la_name.lower().replace(' ', '')}.sch.uk"
        trust_flag = "Supported by a multi-academy trust"
        row = dict.fromkeys(GIAS_COLUMNS, "")
        row.update(
            {
                "URN": str(100000 + index * 3 + rng.randint(0, 2)),
                "LA (code)": str(la_code),
                "LA (name)": la_name,
                "EstablishmentNumber": str(rng.randint(1000, 7999)),
                "EstablishmentName": name,
                "TypeOfEstablishment (code)": str(type_code),
                "TypeOfEstablishment (name)": type_name,
                "EstablishmentTypeGroup (code)": str(group_code),
                "EstablishmentTypeGroup (name)": group_name,
                "EstablishmentStatus (code)": str(status_code),
                "EstablishmentStatus (name)": status_name,
                "ReasonEstablishmentOpened (name)": "Not applicable",
                "OpenDate": _date(rng, 1950, 2024) if rng.random() < 0.6 else "",
                "ReasonEstablishmentClosed (name)": "Academy converter"
                if closed
                else "Not applicable",
                "CloseDate": _date(rng, 2000, 2025) if closed else "",
                "PhaseOfEducation (code)": str(phase_code),
                "PhaseOfEducation (name)": phase_name,
                "StatutoryLowAge": str(low_age),
                "StatutoryHighAge": str(high_age),
                "Boarders (name)": "No boarders",
                "NurseryProvision (name)": rng.choice(
                    ["Has Nursery Classes", "No Nursery Classes"]
                ),
                "OfficialSixthForm (name)": "Does not have a sixth form",
                "Gender (name)": "Mixed",
                "ReligiousCharacter (name)": "Church of England" if "Church" in name else "None",
                "AdmissionsPolicy (name)": "Not applicable",
                "SchoolCapacity": str(pupils + rng.randint(0, 120)) if pupils else "",
                "CensusDate": "16-01-2025" if pupils else "",
                "NumberOfPupils": str(pupils) if pupils else "",
                "NumberOfBoys": str(boys) if pupils else "",
                "NumberOfGirls": str(pupils - boys) if pupils else "",
                "PercentageFSM": "SUPP" if fsm < 0.03 else ("" if closed else f"{fsm * 60:.1f}"),
                "TrustSchoolFlag (name)": trust_flag if academy else "Not applicable",
                "Trusts (code)": str(rng.randint(2000, 17000)) if academy else "",
                "Trusts (name)": rng.choice(TRUSTS) if academy else "",
                "UKPRN": str(10000000 + index),
                "LastChangedDate": _date(rng, 2023, 2025),
                "Street": f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
                "Town": place,
                "County (name)": la_name,
                "Postcode": _postcode(rng),
                "SchoolWebsite": website if rng.random() < 0.8 else "",
                "TelephoneNum": f"01{rng.randint(100, 999)}{rng.randint(100000, 999999)}",
                "HeadTitle (name)": rng.choice(["Mr", "Mrs", "Ms", "Dr", "Miss"]),
                "HeadFirstName": rng.choice(HEAD_FIRST),
                "HeadLastName": rng.choice(HEAD_LAST),
                "HeadPreferredJobTitle": "Headteacher",
                "GOR (name)": "North West",
                "UrbanRural (code)": rng.choice(["A1", "C1", "D1", "E1", "F1"]),
                "UrbanRural (name)": rng.choice(URBAN_RURAL),
                "Easting": str(centre_e + rng.randint(-15000, 15000))
                if rng.random() < 0.99
                else "",
                "Northing": str(centre_n + rng.randint(-15000, 15000)),
                "Country (name)": "United Kingdom",
                "UPRN": str(rng.randint(10000000, 99999999999)),
            }
        )
        if not row["Easting"]:
            row["Northing"] = ""
        rows.append(row)
    return rows


def change_rows(rows: list[dict[str, str]], *, share: float, seed: int = 7) -> int:
    """Change the pupil numbers of `share` of `rows` in place; returns how many changed."""
    rng = random.Random(seed)
    chosen = rng.sample(range(len(rows)), round(len(rows) * share))
    for index in chosen:
        row = rows[index]
        row["NumberOfPupils"] = str(int(row["NumberOfPupils"] or 0) + 1)
    return len(chosen)


def write_gias_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write `rows` as GIAS does: every field quoted, CRLF line ends, Windows-1252."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GIAS_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    from bench.database import fresh_database

    with tempfile.TemporaryDirectory(prefix="kinship-bench-gias-") as tmp:
        started = time.perf_counter()
        rows = gias_rows(args.rows, seed=args.seed)
        path = write_gias_csv(Path(tmp) / "edubasealldata.csv", rows)
        size_mb = path.stat().st_size / 1_000_000
        print(
            f"generated {args.rows:,} rows ({size_mb:.1f} MB, cp1252) "
            f"in {time.perf_counter() - started:.1f} s"
        )

        with fresh_database("gias") as vendor:
            from kinship.schools.models import School
            from kinship.schools.services import ImportReport, gias_import

            def run(label: str, target: float) -> ImportReport:
                report = gias_import(path_or_file=path)
                verdict = "ok" if report.seconds < target else "TOO SLOW"
                print(
                    f"{label:<24} {report.seconds:6.2f} s  "
                    f"(reading {report.seconds_reading:.2f} s, "
                    f"saving {report.seconds_saving:.2f} s; target < {target:.0f} s: {verdict})  "
                    f"{report.summary()}"
                )
                return report

            print(f"database: {vendor}")
            first = run("first import", 60)
            assert first.created == args.rows, first.summary()
            again = run("re-import, unchanged", 30)
            assert again.unchanged == args.rows and again.updated == 0, again.summary()
            changed = change_rows(rows, share=0.01)
            write_gias_csv(path, rows)
            third = run("re-import, 1% changed", 30)
            assert third.updated == changed, third.summary()
            # Once a year the census changes nearly every row; that must not be slow either.
            change_rows(rows, share=1.0, seed=8)
            write_gias_csv(path, rows)
            fourth = run("re-import, all changed", 60)
            assert fourth.updated == args.rows, fourth.summary()
            closed = School.objects.filter(is_open=False).count()
            print(f"schools in the database: {School.objects.count():,} ({closed:,} closed)")


if __name__ == "__main__":
    main()
