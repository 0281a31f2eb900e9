"""Discussion pages: categories, topics, posting, editing, flagging and unsubscribing.

The rules live in ``viewer`` and ``posting``; these views only ask and show.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms import promote
from core.pagination import paginate

from .. import answers, following, markup, params, posting
from ..forms import FlagForm, PostForm, TopicForm
from ..models import Category, CategoryFollow, Flag, NotificationMode, Post, Topic, TopicSubscription
from ..viewer import Viewer

POSTS_PER_PAGE = posting.POSTS_PER_PAGE
PREVIEW_BUTTON = "voorbeeld"  # the name of the forms' "Preview" submit button


def _wants_preview(request):
    return PREVIEW_BUTTON in request.POST


def _deny(request):
    """Members-only content: log in if you can; otherwise it does not exist for you."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def category_list(request):
    categories = Viewer.of(request).readable_categories(Category.objects.all())
    return render(request, "community/category_list.html", {"categories": categories})


def category_detail(request, slug):
    category = get_object_or_404(following.with_viewer_category_mode(Category.objects.all(), request.user), slug=slug)
    viewer = Viewer.of(request)
    if not viewer.can_read_category(category):
        return _deny(request)
    topics = answers.with_answered(category.topics.select_related("author__profile"))
    if not viewer.moderator:
        topics = topics.filter(hidden=False)
    return render(
        request,
        "community/category_detail.html",
        {
            "category": category,
            "topics": paginate(request, topics),
            "may_post": viewer.can_post(),
            "follow_mode": _category_mode(request, category),
            "modes": NotificationMode.choices,
        },
    )


def topic_detail(request, pk, form=None, refusal=None, preview=None):
    topic = get_object_or_404(following.with_viewer_mode(Topic.objects.select_related("category"), request.user), pk=pk)
    viewer = Viewer.of(request)
    if not viewer.can_read(topic):
        return _deny(request)
    posts = answers.with_helpful_counts(topic.posts.select_related("author__profile"))
    posts = answers.with_viewer_votes(posts, request.user)
    page = paginate(request, posts, POSTS_PER_PAGE)
    may_post = viewer.can_post(topic)
    if form is None and may_post:
        form = PostForm(initial=_quoting(topic, request.GET.get("citeer")))
    return render(
        request,
        "community/topic_detail.html",
        {
            "topic": topic,
            "posts": page,
            "form": form if may_post else None,
            "refusal": refusal,
            "preview": preview,
            "categories": Category.objects.all() if viewer.moderator else [],
            "follow_mode": _topic_mode(request, topic, page),
            "modes": NotificationMode.choices,
            "editable": {post.pk for post in page if viewer.can_edit(post)},
            "flaggable": {post.pk for post in page if viewer.can_flag(post)},
            "promotable": promote.promotable_posts(request.user, topic, page),
            "answers": answers.thread_answers(viewer, topic, page),
        },
        status=400 if refusal or (form is not None and form.errors) else 200,
    )


def _category_mode(request, category):
    if not request.user.is_authenticated:
        return None
    if hasattr(category, "viewer_mode"):  # read with the category (following.with_viewer_category_mode)
        return category.viewer_mode
    return CategoryFollow.objects.filter(user=request.user, category=category).values_list("mode", flat=True).first()


def _topic_mode(request, topic, page):
    """The member's e-mail mode for this topic (None: not following); marks the page read."""
    if not request.user.is_authenticated:
        return None
    if len(page):
        following.mark_read(request.user, topic.pk, page[-1].created_at)
    if hasattr(topic, "viewer_mode"):  # read with the topic (following.with_viewer_mode)
        return topic.viewer_mode
    return topic.subscriptions.filter(user=request.user).values_list("mode", flat=True).first()


def _quoting(topic, citeer):
    """The reply form's start when quoting a visible post of this topic (?citeer=<id>); a bad
    or unknown id quotes nothing."""
    post_id = params.object_id(citeer)
    quoted = topic.posts.filter(pk=post_id, hidden=False).select_related("author").first() if post_id else None
    if quoted is None:
        return None
    return {"body": markup.quote(quoted.body, quoted.author.get_username() if quoted.author else None)}


@login_required
@require_http_methods(["GET", "POST"])
def new_topic(request, slug):
    category = get_object_or_404(Category, slug=slug)
    if not Viewer.of(request).can_read_category(category):
        raise Http404  # a group's category does not exist for outsiders
    if not Viewer.of(request).can_post():
        raise PermissionDenied
    form = TopicForm(request.POST or None)
    refusal = preview = None
    if request.method == "POST" and form.is_valid():
        if _wants_preview(request):
            preview = posting.preview(form.cleaned_data["body"])
        else:
            try:
                topic = posting.start_topic(
                    request.user,
                    category,
                    form.cleaned_data["title"],
                    form.cleaned_data["body"],
                    phase=form.cleaned_data["phase"],
                    is_question=form.cleaned_data["is_question"],
                )
            except posting.PostingRefused as refused:
                refusal = refused.message
            else:
                messages.success(request, _("Your topic has been posted."))
                return redirect(topic)
    return render(
        request,
        "community/topic_form.html",
        {
            "category": category,
            "form": form,
            "refusal": refusal,
            "preview": preview,
        },
        status=400 if refusal or form.errors else 200,
    )


@login_required
@require_POST
def reply(request, pk):
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=pk)
    if not Viewer.of(request).can_read(topic):
        raise Http404
    form = PostForm(request.POST)
    if not form.is_valid():
        return topic_detail(request, pk, form=form)
    if _wants_preview(request):
        return topic_detail(request, pk, form=form, preview=posting.preview(form.cleaned_data["body"]))
    try:
        post = posting.reply(request.user, topic, form.cleaned_data["body"])
    except posting.PostingRefused as refused:
        return topic_detail(request, pk, form=form, refusal=refused.message)
    messages.success(request, _("Your reply has been posted."))
    last_page = (topic.posts.count() - 1) // POSTS_PER_PAGE + 1
    return redirect(f"{topic.get_absolute_url()}?page={last_page}#bericht-{post.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic__category"), pk=pk)
    if not Viewer.of(request).can_edit(post):
        raise PermissionDenied
    form = PostForm(request.POST or None, initial={"body": post.body})
    refusal = preview = None
    if request.method == "POST" and form.is_valid() and _wants_preview(request):
        preview = posting.preview(form.cleaned_data["body"])
    elif request.method == "POST" and form.is_valid():
        try:
            posting.edit(request.user, post, form.cleaned_data["body"])
        except posting.PostingRefused as refused:
            refusal = refused.message
        else:
            messages.success(request, _("Your post has been changed."))
            return redirect(f"{post.topic.get_absolute_url()}#bericht-{post.pk}")
    return render(
        request, "community/post_edit.html", {"post": post, "form": form, "refusal": refusal, "preview": preview}
    )


@login_required
@require_http_methods(["GET", "POST"])
def flag_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic__category"), pk=pk)
    viewer = Viewer.of(request)
    if not (viewer.can_read(post.topic) and viewer.can_flag(post)):
        raise PermissionDenied
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                Flag.objects.get_or_create(post=post, reporter=request.user, defaults=form.cleaned_data)
        except IntegrityError:
            pass  # the same member's parallel request got there first: one flag is enough
        messages.success(request, _("Thank you. A moderator will look at this post."))
        return redirect(f"{post.topic.get_absolute_url()}#bericht-{post.pk}")
    return render(request, "community/flag_form.html", {"post": post, "form": form})


@login_required
@require_POST
def toggle_subscription(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    if not Viewer.of(request).can_read(topic):
        raise Http404
    subscription = TopicSubscription.objects.filter(topic=topic, user=request.user)
    if subscription.exclude(mode=NotificationMode.OFF).exists():
        subscription.delete()
        messages.success(request, _("You no longer receive e-mails about this topic."))
    else:  # not following, or muted: follow post by post
        following.set_topic_mode(request.user, topic, NotificationMode.EACH)
        messages.success(request, _("You will receive an e-mail when someone replies."))
    return redirect(topic)
