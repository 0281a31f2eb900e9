"""Joining and running a group: members ask to join, managers approve, decline, remove,
appoint and demote; anyone leaves. Managers get an e-mail when someone asks, the member
when they are let in (both through the outbox, sent after the commit).

Every change locks the group's row first, so two managers acting at once cannot both step
down and leave the group without one, and a double submit finds the work already done (each
function is harmless to repeat). The actor's role is read again under that lock, not taken from
a page they loaded earlier.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox, ratelimit

from .models import Group, GroupMembership
from .viewer import Viewer

Role, Status = GroupMembership.Role, GroupMembership.Status
JOIN_MAIL_SCOPE = "community-group-join-mail"
JOIN_MAILS_PER_DAY = 10  # asking, leaving and asking again must not flood the managers


class GroupRefused(Exception):
    """A change the rules do not allow; ``message`` says why, for the member."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def membership_of(group, user):
    """The user's membership of ``group`` (requested or approved), or None."""
    if not user.is_authenticated:
        return None
    return GroupMembership.objects.filter(group=group, member=user).first()


def memberships_by_group(user):
    """{group id: membership} of everything the user asked for or belongs to, in one query."""
    if not user.is_authenticated:
        return {}
    return {m.group_id: m for m in GroupMembership.objects.filter(member=user)}


def _lock(group):
    return Group.objects.select_for_update().get(pk=group.pk)


def _require_manager(group, user):
    is_manager = GroupMembership.objects.filter(
        group=group, member=user, role=Role.MANAGER, status=Status.APPROVED
    ).exists()
    if not (is_manager and Viewer(user).member):
        raise PermissionDenied


def _managers(group):
    return GroupMembership.objects.filter(group=group, role=Role.MANAGER, status=Status.APPROVED)


def _is_last_manager(membership):
    return membership.is_manager and not _managers(membership.group).exclude(pk=membership.pk).exists()


def _manage_url(group):
    return outbox.site_url(reverse("community:group_manage", args=[group.slug]))


def _name(user):
    return user.get_full_name() or user.get_username()


def request_to_join(group, user):
    """Ask to join; returns the membership. Asking again (or as a member already) changes
    nothing and mails nobody."""
    viewer = Viewer(user)
    if not viewer.member or viewer.suspended:
        raise GroupRefused(_("Only members can ask to join a group."))
    with transaction.atomic():
        group = _lock(group)
        try:
            with transaction.atomic():
                membership, created = GroupMembership.objects.get_or_create(group=group, member=user)
        except IntegrityError:  # a parallel request of the same member got there first
            return GroupMembership.objects.get(group=group, member=user)
        if created and ratelimit.consume(JOIN_MAIL_SCOPE, user.pk, limit=JOIN_MAILS_PER_DAY, period=24 * 60 * 60):
            for manager in _managers(group).select_related("member"):
                if manager.member.email and manager.member.is_active:
                    outbox.queue_mail(
                        "community/email/group_request",
                        manager.member.email,
                        {"group": group, "requester": _name(user), "manage_url": _manage_url(group)},
                        purpose="community.group_request",
                    )
    return membership


def _target(group, membership_id):
    """The membership ``membership_id`` of this group, locked; None when it is gone."""
    return GroupMembership.objects.select_for_update().filter(group=group, pk=membership_id).first()


def approve(group, actor, membership_id):
    """Let a member in (and mail them). Approving twice mails once."""
    with transaction.atomic():
        group = _lock(group)
        _require_manager(group, actor)
        membership = _target(group, membership_id)
        if membership is None or membership.approved:
            return membership
        membership.status, membership.approved_at, membership.approved_by = Status.APPROVED, timezone.now(), actor
        membership.save(update_fields=["status", "approved_at", "approved_by"])
        if membership.member.email:
            outbox.queue_mail(
                "community/email/group_approved",
                membership.member.email,
                {"group": group, "group_url": outbox.site_url(group.get_absolute_url())},
                purpose="community.group_approved",
            )
    return membership


def decline(group, actor, membership_id):
    """Turn down a request (the member may ask again later). Approved members are removed
    with ``remove``, not here."""
    with transaction.atomic():
        group = _lock(group)
        _require_manager(group, actor)
        membership = _target(group, membership_id)
        if membership is not None and not membership.approved:
            membership.delete()


def remove(group, actor, membership_id):
    """Take a member out of the group; the last manager stays."""
    with transaction.atomic():
        group = _lock(group)
        _require_manager(group, actor)
        membership = _target(group, membership_id)
        if membership is None:
            return
        if _is_last_manager(membership):
            raise GroupRefused(_("A group needs a manager: appoint another manager first."))
        membership.delete()


def appoint(group, actor, membership_id):
    """Make an approved member a manager."""
    with transaction.atomic():
        group = _lock(group)
        _require_manager(group, actor)
        membership = _target(group, membership_id)
        if membership is None or not membership.approved:
            raise GroupRefused(_("Only approved members can become managers."))
        if membership.role != Role.MANAGER:
            membership.role = Role.MANAGER
            membership.save(update_fields=["role"])


def demote(group, actor, membership_id):
    """Make a manager an ordinary member again; the last manager stays."""
    with transaction.atomic():
        group = _lock(group)
        _require_manager(group, actor)
        membership = _target(group, membership_id)
        if membership is None or membership.role != Role.MANAGER:
            return
        if _is_last_manager(membership):
            raise GroupRefused(_("A group needs a manager: appoint another manager first."))
        membership.role = Role.MEMBER
        membership.save(update_fields=["role"])


def leave(group, user):
    """Leave the group, or withdraw one's request; the last manager stays."""
    with transaction.atomic():
        group = _lock(group)
        membership = GroupMembership.objects.select_for_update().filter(group=group, member=user).first()
        if membership is None:
            return
        if _is_last_manager(membership):
            raise GroupRefused(_("A group needs a manager: appoint another manager first."))
        membership.delete()


ACTIONS = {"approve": approve, "decline": decline, "remove": remove, "appoint": appoint, "demote": demote}
