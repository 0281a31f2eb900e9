"""Turning the accepted answer of a question topic into a draft question and answer.

An editor who may add questions under the questions overview (a Wagtail page permission, plus
access to the admin where the draft opens) can make the accepted answer of a topic that asks a
question (``community.answers``) into a ``QuestionPage`` draft: the topic's title as the
question and its opening post as the question in full, the answer's sanitised HTML as the
answer, the member credited by the name the discussions show, and a link back to the topic and
post. The draft is never published here: an editor rewrites and publishes it in Wagtail.

Replies in members-only categories, hidden replies or topics, a topic's opening post and any
reply that is not the accepted answer of a question are refused; promoting the same reply twice
opens the first draft.
Staff accounts reach this only with a session that passed the second factor
(``core.security.StaffTwoFactorMiddleware``).
"""

from html import unescape

import nh3
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from cms.models import QuestionIndexPage, QuestionPage
from community.models import Post

ADMIN_PERMISSION = "wagtailadmin.access_admin"
# The reply's markup that the answer keeps (the site's rich text features); other tags (code,
# quotes, rules) give up their markup but keep their text.
ANSWER_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3"}
SUMMARY_CHARS = 300


class PromotionRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def question_index():
    return QuestionIndexPage.objects.order_by("path").first()


def can_promote(user):
    """May ``user`` turn replies into questions? Asked by a topic page that shows an accepted
    answer (staff only get past the first check)."""
    if not (user.is_authenticated and user.is_active and _has_admin_access(user)):
        return False
    index = question_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def _has_admin_access(user):
    """``user.has_perm(ADMIN_PERMISSION)`` for an active user as the ModelBackend answers it
    (superusers, or the permission given to the user or one of their groups), in one query
    instead of two."""
    if user.is_superuser:
        return True
    app_label, codename = ADMIN_PERMISSION.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return granted.filter(Q(user=user) | Q(group__user=user)).exists()


def refusal(post):
    """Why ``post`` cannot become a question (a message), or None if it can."""
    topic = post.topic
    if not topic.category.is_public:
        return _("Replies in a members-only category stay there: they cannot become a public question.")
    if post.hidden or topic.hidden:
        return _("This reply or its topic is hidden, so it cannot become a question.")
    if post.pk == opening_post_id(topic):
        return _("The first post of a topic asks the question; choose a reply that answers it.")
    if not topic.is_question or topic.accepted_answer_id != post.pk:
        return _("Only the accepted answer of a question can become a Q&A page.")
    return None


def opening_post_id(topic):
    return topic.posts.order_by("created_at", "pk").values_list("pk", flat=True).first()


def promotable_posts(user, topic, posts):
    """The ids of ``posts`` (one page of ``topic``) that ``user`` may turn into questions: the
    accepted answer, when it is on this page and visible."""
    if not topic.is_question or not topic.accepted_answer_id:
        return set()
    if not topic.category.is_public or topic.hidden:
        return set()
    # Who may promote is asked only when the answer is on this page: most pages need no query.
    candidates = {post.pk for post in posts if post.pk == topic.accepted_answer_id and not post.hidden}
    return candidates if candidates and can_promote(user) else set()


def existing_question(post):
    return QuestionPage.objects.filter(source_post=post).order_by("pk").first()


def credited_name(author):
    """The name the discussions show for ``author`` (community/includes/author.html)."""
    if author is None:  # the member deleted their account: nobody to credit
        return ""
    return author.get_full_name() or author.get_username()


def answer_html(post):
    return nh3.clean(post.body_html, tags=ANSWER_TAGS, attributes={"a": {"href"}}, link_rel=None)


def plain(post):
    return " ".join(unescape(strip_tags(post.body_html)).split())


def short_answer(post):
    return Truncator(plain(post)).chars(SUMMARY_CHARS)


def question_text(topic):
    """The opening post's words: the question in full (empty when it is hidden)."""
    opening = topic.posts.order_by("created_at", "pk").first()
    return plain(opening) if opening is not None and not opening.hidden else ""


@transaction.atomic
def promote(user, post_id):
    """Make a draft question of the accepted answer ``post_id``; return (question, created).

    Raises PromotionRefused with a message for the editor, and Post.DoesNotExist for an unknown
    post. The post's row is locked, so a double submit waits and then finds the first draft.
    """
    post = Post.objects.select_for_update(of=("self",)).select_related("topic__category", "author").get(pk=post_id)
    existing = existing_question(post)
    if existing is not None:
        return existing, False
    message = refusal(post)
    if message:
        raise PromotionRefused(message)
    index = question_index()
    topic = post.topic
    question = QuestionPage(
        title=topic.title,
        question=question_text(topic),
        slug=find_available_slug(index, slugify(topic.title)[:80] or "vraag"),
        summary=short_answer(post),
        body=[("paragraph", answer_html(post))],
        credited_name=credited_name(post.author),
        source_topic=topic,
        source_post=post,
        live=False,
        owner=user,
    )
    # What search finds the topic under (its category's theme and collaboration) tags the draft.
    if topic.category.theme_id:
        question.themes = [topic.category.theme]
    if topic.category.collaboration_id:
        question.collaborations = [topic.category.collaboration]
    index.add_child(instance=question)
    question.save_revision(user=user, log_action=False)
    log(instance=question, action="wagtail.create", user=user)
    return question, True
