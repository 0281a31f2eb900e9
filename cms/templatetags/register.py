"""Template filters for the collaboration register: dates of year, month or day precision."""

from django import template

from cms import partial_dates

register = template.Library()


@register.filter
def partial_date(value):
    """ "2012", "juni 2006" or "1 januari 2008": only as precise as the source was."""
    return partial_dates.in_words(value)
