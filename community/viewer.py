"""Who is looking at a community page: one ``Viewer`` per request answers "member? moderator?
suspended? verified?" once, and holds the community's rules for reading, posting, editing and
reporting, so views, templates and services agree.

Each answer is asked of the database the first time it is needed and then kept: a topic page
of twenty posts costs the same queries as a page of one. ``Viewer.of(request)`` keeps the
viewer on the request; the ``viewer`` context processor hands the same one to templates.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser

from .models import CategoryAccess
from .permissions import active_suspension, has_verified_primary_address, is_moderator

_REQUEST_ATTRIBUTE = "_community_viewer"


@dataclass(eq=False)
class Viewer:
    """The roles of ``user`` (anonymous visitor, member, moderator) and what they may do.

    A member is logged in, active and has a verified primary e-mail address; a suspended member
    is still a member but may not post or report. Moderators are the ``community.moderate``
    permission holders (see ``permissions``)."""

    user: object

    @classmethod
    def of(cls, request):
        # ``request.user`` is lazy: compare it by identity and never ask it anything here, so
        # a page that does not use the viewer does not load the user (or touch the session).
        user = getattr(request, "user", None)
        viewer = getattr(request, _REQUEST_ATTRIBUTE, None)
        if viewer is None or viewer.user is not user:  # a login in this request: a new viewer
            viewer = cls(AnonymousUser() if user is None else user)
            setattr(request, _REQUEST_ATTRIBUTE, viewer)
        return viewer

    @property
    def authenticated(self):
        return self.user.is_authenticated

    @cached_property
    def verified(self):
        return self.user.is_authenticated and has_verified_primary_address(self.user)

    @cached_property
    def member(self):
        return self.user.is_authenticated and self.user.is_active and self.verified

    @cached_property
    def moderator(self):
        return is_moderator(self.user)

    @cached_property
    def suspension(self):
        return active_suspension(self.user)

    @property
    def suspended(self):
        return self.suspension is not None

    @property
    def sees_members_area(self):
        """Members-only categories, the directory and @-suggestions: members and moderators."""
        return self.member or self.moderator

    def readable_categories(self, queryset):
        return queryset if self.sees_members_area else queryset.filter(access=CategoryAccess.PUBLIC)

    def can_read(self, topic):
        if topic.hidden and not self.moderator:
            return False
        return topic.category.is_public or self.member or self.moderator

    def can_post(self, topic=None):
        if not self.member or self.suspended:
            return False
        if topic is not None and (topic.locked or topic.hidden) and not self.moderator:
            return False
        return True

    def can_edit(self, post):
        return post.author_id == self.user.pk and self.can_post(post.topic) and not post.hidden

    @property
    def may_report(self):
        """Members report posts to moderators; a suspended member cannot (no flooding the queue)."""
        return self.member and not self.suspended

    def can_flag(self, post):
        return self.may_report and post.author_id != self.user.pk and not post.hidden


def viewer(request):
    """Context processor: ``viewer`` in every template, the same object the view used."""
    return {"viewer": Viewer.of(request)}
