"""A member's own data: everything we hold about them as JSON, and deleting the account.

Deleting keeps the member's posts (threads stay readable, shown as "verwijderde gebruiker"),
cancels their registrations for events still to come (their place goes to the waiting list)
and removes the personal data from every registration, past or future.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import outbox
from events import registration as registrations
from events.models import EventRegistration

from .models import (
    CategoryFollow,
    Flag,
    GroupMembership,
    HelpfulVote,
    MemberProfile,
    Post,
    Topic,
    TopicSubscription,
)


def _when(value):
    return value.isoformat() if value else None


def _registrations(user):
    """Registrations made from the account, or as a guest with the account's address."""
    match = Q(user=user)
    if user.email:
        match |= Q(email__iexact=user.email)
    return EventRegistration.objects.filter(match, anonymised_at__isnull=True).select_related("event")


def export_member_data(user):
    from allauth.account.models import EmailAddress

    profile = MemberProfile.objects.filter(user=user).select_related("municipality", "collaboration").first()
    return {
        "exported_at": _when(timezone.now()),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "profile": None
        if profile is None
        else {
            "function": profile.function,
            "organisation": profile.organisation,
            "municipality": profile.municipality.name if profile.municipality else None,
            "collaboration": profile.collaboration.name if profile.collaboration else None,
            "bio": profile.bio,
            "visibility": profile.visibility,
            "show_email": profile.show_email,
            "has_photo": bool(profile.avatar),
        },
        "topics_started": [
            {"title": topic.title, "category": topic.category.name, "started": _when(topic.created_at)}
            for topic in Topic.objects.filter(author=user).select_related("category")
        ],
        "posts": [
            {
                "topic": post.topic.title,
                "text": post.body,
                "posted": _when(post.created_at),
                "edited": _when(post.edited_at),
                "hidden_by_moderator": post.hidden,
            }
            for post in Post.objects.filter(author=user).select_related("topic")
        ],
        "groups": [
            {"group": m.group.name, "role": m.role, "status": m.status, "asked": _when(m.requested_at)}
            for m in GroupMembership.objects.filter(member=user).select_related("group")
        ],
        "followed_topics": [s.topic.title for s in TopicSubscription.objects.filter(user=user).select_related("topic")],
        "followed_categories": [
            {"category": f.category.name, "email": f.mode}
            for f in CategoryFollow.objects.filter(user=user).select_related("category")
        ],
        "search_alerts": [
            {"search": alert.query_string, "frequency": alert.frequency, "since": _when(alert.created_at)}
            for alert in user.search_alerts.all()
        ],
        "reports_made": [
            {
                "topic": flag.post.topic.title,
                "reason": flag.reason,
                "explanation": flag.explanation,
                "made": _when(flag.created_at),
            }
            for flag in Flag.objects.filter(reporter=user).select_related("post__topic")
        ],
        "helpful_votes": [
            {"topic": vote.post.topic.title, "post_id": vote.post_id, "voted": _when(vote.created_at)}
            for vote in HelpfulVote.objects.filter(member=user).select_related("post__topic")
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "starts": _when(r.event.start),
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "organisation": r.organisation,
                "answers": r.answers,
                "registered": _when(r.created_at),
            }
            for r in _registrations(user)
        ],
    }


def delete_account(user):
    """Remove the account and the personal data around it; the posts stay without a name."""
    now = timezone.now()
    for registration in _registrations(user):
        if registration.is_active and registration.event.start > now:
            registrations.cancel(registration)  # frees the place for the waiting list
    with transaction.atomic():
        _registrations(user).update(
            name="",
            email="",
            organisation="",
            answers={},
            user=None,
            anonymised_at=now,
        )
        # Nothing more is sent to someone who left, not even what was already queued.
        outbox.forget_addresses([user.email, *user.emailaddress_set.values_list("email", flat=True)])
        # Posts and topics keep their text, their author becomes empty; the profile goes with
        # the account, and its photo file once this commits (community.avatars).
        user.delete()
