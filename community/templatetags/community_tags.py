"""Template tags for the community: what the current user may see in menus."""

from django import template

from community.permissions import is_moderator as _is_moderator

register = template.Library()


@register.filter
def is_moderator(user):
    return _is_moderator(user)
