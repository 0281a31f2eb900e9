"""The moderators' pages: the queue of flagged posts, actions on posts, topics and members,
and the log. Moderators are the Moderators and Editors groups (see ``viewer``)."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.pagination import paginate
from core.redirects import redirect_to_next

from .. import moderation, params
from ..models import Category, ModerationAction, Post, Topic
from ..permissions import active_suspension
from ..viewer import Viewer


def moderator_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not Viewer.of(request).moderator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500, required=False)


class SuspendForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Until (empty: until lifted)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


@moderator_required
def queue(request):
    return render(request, "community/moderation/queue.html", {"posts": paginate(request, moderation.open_flags())})


@moderator_required
@require_POST
def post_action(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic"), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    action = request.POST.get("action")
    if action == "hide":
        if not reason:
            messages.error(request, _("Give a reason for hiding the post; the author and other moderators see it."))
            return redirect_to_next(request, "community:moderation_queue")
        moderation.hide_post(request.user, post, reason)
        messages.success(request, _("The post is hidden."))
    elif action == "restore":
        moderation.restore_post(request.user, post, reason)
        messages.success(request, _("The post is visible again."))
    elif action == "dismiss":
        moderation.dismiss_flags(request.user, post, reason)
        messages.success(request, _("The reports are dismissed; the post stays."))
    else:
        raise PermissionDenied
    return redirect_to_next(request, "community:moderation_queue")


@moderator_required
@require_POST
def topic_action(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    action = request.POST.get("action")
    reason = request.POST.get("reason", "")[:500]
    if action in ("lock", "unlock"):
        moderation.set_locked(request.user, topic, action == "lock", reason)
    elif action in ("pin", "unpin"):
        moderation.set_pinned(request.user, topic, action == "pin", reason)
    elif action == "move":
        category = Category.objects.filter(pk=params.object_id(request.POST.get("category"))).first()
        if category is None:
            messages.error(request, _("Choose the category to move the topic to."))
            return redirect(topic)
        moderation.move_topic(request.user, topic, category, reason)
    else:
        raise PermissionDenied
    messages.success(request, _("Done."))
    return redirect(topic)


@moderator_required
def member_action(request, username):
    member = get_object_or_404(get_user_model(), username=username)
    form = SuspendForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "lift":
            moderation.lift_suspensions(request.user, member, request.POST.get("reason", "")[:500])
            messages.success(request, _("The suspension is lifted."))
            return redirect("community:moderation_member", username=username)
        if form.is_valid():
            moderation.suspend(request.user, member, form.cleaned_data["reason"], form.cleaned_data["ends_at"])
            messages.success(request, _("The member is suspended and can no longer post."))
            return redirect("community:moderation_member", username=username)
    return render(
        request,
        "community/moderation/member.html",
        {
            "member": member,
            "form": form,
            "suspension": active_suspension(member),
            "actions": ModerationAction.objects.filter(member=member)[:20],
        },
    )


@moderator_required
def log(request):
    actions = ModerationAction.objects.select_related("moderator__profile", "post", "topic", "member")
    return render(request, "community/moderation/log.html", {"actions": paginate(request, actions, 50)})
