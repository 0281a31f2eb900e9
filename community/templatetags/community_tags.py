"""Template tags for the community: @-names. What the current user may do is ``viewer`` (the
context processor in ``community.viewer``)."""

from django import template

from community.markup import is_mentionable
from community.models import Group

register = template.Library()


@register.filter
def mention_name(user):
    """ "@username" for a member others can mention in a post, else "" (nothing to show)."""
    username = user.get_username() if user else ""
    return f"@{username}" if is_mentionable(username) else ""


@register.simple_tag
def groups_of(collaboration):
    """The community groups of a collaboration (name and link only; anyone may see that a
    group exists, never what it discusses)."""
    return list(Group.objects.filter(collaboration=collaboration).only("name", "slug"))
