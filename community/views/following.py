"""Following by e-mail: the mode next to a topic's or category's follow button, the member's
overview of all of them (/account/meldingen/) and the unsubscribe link of every mail.

The rules live in ``community.following``; these views only read the form and call it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import following
from ..models import Category, CategoryFollow, NotificationMode, Topic, TopicSubscription
from ..viewer import Viewer

MODES = {mode.value for mode in NotificationMode}


def _mode(value):
    return value if value in MODES else None


@login_required
@require_POST
def topic_mode(request, pk):
    topic = get_object_or_404(Topic.objects.select_related("category"), pk=pk)
    if not Viewer.of(request).can_read(topic):
        raise Http404
    mode = _mode(request.POST.get("mode"))
    if mode is None:
        messages.error(request, _("Choose how you want to hear about new posts."))
    else:
        following.set_topic_mode(request.user, topic, mode)
        messages.success(request, _("Your e-mail setting for this topic has been saved."))
    return redirect(topic)


@login_required
@require_POST
def category_mode(request, slug):
    category = get_object_or_404(Category, slug=slug)
    if not Viewer.of(request).can_read_category(category):
        raise Http404
    mode = _mode(request.POST.get("mode"))
    if mode is None:
        messages.error(request, _("Choose how you want to hear about new posts."))
    else:
        following.set_category_mode(request.user, category, mode)
        messages.success(request, _("Your e-mail setting for this category has been saved."))
    return redirect(category)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Every readable category and every followed topic, each with its mode, in one form."""
    categories = list(Viewer.of(request).readable_categories(Category.objects.all()))
    category_modes = dict(CategoryFollow.objects.filter(user=request.user).values_list("category_id", "mode"))
    subscriptions = list(
        TopicSubscription.objects.filter(user=request.user)
        .select_related("topic__category")
        .order_by("-topic__last_activity_at")
    )
    viewer = Viewer.of(request)
    subscriptions = [s for s in subscriptions if viewer.can_read(s.topic)]
    invalid = False
    if request.method == "POST":
        invalid = not following.save_settings(request.user, request.POST, categories, subscriptions)
        if not invalid:
            messages.success(request, _("Your e-mail settings have been saved."))
            return redirect("community:notification_settings")
    return render(
        request,
        "community/notification_settings.html",
        {
            "categories": [(c, category_modes.get(c.pk, NotificationMode.OFF)) for c in categories],
            "subscriptions": subscriptions,
            "modes": NotificationMode.choices,
            "invalid": invalid,
        },
        status=400 if invalid else 200,
    )


@csrf_exempt  # RFC 8058: mail programs POST here without a session or a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """From the link in an e-mail: no login needed; GET asks (link scanners must not
    unsubscribe anyone), POST ends it. A tampered or outdated link gets a page saying so."""
    parsed = following.read_unsubscribe_token(token)
    subject = following.subject_of(*parsed[:2]) if parsed else None
    if subject is None:
        return render(request, "community/unsubscribe.html", {"invalid": True}, status=404)
    kind, ident, user_id = parsed
    done = request.method == "POST"
    if done:
        following.end_subscription(kind, ident, user_id)
    return render(request, "community/unsubscribe.html", {"kind": kind, "subject": subject, "done": done})
