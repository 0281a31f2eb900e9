"""Index pages that list their knowledge items with paging."""

from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.child_routing import route_to_child
from cms.filters import applied_filters
from cms.queries import knowledge_items
from core.pagination import paginate, query_without_page

from .restrictions import KnownViewRestrictions


class ListingPage(KnownViewRestrictions, Page):
    """A section page (library, news, publications, lessons) listing its items."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # Set by subclasses: the item model this page lists, how it counts them with the noun of
    # what it lists (ngettext_lazy with a "count" placeholder: "12 documenten", not "12
    # items"), and optionally a django-filter FilterSet that narrows the list from the query
    # string.
    item_model = None
    count_text = None
    filterset_class = None
    page_size = 12

    class Meta:
        abstract = True

    @classproperty
    def cache_query_parameters(cls):
        """The query parameters that make a cached variant of this page (core/page_cache.py)."""
        filters = tuple(cls.filterset_class.base_filters) if cls.filterset_class else ()
        return ("page", *filters)

    def route(self, request, path_components):
        routed = route_to_child(self, request, path_components, self.item_model)
        return routed if routed is not None else super().route(request, path_components)

    def listed_items(self):
        """Everything this page lists before filters: by default its visible items."""
        return knowledge_items(self.item_model).descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.listed_items()
        applied = ()
        if self.filterset_class is not None:
            context["filter"] = self.filterset_class(request.GET, queryset=items)
            items = context["filter"].qs  # invalid values are left out (and shown as errors)
            applied = applied_filters(context["filter"])
        context["applied_filters"] = [(name, request.GET[name]) for name in applied]
        context["items"] = paginate(request, items, self.page_size)
        context["count_text"] = self.count_text % {"count": context["items"].paginator.count}
        context["query_string"] = query_without_page(request, keep=applied)
        return context
