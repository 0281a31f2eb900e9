"""Accepted answers and helpful votes on the topic page: POST-only buttons that ask
``community.answers`` and return to the post they acted on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import answers
from ..models import Post, Topic
from ..viewer import Viewer
from .discussions import POSTS_PER_PAGE

CHOICES = {"1": True, "0": False}


def _readable_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic__category", "author"), pk=pk)
    if not Viewer.of(request).can_read(post.topic):
        raise Http404
    return post


def _back_to(post):
    """The topic page that shows ``post``, at the post."""
    before = post.topic.posts.filter(created_at__lt=post.created_at).count()
    page = before // POSTS_PER_PAGE + 1
    return redirect(f"{post.topic.get_absolute_url()}?page={page}#bericht-{post.pk}")


@login_required
@require_POST
def mark_answer(request, pk):
    """``mark=1`` makes the post the answer of its topic; ``mark=0`` removes that mark."""
    post = _readable_post(request, pk)
    mark = CHOICES.get(request.POST.get("mark", "1"))
    if mark is None:
        return HttpResponseBadRequest()
    topic, viewer = post.topic, Viewer.of(request)
    if not answers.may_mark(viewer, topic):
        raise PermissionDenied
    if not mark and topic.accepted_answer_id != post.pk:
        return _back_to(post)  # not (or no longer) the answer: nothing to remove
    try:
        changed = answers.mark_answer(viewer, topic, post if mark else None)
    except answers.AnswerRefused as refused:
        messages.error(request, refused.message)
        return _back_to(post)
    if changed:
        messages.success(
            request, _("This reply is now the answer.") if mark else _("This reply is no longer the answer.")
        )
    return _back_to(post)


@login_required
@require_POST
def vote_helpful(request, pk):
    """``helpful=1`` records the member's vote, ``helpful=0`` takes it back (no value: toggle)."""
    post = _readable_post(request, pk)
    helpful = request.POST.get("helpful")
    if helpful is not None and helpful not in CHOICES:
        return HttpResponseBadRequest()
    answers.vote_helpful(Viewer.of(request), post, CHOICES.get(helpful))
    return _back_to(post)


@login_required
@require_POST
def set_question(request, pk):
    """``is_question=1`` or ``0``: the author or a moderator says whether the topic asks a question."""
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=pk)
    if not Viewer.of(request).can_read(topic):
        raise Http404
    is_question = CHOICES.get(request.POST.get("is_question", ""))
    if is_question is None:
        return HttpResponseBadRequest()
    if answers.set_question(Viewer.of(request), topic, is_question):
        messages.success(
            request, _("This topic now asks a question.") if is_question else _("This topic no longer asks a question.")
        )
    return redirect(topic)
