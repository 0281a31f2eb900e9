"""Groups: a closed circle of members (often one collaboration's own staff) with its own
discussion categories.

A member asks to join (status "requested"); a manager of the group approves, and from then on
the member reads and writes in the group's categories (``Category.access == "group"``). Group
content exists only for approved members and community moderators (see ``viewer.Viewer``).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Group(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    # Shown to everyone on /groepen/: say who the group is for, not what it discusses.
    description = models.TextField(
        _("description"), blank=True, help_text=_("Everyone can read this: who is the group for?")
    )
    collaboration = models.ForeignKey(
        "cms.Collaboration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_groups",
        verbose_name=_("collaboration"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:group", args=[self.slug])


class GroupMembership(models.Model):
    """One member's place in one group: asked for, then approved, as member or manager."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        MANAGER = "manager", _("manager")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("asked to join")
        APPROVED = "approved", _("approved")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("member"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["group", "member__username"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "member"], name="one_membership_per_group")]

    def __str__(self):
        return f"user {self.member_id} in group {self.group_id} ({self.status}, {self.role})"

    @property
    def approved(self):
        return self.status == self.Status.APPROVED

    @property
    def is_manager(self):
        return self.approved and self.role == self.Role.MANAGER
