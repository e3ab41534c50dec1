import datetime

import pytest

from ocop_portal.dates import months_after

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2026, 3, 25), 36, D(2029, 3, 25)),  # the corresponding day of the last month
        (D(2024, 2, 29), 36, D(2027, 2, 28)),  # no 29 February in 2027: the month's last day
        (D(2024, 2, 29), 48, D(2028, 2, 29)),  # a leap year again: the same day
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # the 31st, ending in a short month
        (D(2026, 1, 31), 25, D(2028, 2, 29)),  # the 31st, ending in a leap February
        (D(2026, 10, 31), 1, D(2026, 11, 30)),  # the 31st, ending in a 30-day month
        (D(2026, 12, 31), 36, D(2029, 12, 31)),  # year end
        (D(2026, 12, 31), 2, D(2027, 2, 28)),  # across the year end into February
        (D(2026, 11, 30), 1, D(2026, 12, 30)),  # the 30th stays the 30th, not the month's end
        (D(2026, 1, 1), 0, D(2026, 1, 1)),
    ],
)
def test_months_after_counts_as_the_civil_code(start, months, end):
    assert months_after(start, months) == end


def test_months_after_when_negative_is_refused():
    with pytest.raises(ValueError, match="negative"):
        months_after(D(2026, 1, 1), -1)
