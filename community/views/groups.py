"""Group pages: the list of groups, a group's page (its discussions for members, "ask to
join" for everyone else), joining and leaving, and the managers' page.

The rules live in ``groups`` (who may change what) and ``viewer`` (who may read what).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import groups, params
from ..models import Group, GroupMembership, Topic
from ..viewer import Viewer

RECENT_TOPICS = 10


def group_list(request):
    """Every group, with the viewer's own standing in each; never what is discussed in them."""
    listed = list(Group.objects.select_related("collaboration"))
    mine = groups.memberships_by_group(request.user)
    for group in listed:
        group.membership = mine.get(group.pk)
    return render(request, "community/group_list.html", {"groups": listed})


def group_detail(request, slug):
    group = get_object_or_404(Group.objects.select_related("collaboration"), slug=slug)
    viewer = Viewer.of(request)
    reads = viewer.moderator or viewer.in_group(group.pk)
    context = {
        "group": group,
        "membership": groups.membership_of(group, request.user),
        "reads": reads,
        "manages": viewer.manages(group.pk),
    }
    if reads:
        topics = viewer.readable_topics(Topic.objects.filter(category__group=group))
        context["categories"] = group.categories.all()
        context["topics"] = topics.select_related("category", "author__profile")[:RECENT_TOPICS]
    return render(request, "community/group_detail.html", context)


@login_required
@require_POST
def join(request, slug):
    group = get_object_or_404(Group, slug=slug)
    try:
        membership = groups.request_to_join(group, request.user)
    except groups.GroupRefused as refused:
        messages.error(request, refused.message)
    else:
        if not membership.approved:
            messages.success(request, _("Your request has been sent to the group's managers."))
    return redirect(group)


@login_required
@require_POST
def leave(request, slug):
    group = get_object_or_404(Group, slug=slug)
    try:
        groups.leave(group, request.user)
    except groups.GroupRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("You are no longer in this group."))
    return redirect(group)


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, slug):
    """Requests and members, for the group's managers only (403 for anyone else)."""
    group = get_object_or_404(Group, slug=slug)
    if not Viewer.of(request).manages(group.pk):
        raise PermissionDenied
    if request.method == "POST":
        return _manage_action(request, group)
    memberships = group.memberships.select_related("member__profile").order_by("requested_at", "pk")
    return render(
        request,
        "community/group_manage.html",
        {
            "group": group,
            "requests": [m for m in memberships if not m.approved],
            "members": [m for m in memberships if m.approved],
            "last_manager": sum(m.is_manager for m in memberships) == 1,
        },
    )


def _manage_action(request, group):
    action = groups.ACTIONS.get(request.POST.get("action", ""))
    membership_id = params.object_id(request.POST.get("membership"))
    if action is None or membership_id is None:
        raise Http404  # a form we never made
    if not GroupMembership.objects.filter(group=group, pk=membership_id).exists():
        messages.info(request, _("This request or membership has already been handled."))  # a double submit
        return redirect("community:group_manage", group.slug)
    try:
        action(group, request.user, membership_id)
    except groups.GroupRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Done."))
    return redirect("community:group_manage", group.slug)
