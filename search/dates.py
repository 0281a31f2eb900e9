"""The "published between" range of the search page: reading the ``from`` and ``to`` dates
from the URL, the quick choices (last year, last 5 years) and the range's label.

Dates come as an ``<input type="date">`` sends them: ``YYYY-MM-DD``. Anything else (a typo,
a hand-edited URL, ten thousand characters) is ignored with a notice, never an error.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Exactly what a date input sends. Python's fromisoformat alone would also take "20240131"
# and "2024-W05-3", and "²" is a digit to str.isdigit.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Four-digit years only: year 0 does not exist, and far-off years are typing errors.
MIN_YEAR = 1000
QUICK_CHOICES = ((1, _("Last year")), (5, _("Last 5 years")))

NOT_RECOGNISED = {
    "from": _("The start date was not recognised and is ignored. Use a date such as 2024-01-31."),
    "to": _("The end date was not recognised and is ignored. Use a date such as 2024-01-31."),
}
SWAPPED = _("The start date was after the end date; the two have been swapped.")


class InvalidDate(ValueError):
    pass


def parse_date(value):
    """The date in ``value`` (``YYYY-MM-DD``), or None when it is empty; ``InvalidDate`` when
    it is something else."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) != 10 or not ISO_DATE.fullmatch(value):
        raise InvalidDate(value[:20])
    try:
        parsed = date.fromisoformat(value)
    except ValueError:  # month 13, 31 February, year 0000
        raise InvalidDate(value) from None
    if parsed.year < MIN_YEAR:
        raise InvalidDate(value)
    return parsed


@dataclass(frozen=True)
class DateRange:
    start: date | None = None
    end: date | None = None
    notices: tuple = ()  # what the visitor should be told (translated lazily)

    def __bool__(self):
        return bool(self.start or self.end)


def read_range(raw_from, raw_to):
    """The range the two URL values ask for: an unrecognised date is dropped (with a notice),
    a start after the end is swapped (with a notice) rather than giving nothing."""
    dates, notices = {}, []
    for name, raw in (("from", raw_from), ("to", raw_to)):
        try:
            dates[name] = parse_date(raw)
        except InvalidDate:
            dates[name] = None
            notices.append(NOT_RECOGNISED[name])
    start, end = dates["from"], dates["to"]
    if start and end and start > end:
        start, end = end, start
        notices.append(SWAPPED)
    return DateRange(start, end, tuple(notices))


def years_before(today, years):
    """The same day ``years`` years earlier (29 February becomes the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def range_label(start, end):
    """The range in words, for the active-filter chip."""
    if start and end:
        return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
    if start:
        return gettext("from %(date)s") % {"date": date_format(start, "j F Y")}
    return gettext("until %(date)s") % {"date": date_format(end, "j F Y")}
