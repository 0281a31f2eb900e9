"""Discussions: categories (public, members-only or one group's), topics and posts.

A post whose author deleted their account keeps its text with no author, shown as
"verwijderde gebruiker", so threads stay readable.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .digests import NotificationMode


class CategoryAccess(models.TextChoices):
    PUBLIC = "public", _("Everyone can read; members write")
    MEMBERS = "members", _("Members only")
    # Only the approved members of ``Category.group`` (and moderators): see models/groups.py.
    GROUP = "group", _("Group members only")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    access = models.CharField(_("who can read"), max_length=10, choices=CategoryAccess, default=CategoryAccess.PUBLIC)
    # Search tags the category's topics with these (search/discussions.py), so a BAR discussion
    # is found with the BAR filter.
    theme = models.ForeignKey(
        "cms.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("theme"),
        help_text=_("Search finds the topics of this category under this theme."),
    )
    collaboration = models.ForeignKey(
        "cms.Collaboration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("collaboration"),
        help_text=_("Search finds the topics of this category under this collaboration and its municipalities."),
    )
    group = models.ForeignKey(
        "community.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # deleting a group must not turn its categories public
        related_name="categories",
        verbose_name=_("group"),
        help_text=_("Only for “Group members only”: whose category this is."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("discussion category")
        verbose_name_plural = _("discussion categories")
        constraints = [
            # A group category names its group, and only a group category does.
            models.CheckConstraint(
                condition=(models.Q(access="group") & models.Q(group__isnull=False))
                | (~models.Q(access="group") & models.Q(group__isnull=True)),
                name="group_category_has_group",
                violation_error_message=_("Choose a group for “Group members only”, and only then."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:category", args=[self.slug])

    @property
    def is_public(self):
        return self.access == CategoryAccess.PUBLIC


class TopicQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read (the query form of ``Topic.is_public``): search and the sitemap."""
        return self.filter(category__access=CategoryAccess.PUBLIC, hidden=False)


class Topic(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="topics", verbose_name=_("category"))
    title = models.CharField(_("title"), max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now, db_index=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False, help_text=_("No new replies."))
    hidden = models.BooleanField(_("hidden"), default=False)
    # The phase of the route it is about, chosen by its author: the phase pages list it.
    phase = models.ForeignKey(
        "cms.Phase", null=True, blank=True, on_delete=models.SET_NULL, related_name="topics", verbose_name=_("phase")
    )
    # A question topic: its author or a moderator marks one reply as the answer (community/answers.py).
    is_question = models.BooleanField(_("asks a question"), default=False)
    accepted_answer = models.ForeignKey(
        "community.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted answer"),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-last_activity_at"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:topic", args=[self.pk])

    @property
    def is_public(self):
        return self.category.is_public and not self.hidden


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts", verbose_name=_("topic"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    body = models.TextField(_("message"), max_length=20000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=255, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return f"{self.topic} #{self.pk}"


class TopicSubscription(models.Model):
    """E-mail me new replies in this topic (starting or replying subscribes you)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)
    # Each post, a digest, or "off": muted, even when its category is followed (models/digests.py).
    mode = models.CharField(_("e-mail"), max_length=10, choices=NotificationMode, default=NotificationMode.EACH)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="one_subscription_per_topic")]

    def __str__(self):
        return f"user {self.user_id} follows topic {self.topic_id}"
