"""Template tags for the community: @-names. What the current user may do is ``viewer`` (the
context processor in ``community.viewer``)."""

from django import template

from community.markup import is_mentionable

register = template.Library()


@register.filter
def mention_name(user):
    """ "@username" for a member others can mention in a post, else "" (nothing to show)."""
    username = user.get_username() if user else ""
    return f"@{username}" if is_mentionable(username) else ""
