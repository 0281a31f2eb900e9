"""Model instances as the API's JSON objects. Every field is named here on purpose: nothing new
on a model reaches the open data unless someone adds it below (a document's file text never does).

Codes (status, form, legal form) are the stored values, the same in every language; partial
dates ("2012", "2006-06", "2008-01-01") are passed on as stored, at the precision known.
"""

from cms.queries import municipality_index
from cms.structured_data import page_url, site_url


class Links:
    """Full URLs for one request: the municipality pages' address is looked up once, and the
    public profile pages of the collaborations on the page are passed in."""

    def __init__(self, request, profiles=None):
        self.request = request
        self.profiles = profiles or {}
        index = municipality_index(request)
        self.municipality_index = index.get_url(request) if index else None

    def municipality(self, municipality):
        return site_url(f"{self.municipality_index}{municipality.slug}/") if self.municipality_index else None

    def profile(self, collaboration):
        page = self.profiles.get(collaboration.pk)
        return page_url(page, self.request) if page else None


def municipality_reference(municipality):
    return {
        "slug": municipality.slug,
        "name": municipality.name,
        "cbs_code": municipality.cbs_code,
        "tooi_id": municipality.tooi_id,
    }


def collaboration_reference(collaboration):
    return {"slug": collaboration.slug, "short_name": collaboration.short_name, "name": collaboration.name}


def phase(phase):
    return {"slug": phase.slug, "name": phase.name, "number": phase.number} if phase else None


def collaboration(collaboration, links):
    return {
        **collaboration_reference(collaboration),
        "form": collaboration.form,
        "legal_form": collaboration.legal_form,
        "status": collaboration.status,
        "phase": phase(collaboration.phase),
        "decided_on": collaboration.decided_on,
        "started_on": collaboration.started_on,
        "ended_on": collaboration.ended_on,
        "end_reason": collaboration.end_reason,
        "followed_by": collaboration.followed_by,
        "website": collaboration.website,
        "profile_url": links.profile(collaboration),
        "memberships": [
            {
                **municipality_reference(membership.municipality),
                "url": links.municipality(membership.municipality),
                "joined_on": membership.joined_on,
                "left_on": membership.left_on,
            }
            for membership in collaboration.memberships.all()
        ],
        "figures": [
            {
                "year": figures.year,
                "inhabitants": figures.inhabitants,
                "fte": float(figures.fte) if figures.fte is not None else None,
                "budget": figures.budget,
                "cost_allocation_model": figures.cost_allocation_model,
                "source": figures.source,
            }
            for figures in collaboration.figures.all()
        ],
    }


def municipality(municipality, links):
    return {
        **municipality_reference(municipality),
        "url": links.municipality(municipality),
        "province": {"slug": municipality.province.slug, "name": municipality.province.name},
        "valid_from": _date(municipality.valid_from),
        "valid_until": _date(municipality.valid_until),
        "successors": [municipality_reference(other) for other in municipality.successors.all()],
        "predecessors": [municipality_reference(other) for other in municipality.predecessors.all()],
        "populations": [
            {"year": population.year, "inhabitants": population.inhabitants, "source": population.source}
            for population in municipality.populations.all()
        ],
        "collaborations": [
            {
                **collaboration_reference(membership.collaboration),
                "joined_on": membership.joined_on,
                "left_on": membership.left_on,
            }
            for membership in municipality.memberships.all()
        ],
    }


def document(page, request):
    file = page.file
    return {
        "id": page.pk,
        "title": page.title,
        "url": page_url(page, request),
        "date": _date(page.date),
        "document_type": {"slug": page.document_type.slug, "name": page.document_type.name},
        "summary": page.summary,
        "collaborations": [collaboration_reference(item) for item in page.collaborations.all()],
        "municipalities": [municipality_reference(item) for item in page.municipalities.all()],
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in page.themes.all()],
        "phases": [phase(item) for item in page.phases.all()],
        # The stored size only: reading it from storage would be a file access (and a write) per row.
        "file": {
            "name": file.filename,
            "size": file.file_size,
            "type": file.content_type,
            "download_url": site_url(file.url),
        }
        if file
        else None,
    }


def _date(value):
    return value.isoformat() if value else None
