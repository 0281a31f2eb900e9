"""Question topics, accepted answers and helpful votes: who may do what, and what a topic page
shows of them.

A topic started as a question (``Topic.is_question``) gets one accepted answer, marked by its
author or a moderator: a visible reply in that topic, never the opening post. A moderator's
mark in someone else's topic is logged like other moderation. Members who may post mark replies
as helpful: one vote per member per post, never on their own post; pressing again takes it back.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .models import HelpfulVote, ModerationAction, Post, Topic

ANSWERED = Q(is_question=True, accepted_answer__isnull=False, accepted_answer__hidden=False)


class AnswerRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def with_answered(topics):
    """``topics`` annotated with ``is_answered``: a question whose accepted answer is visible
    (the "beantwoord" of the topic lists), without a query per topic."""
    return topics.annotate(is_answered=ExpressionWrapper(ANSWERED, output_field=BooleanField()))


def with_helpful_counts(posts):
    """``posts`` annotated with ``helpful_count``, in the same query (a subquery, no GROUP BY
    over the posts' text)."""
    counts = (
        HelpfulVote.objects.filter(post=OuterRef("pk")).order_by().values("post").annotate(n=Count("pk")).values("n")
    )
    return posts.annotate(helpful_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


def with_viewer_votes(posts, user):
    """``posts`` annotated with ``viewer_voted`` (whether ``user`` found it helpful), in the same
    query; unchanged for a visitor, who cannot vote."""
    if not user.is_authenticated:
        return posts
    return posts.annotate(viewer_voted=Exists(HelpfulVote.objects.filter(member=user, post=OuterRef("pk"))))


def opening_post_id(topic):
    return topic.posts.order_by("created_at", "pk").values_list("pk", flat=True).first()


# --- marking the answer ---------------------------------------------------------------------


def may_mark(viewer, topic):
    """The topic's author (a member who may post) or a moderator, in a question they can read."""
    if not topic.is_question or not viewer.can_read(topic):
        return False
    if viewer.moderator:
        return True
    return topic.author_id is not None and topic.author_id == viewer.user.pk and viewer.can_post()


def may_change_question(viewer, topic):
    """Whether the topic asks a question is for its author (who may post) and moderators."""
    if not viewer.can_read(topic):
        return False
    return viewer.moderator or (topic.author_id is not None and topic.author_id == viewer.user.pk and viewer.can_post())


def _log(viewer, topic, kind, post):
    """A moderator acting in someone else's topic leaves a trace in the moderation log."""
    if viewer.moderator and topic.author_id != viewer.user.pk:
        ModerationAction.objects.create(moderator=viewer.user, kind=kind, post=post, topic=topic, member=post.author)


def mark_answer(viewer, topic, post):
    """Make ``post`` the accepted answer of ``topic``; ``post=None`` removes the mark.

    Raises PermissionDenied for who may not, AnswerRefused (with a message) for a post that
    cannot be the answer. Marking the answer that is already marked changes nothing.
    """
    if not may_mark(viewer, topic):
        raise PermissionDenied
    if post is not None:
        if post.topic_id != topic.pk or post.hidden:
            raise AnswerRefused(_("Only a visible reply in this topic can be its answer."))
        if post.pk == opening_post_id(topic):
            raise AnswerRefused(_("The first post asks the question; choose a reply that answers it."))
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        previous_id = locked.accepted_answer_id
        new_id = post.pk if post is not None else None
        if previous_id == new_id:
            return False
        topic.accepted_answer = post
        topic.save(update_fields=["accepted_answer"])  # the search item follows (search/signals.py)
        if post is not None:
            _log(viewer, topic, ModerationAction.Kind.ACCEPT, post)
        else:
            _log(viewer, topic, ModerationAction.Kind.UNACCEPT, Post.objects.filter(pk=previous_id).first())
    return True


def set_question(viewer, topic, is_question):
    """Turn asking a question on or off; off forgets the accepted answer."""
    if not may_change_question(viewer, topic):
        raise PermissionDenied
    if topic.is_question == is_question:
        return False
    topic.is_question = is_question
    if not is_question:
        topic.accepted_answer = None
    topic.save(update_fields=["is_question", "accepted_answer"])
    return True


# --- helpful votes --------------------------------------------------------------------------


def may_vote(viewer, post):
    """Members who may post, on a visible post that is not their own, in a topic they can read."""
    return (
        viewer.can_post()
        and not post.hidden
        and post.author_id != viewer.user.pk
        and not post.topic.hidden
        and viewer.can_read(post.topic)
    )


def vote_helpful(viewer, post, helpful=None):
    """Record (``helpful=True``), take back (``False``) or toggle (``None``) the viewer's vote;
    return whether the viewer now finds the post helpful. A form says which state it wants,
    so a double submit lands where the first one did."""
    if not may_vote(viewer, post):
        raise PermissionDenied
    votes = HelpfulVote.objects.filter(post=post, member=viewer.user)
    if helpful is None:
        helpful = not votes.exists()
    if not helpful:
        votes.delete()
        return False
    try:
        with transaction.atomic():
            HelpfulVote.objects.get_or_create(post=post, member=viewer.user)
    except IntegrityError:
        pass  # a parallel request of the same member got there first: one vote is enough
    return True


# --- what the topic page shows --------------------------------------------------------------


@dataclass
class ThreadAnswers:
    """What one page of a topic shows of its answer and votes."""

    accepted: object = None  # the accepted answer (with helpful_count), when visible
    may_change_question: bool = False
    markable: set = field(default_factory=set)  # ids of posts the viewer may mark as the answer
    votable: set = field(default_factory=set)  # ids of posts the viewer may vote on
    voted: set = field(default_factory=set)  # ids of posts the viewer found helpful


def thread_answers(viewer, topic, page):
    """The answer and votes of ``page`` (posts from ``with_helpful_counts``, and from
    ``with_viewer_votes`` to save the votes' query), in at most three queries however many
    posts the page holds."""
    posts = list(page)
    state = ThreadAnswers(may_change_question=may_change_question(viewer, topic))
    if topic.is_question and topic.accepted_answer_id:
        on_page = [post for post in posts if post.pk == topic.accepted_answer_id]
        accepted = on_page[0] if on_page else None
        if accepted is None:
            accepted = (
                with_helpful_counts(Post.objects.select_related("author__profile"))
                .filter(pk=topic.accepted_answer_id)
                .first()
            )
        state.accepted = accepted if accepted is not None and not accepted.hidden else None
    if may_mark(viewer, topic):
        first_page = getattr(page, "number", 1) == 1
        opening = posts[0].pk if first_page and posts else opening_post_id(topic)
        state.markable = {post.pk for post in posts if not post.hidden and post.pk != opening}
    state.votable = {post.pk for post in posts if may_vote(viewer, post)}
    if state.votable and all(hasattr(post, "viewer_voted") for post in posts):
        state.voted = {post.pk for post in posts if post.pk in state.votable and post.viewer_voted}
    elif state.votable:
        state.voted = set(
            HelpfulVote.objects.filter(member=viewer.user, post__in=state.votable).values_list("post_id", flat=True)
        )
    return state
