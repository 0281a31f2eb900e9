"""The members' directory, profile pages and photos, and @-name suggestions (members only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from core import ratelimit
from core.pagination import paginate, query_without_page

from .. import profiles
from ..avatars import photo_response
from ..forms import DirectoryFilter
from ..viewer import Viewer


def _members_only(request):
    if not Viewer.of(request).sees_members_area:
        raise Http404  # login_required sent anonymous visitors to the login already


@login_required
def member_directory(request):
    _members_only(request)
    form = DirectoryFilter(request.GET or None)
    listed = profiles.directory_profiles()
    if form.is_valid():
        listed = form.filter(listed)
    return render(
        request,
        "community/directory.html",
        {
            "form": form,
            "profiles": paginate(request, listed, 24),
            "query_string": query_without_page(request, keep=DirectoryFilter.base_fields),
            "active_filters": form.active_count(),
        },
    )


@login_required
def member_profile(request, username):
    profile = profiles.visible_profile(request.user, username)
    if profile is None:
        raise Http404
    member = profile.user
    readable = Viewer.of(request).readable_topics(member.topics.all())  # no group topics to outsiders
    topics = readable.filter(hidden=False).select_related("category")[:10]
    return render(request, "community/member_profile.html", {"member": member, "profile": profile, "topics": topics})


MENTION_SUGGESTIONS_SCOPE = "community-mention-suggestions"
MENTION_SUGGESTIONS_PER_MINUTE = 120  # a fast typist with the 150 ms pause in mentions.js stays well below


@login_required
@require_GET
def mention_suggestions(request):
    """JSON for static/js/mentions.js: the members the writer may mention, for "@Pe"."""
    if not Viewer.of(request).sees_members_area:
        return JsonResponse({"members": []}, status=403)
    if not ratelimit.consume(
        MENTION_SUGGESTIONS_SCOPE, request.user.pk, limit=MENTION_SUGGESTIONS_PER_MINUTE, period=60
    ):
        return JsonResponse({"members": []}, status=429)
    found = profiles.mention_candidates(request.user, request.GET.get("q"))
    response = JsonResponse(
        {
            "members": [
                {
                    "username": profile.user.get_username(),
                    "name": profile.display_name,
                    "detail": ", ".join(part for part in (profile.function, profile.organisation) if part),
                }
                for profile in found
            ]
        }
    )
    patch_cache_control(response, private=True, max_age=60)
    return response


@login_required
def member_photo(request, username):
    """The photo, for whoever may see the profile (never straight from /media/)."""
    profile = profiles.visible_profile(request.user, username)
    if profile is None or not profile.avatar:
        raise Http404
    return photo_response(profile.avatar)
