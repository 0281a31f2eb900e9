"""Admin registration: discussion categories as snippets (editors create and order them)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "comment"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "access", "theme", "collaboration", "sort_order"]
    list_filter = ["access"]
    search_fields = ["name"]


register_snippet(CategoryViewSet)
