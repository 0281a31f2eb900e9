"""The JSON endpoints of ``/api/v1/``: lists (paged, filtered) and details by slug.

A list answers ``{"count", "next", "previous", "results"}``; ``next`` and ``previous`` are full
URLs on the site's own address that carry the request's known parameters.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext as _

from cms.models import Collaboration, DocumentType, Municipality, Phase, Province, Theme
from cms.structured_data import site_url

from . import queries, serializers
from .parameters import ApiError, choice, instance, page_of, year
from .responses import endpoint

PAGING = ("page", "page_size")
COLLABORATION_FILTERS = ("status", "form", "legal_form", "phase", "municipality")
MUNICIPALITY_FILTERS = ("province", "collaboration", "exists")
DOCUMENT_FILTERS = ("type", "collaboration", "municipality", "theme", "phase", "year")
EXISTS = {"ja": True, "nee": False}


def listing(request, params, queryset, serialize):
    page = page_of(queryset, params)

    def link(number):
        query = {**params, "page": number}
        return site_url(request.path + "?" + urlencode(sorted(query.items())))

    return {
        "count": page.paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": serialize(list(page.object_list)),
    }


def one(queryset, slug, what):
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise ApiError(_("No %(what)s with slug '%(slug)s'.") % {"what": what, "slug": slug}, status=404)
    return found


def collaboration_filters(params):
    filters = {}
    if status := choice(params, "status", Collaboration.Status.values):
        filters["status"] = status
    if form := choice(params, "form", Collaboration.Form.values):
        filters["form"] = form
    if legal_form := choice(params, "legal_form", Collaboration.LegalForm.values):
        filters["legal_form"] = legal_form
    if phase := instance(params, "phase", Phase.objects.all()):
        filters["phase"] = phase
    if municipality := instance(params, "municipality", Municipality.objects.all()):
        filters["municipalities"] = municipality
    return filters


def serialize_collaborations(request, collaborations):
    links = serializers.Links(request, queries.public_profiles(collaborations))
    return [serializers.collaboration(collaboration, links) for collaboration in collaborations]


@endpoint(PAGING + COLLABORATION_FILTERS)
def collaborations(request, params):
    queryset = queries.collaborations().filter(**collaboration_filters(params)).distinct()
    return listing(request, params, queryset, lambda rows: serialize_collaborations(request, rows))


@endpoint()
def collaboration(request, params, slug):
    found = one(queries.collaborations(), slug, _("collaboration"))
    return serialize_collaborations(request, [found])[0]


def municipality_filters(params):
    filters = {}
    if province := instance(params, "province", Province.objects.all()):
        filters["province"] = province
    if collaboration := instance(params, "collaboration", Collaboration.objects.all()):
        filters["collaborations"] = collaboration
    exists = choice(params, "exists", list(EXISTS))
    if exists is not None:
        filters["valid_until__isnull"] = EXISTS[exists]
    return filters


def serialize_municipalities(request, municipalities):
    links = serializers.Links(request)
    return [serializers.municipality(municipality, links) for municipality in municipalities]


@endpoint(PAGING + MUNICIPALITY_FILTERS)
def municipalities(request, params):
    queryset = queries.municipalities().filter(**municipality_filters(params)).distinct()
    return listing(request, params, queryset, lambda rows: serialize_municipalities(request, rows))


@endpoint()
def municipality(request, params, slug):
    found = one(queries.municipalities(), slug, _("municipality"))
    return serialize_municipalities(request, [found])[0]


def document_filters(params):
    """Filters as Q objects; a municipality also finds the documents about the municipalities
    it absorbed, as its page does."""
    filters = []
    if document_type := instance(params, "type", DocumentType.objects.all()):
        filters.append(Q(document_type=document_type))
    if collaboration := instance(params, "collaboration", Collaboration.objects.all()):
        filters.append(Q(collaborations=collaboration))
    if municipality := instance(params, "municipality", Municipality.objects.all()):
        filters.append(Q(municipalities__in=[municipality, *municipality.predecessors.all()]))
    if theme := instance(params, "theme", Theme.objects.all()):
        filters.append(Q(themes=theme))
    if phase := instance(params, "phase", Phase.objects.all()):
        filters.append(Q(phases=phase))
    if (document_year := year(params, "year")) is not None:
        filters.append(Q(date__year=document_year))
    return filters


@endpoint(PAGING + DOCUMENT_FILTERS)
def documents(request, params):
    queryset = queries.documents()
    for condition in document_filters(params):
        queryset = queryset.filter(condition)
    queryset = queryset.distinct()
    return listing(request, params, queryset, lambda rows: [serializers.document(page, request) for page in rows])
