"""Admin registration: the search analytics report and the editors' synonym list."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import VIEW_PERMISSION, SearchAnalyticsView
from .models import SynonymGroup


class SearchAnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_search_analytics_url():
    return [path("zoekstatistieken/", SearchAnalyticsView.as_view(), name="search_analytics")]


@hooks.register("register_reports_menu_item")
def register_search_analytics_menu_item():
    return SearchAnalyticsMenuItem(
        _("Search queries"),
        reverse("search_analytics"),
        name="search-queries",
        icon_name="search",
        order=1000,
    )


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 260
    add_to_admin_menu = True
    search_fields = ["terms"]
    list_display = ["terms"]


register_snippet(SynonymGroupViewSet)
