"""Who is looking at a community page: one ``Viewer`` per request answers "member? moderator?
suspended? verified?" once, and holds the community's rules for reading, posting, editing and
reporting, so views, templates and services agree.

Each answer is asked of the database the first time it is needed and then kept: a topic page
of twenty posts costs the same queries as a page of one. ``Viewer.of(request)`` keeps the
viewer on the request; the ``viewer`` context processor hands the same one to templates.

Group categories (``CategoryAccess.GROUP``) are read by the group's approved members and by
moderators (who must be able to act on reports there); for everyone else they do not exist.
The viewer's groups are read in one query, the first time a group question is asked.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from .models import CategoryAccess, GroupMembership
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

    @cached_property
    def group_roles(self):
        """{group id: role} of the groups the viewer is an approved member of (members only:
        an account that lost its verified address or was deactivated reads no group)."""
        if not self.member:
            return {}
        approved = GroupMembership.objects.filter(member=self.user, status=GroupMembership.Status.APPROVED)
        return dict(approved.values_list("group_id", "role"))

    def in_group(self, group_id):
        return group_id in self.group_roles

    def manages(self, group_id):
        return self.group_roles.get(group_id) == GroupMembership.Role.MANAGER

    def category_filter(self, prefix=""):
        """The query form of ``can_read_category`` for rows reached through ``prefix`` (e.g.
        ``"category__"`` for topics); None when the viewer reads every category."""
        if self.moderator:
            return None
        if not self.member:
            return Q(**{f"{prefix}access": CategoryAccess.PUBLIC})
        return ~Q(**{f"{prefix}access": CategoryAccess.GROUP}) | Q(**{f"{prefix}group_id__in": list(self.group_roles)})

    def readable_categories(self, queryset):
        condition = self.category_filter()
        return queryset if condition is None else queryset.filter(condition)

    def readable_topics(self, queryset):
        """``queryset`` of topics narrowed to those the viewer may read (``can_read``)."""
        condition = self.category_filter("category__")
        if condition is not None:
            queryset = queryset.filter(condition)
        return queryset if self.moderator else queryset.filter(hidden=False)

    def can_read_category(self, category):
        # The cheap answers first: "moderator?" asks the permission tables.
        if category.is_public:
            return True
        if category.access == CategoryAccess.GROUP:
            return self.in_group(category.group_id) or self.moderator
        return self.member or self.moderator

    def can_read(self, topic):
        if topic.hidden and not self.moderator:
            return False
        return self.can_read_category(topic.category)

    def can_post(self, topic=None):
        if not self.member or self.suspended:
            return False
        if topic is not None and (topic.locked or topic.hidden) and not self.moderator:
            return False
        return True

    def can_edit(self, post):
        # can_read: a member who left a group no longer edits what they wrote there.
        return (
            post.author_id == self.user.pk
            and self.can_post(post.topic)
            and not post.hidden
            and self.can_read(post.topic)
        )

    @property
    def may_report(self):
        """Members report posts to moderators; a suspended member cannot (no flooding the queue)."""
        return self.member and not self.suspended

    def can_flag(self, post):
        return self.may_report and post.author_id != self.user.pk and not post.hidden


def viewer(request):
    """Context processor: ``viewer`` in every template, the same object the view used."""
    return {"viewer": Viewer.of(request)}
