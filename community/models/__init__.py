"""Community models, one module per area; import from here."""

from .profiles import MemberProfile, ProfileVisibility  # noqa: I001
from .discussions import Category, CategoryAccess, Post, Topic, TopicSubscription
from .groups import Group, GroupMembership
from .moderation import Flag, ModerationAction, Suspension
from .answers import HelpfulVote

__all__ = [
    "Category",
    "CategoryAccess",
    "Flag",
    "Group",
    "GroupMembership",
    "HelpfulVote",
    "MemberProfile",
    "ModerationAction",
    "Post",
    "ProfileVisibility",
    "Suspension",
    "Topic",
    "TopicSubscription",
]
