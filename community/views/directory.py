"""The members' directory and profiles (members only), and a member's own profile and data."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.pagination import paginate, query_without_page
from kennisplatform import ratelimit

from . import profiles
from .avatars import normalised_avatar, photo_response
from .forms import DeleteAccountForm, DirectoryFilter, ProfileForm
from .permissions import is_member, is_moderator
from .privacy import delete_account, export_member_data


def _members_only(request):
    if not (is_member(request.user) or is_moderator(request.user)):
        raise Http404  # login_required sent anonymous visitors to the login already


@login_required
def member_directory(request):
    _members_only(request)
    form = DirectoryFilter(request.GET or None)
    listed = profiles.directory_profiles()
    if form.is_valid():
        listed = form.filter(listed)
    return render(request, "community/directory.html", {
        "form": form, "profiles": paginate(request, listed, 24), "query_string": query_without_page(request, keep=DirectoryFilter.base_fields),
        "active_filters": form.active_count(),
    })


@login_required
def member_profile(request, username):
    profile = profiles.visible_profile(request.user, username)
    if profile is None:
        raise Http404
    member = profile.user
    topics = member.topics.filter(hidden=False).select_related("category")[:10]
    return render(request, "community/member_profile.html", {"member": member, "profile": profile, "topics": topics})


MENTION_SUGGESTIONS_SCOPE = "community-mention-suggestions"
MENTION_SUGGESTIONS_PER_MINUTE = 120  # a fast typist with the 150 ms pause in mentions.js stays well below


@login_required
@require_GET
def mention_suggestions(request):
    """JSON for static/js/mentions.js: the members the writer may mention, for "@Pe"."""
    if not (is_member(request.user) or is_moderator(request.user)):
        return JsonResponse({"members": []}, status=403)
    if not ratelimit.consume(MENTION_SUGGESTIONS_SCOPE, request.user.pk, limit=MENTION_SUGGESTIONS_PER_MINUTE, period=60):
        return JsonResponse({"members": []}, status=429)
    found = profiles.mention_candidates(request.user, request.GET.get("q"))
    response = JsonResponse({"members": [
        {
            "username": profile.user.get_username(),
            "name": profile.display_name,
            "detail": ", ".join(part for part in (profile.function, profile.organisation) if part),
        }
        for profile in found
    ]})
    patch_cache_control(response, private=True, max_age=60)
    return response


@login_required
def member_photo(request, username):
    """The photo, for whoever may see the profile (never straight from /media/)."""
    profile = profiles.visible_profile(request.user, username)
    if profile is None or not profile.avatar:
        raise Http404
    return photo_response(profile.avatar)


@login_required
def edit_profile(request):
    profile = profiles.own_profile(request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile,
                       initial={"first_name": request.user.first_name, "last_name": request.user.last_name})
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        if "avatar" in request.FILES:
            profile.avatar.save("avatar.jpg", normalised_avatar(request.FILES["avatar"]), save=False)
        profile.save()
        request.user.first_name, request.user.last_name = form.cleaned_data["first_name"], form.cleaned_data["last_name"]
        request.user.save(update_fields=["first_name", "last_name"])
        messages.success(request, _("Your profile has been saved."))
        return redirect("community:member", username=request.user.get_username())
    return render(request, "community/profile_form.html", {"form": form})


@login_required
def my_data(request):
    """See what we keep, download it, or delete the account (password required)."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Your account has been deleted. Your posts remain, without your name."))
        return redirect("/")
    return render(request, "community/my_data.html", {"form": form})


@login_required
def download_my_data(request):
    response = JsonResponse(export_member_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response
