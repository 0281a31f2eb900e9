"""The API's querysets: what is public, in a fixed order, with everything a serializer reads
prefetched, so the number of queries does not grow with the page size."""

from django.db.models import Prefetch

from cms.models import (
    Collaboration,
    CollaborationFigures,
    CollaborationMembership,
    CollaborationPage,
    KnowledgeDocumentPage,
    Municipality,
    MunicipalityPopulation,
)
from cms.queries import knowledge_items, visible


def collaborations():
    return (
        Collaboration.objects.select_related("phase")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=CollaborationMembership.objects.select_related("municipality").order_by("sort_order", "pk"),
            ),
            Prefetch("figures", queryset=CollaborationFigures.objects.order_by("-year")),
        )
        .order_by("short_name", "pk")
    )


def municipalities():
    return (
        Municipality.objects.select_related("province")
        .prefetch_related(
            "successors",
            "predecessors",
            Prefetch("populations", queryset=MunicipalityPopulation.objects.order_by("-year")),
            Prefetch(
                "memberships",
                queryset=CollaborationMembership.objects.select_related("collaboration").order_by(
                    "collaboration__short_name"
                ),
            ),
        )
        .order_by("name", "pk")
    )


def documents():
    """Knowledge documents on live pages without view restrictions (on them or an ancestor):
    nothing unpublished, private or members-only."""
    return knowledge_items(KnowledgeDocumentPage).select_related("document_type", "file").prefetch_related("phases")


def public_profiles(collaborations):
    """The live, public profile page of each of ``collaborations`` that has one, by collaboration id."""
    ids = [collaboration.pk for collaboration in collaborations]
    pages = visible(CollaborationPage).filter(collaboration_id__in=ids)
    return {page.collaboration_id: page for page in pages}
