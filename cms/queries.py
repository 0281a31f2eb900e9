"""Named queries for what visitors see: live, public content only, in listing order.

Pages and feeds call these instead of building querysets themselves, so the rule "never show
unpublished or private content" lives in one place.

What every page asks again and again (which sections are private, where the news overview is)
is remembered for one content generation (``core.content_cache``), which changes whenever a
page, a view restriction or other content is saved.
"""

from django.db.models import Q

from core.content_cache import remember


def _private_sections():
    from wagtail.models import PageViewRestriction

    restricted = PageViewRestriction.objects.values_list("page__path", "page__depth")
    return tuple(sorted(set(restricted)))


def private_q():
    """Wagtail's ``PageQuerySet.private_q`` (pages in a section with a view restriction, and
    the sections themselves), from the restrictions of this content generation."""
    condition = Q()
    for path, depth in remember("private sections", _private_sections):
        condition |= Q(path__startswith=path, depth__gte=depth)
    return condition if condition else Q(pk__in=[])


def _aliases_exist():
    from wagtail.models import Page

    return Page.objects.filter(alias_of__isnull=False).exists()


def may_be_restricted(page):
    """False when no view restriction can apply to ``page``: it lies in no private section, and
    no page is an alias (an alias takes its source's restrictions, wherever it lies)."""
    sections = remember("private sections", _private_sections)
    in_private_section = any(page.path.startswith(path) for path, _depth in sections)
    return in_private_section or remember("aliases exist", _aliases_exist)


def visible(model):
    """Live pages of ``model`` that anonymous visitors may see (Wagtail's ``live().public()``)."""
    return model.objects.live().exclude(private_q())


def first_visible(model):
    """The (single) visible section page of a type, e.g. the news overview, or None."""
    return remember(f"first visible {model._meta.label}", lambda: visible(model).order_by("path").first())


def municipality_index(request=None):
    """The visible municipalities overview (municipality pages hang under it), or None; looked
    up once per request, as every municipality link on a page needs it."""
    from cms.models import MunicipalityIndexPage

    index = getattr(request, "_municipality_index", None) if request is not None else None
    if index is None:
        index = first_visible(MunicipalityIndexPage)
        if request is not None:
            request._municipality_index = index or False
    return index or None


def knowledge_items(model):
    """Visible items of a knowledge item model, tags prefetched, in the model's listing order."""
    return (
        visible(model)
        .select_related(*model.listing_related)
        .prefetch_related(*model.taxonomy_prefetch)
        .order_by(*model.listing_order)
    )


def latest(model, limit):
    return knowledge_items(model)[:limit]


def items_about(limit=10, **tag_filter):
    """The newest items of each kind tagged with e.g. ``collaborations=collab`` or
    ``municipalities__in=[...]`` (each item once), as cards without tags: one query per kind,
    nothing prefetched."""
    # Events are their own app, which builds on this one: imported here, not at the top.
    from cms.models import KnowledgeDocumentPage, NewsPage, PublicationPage
    from events.models import EventPage

    def about(model):
        items = visible(model).select_related(*model.listing_related).filter(**tag_filter).distinct()
        return items.order_by(*model.listing_order)[:limit]

    return {
        "documents": about(KnowledgeDocumentPage),
        "publications": about(PublicationPage),
        "news": about(NewsPage),
        "events": about(EventPage),
    }


def question_sources(question):
    """A question's sources as (source, page or None), leaving out document links to pages that
    are unpublished or private (a source with only such a link is left out entirely)."""
    from wagtail.models import Page

    sources = list(question.sources.all())
    ids = [source.document_id for source in sources if source.document_id]
    pages = {page.pk: page for page in visible(Page).filter(pk__in=ids)} if ids else {}
    shown = []
    for source in sources:
        page = pages.get(source.document_id)
        if page is not None or source.external_url:
            shown.append((source, page))
    return shown


def public_topic(topic_id):
    """The discussion topic, if anyone may read it (public category, not hidden), else None."""
    from community.models import Topic

    return Topic.objects.public().filter(pk=topic_id).first() if topic_id else None
