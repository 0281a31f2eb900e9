"""Admin registration: discussion categories as snippets (editors create and order them), and
groups with their memberships (editors create a group and appoint its first manager; the
managers run it from there on the site)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Category, Group, GroupMembership


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "comment"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "access", "group", "theme", "collaboration", "sort_order"]
    list_filter = ["access"]
    search_fields = ["name"]


class GroupViewSet(SnippetViewSet):
    model = Group
    icon = "group"
    list_display = ["name", "collaboration"]
    search_fields = ["name"]


class GroupMembershipViewSet(SnippetViewSet):
    model = GroupMembership
    icon = "user"
    list_display = ["member", "group", "role", "status", "requested_at"]
    list_filter = ["group", "role", "status"]


class GroupsViewSetGroup(SnippetViewSetGroup):
    items = (GroupViewSet, GroupMembershipViewSet)
    menu_icon = "group"
    menu_label = _("Groups")
    menu_name = "community-groups"
    menu_order = 271


register_snippet(CategoryViewSet)
register_snippet(GroupsViewSetGroup)
