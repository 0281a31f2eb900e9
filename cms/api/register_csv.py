"""The register as a CSV file (``/samenwerkingen.csv``): one row per collaboration, for a
spreadsheet. UTF-8 with a byte-order mark, so Excel reads the accents right; separated by
commas; a text cell that starts with = + - @ (or a tab or carriage return) is prefixed with an
apostrophe, so a spreadsheet shows it as text instead of running it as a formula.
"""

import csv
import io

from django.utils.translation import gettext as _

from . import queries, serializers
from .responses import endpoint

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILENAME = "samenwerkingen.csv"


def safe(value):
    """A cell's text, defused when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def members(memberships):
    return "; ".join(f"{m.municipality.name} ({m.municipality.cbs_code or '?'})" for m in memberships)


def header():
    return [
        _("slug"),
        _("short name"),
        _("name"),
        _("form of cooperation"),
        _("legal form"),
        _("status"),
        _("phase"),
        _("decided on"),
        _("started on"),
        _("ended on"),
        _("why it ended"),
        _("what followed"),
        _("website"),
        _("profile"),
        _("members"),
        _("former members"),
    ]


def row(collaboration, links):
    memberships = list(collaboration.memberships.all())
    return [
        collaboration.slug,
        collaboration.short_name,
        collaboration.name,
        collaboration.get_form_display(),
        collaboration.get_legal_form_display(),
        collaboration.get_status_display(),
        collaboration.phase.name if collaboration.phase else "",
        collaboration.decided_on,
        collaboration.started_on,
        collaboration.ended_on,
        collaboration.end_reason,
        collaboration.followed_by,
        collaboration.website,
        links.profile(collaboration) or "",
        members(m for m in memberships if not m.left_on),
        members(m for m in memberships if m.left_on),
    ]


def render_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for values in rows:
        writer.writerow([safe(value) for value in values])
    headers = {"Content-Disposition": f'attachment; filename="{FILENAME}"'}
    return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", headers


@endpoint(render=render_csv)
def register(request, params):
    collaborations = list(queries.collaborations())
    links = serializers.Links(request, queries.public_profiles(collaborations))
    return [header(), *(row(collaboration, links) for collaboration in collaborations)]
