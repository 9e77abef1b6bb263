"""Term dates for the persona schools in 2031-32, far enough ahead that no date is past,
shared by the meetings and visits tests.

Alder and Birch follow Lancashire's calendar; Cedar keeps its own, with an INSET day on the
3rd Wednesday of spring 1 (Wed 21 Jan 2032) and its February half-term a week later.
"""

from datetime import date

from kinship.schools.term_dates import Closure, ClosureKind, HalfTerm, TermYear

D = date
YEAR = 2031
LANCASHIRE = TermYear(
    start_year=YEAR,
    half_terms=(
        HalfTerm(D(2031, 9, 3), D(2031, 10, 24)),
        HalfTerm(D(2031, 11, 3), D(2031, 12, 19)),
        HalfTerm(D(2032, 1, 5), D(2032, 2, 13)),
        HalfTerm(D(2032, 2, 23), D(2032, 3, 25)),
        HalfTerm(D(2032, 4, 13), D(2032, 5, 28)),
        HalfTerm(D(2032, 6, 7), D(2032, 7, 21)),
    ),
    closures=(
        Closure(D(2031, 9, 3), ClosureKind.INSET, "INSET day"),
        Closure(D(2031, 11, 3), ClosureKind.INSET, "INSET day"),
        Closure(D(2032, 1, 5), ClosureKind.INSET, "INSET day"),
        Closure(D(2032, 5, 3), ClosureKind.BANK_HOLIDAY, "Early May bank holiday"),
        Closure(D(2032, 6, 7), ClosureKind.INSET, "INSET day"),
        Closure(D(2032, 7, 21), ClosureKind.INSET, "INSET day"),
    ),
)
CEDAR = TermYear(
    start_year=YEAR,
    half_terms=(
        *LANCASHIRE.half_terms[:2],
        HalfTerm(D(2032, 1, 5), D(2032, 2, 20)),
        HalfTerm(D(2032, 3, 1), D(2032, 3, 25)),
        *LANCASHIRE.half_terms[4:],
    ),
    closures=(
        *LANCASHIRE.closures,
        Closure(D(2032, 1, 21), ClosureKind.INSET, "INSET day: writing training"),
    ),
)
