"""Community models, one module per area; import from here."""

from .profiles import MemberProfile, ProfileVisibility  # noqa: I001
from .discussions import Category, CategoryAccess, Post, Topic, TopicSubscription
from .groups import Group, GroupMembership
from .moderation import Flag, ModerationAction, Suspension
from .digests import CategoryFollow, DigestCursor, NotificationMode, TopicReadMark
from .answers import HelpfulVote

__all__ = [
    "Category",
    "CategoryAccess",
    "CategoryFollow",
    "DigestCursor",
    "Flag",
    "Group",
    "GroupMembership",
    "HelpfulVote",
    "MemberProfile",
    "ModerationAction",
    "NotificationMode",
    "Post",
    "ProfileVisibility",
    "Suspension",
    "Topic",
    "TopicReadMark",
    "TopicSubscription",
]
