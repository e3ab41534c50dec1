"""Periods counted as Vietnamese law counts them.

Bộ luật Dân sự 2015 (Civil Code), Art. 147–148: a period given in months starts on the day
after the event (Art. 147) and ends at the end of the corresponding day of its last month; when
that month has no such day, at the end of the month's last day (Art. 148). A certificate
decided on 25/03/2026 and valid 36 months is therefore valid until 25/03/2029 inclusive, one
decided on 29/02/2024 until 28/02/2027, and 31/08/2026 + 6 months ends on 28/02/2027.

Art. 148's rule that a period whose last day is a weekend or holiday ends on the next working
day is for deadlines by which something must be done; the validity of a recognition is not one,
so it is not applied (28/02/2027 is a Sunday and stays the last valid day).
"""

import datetime

from dateutil.relativedelta import relativedelta


def months_after(start: datetime.date, months: int) -> datetime.date:
    """The last day of a period of `months` months counted from the event on `start`."""
    if months < 0:
        raise ValueError("a period cannot be negative")
    # relativedelta keeps the day of the month and falls back to the month's last day.
    return start + relativedelta(months=months)
