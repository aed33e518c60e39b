import pytest

from crosswire.align.compatible import Agreement, compare_amounts, compare_dates


def money(amount, unit="USD", **extra):
    return {"amount": amount, "unit": unit, "per": None, "from": None, "approx": None, **extra}


def date(begin, end=None, granularity="day"):
    return {"value": begin, "begin": begin, "end": end or begin, "granularity": granularity}


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (money(3.5e11), money(3.5e11), Agreement.SAME),
        (money(3.5e11), money(2e11), Agreement.DIFFERENT),
        (money(3.5e11, approx="about"), money(3.48e11), Agreement.SAME),
        (money(3.5e11), money(3.48e11), Agreement.DIFFERENT),
        # an estimate rounded to one significant digit covers more than another estimate
        (money(10000, unit="", approx="about"), money(10503, unit=""), Agreement.SAME),
        (money(10000, unit="", approx="about"), money(11200, unit=""), Agreement.DIFFERENT),
        (money(1.1e4, unit="", approx="about"), money(11600, unit=""), Agreement.DIFFERENT),
        (money(1e12, approx="roughly"), money(1.2e12), Agreement.DIFFERENT),
        (money(4e7, approx="roughly"), money(3.8e7, approx="about"), Agreement.DIFFERENT),  # two estimates
        (money(3.5e11), money(3.5e11, unit="KRW"), Agreement.UNRELATED),
        # a yearly rate and a total are different slots, never a conflict
        (money(2.5e10, per="year"), money(2e11), Agreement.UNRELATED),
        # "cut from 25 percent to 15 percent" vs "15 percent": the same change
        (money(15, unit="percent", **{"from": 25}), money(15, unit="percent"), Agreement.SAME),
        # ... and vs "25 percent": the other end of the same change
        (money(15, unit="percent", **{"from": 25}), money(25, unit="percent"), Agreement.UNRELATED),
        (money(15, unit="percent", **{"from": 25}), money(15, unit="percent", **{"from": 20}), Agreement.DIFFERENT),
        # a share as a fraction is held against a percentage: "nearly two-thirds" and "64%", "a third" and "45%"
        (money(2 / 3, unit="fraction", approx="nearly"), money(64, unit="percent"), Agreement.UNRELATED),
        (money(2 / 3, unit="fraction", approx="about"), money(66, unit="percent"), Agreement.SAME),
        (money(1 / 3, unit="fraction"), money(45, unit="percent"), Agreement.DIFFERENT),
        # bounds: a figure that satisfies the other side's bound says nothing against it
        (money(1800, unit="", approx="at least"), money(1000, unit="", approx="more than"), Agreement.UNRELATED),
        (money(6, unit="hour", approx="nearly"), money(5, unit="hour", approx="more than"), Agreement.UNRELATED),
        (money(11, unit="day"), money(10, unit="day", approx="more than"), Agreement.UNRELATED),
        (money(8, unit=""), money(9, unit="", approx="at least"), Agreement.DIFFERENT),
        (money(40, unit="", approx="nearly"), money(45, unit=""), Agreement.DIFFERENT),
        # a difference ("16 cents more than a month ago") is no level ("$3.04"); two differences compare,
        # and a change and a level that agree still agree ("rose 5.4%" / "5.4%")
        (money(0.16, change="up"), money(3.04), Agreement.UNRELATED),
        (money(0.16, change="up"), money(0.20, change="up"), Agreement.DIFFERENT),
        (money(5.4, unit="percent", change="up"), money(5.4, unit="percent"), Agreement.SAME),
        # "millions of doses" holds no figure against "20 million doses"
        (money(1e7, unit="", approx="millions", change="range", **{"from": 1e6}), money(2e7, unit=""),
         Agreement.UNRELATED),
    ],
)
def test_amounts_agree_after_normalisation(a, b, expected):
    assert compare_amounts(a, b) is expected
    assert compare_amounts(b, a) is expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (date("2025-10-29"), date("2025-10-29"), Agreement.SAME),
        (date("2025-10-29"), date("2025-10-30"), Agreement.DIFFERENT),
        # "July" and "late July" agree: the ranges overlap
        (date("2025-07-01", "2025-07-31", "month"), date("2025-07-21", "2025-07-31", "month"), Agreement.SAME),
        (date("2025-07-01", "2025-07-31", "month"), date("2025-08-01", "2025-08-31", "month"), Agreement.DIFFERENT),
        # "this week" is too loose to contradict a day of the next week
        (date("2025-10-20", "2025-10-26", "week"), date("2025-10-29"), Agreement.UNRELATED),
        (date("2025-10-31", "2025-11-01", "range"), date("2025-11-01"), Agreement.SAME),
        # "served from 1979 through 2009" and "announced in 2007": a time inside a period is no statement of it
        (date("1979-01-01", "2009-12-31", "range"), date("2007-01-01", "2007-12-31", "year"), Agreement.UNRELATED),
        (date("1979-01-01", "2009-12-31", "range"), date("1979-01-01", "1979-12-31", "year"), Agreement.SAME),
    ],
)
def test_dates_agree_when_their_ranges_overlap(a, b, expected):
    assert compare_dates(a, b) is expected
    assert compare_dates(b, a) is expected
