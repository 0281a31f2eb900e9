"""@mentions: which members a post mentions. At most COMMUNITY_MAX_MENTIONS_PER_POST names
are looked up, all in one query, so no post can make the site run a query (or send a mail)
per name; ``posting.check_mentions`` refuses posts with more."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.urls import reverse

from . import markup
from .permissions import has_verified_address


def mentioned_names(text):
    """The distinct lower-case @names the writer mentions, up to the cap, in order."""
    return markup.mentioned_usernames(text)[: settings.COMMUNITY_MAX_MENTIONS_PER_POST]


def mentioned_members(text):
    """{name: user} for the members (active, verified address) the text mentions, in any case."""
    names = mentioned_names(text)
    if not names:
        return {}
    users = (
        get_user_model()
        .objects.annotate(username_lower=Lower("username"))
        .filter(has_verified_address(), username_lower__in=names, is_active=True)
        .select_related("profile")
    )
    found = {user.username_lower: user for user in users}
    return {name: found[name] for name in names if name in found}  # in the order written


def mention_links(text):
    """{name: profile URL}: what ``markup.render`` turns into links."""
    return {
        name: reverse("community:member", args=[user.get_username()]) for name, user in mentioned_members(text).items()
    }
