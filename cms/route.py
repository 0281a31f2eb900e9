"""The route by phase: what the platform holds for one phase, assembled from tags.

Phase pages call ``holdings_for(phase)`` instead of listing content by hand, so a document
tagged with a phase appears on its phase page as soon as it is published, and disappears when
it is unpublished or made private. Only live pages outside private sections are read, as in
``cms.queries``; the view restrictions are read once per page view, not once per list.

``holdings_for`` returns a dict so that more kinds can join it under their own key without the
phase page changing shape.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from cms import partial_dates

# Items of each kind shown on a phase page; the rest are one link away, in search.
HOLDINGS_PER_KIND = 5


def search_url(phase, kind=None):
    """The site search filtered on ``phase`` (and a content type): the full list behind a kind."""
    params = [("phase", phase.slug)]
    if kind:
        params.append(("type", kind))
    return f"{reverse('search')}?{urlencode(params)}"


def private_sections():
    """A filter matching the pages in private sections (view restrictions), read once per
    content generation (``cms.queries.private_q``), so the several lists on a phase page share
    it instead of one look-up each (``public()``)."""
    from cms.queries import private_q

    return private_q()


def items_in_phase(model, phase, private, limit=HOLDINGS_PER_KIND):
    """The newest live, public items of ``model`` tagged with ``phase`` (each once)."""
    items = model.objects.live().exclude(private).filter(phases=phase).distinct().order_by(*model.listing_order)
    if hasattr(model, "document_type"):
        items = items.select_related("document_type")
    return items[:limit]


def profiles_of(collaborations, private):
    """{collaboration id: its live, public profile page} for ``collaborations``."""
    from cms.models import CollaborationPage

    pages = CollaborationPage.objects.live().exclude(private).filter(collaboration__in=collaborations)
    return {page.collaboration_id: page for page in pages.defer_streamfields()}


def has_timeline(collaboration):
    """Whether both the decision and the start of ``collaboration`` are known."""
    return bool(partial_dates.parse(collaboration.decided_on) and partial_dates.parse(collaboration.started_on))


def timeline(collaboration, profile):
    """Decision, start (and end) of ``collaboration`` at the precision its source gave them:
    "juni 2006", not "1 juni 2006"."""
    ended = collaboration.ended_on if partial_dates.parse(collaboration.ended_on) else ""
    return {
        "collaboration": collaboration,
        "profile": profile,
        "decided_on": collaboration.decided_on,
        "decided": partial_dates.in_words(collaboration.decided_on),
        "started_on": collaboration.started_on,
        "started": partial_dates.in_words(collaboration.started_on),
        "ended_on": ended,
        "ended": partial_dates.in_words(ended),
    }


def collaborations_and_timelines(phase, private):
    """The collaborations in ``phase`` now, and the example timelines: every collaboration whose
    decision and start are both known (one with either date unknown has none rather than an
    invented one), by decision date. Each with its profile page if anyone may see it."""
    from cms.models import Collaboration

    candidates = Collaboration.objects.filter(Q(phase=phase) | (~Q(decided_on="") & ~Q(started_on=""))).order_by(
        "short_name"
    )
    candidates = list(candidates)
    profiles = profiles_of(candidates, private)
    in_phase = [{"collaboration": c, "profile": profiles.get(c.pk)} for c in candidates if c.phase_id == phase.pk]
    with_dates = sorted((c for c in candidates if has_timeline(c)), key=lambda c: (c.decided_on, c.short_name))
    return in_phase, [timeline(c, profiles.get(c.pk)) for c in with_dates]


def holdings_for(phase, private=None):
    """What the platform holds for ``phase``: {key: {"items": ..., "more_url": ...}} for the
    item kinds, plus "collaborations" and "timelines".

    "lessons" holds the lessons learned of this phase; "questions" the Q&A pages; "discussions"
    the community's topics about it.
    """
    holdings = content_holdings_for(phase, private)
    holdings["discussions"] = discussions_in_phase(phase)
    return holdings


def content_holdings_for(phase, private=None, request=None):
    """``holdings_for`` without the discussions: content only, which the phase page keeps until
    content changes (the discussions change without that)."""
    # Events are their own app and search builds on cms: imported here, not at the top.
    from cms.models import KnowledgeDocumentPage, NewsPage, PublicationPage, QuestionPage
    from events.models import EventPage
    from search.models import KnowledgeItem

    kinds = {
        "documents": (KnowledgeDocumentPage, KnowledgeItem.Kind.DOCUMENT),
        "publications": (PublicationPage, KnowledgeItem.Kind.PUBLICATION),
        "news": (NewsPage, KnowledgeItem.Kind.NEWS),
        "events": (EventPage, KnowledgeItem.Kind.EVENT),
        "questions": (QuestionPage, KnowledgeItem.Kind.QUESTION),
    }
    private = private_sections() if private is None else private
    holdings = {
        key: {"items": list(items_in_phase(model, phase, private)), "more_url": search_url(phase, kind)}
        for key, (model, kind) in kinds.items()
    }
    holdings["collaborations"], holdings["timelines"] = collaborations_and_timelines(phase, private)
    holdings["lessons"] = lessons_in_phase(phase, request)
    return holdings


def discussions_in_phase(phase, limit=HOLDINGS_PER_KIND):
    """The most recently active public discussions about ``phase`` (never a members-only
    category or a hidden topic), and the link to all of them in search."""
    from community.models import Topic
    from search.models import KnowledgeItem

    topics = Topic.objects.public().filter(phase=phase).select_related("category").order_by("-last_activity_at")
    return {"items": list(topics[:limit]), "more_url": search_url(phase, KnowledgeItem.Kind.DISCUSSION)}


def lessons_in_phase(phase, request=None):
    """The lessons learned tagged with ``phase`` (from visible profiles only), and the link to
    all of them in the lessons overview."""
    from cms.lessons import visible_lessons
    from cms.models.lesson_index import lessons_overview_url

    return {
        "items": list(visible_lessons(phase=phase)[:HOLDINGS_PER_KIND]),
        "more_url": lessons_overview_url(request, phase=phase.slug),
    }


def neighbours(page, private=None):
    """The previous and next live, public phase pages of ``page`` on the route (or None)."""
    from cms.models import PhasePage

    private = private_sections() if private is None else private
    siblings = PhasePage.objects.live().exclude(private).sibling_of(page, inclusive=False).select_related("phase")
    number = page.phase.number
    earlier = [p for p in siblings if p.phase.number < number]
    later = [p for p in siblings if p.phase.number > number]
    previous = max(earlier, key=lambda p: p.phase.number, default=None)
    following = min(later, key=lambda p: p.phase.number, default=None)
    return previous, following
