"""Template tags for the community: what the current user may see in menus, and @-names."""

from django import template

from community.markup import is_mentionable
from community.permissions import is_moderator as _is_moderator

register = template.Library()


@register.filter
def is_moderator(user):
    return _is_moderator(user)


@register.filter
def mention_name(user):
    """"@username" for a member others can mention in a post, else "" (nothing to show)."""
    username = user.get_username() if user else ""
    return f"@{username}" if is_mentionable(username) else ""
