"""The route by phase: what the platform holds for one phase, assembled from tags.

Phase pages call ``holdings_for(phase)`` instead of listing content by hand, so a document
tagged with a phase appears on its phase page as soon as it is published, and disappears when
it is unpublished or made private. Only live, public pages are read (``cms.queries``).

``holdings_for`` returns a dict so that more kinds can join it under their own key (lessons and
Q&A pages, once those exist) without the phase page changing shape.
"""

from urllib.parse import urlencode

from django.urls import reverse

from cms import partial_dates
from cms.queries import visible

# Items of each kind shown on a phase page; the rest are one link away, in search.
HOLDINGS_PER_KIND = 5


def search_url(phase, kind=None):
    """The site search filtered on ``phase`` (and a content type): the full list behind a kind."""
    params = [("phase", phase.slug)]
    if kind:
        params.append(("type", kind))
    return f"{reverse('search')}?{urlencode(params)}"


def items_in_phase(model, phase, limit=HOLDINGS_PER_KIND):
    """The newest visible items of ``model`` tagged with ``phase`` (each once)."""
    items = visible(model).filter(phases=phase).distinct().order_by(*model.listing_order)
    if hasattr(model, "document_type"):
        items = items.select_related("document_type")
    return items[:limit]


def collaborations_in(phase):
    """The collaborations in ``phase`` now, each with its profile page if anyone may see it."""
    from cms.models import CollaborationPage

    collaborations = list(phase.collaborations.order_by("short_name"))
    profiles = {
        page.collaboration_id: page
        for page in visible(CollaborationPage).filter(collaboration__in=collaborations).defer_streamfields()
    }
    return [{"collaboration": c, "profile": profiles.get(c.pk)} for c in collaborations]


def timelines():
    """Collaborations whose decision and start are both known: how long the route took them.

    Dates keep the precision their source gave ("juni 2006", not "1 juni 2006"); a collaboration
    with either date unknown has no timeline rather than an invented one."""
    from cms.models import Collaboration, CollaborationPage

    known = (
        Collaboration.objects.exclude(decided_on="")
        .exclude(started_on="")
        .order_by("decided_on", "short_name")
    )
    rows = [c for c in known if partial_dates.parse(c.decided_on) and partial_dates.parse(c.started_on)]
    profiles = {
        page.collaboration_id: page
        for page in visible(CollaborationPage).filter(collaboration__in=rows).defer_streamfields()
    }
    return [
        {
            "collaboration": c,
            "profile": profiles.get(c.pk),
            "decided_on": c.decided_on,
            "decided": partial_dates.in_words(c.decided_on),
            "started_on": c.started_on,
            "started": partial_dates.in_words(c.started_on),
            "ended_on": c.ended_on if partial_dates.parse(c.ended_on) else "",
            "ended": partial_dates.in_words(c.ended_on),
        }
        for c in rows
    ]


def holdings_for(phase):
    """What the platform holds for ``phase``: {key: {"items": ..., "more_url": ...}} for the
    item kinds, plus "collaborations" and "timelines".

    Keys reserved for the lead to add after merging: "lessons" and "questions" (Q&A pages).
    """
    # Events are their own app and search builds on cms: imported here, not at the top.
    from cms.models import KnowledgeDocumentPage, NewsPage, PublicationPage
    from events.models import EventPage
    from search.models import KnowledgeItem

    kinds = {
        "documents": (KnowledgeDocumentPage, KnowledgeItem.Kind.DOCUMENT),
        "publications": (PublicationPage, KnowledgeItem.Kind.PUBLICATION),
        "news": (NewsPage, KnowledgeItem.Kind.NEWS),
        "events": (EventPage, KnowledgeItem.Kind.EVENT),
    }
    holdings = {
        key: {"items": list(items_in_phase(model, phase)), "more_url": search_url(phase, kind)}
        for key, (model, kind) in kinds.items()
    }
    holdings["collaborations"] = collaborations_in(phase)
    holdings["timelines"] = timelines()
    return holdings


def neighbours(page):
    """The previous and next visible phase pages of ``page`` on the route (or None)."""
    from cms.models import PhasePage

    siblings = list(visible(PhasePage).sibling_of(page, inclusive=False).select_related("phase"))
    number = page.phase.number
    earlier = [p for p in siblings if p.phase.number < number]
    later = [p for p in siblings if p.phase.number > number]
    previous = max(earlier, key=lambda p: p.phase.number, default=None)
    following = min(later, key=lambda p: p.phase.number, default=None)
    return previous, following
