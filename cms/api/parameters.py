"""Query parameters of the API: each endpoint names the ones it understands, and a value that
does not validate is an ``ApiError`` (a 400 with a Dutch message), never a 500.

Parameters an endpoint does not know are ignored (as most public APIs do, so a client may add
e.g. a cache-buster), and they never make a cached variant: the cache key holds only the known
ones (``responses.py``). Numbers are checked before the cache is consulted, so ``page=01`` and
``page=1`` are one variant; slugs are checked against the database on a miss, and only a valid
request's answer is stored, so nobody can fill the cache with made-up values.
"""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# A value longer than this is no slug or number anyone needs.
MAX_LENGTH = 100
PAGING = {"page": (1, None), "page_size": (1, MAX_PAGE_SIZE)}


class ApiError(Exception):
    """An answer other than 200: ``status`` with ``{"error": message}``."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def read(query, names):
    """The known parameters present in ``query`` (a QueryDict), numbers as int: given once, not
    too long, numbers whole and in range. Raises ApiError otherwise."""
    values = {}
    for name in names:
        given = query.getlist(name)
        if not given:
            continue
        if len(given) > 1:
            raise ApiError(_("Give the parameter '%(name)s' only once.") % {"name": name})
        value = given[0].strip()
        if len(value) > MAX_LENGTH:
            raise ApiError(_("The value of '%(name)s' is too long.") % {"name": name})
        values[name] = number(name, value) if name in PAGING else value
    return values


def number(name, value):
    minimum, maximum = PAGING[name]
    if not value.isascii() or not value.isdigit():
        raise ApiError(_("'%(name)s' must be a whole number.") % {"name": name})
    result = int(value)
    if result < minimum or (maximum is not None and result > maximum):
        if maximum is None:
            message = _("'%(name)s' must be at least %(minimum)s.")
        else:
            message = _("'%(name)s' must be between %(minimum)s and %(maximum)s.")
        raise ApiError(message % {"name": name, "minimum": minimum, "maximum": maximum})
    return result


def choice(params, name, choices):
    """The value of ``name`` when it is one of ``choices`` (codes), None when absent."""
    value = params.get(name)
    if value is None or value == "":
        return None
    if value not in choices:
        raise ApiError(
            _("Unknown value '%(value)s' for '%(name)s'; possible values: %(choices)s.")
            % {"value": value, "name": name, "choices": ", ".join(choices)}
        )
    return value


def instance(params, name, queryset, field="slug"):
    """The row of ``queryset`` whose ``field`` is the value of ``name``, None when absent."""
    value = params.get(name)
    if value is None or value == "":
        return None
    found = queryset.filter(**{field: value}).first()
    if found is None:
        raise ApiError(_("Unknown value '%(value)s' for '%(name)s'.") % {"value": value, "name": name})
    return found


def year(params, name):
    value = params.get(name)
    if value is None or value == "":
        return None
    if not value.isascii() or not value.isdigit() or not 1900 <= int(value) <= 2100:
        raise ApiError(_("'%(name)s' must be a year between 1900 and 2100.") % {"name": name})
    return int(value)


def page_of(queryset, params):
    """The requested page of ``queryset``; a page past the last one is an ApiError."""
    paginator = Paginator(queryset, params.get("page_size", DEFAULT_PAGE_SIZE))
    number = params.get("page", 1)
    if number > paginator.num_pages:
        raise ApiError(
            _("Page %(page)s does not exist; there are %(pages)s pages.")
            % {"page": number, "pages": paginator.num_pages}
        )
    return paginator.page(number)
