"""Dates known to the year, the month or the day, as the register's sources give them.

A collaboration's decision or start is often known only as "June 2006" or "2012"; storing it
as 1 June or 1 January would state a day nobody reported. These dates are ISO 8601 strings of
reduced precision ("2012", "2006-06", "2008-01-01"): they sort as text, travel unchanged
through the API and CSV, and are shown in words at exactly the precision given.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse(value):
    """(year, month or None, day or None) of a partial date, or None when empty or invalid."""
    match = PATTERN.match(value or "")
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def validate(value):
    if value and parse(value) is None:
        raise ValidationError(
            _("Enter a year (2012), a month (2006-06) or a day (2008-01-01)."), code="invalid_partial_date"
        )


def year_of(value):
    parts = parse(value)
    return parts[0] if parts else None


def in_words(value):
    """ "2012", "juni 2006" or "1 januari 2008" in the active language; "" when empty."""
    parts = parse(value)
    if parts is None:
        return ""
    year, month, day = parts
    if day:
        return date_format(date(year, month, day), "j F Y")
    if month:
        return date_format(date(year, month, 1), "F Y")
    return str(year)


class PartialDateField(models.CharField):
    """A date of year, month or day precision, stored as its ISO 8601 string."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate])
        kwargs.setdefault("help_text", _("Year, month or day as far as known: 2012, 2006-06 or 2008-01-01."))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("max_length", "blank", "validators", "help_text"):
            kwargs.pop(key, None)
        return name, path, args, kwargs
