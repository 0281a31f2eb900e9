"""Human-readable labels for facet values (slugs and codes are what the engines count)."""

from cms.models import Collaboration, DocumentType, Municipality, Phase, Province, Theme
from core.content_cache import remember

from .models import KnowledgeItem
from .query import FacetValue

MODEL_OF_FACET = {
    "collaboration": Collaboration,
    "municipality": Municipality,
    "province": Province,
    "theme": Theme,
    "document_type": DocumentType,
    "phase": Phase,
}
FIXED_LABELS = {"status": dict(Collaboration.Status.choices)}


def kind_label(kind):
    return str(KnowledgeItem.Kind(kind).label) if kind in KnowledgeItem.Kind.values else kind


def facet_labels(facet_name, values):
    """Map values of one facet to labels (no query while the content generation lasts)."""
    if facet_name == "type":
        return {value: kind_label(value) for value in values}
    if facet_name in FIXED_LABELS:
        labels = FIXED_LABELS[facet_name]
        return {value: str(labels.get(value, value)).capitalize() for value in values}
    model = MODEL_OF_FACET.get(facet_name)
    if model is None:
        return {value: str(value) for value in values}
    names = all_names(model)
    return {value: names.get(value, value) for value in values}


def all_names(model):
    """Slug -> name of every term of a taxonomy model (a few hundred at most), one query per
    content generation."""
    return remember(f"names:{model._meta.label_lower}", lambda: dict(model.objects.values_list("slug", "name")))


def build_facet_values(facet, counts, selected):
    """Facet values from ``counts`` (value -> count); selected values stay even at 0."""
    counts = {str(value): count for value, count in counts.items() if value not in (None, "")}
    for value in selected:
        counts.setdefault(value, 0)
    labels = facet_labels(facet.name, list(counts))
    if facet.newest_first:
        order = sorted(counts, reverse=True)
    else:
        order = sorted(counts, key=lambda value: (-counts[value], labels[value].lower()))
    return [FacetValue(value, labels[value], counts[value], value in selected) for value in order]
